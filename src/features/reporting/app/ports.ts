// The ports of this feature's use cases: what storage and the other edges implement. Declared
// apart from the use cases so an adapter imports its port, never the logic it serves.
import type { Result } from '../../../shared/result.js';
import type { Samlesak, SamlesakProblem, Step } from '../domain/samlesak.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { PersonRef } from '../../../shared/personRef.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';

/** Where samlesaker are kept: one per (programme, schedule, quarter). */
export interface SamlesakRepository {
  get(key: ProgrammeKey, scheduleId: string, periodKey: string): Promise<Samlesak | undefined>;
  /** Applies a pure step to the stored samlesak (undefined: none yet) under its ETag, re-applied
   * on a conflict; stores the result when it changed. */
  change(
    key: ProgrammeKey,
    scheduleId: string,
    periodKey: string,
    step: (current: Samlesak | undefined) => Result<Step, SamlesakProblem>,
  ): Promise<Result<Step, SamlesakProblem>>;
}

export const reportStatuses = ['green', 'yellow', 'red'] as const;

export type ReportStatus = (typeof reportStatuses)[number];

export const deviationAreas = ['result', 'completionDate', 'cost'] as const;

export type DeviationArea = (typeof deviationAreas)[number];

export const decisionAnswers = ['yes', 'partly', 'no'] as const;

export type DecisionAnswer = (typeof decisionAnswers)[number];

export interface ReportContent {
  status: ReportStatus;
  progress: string;
  /** Significant deviations from the agreed result, completion date and cost. */
  deviations: Record<DeviationArea, { deviates: boolean; text: string }>;
  /** Required when any deviation is marked (Skate §4.4). */
  correctiveActions: string;
  nextMilestones: string;
  /** Skate §5.1: was last quarter's Skate decision followed? Only asked when there was one. */
  previousDecision?: { answer: DecisionAnswer; text: string };
}

export interface StatusReport {
  programmeId: string;
  scheduleId: string;
  periodKey: string;
  ideaNumber: string;
  ideaTitle: string;
  content: ReportContent;
  /** Who filed the first version; only they may correct it. */
  author: PersonRef;
  /** 1 for the first filing, +1 per correction. */
  version: number;
  filedAt: number;
  updatedAt: number;
}

export type ReportProblem =
  | { code: 'unknown-schedule'; scheduleId: string }
  | { code: 'unknown-period'; periodKey: string }
  | { code: 'period-not-open'; periodKey: string }
  | { code: 'period-closed'; periodKey: string; closedAt: number }
  | { code: 'idea-not-found'; number: string }
  | { code: 'not-reporting'; number: string }
  | { code: 'not-project-leader'; number: string }
  | { code: 'not-author'; author: string }
  | { code: 'corrective-actions-required' };

export interface ReportRepository {
  get(key: ProgrammeKey, scheduleId: string, periodKey: string, ideaNumber: string): Promise<StatusReport | undefined>;
  /** Every filed report of one schedule's period. */
  forPeriod(key: ProgrammeKey, scheduleId: string, periodKey: string): Promise<StatusReport[]>;
  /** The current version of every report filed on one idea under one schedule. */
  ofIdea(key: ProgrammeKey, scheduleId: string, ideaNumber: string): Promise<StatusReport[]>;
  /** One page of the idea's reports under every schedule, newest filing first; `total` the count (issue 25.2). */
  pageOfIdea(key: ProgrammeKey, ideaNumber: string, request: PageRequest): Promise<ListPage<StatusReport> & { total: number }>;
  /** Every version of one report, oldest first. */
  history(key: ProgrammeKey, scheduleId: string, periodKey: string, ideaNumber: string): Promise<StatusReport[]>;
  /**
   * Stores the next version under the current row's ETag; `decide` must be pure (it may run
   * twice). With a submission key the version and the key's receipt are written together, so a
   * repeat of the submission (a double click, a retry, another instance) stores nothing and is
   * answered with the version it filed (`repeated`).
   */
  save(
    key: ProgrammeKey,
    ref: { scheduleId: string; periodKey: string; ideaNumber: string },
    submissionKey: string | undefined,
    decide: (current: StatusReport | undefined) => Result<FilingDecision, ReportProblem>,
  ): Promise<Result<SavedReport, ReportProblem>>;
}

/** What a filing decided: a new version, or none because the content is what the current
 * version already says. */
export type FilingDecision = { kind: 'new-version'; report: StatusReport } | { kind: 'unchanged'; report: StatusReport };

export interface SavedReport {
  report: StatusReport;
  outcome: 'filed' | 'unchanged' | 'repeated';
}
