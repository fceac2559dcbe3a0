// What is due: the actor's own report forms (`rapporter`), and the deadlines (`frister`) — the
// actor's own, or for the programme office everyone's, with who is late and who the bot could
// not reach yet (a message to a person who never wrote to the bot waits for their first contact,
// and fails as failed-no-conversation only after the wait) and whose messages the disclosure
// guard withheld. The period each shows follows the schedule and the Oslo date
// (offeredPeriod.ts, issue 24.6): a period whose deadline has passed is not offered as current.
import type { Idea } from '../../ideas/domain/idea.js';
import { rolesIn } from '../../../shared/programme/roles.js';
import type { Programme, Schedule } from '../../../shared/programme/schema.js';
import { offeredPeriod, type PeriodStanding } from '../../../shared/schedule/offeredPeriod.js';
import { periodAt, type Period } from '../../../shared/schedule/period.js';
import { DISCLOSURE_BLOCKED, type DeliveryLog, type DeliveryTarget } from '../../../shared/delivery.js';
import { everyListed } from '../../ideas/app/everyListed.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { outstanding, programmeKeyPrefix, type AgreementRevisionCheck, type RoadmapRevisionCheck } from './reminders.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { asksPreviousDecision, isProjectSchedule, previousPeriodKey, reportingIdeas, type ReportRepository, type StatusReport } from './report.js';
import type { CorrectiveDecision } from '../domain/samlesak.js';
import { previousSkateDecision } from './previousDecision.js';
import type { SkateDecisionLookup } from './samlesak.js';

export interface DueReport {
  programme: Programme;
  schedule: Schedule;
  period: Period;
  /** due, late (deadline passed, not filed) or upcoming (the next period, not open yet). */
  standing: PeriodStanding;
  idea: Idea;
  /** The filed report, if any (it can be corrected until the period closes). */
  report?: StatusReport;
  askPreviousDecision: boolean;
  /** R37: the decision on the measure recorded in last quarter's samlesak, which the form names. */
  previousDecision?: CorrectiveDecision;
}

export interface QueryDeps {
  ideas: IdeaRepository;
  reports: ReportRepository;
  deliveryLog: DeliveryLog;
  /** A revised roadmap period has nobody left to act (as for the reminders). */
  roadmapRevisions?: RoadmapRevisionCheck;
  /** A year whose agreement revision was opened has nobody left to act. */
  agreementRevisions?: AgreementRevisionCheck;
  /** Skate's recorded decisions (samlesak), for the report form's R37 question. */
  decisions?: SkateDecisionLookup;
}

const keyOf = (_ctx: RequestContext, programme: Programme): ProgrammeKey => ({ tenantId: programme.tenantId, programmeId: programme.id });

async function projectReports(deps: Pick<QueryDeps, 'ideas' | 'reports' | 'decisions'>, ctx: RequestContext, programme: Programme, leader?: string): Promise<DueReport[]> {
  const key = keyOf(ctx, programme);
  // A leader's own projects from their index; everyone's from the active projects' (issue 25.1).
  const listed = await everyListed(deps.ideas, key, leader === undefined ? { by: 'status', status: 'active' } : { by: 'leader', id: leader });
  const ideas = reportingIdeas(listed).filter((i) => leader === undefined || i.projectLeader === leader);
  if (ideas.length === 0) return [];
  const out: DueReport[] = [];
  for (const schedule of programme.schedules.filter(isProjectSchedule)) {
    const current = periodAt(schedule, ctx.now);
    if (!current) continue;
    const filedByPeriod = new Map<string, Map<string, StatusReport>>();
    const filedIn = async (periodKey: string) => {
      let filed = filedByPeriod.get(periodKey);
      if (!filed) {
        filed = new Map((await deps.reports.forPeriod(key, schedule.id, periodKey)).map((r) => [r.ideaNumber, r]));
        filedByPeriod.set(periodKey, filed);
      }
      return filed;
    };
    const filedNow = await filedIn(current.key);
    for (const idea of ideas) {
      const offered = offeredPeriod(schedule, ctx.now, filedNow.has(idea.number));
      if (!offered) continue;
      const { period, standing } = offered;
      const report = (await filedIn(period.key)).get(idea.number);
      const previousKey = asksPreviousDecision(programme) ? previousPeriodKey(schedule, period.key) : undefined;
      const previousDecision = await previousSkateDecision(deps.decisions, key, programme, schedule, period.key, idea.number);
      const askPreviousDecision = previousDecision !== undefined || (previousKey !== undefined && (await filedIn(previousKey)).has(idea.number));
      out.push({ programme, schedule, period, standing, idea, ...(report ? { report } : {}), askPreviousDecision, ...(previousDecision ? { previousDecision } : {}) });
    }
  }
  return out;
}

/** The reports the actor (as project leader) has in the offered periods: unfiled ones to file
 * now first, then filed ones, then the next periods not open yet. */
export async function myReports(deps: Pick<QueryDeps, 'ideas' | 'reports' | 'decisions'>, ctx: RequestContext): Promise<DueReport[]> {
  const out: DueReport[] = [];
  for (const roles of ctx.memberships) out.push(...(await projectReports(deps, ctx, roles.programme, ctx.actor.aadObjectId)));
  const rank = (r: DueReport) => (r.standing === 'upcoming' ? 2 : r.report !== undefined ? 1 : 0);
  return out.sort((a, b) => rank(a) - rank(b));
}

export interface ScheduleDeadline {
  schedule: Schedule;
  period: Period;
  /** upcoming: everything of the period now runs is done (or its late window is over): the next
   * period, with nobody late yet. */
  standing: PeriodStanding;
  /** The actor's own projects in this period. */
  mine: DueReport[];
  /** For the office: everyone who still has to act, by person, with their projects (empty for a non-project schedule). */
  missing?: { person: string; ideas: Idea[] }[];
  /** For the office: how many project reports are filed in the period. */
  filedCount?: number;
}

export interface ProgrammeDeadlines {
  programme: Programme;
  isOffice: boolean;
  schedules: ScheduleDeadline[];
  /** For the office: people with a message waiting for their first contact with the bot, since when. */
  waiting?: { person: string; key: string; since: number }[];
  /** For the office: people a message could not reach within the wait (no conversation with the bot). */
  unreachable?: { person: string; key: string; at: number }[];
  /** For the office: messages the disclosure guard withheld (403 DisclosureBlocked), newest last. */
  withheld?: { target: DeliveryTarget; key: string; at: number }[];
  /** For the office: other failed deliveries (gave up after retries). */
  otherFailures?: number;
}

export async function deadlines(deps: QueryDeps, ctx: RequestContext): Promise<ProgrammeDeadlines[]> {
  const out: ProgrammeDeadlines[] = [];
  for (const roles of ctx.memberships) {
    const programme = roles.programme;
    const key = keyOf(ctx, programme);
    const isOffice = rolesIn(programme, ctx.actor.aadObjectId)?.isOffice ?? false;
    const mine = await projectReports(deps, ctx, programme, ctx.actor.aadObjectId);
    // Who still has to act is a project leader of an active project: the active projects' index.
    const ideas = isOffice ? await everyListed(deps.ideas, key, { by: 'status', status: 'active' }) : [];
    const schedules: ScheduleDeadline[] = [];
    for (const schedule of programme.schedules) {
      const current = periodAt(schedule, ctx.now);
      if (!current) continue;
      const ownNow = mine.filter((m) => m.schedule.id === schedule.id && m.period.key === current.key);
      const waiting = isOffice ? await outstanding(deps, key, programme, schedule, current.key, ideas) : undefined;
      // Everything the card is about is done: for the office nobody is waiting, for a leader their own reports.
      const done = waiting ? waiting.size === 0 : ownNow.every((m) => m.report !== undefined);
      const offered = offeredPeriod(schedule, ctx.now, done);
      if (!offered) continue;
      const { period, standing } = offered;
      const entry: ScheduleDeadline = { schedule, period, standing, mine: mine.filter((m) => m.schedule.id === schedule.id && m.period.key === period.key) };
      if (isOffice && standing !== 'upcoming') {
        entry.missing = [...(waiting ?? [])].map(([person, items]) => ({ person, ideas: items.map((i) => i.idea) }));
        if (isProjectSchedule(schedule)) entry.filedCount = (await deps.reports.forPeriod(key, schedule.id, period.key)).length;
      }
      schedules.push(entry);
    }
    const result: ProgrammeDeadlines = { programme, isOffice, schedules };
    if (isOffice) {
      const prefix = programmeKeyPrefix(key);
      const failures = (await deps.deliveryLog.failures(key.tenantId)).filter((f) => f.key.startsWith(prefix));
      const unreachable = new Map<string, { person: string; key: string; at: number }>();
      const withheld: { target: DeliveryTarget; key: string; at: number }[] = [];
      let other = 0;
      for (const f of failures) {
        if (f.outcome?.kind === 'failed-no-conversation' && f.target.kind === 'person') {
          unreachable.set(f.target.aadObjectId, { person: f.target.aadObjectId, key: f.key, at: f.outcome.at });
        } else if (f.outcome?.kind === 'failed-gave-up' && f.outcome.lastError === DISCLOSURE_BLOCKED) {
          withheld.push({ target: f.target, key: f.key, at: f.outcome.at });
        } else other++;
      }
      const waiting = new Map<string, { person: string; key: string; since: number }>();
      for (const w of await deps.deliveryLog.waiting(key.tenantId)) {
        if (w.key.startsWith(prefix) && w.target.kind === 'person' && !waiting.has(w.target.aadObjectId)) {
          waiting.set(w.target.aadObjectId, { person: w.target.aadObjectId, key: w.key, since: w.waitingSince ?? w.createdAt });
        }
      }
      result.waiting = [...waiting.values()];
      result.unreachable = [...unreachable.values()];
      result.withheld = withheld;
      result.otherFailures = other;
    }
    out.push(result);
  }
  return out;
}
