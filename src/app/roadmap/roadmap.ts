// The roadmap (veikart): everyone in the programme sees it; the office adds and changes
// entries, and every change is logged. `startAllowed` is what the gate that starts a project
// must ask (Digi Rogaland §6: a project cannot be started without a roadmap entry).
import { compareIdeaNumbers } from '../../domain/idea/ideaNumber.js';
import type { Idea } from '../../domain/idea/idea.js';
import { err, ok, type Result } from '../../domain/idea/result.js';
import {
  mayStart,
  planEntry,
  roadmapLayout,
  type RoadmapEntry,
  type RoadmapLayout,
  type RoadmapProblem,
  type RoadmapRevision,
} from '../../domain/roadmap/roadmap.js';
import type { RequestContext } from '../requestContext.js';
import { accessTo, officeAccess, type Access } from '../ideas/ideaAccess.js';
import type { IdeaUseCaseError } from '../ideas/ideaErrors.js';
import type { IdeaRepository, ProgrammeKey } from '../ideas/ideaRepository.js';

export type PlanOutcome = { entry: RoadmapEntry; revision: RoadmapRevision } | { unchanged: RoadmapEntry };

export interface RoadmapRepository {
  list(key: ProgrammeKey): Promise<RoadmapEntry[]>;
  get(key: ProgrammeKey, ideaNumber: string): Promise<RoadmapEntry | undefined>;
  /** Applies a pure change under the entry's ETag; the entry and its revision are written in
   * one transaction. `change` may run more than once. */
  plan(
    key: ProgrammeKey,
    ideaNumber: string,
    change: (current: RoadmapEntry | undefined) => Result<PlanOutcome, RoadmapProblem>,
  ): Promise<Result<PlanOutcome, RoadmapProblem>>;
  /** Newest first. */
  revisions(key: ProgrammeKey, limit: number): Promise<RoadmapRevision[]>;
}

export type RoadmapError = IdeaUseCaseError | RoadmapProblem;

export interface RoadmapPicture {
  access: Access;
  layout: RoadmapLayout<Idea>;
  lastRevision?: RoadmapRevision;
}

export async function showRoadmap(
  ideas: IdeaRepository,
  roadmap: RoadmapRepository,
  ctx: RequestContext,
  programmeId: string,
): Promise<Result<RoadmapPicture, RoadmapError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  const [all, entries, last] = await Promise.all([
    ideas.list(access.value.key),
    roadmap.list(access.value.key),
    roadmap.revisions(access.value.key, 1),
  ]);
  const sorted = [...all].sort((a, b) => compareIdeaNumbers(a.number, b.number));
  return ok({
    access: access.value,
    layout: roadmapLayout(access.value.programme, sorted, entries),
    ...(last[0] ? { lastRevision: last[0] } : {}),
  });
}

export interface PlanRequest {
  programmeId: string;
  number: string;
  start: string;
  end: string;
  note: string;
}

/** Adds or changes an idea's roadmap entry (office only). */
export async function planRoadmapEntry(
  ideas: IdeaRepository,
  roadmap: RoadmapRepository,
  ctx: RequestContext,
  request: PlanRequest,
): Promise<Result<PlanOutcome, RoadmapError>> {
  const access = officeAccess(ctx, request.programmeId);
  if (!access.ok) return access;
  const idea = await ideas.get(access.value.key, request.number);
  if (!idea) return err({ code: 'not-found', number: request.number });
  const input = { ideaNumber: idea.number, start: request.start, end: request.end, note: request.note, by: access.value.actor, at: ctx.now };
  return roadmap.plan(access.value.key, idea.number, (current) => planEntry(idea, current, input));
}

export async function roadmapLog(
  roadmap: RoadmapRepository,
  ctx: RequestContext,
  programmeId: string,
  limit: number,
): Promise<Result<{ access: Access; revisions: RoadmapRevision[] }, RoadmapError>> {
  const access = accessTo(ctx, programmeId);
  if (!access.ok) return access;
  return ok({ access: access.value, revisions: await roadmap.revisions(access.value.key, limit) });
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
