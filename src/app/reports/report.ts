// Status reports (DSOP §3.5, Skate §4.4/§5.1): one report per (idea, schedule, period), with
// every version kept. The author may correct it until the period closes (the next one opens).
import type { Idea, PersonRef } from '../../domain/idea/idea.js';
import { err, ok, type Result } from '../../domain/idea/result.js';
import type { Programme, Schedule } from '../../domain/programme/schema.js';
import { periodByKey, previousPeriod, type Period } from '../../domain/schedule/period.js';
import type { ProgrammeKey } from '../ideas/ideaRepository.js';
import type { ListPage, PageRequest } from '../../shared/paging.js';

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

/** Schedules that ask project leaders (or, for Skate, measure owners) to report on a project. */
export const isProjectSchedule = (schedule: Schedule): boolean =>
  schedule.kind === 'status-report' && (schedule.recipients === 'project-leaders' || schedule.recipients === 'measure-owners');

/** Ideas that report: in a working phase (status 'active') with a project leader. Skate has no
 * measure register in Samspill yet, so its measure owners are the project leaders of active ideas. */
export const reportingIdeas = (ideas: readonly Idea[]): (Idea & { projectLeader: string })[] =>
  ideas.filter((i): i is Idea & { projectLeader: string } => i.status === 'active' && !!i.projectLeader);

/** Skate-style programmes: a body whose vote is advice to a decider (Skate §5.1). */
export const asksPreviousDecision = (programme: Programme): boolean => programme.bodies.some((b) => b.decidedBy !== undefined);

export function previousPeriodKey(schedule: Schedule, periodKey: string): string | undefined {
  const period = periodByKey(schedule, periodKey);
  return period ? previousPeriod(schedule, period).key : undefined;
}

export const hasDeviation = (content: Pick<ReportContent, 'deviations'>): boolean =>
  deviationAreas.some((area) => content.deviations[area].deviates);

export interface FilingInput {
  programme: Programme;
  schedule: Schedule;
  period: Period;
  idea: Idea;
  by: PersonRef;
  at: number;
  content: ReportContent;
}

/** The same answers, field by field (a stored report's JSON may order its keys differently). */
export function sameReportContent(a: ReportContent, b: ReportContent): boolean {
  const fields = (c: ReportContent) =>
    JSON.stringify([
      c.status,
      c.progress,
      deviationAreas.map((area) => [c.deviations[area].deviates, c.deviations[area].text]),
      c.correctiveActions,
      c.nextMilestones,
      c.previousDecision ? [c.previousDecision.answer, c.previousDecision.text] : null,
    ]);
  return fields(a) === fields(b);
}

/** The next version of a report, none when the author sends what it already says, or why it
 * may not be filed. Pure. */
export function decideFiling(input: FilingInput, current: StatusReport | undefined): Result<FilingDecision, ReportProblem> {
  const { programme, schedule, period, idea, by, at, content } = input;
  if (at < period.opens) return err({ code: 'period-not-open', periodKey: period.key });
  if (at >= period.closes) return err({ code: 'period-closed', periodKey: period.key, closedAt: period.closes });
  if (hasDeviation(content) && content.correctiveActions.trim() === '') return err({ code: 'corrective-actions-required' });
  if (current) {
    if (current.author.id !== by.id) return err({ code: 'not-author', author: current.author.name });
    if (sameReportContent(current.content, content)) return ok({ kind: 'unchanged', report: current });
  } else {
    if (idea.status !== 'active') return err({ code: 'not-reporting', number: idea.number });
    if (idea.projectLeader !== by.id) return err({ code: 'not-project-leader', number: idea.number });
  }
  const report: StatusReport = {
    programmeId: programme.id,
    scheduleId: schedule.id,
    periodKey: period.key,
    ideaNumber: idea.number,
    ideaTitle: idea.title,
    content,
    author: current?.author ?? by,
    version: (current?.version ?? 0) + 1,
    filedAt: current?.filedAt ?? at,
    updatedAt: at,
  };
  return ok({ kind: 'new-version', report });
}
