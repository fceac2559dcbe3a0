// The roadmap (veikart): everyone in the programme sees it; the office adds and changes
// entries, and every change that takes effect is logged. Where the programme names a body that
// decides roadmap changes (Digi Rogaland §4.7: «styringsgruppen beslutter eventuelle endringer»),
// the office's edits are pending changes until that body adopts them (revisions.ts); elsewhere
// they take effect at once. `startAllowed` is what the gate that starts a project must ask (§6:
// a project cannot be started without a roadmap entry); it reads the adopted roadmap only.
import { compareIdeaNumbers } from '../../ideas/domain/ideaNumber.js';
import type { Idea } from '../../ideas/domain/idea.js';
import { err, ok, type Result } from '../../../shared/result.js';
import {
  isOpenRevision,
  roadmapBodyOf,
  stageChange,
  type PendingChange,
  type RevisionProblem,
  type RoadmapProposal,
} from '../domain/revision.js';
import {
  mayStart,
  planEntry,
  roadmapLayout,
  type RoadmapEntry,
  type RoadmapLayout,
  type RoadmapProblem,
  type RoadmapRevision,
} from '../domain/roadmap.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { type Access, officeAccess, accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import { everyListed, projectPhases } from '../../ideas/app/everyListed.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { mapPool } from '../../../shared/pool.js';
import { pendingRows, type ChangeRow, type RoadmapRevisionRepository } from './revisions.js';
import type { RoadmapRepository } from './roadmapRepository.js';

export type { PlanOutcome, RoadmapRepository } from './roadmapRepository.js';

export type RoadmapError = IdeaUseCaseError | RoadmapProblem | RevisionProblem;

/** The changes not in force yet, where a body decides roadmap changes. */
export interface RoadmapChanges {
  body: string;
  /** The revision put to the vote and not yet decided, with its changes. */
  open?: { proposal: RoadmapProposal; rows: ChangeRow[] };
  /** Pending changes not yet put to the vote. */
  pending: ChangeRow[];
}

export interface RoadmapPicture {
  access: Access;
  /** The adopted roadmap. */
  layout: RoadmapLayout<Idea>;
  lastRevision?: RoadmapRevision;
  changes?: RoadmapChanges;
}

export async function showRoadmap(
  ideas: IdeaRepository,
  roadmap: RoadmapRepository,
  ctx: RequestContext,
  programmeId: string,
  revisions?: RoadmapRevisionRepository,
): Promise<Result<RoadmapPicture, RoadmapError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const { key, programme } = access.value;
  const body = roadmapBodyOf(programme);
  // The open projects from the index of their phases, and the ideas the roadmap and its
  // revisions name one by one (a few at a time): never the programme's every idea (issue 25.1).
  const [projects, entries, last, pending, open] = await Promise.all([
    everyListed(ideas, key, { by: 'phases', phases: projectPhases(programme) }),
    roadmap.list(key),
    roadmap.revisions(key, 1),
    body && revisions ? revisions.pending(key) : Promise.resolve([]),
    body && revisions ? revisions.open(key) : Promise.resolve(undefined),
  ]);
  const byNumber = new Map(projects.map((i) => [i.number, i]));
  const named = [...new Set([...entries, ...pending, ...(open && isOpenRevision(open) ? open.changes : [])].map((e) => e.ideaNumber))].filter((n) => !byNumber.has(n));
  for (const idea of await mapPool(named, 4, (n) => ideas.get(key, n))) if (idea) byNumber.set(idea.number, idea);
  const all = [...byNumber.values()];
  const sorted = [...all].sort((a, b) => compareIdeaNumbers(a.number, b.number));
  const lookup = { get: async (_key: ProgrammeKey, n: string) => byNumber.get(n) };
  const changes: RoadmapChanges | undefined = body
    ? {
        body,
        pending: await pendingRows(lookup, key, entries, pending),
        ...(open && isOpenRevision(open) ? { open: { proposal: open, rows: open.changes.map((change) => ({ change, ...(byNumber.get(change.ideaNumber) ? { idea: byNumber.get(change.ideaNumber)! } : {}) })) } } : {}),
      }
    : undefined;
  return ok({
    access: access.value,
    layout: roadmapLayout(programme, sorted, entries),
    ...(last[0] ? { lastRevision: last[0] } : {}),
    ...(changes ? { changes } : {}),
  });
}

export interface PlanRequest {
  programmeId: string;
  number: string;
  start: string;
  end: string;
  note: string;
}

/** What an office edit did. */
export type EditOutcome =
  /** Took effect at once (no body decides this programme's roadmap). */
  | { kind: 'saved'; entry: RoadmapEntry; revision: RoadmapRevision }
  /** Is now the idea's pending change, for the body to decide in a revision. */
  | { kind: 'staged'; pending: PendingChange; body: string }
  /** Said what the adopted roadmap says: the idea's pending change is dropped. */
  | { kind: 'withdrawn'; body: string }
  | { kind: 'unchanged' };

/** Adds or changes an idea's roadmap entry (office only): at once, or as a pending change where
 * a body decides roadmap changes. */
export async function planRoadmapEntry(
  ideas: IdeaRepository,
  roadmap: RoadmapRepository,
  ctx: RequestContext,
  request: PlanRequest,
  revisions?: RoadmapRevisionRepository,
): Promise<Result<EditOutcome, RoadmapError>> {
  const access = officeAccess(ctx, request.programmeId);
  if (!access.ok) return access;
  const idea = await ideas.get(access.value.key, request.number);
  if (!idea) return err({ code: 'not-found', number: request.number });
  const input = { ideaNumber: idea.number, start: request.start, end: request.end, note: request.note, by: access.value.actor, at: ctx.now };
  const body = roadmapBodyOf(access.value.programme);
  if (body) {
    // A programme file names the body, so the store must be wired; refusing beats a silent direct edit.
    if (!revisions) throw new Error(`roadmap of ${request.programmeId}: changes are decided by ${body}, but no revision store is wired`);
    const staged = await revisions.stage(access.value.key, idea.number, (adopted, pending, count) => stageChange(idea, adopted, pending, count, input));
    if (!staged.ok) return staged;
    const outcome = staged.value;
    if (outcome.kind === 'staged') return ok({ kind: 'staged', pending: outcome.pending, body });
    return ok(outcome.kind === 'withdrawn' ? { kind: 'withdrawn', body } : { kind: 'unchanged' });
  }
  const planned = await roadmap.plan(access.value.key, idea.number, (current) => planEntry(idea, current, input));
  if (!planned.ok) return planned;
  return ok('unchanged' in planned.value ? { kind: 'unchanged' } : { kind: 'saved', ...planned.value });
}

export async function roadmapLog(
  roadmap: RoadmapRepository,
  ctx: RequestContext,
  programmeId: string,
  limit: number,
  revisions?: Pick<RoadmapRevisionRepository, 'list'>,
): Promise<Result<{ access: Access; revisions: RoadmapRevision[]; decided: RoadmapProposal[] }, RoadmapError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const { key, programme } = access.value;
  const [log, proposals] = await Promise.all([
    roadmap.revisions(key, limit),
    roadmapBodyOf(programme) && revisions ? revisions.list(key, limit) : Promise.resolve([]),
  ]);
  return ok({ access: access.value, revisions: log, decided: proposals.filter((p) => !isOpenRevision(p)) });
}

/** For the gate code: may this idea be started (taken into implementation)? */
export async function startAllowed(
  roadmap: RoadmapRepository,
  key: ProgrammeKey,
  ideaNumber: string,
): Promise<Result<RoadmapEntry, { code: 'not-on-roadmap'; number: string }>> {
  const entry = await roadmap.get(key, ideaNumber);
  return mayStart(entry ? [entry] : [], ideaNumber);
}
