// Card-data fields many verbs share, defined once so every verb validates them alike.
import { z } from 'zod';
import { firstPage, pageCursorSchema } from '../../shared/paging.js';

export const programmeIdField = z.string().trim().min(1).max(64);

/** Where a list card's Previous/Next leads; absent: the first page. */
export const pageCursorField = pageCursorSchema.default(firstPage);

/** A readable idea number such as DSOP-2026-014, in any case as typed. */
export const ideaNumberField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{3,6}$/);

/** The text fields of raw card data, each cut to `max` characters: what a form shown again
 * keeps of the user's input when the data did not validate. */
export function textFields(data: unknown, max = 2000): Record<string, string> {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => [k, (v as string).slice(0, max)]),
  );
}
