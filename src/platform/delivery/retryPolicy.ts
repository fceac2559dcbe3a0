// What to do after a send Teams did not take. Pure: the attempt, Teams' answer, the time and a
// random source in; a step out. Only an answer that cannot get better gives up at once (the
// conversation is gone or forbidden, the request is malformed or too large); every other answer
// — 429, 412, any 5xx, no answer before the request left — is tried again: briefly in memory
// with jittered backoff (Retry-After as the floor), and when the wait is long, back on the queue
// for later, until the job is a day overdue. Teams asks bots to back off with jitter and honour
// Retry-After; a 500 or a long Retry-After is a reason to wait, not to lose the message.

export interface RetryOptions {
  /** Attempts made while one worker holds the job, before it goes back to the queue. */
  maxAttempts: number;
  /** Backoff before the 2nd attempt; doubles each time. */
  baseMs: number;
  /** Ceiling for the in-memory backoff, and the first wait back on the queue. */
  maxBackoffMs: number;
  /** Back on the queue, the wait doubles per hold from maxBackoffMs up to this. */
  maxRescheduleMs: number;
  /** A job still failing this long after it was due is given up and listed for the office. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 6,
  baseMs: 500,
  maxBackoffMs: 30_000,
  maxRescheduleMs: 15 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
};

/** Answers that will not change by asking again: the bot was removed or blocked (403), the
 * conversation is gone (404, 410), or the request itself is wrong (400, 405, 413, 415). */
export const PERMANENT_STATUSES: ReadonlySet<number> = new Set([400, 403, 404, 405, 410, 413, 415]);

export interface FailedAttempt {
  /** 1 for the first attempt in this hold. */
  attempt: number;
  /** 1 the first time a worker takes the job from the queue; counts every hold since. */
  holds: number;
  /** The HTTP status; undefined when the request never left (connection refused, no DNS). */
  status: number | undefined;
  /** The Retry-After header as received: delay-seconds or an HTTP date. */
  retryAfter?: string | undefined;
  /** Epoch ms, to turn an HTTP-date Retry-After into a delay. */
  now: number;
  /** Epoch ms when the job was due (queued, or its notBefore). */
  dueAt: number;
}

export type RetryStep =
  /** Try again after this many ms, holding the job. */
  | { kind: 'wait'; ms: number }
  /** Give the job back to the queue, to be taken again in this many ms. */
  | { kind: 'reschedule'; ms: number }
  | { kind: 'give-up'; why: 'permanent' | 'overdue' };

/** Retry-After in ms, or undefined when absent or unreadable. A date in the past is 0. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  // RFC 9110 HTTP-date; anything Date.parse cannot read is ignored rather than trusted.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** "Equal jitter": half fixed, half random, so instances spread out but none retries at once. */
const jittered = (ms: number, random: () => number) => ms / 2 + (random() * ms) / 2;

export function nextStep(failed: FailedAttempt, random: () => number, maxInlineWaitMs: number, options: RetryOptions = DEFAULT_RETRY): RetryStep {
  const { attempt, holds, status, now } = failed;
  if (status !== undefined && PERMANENT_STATUSES.has(status)) return { kind: 'give-up', why: 'permanent' };
  if (now - failed.dueAt >= options.giveUpAfterMs) return { kind: 'give-up', why: 'overdue' };
  const backoff = jittered(Math.min(options.maxBackoffMs, options.baseMs * 2 ** (attempt - 1)), random);
  const retryAfter = parseRetryAfter(failed.retryAfter, now);
  // Retry-After is a lower bound; a little jitter on top keeps instances from returning together.
  const floor = retryAfter === undefined ? 0 : retryAfter + (random() * Math.min(retryAfter, 1_000)) / 10;
  const wait = Math.ceil(Math.max(backoff, floor));
  if (attempt < options.maxAttempts) return wait <= maxInlineWaitMs ? { kind: 'wait', ms: wait } : { kind: 'reschedule', ms: wait };
  // Still failing after the attempts of this hold: wait longer each time the job comes back.
  const later = jittered(Math.min(options.maxRescheduleMs, options.maxBackoffMs * 2 ** Math.max(0, holds - 1)), random);
  return { kind: 'reschedule', ms: Math.ceil(Math.max(wait, later)) };
}
