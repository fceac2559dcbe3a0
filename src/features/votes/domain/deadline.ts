// The deadline the office types on the proposal form: a date and a wall-clock time in Oslo.
import { err, ok, type Result } from '../../../shared/result.js';
import { addOsloDays, osloDate, osloTime } from '../../../shared/schedule/oslo.js';

/** A vote runs at least this long, so members can see the card before it closes. */
export const MIN_VOTE_MS = 60 * 60 * 1000;
/** And at most this long. */
export const MAX_VOTE_DAYS = 92;

export type DeadlineProblem = 'invalid' | 'too-soon' | 'too-far';

export function parseDeadline(date: string, time: string, now: number): Result<number, DeadlineProblem> {
  const d = /^(\d{4}-\d{2}-\d{2})$/.exec(date.trim())?.[1];
  const t = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time.trim() || '16:00');
  if (!d || !t) return err('invalid');
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  if (hour > 23 || minute > 59) return err('invalid');
  let at: number;
  try {
    at = osloTime(d, hour, minute);
  } catch {
    return err('invalid');
  }
  if (!Number.isFinite(at)) return err('invalid');
  if (at < now + MIN_VOTE_MS) return err('too-soon');
  if (at > addOsloDays(now, MAX_VOTE_DAYS)) return err('too-far');
  return ok(at);
}

/** The default deadline offered on the form: a week ahead at 16:00 Oslo time. */
export function defaultDeadline(now: number): { date: string; time: string } {
  return { date: osloDate(addOsloDays(now, 7)), time: '16:00' };
}
