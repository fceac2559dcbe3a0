// DSOP §4: a phase should normally last at most 3 months; warn the office and the project leader
// before and when the guideline is exceeded. The status follows the exact instants; the
// warnings wait for the next business morning so nobody is pinged at night or on a holiday.
import { nextBusinessMorning } from './businessDays.js';
import { addOsloDays, addOsloMonths } from './oslo.js';

export const DEFAULT_WARN_DAYS_BEFORE = 14;

export interface PhaseClock {
  /** What is in the phase, e.g. `${ideaId}:${phaseId}`; part of the warnings' keys. */
  subjectId: string;
  phaseStartedAt: number;
  guidelineMonths: number;
  /** Calendar days before the guideline is reached that 'approaching' starts. */
  warnDaysBefore?: number;
}

export type PhaseStatus = 'ok' | 'approaching' | 'exceeded';

export interface PhaseWarning {
  /** `${subjectId}:phase:${phaseStartedAt}:${kind}` — a phase entered again gets new keys. */
  key: string;
  kind: 'approaching' | 'exceeded';
  at: number;
}

export interface PhaseDurationCheck {
  status: PhaseStatus;
  /** From here the status is 'approaching' (never before the phase started). */
  approachingFrom: number;
  /** Start + guidelineMonths calendar months, Oslo wall-clock time. */
  exceededAt: number;
  /** Warnings due by now: the caller skips keys it has already sent. */
  due: PhaseWarning[];
}

export function checkPhaseDuration(clock: PhaseClock, now: number): PhaseDurationCheck {
  const warnDays = clock.warnDaysBefore ?? DEFAULT_WARN_DAYS_BEFORE;
  const exceededAt = addOsloMonths(clock.phaseStartedAt, clock.guidelineMonths);
  const approachingFrom = Math.max(clock.phaseStartedAt, addOsloDays(exceededAt, -warnDays));
  const status: PhaseStatus = now >= exceededAt ? 'exceeded' : now >= approachingFrom ? 'approaching' : 'ok';

  const key = (kind: PhaseWarning['kind']) => `${clock.subjectId}:phase:${clock.phaseStartedAt}:${kind}`;
  const approaching: PhaseWarning = { key: key('approaching'), kind: 'approaching', at: nextBusinessMorning(approachingFrom) };
  const exceeded: PhaseWarning = { key: key('exceeded'), kind: 'exceeded', at: nextBusinessMorning(exceededAt) };
  // An 'approaching' warning not sent before the 'exceeded' one is due would only be noise.
  const due = [approaching, exceeded].filter((w) => w.at <= now && (w === exceeded || now < exceeded.at));
  return { status, approachingFrom, exceededAt, due };
}
