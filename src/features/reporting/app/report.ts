// Status reports (DSOP §3.5, Skate §4.4/§5.1): one report per (idea, schedule, period), with
// every version kept. The author may correct it until the period closes (the next one opens).
import type { Idea } from '../../ideas/domain/idea.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import { periodByKey, previousPeriod, type Period } from '../../../shared/schedule/period.js';
import { deviationAreas, type ReportContent, type FilingDecision, type ReportProblem, type StatusReport } from './ports.js';
export { reportStatuses, deviationAreas, decisionAnswers, type ReportContent, type ReportProblem, type ReportRepository, type SavedReport, type StatusReport } from './ports.js';

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
