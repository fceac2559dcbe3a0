// Norwegian business days: Monday–Friday except public holidays ('public' in date-holidays'
// NO data, bundled with the package, no network). Christmas Eve and New Year's Eve are only
// 'bank' holidays there, so they count as business days.
import Holidays from 'date-holidays';
import { addDays, checkIsoDate, osloDate, osloTime, weekday, isoDate, type IsoDate } from './oslo.js';

/** Reminders and escalations go out at this Oslo wall-clock hour. */
export const MORNING_HOUR = 9;

const norway = new Holidays('NO');
const holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

/** Public holidays of a year as Oslo calendar dates (memoised: the data never changes). */
export function publicHolidays(year: number): ReadonlySet<IsoDate> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      norway
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)), // 'YYYY-MM-DD hh:mm:ss' is local (Oslo) time
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

export function isPublicHoliday(date: IsoDate): boolean {
  return publicHolidays(Number(date.slice(0, 4))).has(checkIsoDate(date));
}

export function isBusinessDay(date: IsoDate): boolean {
  return weekday(date) <= 5 && !isPublicHoliday(date);
}

/**
 * n > 0: the n-th business day after `date`; n < 0: the |n|-th business day before it;
 * n = 0: `date` itself if it is a business day, else the next one. Always a business day,
 * non-decreasing in n and in `date`; strictly increasing in n from a business day (from a
 * weekend or holiday, 0 and 1 both give the next business day, as "1 business day after
 * Saturday" is Monday).
 */
export function addBusinessDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`business days must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = date;
  if (n === 0) {
    while (!isBusinessDay(day)) day = addDays(day, 1);
    return day;
  }
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isBusinessDay(day)) left--;
  }
  return day;
}

/** Business days in (from, to]: how many steps addBusinessDays needs from `from` to reach `to`. */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -businessDaysBetween(to, from);
  let count = 0;
  for (let day = from; day < to; ) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) count++;
  }
  return count;
}

export function firstBusinessDayOfMonth(year: number, month: number): IsoDate {
  return addBusinessDays(isoDate(year, month, 1), 0);
}

/** 09:00 Oslo on a business day. */
export function businessMorning(date: IsoDate): number {
  if (!isBusinessDay(date)) throw new RangeError(`${date} is not a business day`);
  return osloTime(date, MORNING_HOUR);
}

/** The first 09:00 Oslo on a business day at or after `instant`: when a notice about something
 * that happened at night, at a weekend or on a holiday should reach people. */
export function nextBusinessMorning(instant: number): number {
  const today = osloDate(instant);
  if (isBusinessDay(today) && osloTime(today, MORNING_HOUR) >= instant) return osloTime(today, MORNING_HOUR);
  return osloTime(addBusinessDays(today, 1), MORNING_HOUR);
}
