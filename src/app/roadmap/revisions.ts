// Pending roadmap changes and revisions (Digi Rogaland §4.7: «styringsgruppen beslutter
// eventuelle endringer»): the storage port, and the use cases around the draft: what the
// revision card shows, and the office withdrawing a pending change. Putting the revision to the
// vote is openRevisionVote.ts; applying the decision is revisionDecision.ts.
import type { Idea } from '../../domain/idea/idea.js';
import { err, ok, type Result } from '../../domain/idea/result.js';
import {
  changeAgainst,
  isOpenRevision,
  roadmapBodyOf,
  type PendingChange,
  type ProposedChange,
  type RevisionDecision,
  type RevisionProblem,
  type RoadmapProposal,
  type StageOutcome,
} from '../../domain/roadmap/revision.js';
import type { RoadmapEntry, RoadmapProblem } from '../../domain/roadmap/roadmap.js';
import { accessTo, officeAccess, type Access } from '../ideas/ideaAccess.js';
import type { IdeaUseCaseError } from '../ideas/ideaErrors.js';
import type { IdeaRepository, ProgrammeKey } from '../ideas/ideaRepository.js';
import { mapPool } from '../../shared/pool.js';
import type { RequestContext } from '../requestContext.js';
import type { RoadmapRepository } from './roadmapRepository.js';

/** The draft and the revisions of one programme's roadmap, stored beside its entries so a
 * decision writes the entries, the log and the revision together. */
export interface RoadmapRevisionRepository {
  /** The pending changes, by idea number. */
  pending(key: ProgrammeKey): Promise<PendingChange[]>;
  /** Sets, replaces or drops one idea's pending change under its ETag. `change` is pure, sees
   * the adopted entry, the pending change and how many ideas have one, and may run twice. */
  stage(
    key: ProgrammeKey,
    ideaNumber: string,
    change: (adopted: RoadmapEntry | undefined, pending: PendingChange | undefined, pendingCount: number) => Result<StageOutcome, RoadmapProblem | RevisionProblem>,
  ): Promise<Result<StageOutcome, RoadmapProblem | RevisionProblem>>;
  /** Drops one idea's pending change; the dropped change, or undefined if there was none. */
  withdraw(key: ProgrammeKey, ideaNumber: string): Promise<PendingChange | undefined>;
  /**
   * Moves every pending change into a new, numbered revision in one transaction, once per
   * submission (a repeated submission returns the first revision, `created: false`). `build` is
   * pure and may run more than once.
   */
  propose(
    key: ProgrammeKey,
    submissionId: string,
    build: (state: { sequence: number; pending: PendingChange[]; adopted: RoadmapEntry[]; open?: RoadmapProposal }) => Result<RoadmapProposal, RevisionProblem>,
  ): Promise<Result<{ proposal: RoadmapProposal; created: boolean }, RevisionProblem>>;
  /** The revision not yet decided, if any (at most one). */
  open(key: ProgrammeKey): Promise<RoadmapProposal | undefined>;
  /** Records the revision's vote (once). */
  markVoting(key: ProgrammeKey, id: string, voteId: string): Promise<RoadmapProposal | undefined>;
  get(key: ProgrammeKey, id: string): Promise<RoadmapProposal | undefined>;
  /** Newest first. */
  list(key: ProgrammeKey, limit: number): Promise<RoadmapProposal[]>;
  /** Records the decision once; adopted, the changes take effect in the same transaction. */
  decide(key: ProgrammeKey, id: string, decision: RevisionDecision): Promise<Result<RoadmapProposal, RevisionProblem>>;
  /** Whether a revision was put to the vote (or, where no body decides, an edit took effect)
   * in [from, until): what makes a roadmap-revision period done. */
  revisedBetween(key: ProgrammeKey, from: number, until: number): Promise<boolean>;
}

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
