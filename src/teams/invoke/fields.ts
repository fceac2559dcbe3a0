// Card-data fields many verbs share, defined once so every verb validates them alike.
import { z } from 'zod';

export const programmeIdField = z.string().trim().min(1).max(64);

/** A readable idea number such as DSOP-2026-014, in any case as typed. */
export const ideaNumberField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{3,6}$/);
