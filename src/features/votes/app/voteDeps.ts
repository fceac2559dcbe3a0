// What the voting use cases work with. Composed in app.ts.
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { ConversationStore } from '../../../shared/ports.js';
import type { VoteBoard } from './voteBoard.js';
import type { BodyChannelRepository, VoteRef, VoteRepository } from './voteRepository.js';
import type { Applied, GateVote } from '../domain/gateVote.js';
import type { PersonRef } from '../../../shared/personRef.js';
import type { Withdrawal } from '../../membership/domain/withdrawal.js';
import type { AuditLog } from '../../confidentiality/app/ports.js';

/** Whether an idea has a roadmap entry; asked before a gate that starts a project. */
export interface RoadmapCheck {
  onRoadmap(key: ProgrammeKey, ideaNumber: string): Promise<boolean>;
}

/** Applies a decision on a matter that is not an idea's gate (an admission) once. */
export interface MatterDecisions {
  apply(vote: GateVote, adopted: boolean, by: PersonRef, at: number): Promise<Applied>;
}

/**
 * The programme's recorded withdrawals, as the directory serves them (no storage read on the
 * vote path): from a withdrawal's effective date its party's people no longer vote in a
 * running vote (departedVoters.ts).
 */
export interface DepartureSource {
  withdrawalsOf(key: ProgrammeKey): readonly Withdrawal[];
}

export interface VoteDeps {
  /** Where an override of the parties' decisions is recorded (DSOP §4.4); app.ts gives it. */
  audit?: Pick<AuditLog, 'append'>;
  ideas: IdeaRepository;
  votes: VoteRepository;
  channels: BodyChannelRepository;
  conversations: ConversationStore;
  board: VoteBoard;
  roadmap: RoadmapCheck;
  matters: MatterDecisions;
  departures: DepartureSource;
}

/** Who acts when the clock closes a vote. */
export const SYSTEM: PersonRef = { id: 'samspill', name: 'Samspill' };

export const refOf = (vote: Pick<GateVote, 'tenantId' | 'programmeId' | 'id'>): VoteRef => ({
  tenantId: vote.tenantId,
  programmeId: vote.programmeId,
  voteId: vote.id,
});
