// DSOP §4 (and §3.5): the monthly status report «tilgjengeliggjøres for alle deltakere». Any
// person of the programme may read a project's filed reports (`rapporter <nr>` and the idea
// card); what a reader may see of a restricted phase is the disclosure guard's business.
import type { Idea } from '../../domain/idea/idea.js';
import { err, ok, type Result } from '../../domain/idea/result.js';
import type { Programme, Schedule } from '../../domain/programme/schema.js';
import { accessTo } from '../ideas/ideaAccess.js';
import type { IdeaUseCaseError } from '../ideas/ideaErrors.js';
import type { IdeaRepository } from '../ideas/ideaRepository.js';
import type { RequestContext } from '../requestContext.js';
import { isProjectSchedule, type ReportRepository, type StatusReport } from './report.js';

export interface FiledReports {
  programme: Programme;
  idea: Idea;
  /** Newest period first. */
  reports: { schedule: Schedule; report: StatusReport }[];
}

export async function filedReports(
  deps: { ideas: IdeaRepository; reports: ReportRepository },
  ctx: RequestContext,
  ref: { programmeId: string; number: string },
): Promise<Result<FiledReports, IdeaUseCaseError>> {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { programme, key } = access.value;
  const idea = await deps.ideas.get(key, ref.number);
  if (!idea) return err({ code: 'not-found', number: ref.number });
  const reports: FiledReports['reports'] = [];
  for (const schedule of programme.schedules.filter(isProjectSchedule)) {
    for (const report of await deps.reports.ofIdea(key, schedule.id, idea.number)) reports.push({ schedule, report });
  }
  reports.sort((a, b) => b.report.filedAt - a.report.filedAt);
  return ok({ programme, idea, reports });
}
