// The roadmap's storage port, in a module of its own: the roadmap use cases (roadmap.ts) and the
// revision use cases (revisions.ts) both need it, and neither may import the other back (no
// import cycles, issue 26).
import type { Result } from '../../../shared/result.js';
import type { RoadmapEntry, RoadmapProblem, RoadmapRevision } from '../domain/roadmap.js';
import type { ProgrammeKey } from '../../../shared/keys.js';

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
