// The ports of this feature's use cases: what storage and the other edges implement. Declared
// apart from the use cases so an adapter imports its port, never the logic it serves.
import type { Result } from '../../../shared/result.js';
import type { PendingChange, RevisionDecision, RevisionProblem, RoadmapProposal, StageOutcome } from '../domain/revision.js';
import type { RoadmapEntry, RoadmapProblem } from '../domain/roadmap.js';
import type { ProgrammeKey } from '../../../shared/keys.js';

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
