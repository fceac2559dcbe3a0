// Applies the body's decision on a roadmap revision once (the vote closer calls it through
// `matters.apply`): adopted, the revision's changes take effect together, each logged with the
// revision and the vote; rejected, they are discarded from the roadmap's way (the revision keeps
// them on its record, and the log shows the rejection). Safe to run again after a crash: the
// revision records the decision in the same transaction as its effects.
import type { PersonRef } from '../../../shared/personRef.js';
import type { Applied, GateVote } from '../../votes/domain/gateVote.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { RoadmapRevisionRepository } from './revisions.js';

export async function applyRoadmapRevision(
  revisions: Pick<RoadmapRevisionRepository, 'decide'>,
  vote: GateVote,
  adopted: boolean,
  by: PersonRef,
  at: number,
): Promise<Applied> {
  if (vote.matter?.kind !== 'roadmap-revision') return { at, ok: false, error: 'not-a-roadmap-revision' };
  const key: ProgrammeKey = { tenantId: vote.tenantId, programmeId: vote.programmeId };
  const decided = await revisions.decide(key, vote.matter.revisionId, { adopted, voteId: vote.id, at, by });
  return decided.ok ? { at, ok: true } : { at, ok: false, error: decided.error.code };
}
