// When to try a failed send again. Pure: attempt count, status, Retry-After, the time and a
// random source in; a wait or 'give-up' out. Teams asks bots to back off with jitter on 429,
// honour Retry-After, and retry 412, 502, 503 and 504; anything else will not get better.

export interface RetryOptions {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Backoff before the 2nd attempt; doubles each time. */
  baseMs: number;
  /** Ceiling for the computed backoff (not for Retry-After). */
  maxBackoffMs: number;
  /** A Retry-After longer than this is not waited for in memory: the job gives up. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 6,
  baseMs: 500,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 10 * 60_000,
};

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

export interface FailedAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  /** The HTTP status; undefined when no response came back (network error, timeout). */
  status: number | undefined;
  /** The Retry-After header as received: delay-seconds or an HTTP date. */
  retryAfter?: string | undefined;
  /** Epoch ms, to turn an HTTP-date Retry-After into a delay. */
  now: number;
}

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

export function retryDelay(failed: FailedAttempt, random: () => number, options: RetryOptions = DEFAULT_RETRY): number | 'give-up' {
  const { attempt, status } = failed;
  if (status !== undefined && !RETRYABLE_STATUSES.has(status)) return 'give-up';
  if (attempt >= options.maxAttempts) return 'give-up';
  // "Equal jitter": half fixed, half random, so instances spread out but none retries at once.
  const exponential = Math.min(options.maxBackoffMs, options.baseMs * 2 ** (attempt - 1));
  const backoff = exponential / 2 + (random() * exponential) / 2;
  const retryAfter = parseRetryAfter(failed.retryAfter, failed.now);
  if (retryAfter === undefined) return Math.ceil(backoff);
  if (retryAfter > options.maxRetryAfterMs) return 'give-up';
  // Retry-After is a lower bound; a little jitter on top keeps instances from returning together.
  const spread = (random() * Math.min(retryAfter, 1_000)) / 10;
  return Math.ceil(Math.max(backoff, retryAfter + spread));
}
