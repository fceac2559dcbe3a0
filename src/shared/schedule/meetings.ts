// When a body meets (its `meets` field): DSOP Topplederforum twice a year (§3.1 «Det legges opp
// til 2 møter pr. år»), Digi Rogaland's steering group and Skate quarterly. At the start of each
// meeting period (09:00 Oslo on its first business day) the chair and the secretary are
// reminded to convene the body (Digi Rogaland §4.1: «Leder for styringsgruppen innkaller til
// møter»). Half-yearly periods open in January and August: our choice (the seeds name no
// months), keeping the reminder out of the July holidays. Pure: the caller passes `now`.
import type { Body, MeetingCadence } from '../programme/schema.js';
import { periodAt, type Period, type PeriodRule } from './period.js';

/** The periods of a meeting cadence; null for a body that meets ad hoc (no reminder). */
export function meetingRule(meets: MeetingCadence): PeriodRule | null {
  switch (meets) {
    case 'monthly':
      return { cadence: { kind: 'monthly', exceptMonths: [] }, deadlineBusinessDays: 0 };
    case 'quarterly':
      return { cadence: { kind: 'quarterly' }, deadlineBusinessDays: 0 };
    case 'half-yearly':
      return { cadence: { kind: 'half-yearly', months: [1, 8] }, deadlineBusinessDays: 0 };
    case 'ad-hoc':
      return null;
  }
}

/** The meeting period `now` is in, once it has opened; null for an ad-hoc body. */
export function meetingPeriodAt(body: Pick<Body, 'meets'>, now: number): Period | null {
  const rule = meetingRule(body.meets);
  return rule ? periodAt(rule, now) : null;
}

/** Who is reminded to convene: the chair and the secretary (each once). */
export const conveners = (body: Pick<Body, 'chair' | 'secretary'>): string[] =>
  [...new Set([body.chair, body.secretary].filter((p): p is string => typeof p === 'string' && p !== ''))];
