// Readable idea ids: PREFIX-YEAR-SEQ, e.g. DSOP-2026-014. The sequence restarts each year and
// is padded to three digits; from 1000 on it simply grows (DSOP-2026-1000).
import { DateTime } from 'luxon';

export interface IdeaNumberParts {
  prefix: string;
  year: number;
  sequence: number;
}

/** Same rule as `programmeSchema.ideaPrefix`. */
const prefixPattern = /^[A-Z][A-Z0-9]{1,9}$/;
const numberPattern = /^([A-Z][A-Z0-9]{1,9})-(\d{4})-(\d+)$/;

export function formatIdeaNumber({ prefix, year, sequence }: IdeaNumberParts): string {
  if (!prefixPattern.test(prefix)) throw new RangeError(`invalid idea prefix "${prefix}"`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`invalid year ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`invalid sequence ${sequence}`);
  return `${prefix}-${year}-${String(sequence).padStart(3, '0')}`;
}

/** Accepts what a person types ("dsop-2026-14", " DSOP-2026-014 "); undefined if it is not an id. */
export function parseIdeaNumber(text: string): IdeaNumberParts | undefined {
  const match = numberPattern.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  const [, prefix, year, digits] = match;
  const sequence = Number(digits);
  if (prefix === undefined || year === undefined || Number(year) < 1000) return undefined;
  if (!Number.isSafeInteger(sequence) || sequence < 1) return undefined;
  return { prefix, year: Number(year), sequence };
}

/** The canonical spelling of a typed id, or undefined. */
export function normaliseIdeaNumber(text: string): string | undefined {
  const parts = parseIdeaNumber(text);
  return parts && formatIdeaNumber(parts);
}

/** The year an idea registered at `at` belongs to: the calendar year in Oslo, not UTC. */
export function ideaYear(at: number): number {
  return DateTime.fromMillis(at, { zone: 'Europe/Oslo' }).year;
}

/** Next number for a prefix and year, given the numbers already issued (any prefix or year). */
export function nextIdeaNumber(existing: Iterable<string>, prefix: string, year: number): string {
  let highest = 0;
  for (const number of existing) {
    const parts = parseIdeaNumber(number);
    if (parts && parts.prefix === prefix && parts.year === year) highest = Math.max(highest, parts.sequence);
  }
  return formatIdeaNumber({ prefix, year, sequence: highest + 1 });
}

/** Orders by prefix, year, then sequence as a number (so 999 < 1000, unlike string order).
 * Unparseable strings sort after valid ids, by plain string order. */
export function compareIdeaNumbers(a: string, b: string): number {
  const pa = parseIdeaNumber(a);
  const pb = parseIdeaNumber(b);
  if (pa && pb) {
    if (pa.prefix !== pb.prefix) return pa.prefix < pb.prefix ? -1 : 1;
    if (pa.year !== pb.year) return pa.year - pb.year;
    if (pa.sequence !== pb.sequence) return pa.sequence - pb.sequence;
  } else if (pa) return -1;
  else if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
