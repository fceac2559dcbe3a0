// The port for ideas, their history and assessments. Every write of an idea goes through
// `apply` (or `register`), which stores the new idea and its history entry together.
import type { Assessment } from '../../domain/idea/assessment.js';
import type { HistoryEntry } from '../../domain/idea/history.js';
import type { Idea } from '../../domain/idea/idea.js';
import type { LifecycleError } from '../../domain/idea/lifecycleError.js';
import type { Result } from '../../domain/idea/result.js';
import type { TransitionResult } from '../../domain/idea/transition.js';

export interface ProgrammeKey {
  tenantId: string;
  programmeId: string;
}

export type ApplyError = LifecycleError | { code: 'not-found'; number: string };

export interface IdeaRepository {
  /**
   * Registers an idea once per submission key: a repeated submission (double click, Teams
   * retry) returns the idea the first one created, with `created: false`.
   */
  register(
    key: ProgrammeKey,
    submissionKey: string,
    numbering: { prefix: string; year: number },
    create: (ideaNumber: string) => TransitionResult,
  ): Promise<Result<{ idea: Idea; created: boolean }, LifecycleError>>;
  get(key: ProgrammeKey, ideaNumber: string): Promise<Idea | undefined>;
  list(key: ProgrammeKey): Promise<Idea[]>;
  /** Applies a pure transition under the idea's ETag; idea and history entry are written atomically. */
  apply(key: ProgrammeKey, ideaNumber: string, transition: (idea: Idea) => TransitionResult): Promise<Result<Idea, ApplyError>>;
  history(key: ProgrammeKey, ideaNumber: string): Promise<HistoryEntry[]>;
  /** One assessment per (idea, assessor); a new one replaces the assessor's earlier one. Saved
   * only while `stillAssessable` accepts the idea as stored, checked under the idea's ETag, so
   * an idea stopped meanwhile is not scored. */
  saveAssessment(
    key: ProgrammeKey,
    assessment: Assessment,
    stillAssessable: (idea: Idea) => Result<undefined, LifecycleError>,
  ): Promise<Result<undefined, ApplyError>>;
  /** All assessments of the programme, or of one idea. */
  assessments(key: ProgrammeKey, ideaNumber?: string): Promise<Assessment[]>;
}
