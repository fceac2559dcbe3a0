// Which failures are retried, how long to wait, and that Retry-After is a floor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, RETRYABLE_STATUSES, parseRetryAfter, retryDelay, type RetryOptions } from '../../src/teams/delivery/retryPolicy.js';

const NOW = Date.parse('2025-03-03T09:00:00Z');
const mid = () => 0.5;
const options: RetryOptions = { maxAttempts: 5, baseMs: 1_000, maxBackoffMs: 8_000, maxRetryAfterMs: 60_000 };

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1_000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Mon, 03 Mar 2025 09:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Mon, 03 Mar 2025 08:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5', '12abc']) expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('retries exactly 412, 429, 502, 503, 504 and network errors', () => {
    for (const status of [412, 429, 502, 503, 504, undefined]) {
      expect(retryDelay({ attempt: 1, status, now: NOW }, mid, options)).toEqual(expect.any(Number));
    }
    for (const status of [400, 401, 403, 404, 409, 413, 500, 501]) {
      expect(retryDelay({ attempt: 1, status, now: NOW }, mid, options)).toBe('give-up');
    }
    expect([...RETRYABLE_STATUSES].sort()).toEqual([412, 429, 502, 503, 504]);
  });

  it('gives up after maxAttempts attempts in all', () => {
    expect(retryDelay({ attempt: 4, status: 503, now: NOW }, mid, options)).toEqual(expect.any(Number));
    expect(retryDelay({ attempt: 5, status: 503, now: NOW }, mid, options)).toBe('give-up');
    expect(retryDelay({ attempt: 5, status: 429, retryAfter: '1', now: NOW }, mid, options)).toBe('give-up');
  });

  it('backs off exponentially with equal jitter, up to the ceiling', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((attempt) => retryDelay({ attempt, status: 502, now: NOW }, low, options))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelay({ attempt, status: 502, now: NOW }, high, options))).toEqual([1_000, 2_000, 4_000, 8_000]);
    const big = { ...options, maxAttempts: 20 };
    expect(retryDelay({ attempt: 12, status: 502, now: NOW }, high, big)).toBe(8_000);
  });

  it('honours Retry-After as a lower bound, in seconds or as a date', () => {
    expect(retryDelay({ attempt: 1, status: 429, retryAfter: '1', now: NOW }, () => 0, options)).toBe(1_000);
    expect(retryDelay({ attempt: 1, status: 429, retryAfter: '1', now: NOW }, () => 0.5, options)).toBe(1_050);
    expect(retryDelay({ attempt: 1, status: 503, retryAfter: 'Mon, 03 Mar 2025 09:00:10 GMT', now: NOW }, () => 0, options)).toBe(10_000);
    // A short Retry-After does not shorten the backoff.
    expect(retryDelay({ attempt: 4, status: 429, retryAfter: '0', now: NOW }, () => 0, options)).toBe(4_000);
  });

  it('gives up rather than hold a job in memory past maxRetryAfterMs', () => {
    expect(retryDelay({ attempt: 1, status: 429, retryAfter: '61', now: NOW }, mid, options)).toBe('give-up');
    expect(retryDelay({ attempt: 1, status: 429, retryAfter: '3600', now: NOW }, mid, DEFAULT_RETRY)).toBe('give-up');
  });

  it('property: never below Retry-After, never above the bounds, always a whole number of ms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(412, 429, 502, 503, 504, undefined),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, status, retryAfterS, r) => {
          const wait = retryDelay({ attempt, status, retryAfter: retryAfterS?.toString(), now: NOW }, () => r, options);
          if (attempt >= options.maxAttempts) {
            expect(wait).toBe('give-up');
            return;
          }
          expect(typeof wait).toBe('number');
          const ms = wait as number;
          expect(Number.isInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual((retryAfterS ?? 0) * 1_000);
          expect(ms).toBeGreaterThanOrEqual(options.baseMs / 2);
          expect(ms).toBeLessThanOrEqual(Math.max(options.maxBackoffMs, (retryAfterS ?? 0) * 1_000 + 100));
        },
      ),
    );
  });
});
