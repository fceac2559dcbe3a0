// The port for ideas, their history and assessments. Every write of an idea goes through
// `apply` (or `register`), which stores the new idea and its history entry together. Lists
// are read a page at a time, each from an index kept with the ideas (never the whole programme).
import type { Assessment } from '../domain/assessment.js';
import type { HistoryEntry } from '../domain/history.js';
import type { Idea, IdeaStatus } from '../domain/idea.js';
import type { LifecycleError } from '../domain/lifecycleError.js';
import type { IdeaScore, ScoringRules } from '../domain/ranking.js';
import type { Result } from '../../../shared/result.js';
import type { TransitionResult } from '../domain/transition.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
export type { ProgrammeKey } from '../../../shared/keys.js';

export type ApplyError = LifecycleError | { code: 'not-found'; number: string };

/** The questions lists ask of the ideas, each answered by an index kept with the ideas. */
export type IdeaListQuery =
  /** Newest first. */
  | { by: 'submitter'; id: string }
  /** Newest first. */
  | { by: 'status'; status: IdeaStatus }
  /** Phase by phase in the order given, newest first within a phase (the portfolio). */
  | { by: 'phases'; phases: readonly string[] }
  /** Prioritised and qualified ideas by rank, then number. */
  | { by: 'prioritised' }
  /** Registered ideas by weighted score, best first; unassessed ones last, by number. */
  | { by: 'ranking' }
  /** A project leader's ideas, newest first. */
  | { by: 'leader'; id: string }
  /** Ideas with a dispute (DSOP §5), by number. */
  | { by: 'disputed' };

export interface ListedIdea {
  idea: Idea;
  /** The office's score, where the idea has one (the ranking shows it). */
  score?: IdeaScore;
}

/** Ideas per status and per phase. */
export interface IdeaCounts {
  status: Partial<Record<IdeaStatus, number>>;
  phase: Record<string, number>;
  /** Ideas with a dispute. */
  disputed?: number;
}

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
  /** The ideas of these numbers that exist, in one read (a page's ideas; at most a few dozen). */
  getMany(key: ProgrammeKey, ideaNumbers: readonly string[]): Promise<Idea[]>;
  /** Every idea, a page at a time underneath. No turn or job reads it any more (they read `page`'s
   * index lists or `get`, issue 25); the tests read it to see what is stored. */
  list(key: ProgrammeKey): Promise<Idea[]>;
  /** One page of a list, `total` its length. */
  page(key: ProgrammeKey, query: IdeaListQuery, request: PageRequest): Promise<ListPage<ListedIdea> & { total: number }>;
  /** The first `size` of a list, without its length: one read. */
  first(key: ProgrammeKey, query: IdeaListQuery, size: number): Promise<ListedIdea[]>;
  counts(key: ProgrammeKey): Promise<IdeaCounts>;
  /** Applies a pure transition under the idea's ETag; idea and history entry are written atomically. */
  apply(key: ProgrammeKey, ideaNumber: string, transition: (idea: Idea) => TransitionResult): Promise<Result<Idea, ApplyError>>;
  history(key: ProgrammeKey, ideaNumber: string): Promise<HistoryEntry[]>;
  /** One assessment per (idea, assessor); a new one replaces the assessor's earlier one, and the
   * idea's place in the ranking moves with it. Saved only while `stillAssessable` accepts the
   * idea as stored, checked under the idea's ETag, so an idea stopped meanwhile is not scored. */
  saveAssessment(
    key: ProgrammeKey,
    assessment: Assessment,
    rules: ScoringRules,
    stillAssessable: (idea: Idea) => Result<undefined, LifecycleError>,
  ): Promise<Result<undefined, ApplyError>>;
  /** All assessments of the programme, or of one idea. */
  assessments(key: ProgrammeKey, ideaNumber?: string): Promise<Assessment[]>;
}
