// What a report schedule asks the bot to send, and when. Pure: the caller passes `now`, sends
// what is due, and skips events it has already sent (by key) and people who have filed.
import type { Schedule } from '../programme/schema.js';
import { addBusinessDays, businessMorning } from './businessDays.js';
import { nextPeriod, periodAt, type Period } from './period.js';

export type ScheduleEventKind = 'open' | 'remind' | 'overdue';

export interface ScheduleEvent {
  /** `${scheduleId}:${periodKey}:${kind}`, plus `:${n}` for a reminder n business days before. */
  key: string;
  scheduleId: string;
  periodKey: string;
  kind: ScheduleEventKind;
  /** For 'remind': business days before the deadline. */
  businessDaysBefore?: number;
  /** When to send (09:00 Oslo on a business day). */
  at: number;
  /** The period's deadline, for the card's text. */
  deadline: number;
}

type EventRule = Pick<Schedule, 'id' | 'cadence' | 'deadlineBusinessDays' | 'remindBusinessDaysBefore'>;

/**
 * Every event of one period, in time order: 'open' at the opening; 'remind' at 09:00 n business
 * days before the deadline day, for each n (skipped if that is not after the opening day, where
 * 'open' already reminds); 'overdue' once, at 09:00 the business day after the deadline.
 * Events at or after the period closes are dropped: by then the next period has opened.
 */
export function periodEvents(schedule: EventRule, period: Period): ScheduleEvent[] {
  const base = { scheduleId: schedule.id, periodKey: period.key, deadline: period.deadline };
  const prefix = `${schedule.id}:${period.key}`;
  const events: ScheduleEvent[] = [{ ...base, key: `${prefix}:open`, kind: 'open', at: period.opens }];
  const daysBefore = [...new Set(schedule.remindBusinessDaysBefore)].sort((a, b) => b - a);
  for (const n of daysBefore) {
    const day = addBusinessDays(period.deadlineDate, -n);
    if (day <= period.openDate) continue;
    events.push({ ...base, key: `${prefix}:remind:${n}`, kind: 'remind', businessDaysBefore: n, at: businessMorning(day) });
  }
  const overdueDay = addBusinessDays(period.deadlineDate, 1);
  events.push({ ...base, key: `${prefix}:overdue`, kind: 'overdue', at: businessMorning(overdueDay) });
  return events.filter((e) => e.at < period.closes);
}

/**
 * Events due by `now` in the period `now` belongs to, oldest first — including ones that fell due
 * earlier (so a restarted bot catches up; the caller drops those already sent). Because a period
 * runs until the next one opens, the previous period's escalation stays due over a weekend or
 * holiday start of a month and is no longer due once the next period has opened.
 */
export function dueEvents(schedule: EventRule, now: number): ScheduleEvent[] {
  const period = periodAt(schedule, now);
  return period ? periodEvents(schedule, period).filter((e) => e.at <= now) : [];
}

/** When the next event after `now` falls due (for a timer to sleep until), or null if never. */
export function nextEventAt(schedule: EventRule, now: number): number | null {
  const period = periodAt(schedule, now);
  if (!period) return null;
  const later = periodEvents(schedule, period).find((e) => e.at > now);
  return later ? later.at : nextPeriod(schedule, period).opens;
}
