// Calendar dates and Oslo wall-clock instants. A calendar date is an ISO string 'YYYY-MM-DD'
// (no time zone: a day in Norway); an instant is epoch milliseconds. Only this file knows
// about the time zone, so DST is handled in one place.
import { DateTime } from 'luxon';

export const OSLO = 'Europe/Oslo';

/** A calendar day in Norway, 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a calendar date; throws on anything that is not a real date. */
function toDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): "${date}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over to March; reject instead of guessing.
  if (new Date(ms).getUTCDate() !== day || new Date(ms).getUTCMonth() !== month - 1) {
    throw new RangeError(`not a calendar date: "${date}"`);
  }
  return ms / 86_400_000;
}

function fromDayNumber(days: number): IsoDate {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Pure calendar arithmetic (UTC under the hood, so no DST can shift the day). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(date: IsoDate): number {
  return ((toDayNumber(date) + 3) % 7 + 7) % 7 + 1; // 1970-01-01 was a Thursday
}

/** Throws unless `date` is a real calendar date 'YYYY-MM-DD'; returns it unchanged. */
export function checkIsoDate(date: IsoDate): IsoDate {
  toDayNumber(date);
  return date;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return checkIsoDate(date);
}

/** The Oslo calendar day an instant falls on. */
export function osloDate(instant: number): IsoDate {
  return DateTime.fromMillis(instant, { zone: OSLO }).toISODate() as IsoDate;
}

/** The instant of a wall-clock time on an Oslo calendar day (09:00 is 08:00Z in winter,
 * 07:00Z in summer). */
export function osloTime(date: IsoDate, hour: number, minute = 0): number {
  return DateTime.fromISO(checkIsoDate(date), { zone: OSLO }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}

/** 23:59:59.999 Oslo time on the given day. */
export function osloEndOfDay(date: IsoDate): number {
  return DateTime.fromISO(checkIsoDate(date), { zone: OSLO }).endOf('day').toMillis();
}

/** The instant `months` calendar months after `instant`, in Oslo wall-clock time (31 Jan + 1
 * month = 28/29 Feb). A fraction of a month counts as that share of 30 days, because luxon
 * leaves fractional calendar units unspecified. */
export function addOsloMonths(instant: number, months: number): number {
  const whole = Math.trunc(months);
  const days = Math.round((months - whole) * 30);
  return DateTime.fromMillis(instant, { zone: OSLO }).plus({ months: whole }).plus({ days }).toMillis();
}

/** The instant `days` calendar days after `instant`, keeping the Oslo wall-clock time across DST. */
export function addOsloDays(instant: number, days: number): number {
  return DateTime.fromMillis(instant, { zone: OSLO }).plus({ days }).toMillis();
}
