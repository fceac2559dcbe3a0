// Pending roadmap changes and revisions (Digi Rogaland §4.7: «styringsgruppen beslutter
// eventuelle endringer»): the storage port, and the use cases around the draft: what the
// revision card shows, and the office withdrawing a pending change. Putting the revision to the
// vote is openRevisionVote.ts; applying the decision is revisionDecision.ts.
import type { Idea } from '../../ideas/domain/idea.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { changeAgainst, isOpenRevision, roadmapBodyOf, type PendingChange, type ProposedChange, type RevisionProblem, type RoadmapProposal } from '../domain/revision.js';
import type { RoadmapEntry } from '../domain/roadmap.js';
import { type Access, officeAccess, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { mapPool } from '../../../shared/pool.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { RoadmapRepository } from './roadmapRepository.js';
import type { RoadmapRevisionRepository } from './ports.js';
export type { RoadmapRevisionRepository } from './ports.js';

export type RevisionError = IdeaUseCaseError | RevisionProblem;

/** A change with the idea it is about (the idea may be gone: never deleted in practice). */
export interface ChangeRow {
  change: ProposedChange;
  idea?: Idea;
}

/** Decided revisions shown on the revision card. */
export const DECIDED_ON_CARD = 5;

export interface RevisionPicture {
  access: Access;
  body: string;
  /** Pending changes measured against the adopted roadmap (changes that no longer change
   * anything are left out). */
  pending: ChangeRow[];
  /** The revision put to the vote and not yet decided. */
  open?: { proposal: RoadmapProposal; rows: ChangeRow[] };
  /** The last decided revisions, newest first. */
  decided: RoadmapProposal[];
}

/** Pending changes against the adopted roadmap, with their ideas. */
export async function pendingRows(
  ideas: Pick<IdeaRepository, 'get'>,
  key: ProgrammeKey,
  adopted: readonly RoadmapEntry[],
  pending: readonly PendingChange[],
): Promise<ChangeRow[]> {
  const byNumber = new Map(adopted.map((e) => [e.ideaNumber, e]));
  const changes = pending.map((p) => changeAgainst(byNumber.get(p.ideaNumber), p)).filter((c): c is ProposedChange => c !== undefined);
  return rowsOf(ideas, key, changes);
}

export async function rowsOf(ideas: Pick<IdeaRepository, 'get'>, key: ProgrammeKey, changes: readonly ProposedChange[]): Promise<ChangeRow[]> {
  // A revision may change many entries: a few reads at a time (issue 25).
  const found = await mapPool(changes, 4, (c) => ideas.get(key, c.ideaNumber));
  return changes.map((change, i) => ({ change, ...(found[i] ? { idea: found[i] } : {}) }));
}

/** The revision card: open to everyone in the programme, as the roadmap is. */
export async function showRevision(
  deps: { ideas: Pick<IdeaRepository, 'get'>; roadmap: Pick<RoadmapRepository, 'list'>; revisions: RoadmapRevisionRepository },
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<RevisionPicture, RevisionError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const body = roadmapBodyOf(access.value.programme);
  if (!body) return err({ code: 'no-roadmap-body' });
  const { key } = access.value;
  const [adopted, pending, recent] = await Promise.all([deps.roadmap.list(key), deps.revisions.pending(key), deps.revisions.list(key, DECIDED_ON_CARD + 1)]);
  const open = recent.find(isOpenRevision);
  return ok({
    access: access.value,
    body,
    pending: await pendingRows(deps.ideas, key, adopted, pending),
    ...(open ? { open: { proposal: open, rows: await rowsOf(deps.ideas, key, open.changes) } } : {}),
    decided: recent.filter((p) => !isOpenRevision(p)).slice(0, DECIDED_ON_CARD),
  });
}

/** The office drops an idea's pending change. */
export async function withdrawPending(
  revisions: Pick<RoadmapRevisionRepository, 'withdraw'>,
  ctx: RequestContext,
  request: { programmeId: string; number: string },
): Promise<Result<PendingChange | undefined, RevisionError>> {
  const access = officeAccess(ctx, request.programmeId);
  if (!access.ok) return access;
  if (!roadmapBodyOf(access.value.programme)) return err({ code: 'no-roadmap-body' });
  return ok(await revisions.withdraw(access.value.key, request.number));
}
