// What the voting use cases work with. Composed in app.ts.
import type { IdeaRepository } from '../ideas/ideaRepository.js';
import type { ConversationStore } from '../ports.js';
import type { VoteBoard } from './voteBoard.js';
import type { BodyChannelRepository, VoteRef, VoteRepository } from './voteRepository.js';
import type { GateVote } from '../../domain/vote/gateVote.js';
import type { PersonRef } from '../../domain/idea/idea.js';

export interface VoteDeps {
  ideas: IdeaRepository;
  votes: VoteRepository;
  channels: BodyChannelRepository;
  conversations: ConversationStore;
  board: VoteBoard;
}

/** Who acts when the clock closes a vote. */
export const SYSTEM: PersonRef = { id: 'samspill', name: 'Samspill' };

export const refOf = (vote: Pick<GateVote, 'tenantId' | 'programmeId' | 'id'>): VoteRef => ({
  tenantId: vote.tenantId,
  programmeId: vote.programmeId,
  voteId: vote.id,
});
