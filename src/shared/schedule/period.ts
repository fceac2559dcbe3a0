// Reporting periods. A period opens at 09:00 Oslo on the first business day of an opening month
// and closes when the next period opens, so periods are contiguous: every instant belongs to
// exactly one period (the latest one opened). For DSOP (monthly except July) June's period
// therefore runs until August opens — July gets no report and no reminders, and a June report
// can still be filed or corrected in July.
import type { Schedule } from '../programme/schema.js';
import { addBusinessDays, businessMorning, firstBusinessDayOfMonth } from './businessDays.js';
import { osloDate, osloEndOfDay, type IsoDate } from './oslo.js';

export type Cadence = Schedule['cadence'];
/** The part of a schedule that decides its periods. */
export type PeriodRule = Pick<Schedule, 'cadence' | 'deadlineBusinessDays'>;

export interface Period {
  /** '2026-11' (monthly), '2026-Q4' (quarterly), '2026-H2' (half-yearly: n-th revision of the year), '2027-Y' (yearly). */
  key: string;
  year: number;
  /** Month (1–12) the period opens in. */
  month: number;
  openDate: IsoDate;
  /** 09:00 Oslo on openDate. */
  opens: number;
  /** openDate + deadlineBusinessDays business days. */
  deadlineDate: IsoDate;
  /** 23:59:59.999 Oslo on deadlineDate: a report filed on the deadline day is on time. */
  deadline: number;
  /** When the next period opens; reports can be filed and corrected until then. */
  closes: number;
}

/** Months (1–12) in which a period opens, ascending. */
export function openingMonths(cadence: Cadence): number[] {
  switch (cadence.kind) {
    case 'monthly':
      return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => !cadence.exceptMonths.includes(m));
    case 'quarterly':
      return [1, 4, 7, 10];
    case 'half-yearly':
      return [...new Set(cadence.months)].sort((a, b) => a - b);
    case 'yearly':
      return [cadence.month];
  }
}

function periodKey(cadence: Cadence, year: number, month: number): string {
  switch (cadence.kind) {
    case 'monthly':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarterly':
      return `${year}-Q${(month - 1) / 3 + 1}`;
    case 'half-yearly':
      return `${year}-H${openingMonths(cadence).indexOf(month) + 1}`;
    case 'yearly':
      return `${year}-Y`;
  }
}

interface YearMonth {
  year: number;
  month: number;
}

function neighbour(months: number[], { year, month }: YearMonth, direction: 1 | -1): YearMonth {
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('the cadence has no periods');
  if (direction === 1) {
    const later = months.find((m) => m > month);
    return later === undefined ? { year: year + 1, month: first } : { year, month: later };
  }
  const earlier = months.filter((m) => m < month).pop();
  return earlier === undefined ? { year: year - 1, month: last } : { year, month: earlier };
}

/** The period that opens in the given month; throws if no period opens then (e.g. July for DSOP). */
export function periodOpeningIn(rule: PeriodRule, year: number, month: number): Period {
  const months = openingMonths(rule.cadence);
  if (!months.includes(month)) throw new RangeError(`no ${rule.cadence.kind} period opens in ${year}-${month}`);
  const openDate = firstBusinessDayOfMonth(year, month);
  const deadlineDate = addBusinessDays(openDate, rule.deadlineBusinessDays);
  const next = neighbour(months, { year, month }, 1);
  return {
    key: periodKey(rule.cadence, year, month),
    year,
    month,
    openDate,
    opens: businessMorning(openDate),
    deadlineDate,
    deadline: osloEndOfDay(deadlineDate),
    closes: businessMorning(firstBusinessDayOfMonth(next.year, next.month)),
  };
}

export function nextPeriod(rule: PeriodRule, period: Period): Period {
  const next = neighbour(openingMonths(rule.cadence), period, 1);
  return periodOpeningIn(rule, next.year, next.month);
}

export function previousPeriod(rule: PeriodRule, period: Period): Period {
  const previous = neighbour(openingMonths(rule.cadence), period, -1);
  return periodOpeningIn(rule, previous.year, previous.month);
}

/** The period an instant belongs to (opens ≤ instant < closes); null only for a cadence with no
 * opening months at all (monthly with every month excepted). */
export function periodAt(rule: PeriodRule, instant: number): Period | null {
  const months = openingMonths(rule.cadence);
  if (months.length === 0) return null;
  const [year, month] = osloDate(instant).split('-').map(Number) as [number, number];
  const opening = months.includes(month) ? { year, month } : neighbour(months, { year, month }, -1);
  const period = periodOpeningIn(rule, opening.year, opening.month);
  // Early in a month (a weekend or holiday start, or before 09:00) the previous period still runs.
  return period.opens <= instant ? period : previousPeriod(rule, period);
}

/** The period with a given key, or null if the key does not name one of this cadence's periods. */
export function periodByKey(rule: PeriodRule, key: string): Period | null {
  const m = /^(\d{4})-(\d{2}|Q[1-4]|H\d{1,2}|Y)$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const months = openingMonths(rule.cadence);
  const month = months.find((candidate) => periodKey(rule.cadence, year, candidate) === key);
  return month === undefined ? null : periodOpeningIn(rule, year, month);
}
