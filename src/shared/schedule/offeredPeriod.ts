// Which period a report card offers at a given moment (issue 24.6): a period runs until the next
// one opens (period.ts), so Skate's Q4 (opens in October, due 15 October) still runs in December;
// offering it then as the report to file, "due 15 Oct", is wrong. A card offers the period while
// its deadline has not passed; after the deadline, a report not yet filed is offered as late for
// a while (as many business days again as the schedule gave to file it, at least the day the
// overdue notice goes out); after that, or once it is filed, the card offers the next period,
// which has not opened yet. All dates are Oslo dates. Pure: `now` is passed in.
import { addBusinessDays } from './businessDays.js';
import { osloEndOfDay } from './oslo.js';
import { nextPeriod, periodAt, type Period, type PeriodRule } from './period.js';

/** due: open, deadline not passed; late: deadline passed, not filed; upcoming: not open yet. */
export type PeriodStanding = 'due' | 'late' | 'upcoming';

export interface OfferedPeriod {
  period: Period;
  standing: PeriodStanding;
}

/** The last moment a period's report is offered as late: the end of the Oslo day `max(1,
 * deadlineBusinessDays)` business days after the deadline day, and never after the period closes. */
export function lateUntil(rule: PeriodRule, period: Period): number {
  const lastDay = addBusinessDays(period.deadlineDate, Math.max(1, rule.deadlineBusinessDays));
  return Math.min(osloEndOfDay(lastDay), period.closes - 1);
}

/**
 * The period a report card offers at `now`. `filed`: whether what the card is about (one
 * project's report, or everyone's for the office) is filed for the period `now` belongs to.
 * Null only for a cadence with no periods.
 */
export function offeredPeriod(rule: PeriodRule, now: number, filed: boolean): OfferedPeriod | null {
  const current = periodAt(rule, now);
  if (!current) return null;
  if (now <= current.deadline) return { period: current, standing: 'due' };
  if (!filed && now <= lateUntil(rule, current)) return { period: current, standing: 'late' };
  return { period: nextPeriod(rule, current), standing: 'upcoming' };
}

/** How a given period stands at `now` (for a card opened on a period it names). */
export function standingAt(period: Pick<Period, 'opens' | 'deadline'>, now: number): PeriodStanding {
  if (now < period.opens) return 'upcoming';
  return now <= period.deadline ? 'due' : 'late';
}
