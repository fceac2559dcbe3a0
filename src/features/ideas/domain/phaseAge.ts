// How long an idea has been in its phase, against the phase's guideline (DSOP §4: a phase
// should normally last at most 3 months). Months are calendar months in Oslo, so 31 January
// + 1 month is 28/29 February, as luxon counts them.
import { DateTime } from 'luxon';
import type { Programme } from '../../../shared/programme/schema.js';
import { addOsloMonths } from '../../../shared/schedule/oslo.js';
import { isClosed, type Idea } from './idea.js';

const zone = 'Europe/Oslo';

export interface PhaseAge {
  phase: string;
  startedAt: number;
  /** Whole calendar months since the phase started (0 if the clock is behind the start). */
  months: number;
  guidelineMonths?: number;
  /** Epoch ms when the guideline is reached; undefined without a guideline or once closed. */
  guidelineEndsAt?: number;
  /** At or past the end of the guideline, in an open idea (as the phase-length warnings count it). */
  exceeded: boolean;
}

export function guidelineMonths(programme: Pick<Programme, 'phases'>, phase: string): number | undefined {
  return programme.phases.find((p) => p.id === phase)?.guidelineMonths;
}

/** The end of a guideline that starts at `startedAt`: the same instant the phase-length
 * reminders use (schedule/oslo.ts), so the idea card and the warnings never disagree. */
export function guidelineEnd(startedAt: number, months: number): number {
  return addOsloMonths(startedAt, months);
}

export function phaseAge(programme: Pick<Programme, 'phases'>, idea: Idea, now: number): PhaseAge {
  const start = DateTime.fromMillis(idea.phaseStartedAt, { zone });
  const elapsed = now > idea.phaseStartedAt ? DateTime.fromMillis(now, { zone }).diff(start, 'months').months : 0;
  const age: PhaseAge = { phase: idea.phase, startedAt: idea.phaseStartedAt, months: Math.floor(elapsed), exceeded: false };
  const guideline = guidelineMonths(programme, idea.phase);
  if (guideline === undefined) return age;
  age.guidelineMonths = guideline;
  // A stopped or completed idea has nothing left to hurry.
  if (isClosed(idea)) return age;
  const ends = guidelineEnd(idea.phaseStartedAt, guideline);
  return { ...age, guidelineEndsAt: ends, exceeded: now >= ends };
}
