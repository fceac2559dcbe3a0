// DSOP §4 (and §3.5): the monthly status report «tilgjengeliggjøres for alle deltakere». Any
// person of the programme may read a project's filed reports (`rapporter <nr>` and the idea
// card); what a reader may see of a restricted phase is the disclosure guard's business. A page
// at a time, newest filing first, from the idea's index rows (issue 25.2).
import type { Idea } from '../../ideas/domain/idea.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import { accessTo } from '../../../shared/access.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import { firstPage, readPageAt, type Page, type PageCursor } from '../../../shared/paging.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { ReportRepository, StatusReport } from './report.js';

/** Reports on one card of a project's filed reports. */
export const REPORTS_ON_CARD = 10;

export interface FiledReports {
  programme: Programme;
  idea: Idea;
  /** This page's reports, newest filing first. */
  reports: { schedule: Schedule; report: StatusReport }[];
  page: Page<StatusReport>;
}

export async function filedReports(
  deps: { ideas: IdeaRepository; reports: Pick<ReportRepository, 'pageOfIdea'> },
  ctx: RequestContext,
  ref: { programmeId: string; number: string },
  cursor: PageCursor = firstPage,
): Promise<Result<FiledReports, IdeaUseCaseError>> {
  const access = accessTo(ctx, ref.programmeId);
  if (!access.ok) return access;
  const { programme, key } = access.value;
  const idea = await deps.ideas.get(key, ref.number);
  if (!idea) return err({ code: 'not-found', number: ref.number });
  const page = await readPageAt(cursor, REPORTS_ON_CARD, (request) => deps.reports.pageOfIdea(key, idea.number, request));
  // A report under a schedule the programme file no longer has is counted but not shown.
  const reports = page.items.flatMap((report) => {
    const schedule = programme.schedules.find((s) => s.id === report.scheduleId);
    return schedule ? [{ schedule, report }] : [];
  });
  return ok({ programme, idea, reports, page });
}
