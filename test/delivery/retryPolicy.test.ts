// Which failures are retried, how long to wait, when a job goes back to the queue, and that
// only an answer that cannot get better (or a day overdue) gives up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, PERMANENT_STATUSES, nextStep, parseRetryAfter, type FailedAttempt, type RetryOptions } from '../../src/platform/delivery/retryPolicy.js';

const NOW = Date.parse('2025-03-03T09:00:00Z');
const mid = () => 0.5;
const options: RetryOptions = { maxAttempts: 5, baseMs: 1_000, maxBackoffMs: 8_000, maxRescheduleMs: 64_000, giveUpAfterMs: 3_600_000 };
const INLINE = 10_000;
const failed = (f: Partial<FailedAttempt>): FailedAttempt => ({ attempt: 1, holds: 1, status: 503, now: NOW, dueAt: NOW - 1_000, ...f });
const step = (f: Partial<FailedAttempt>, random = mid, inline = INLINE) => nextStep(failed(f), random, inline, options);

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

describe('nextStep', () => {
  it('gives up at once only on an answer that cannot get better: 400, 403, 404, 405, 410, 413, 415', () => {
    expect([...PERMANENT_STATUSES].sort((a, b) => a - b)).toEqual([400, 403, 404, 405, 410, 413, 415]);
    for (const status of PERMANENT_STATUSES) expect(step({ status })).toEqual({ kind: 'give-up', why: 'permanent' });
  });

  it('retries everything else: any 5xx (a single 500 included), 401, 408, 409, 412, 429, and no answer before the request left', () => {
    for (const status of [401, 408, 409, 412, 429, 500, 501, 502, 503, 504, 599, undefined]) {
      expect(step({ status }).kind, String(status)).toBe('wait');
    }
  });

  it('backs off exponentially with equal jitter while the job is held, up to the ceiling', () => {
    const low = () => 0;
    const high = () => 0.999999;
    const wide = { ...options, maxAttempts: 20 };
    const waits = (random: () => number) => [1, 2, 3, 4].map((attempt) => nextStep(failed({ attempt, status: 502 }), random, INLINE, wide));
    expect(waits(low)).toEqual([500, 1_000, 2_000, 4_000].map((ms) => ({ kind: 'wait', ms })));
    expect(waits(high)).toEqual([1_000, 2_000, 4_000, 8_000].map((ms) => ({ kind: 'wait', ms })));
    expect(nextStep(failed({ attempt: 12, status: 502 }), high, INLINE, wide)).toEqual({ kind: 'wait', ms: 8_000 }); // the 8 s ceiling
  });

  it('honours Retry-After as a lower bound, in seconds or as a date', () => {
    expect(step({ status: 429, retryAfter: '1' }, () => 0)).toEqual({ kind: 'wait', ms: 1_000 });
    expect(step({ status: 429, retryAfter: '1' }, () => 0.5)).toEqual({ kind: 'wait', ms: 1_050 });
    expect(step({ status: 503, retryAfter: 'Mon, 03 Mar 2025 09:00:10 GMT' }, () => 0)).toEqual({ kind: 'wait', ms: 10_000 });
    // A short Retry-After does not shorten the backoff.
    expect(step({ attempt: 4, status: 429, retryAfter: '0' }, () => 0)).toEqual({ kind: 'wait', ms: 4_000 });
  });

  it('a Retry-After longer than the worker holds a job reschedules it for that long instead of giving up (429, Retry-After: 700)', () => {
    expect(step({ status: 429, retryAfter: '700' }, () => 0)).toEqual({ kind: 'reschedule', ms: 700_000 });
    expect(nextStep(failed({ status: 429, retryAfter: '3600' }), () => 0, 5_000, DEFAULT_RETRY)).toEqual({ kind: 'reschedule', ms: 3_600_000 });
  });

  it('after the attempts of a hold, goes back to the queue, waiting longer each hold up to maxRescheduleMs', () => {
    const high = () => 0.999999;
    const holds = [1, 2, 3, 4, 5].map((h) => nextStep(failed({ attempt: options.maxAttempts, holds: h }), high, INLINE, options));
    expect(holds).toEqual([8_000, 16_000, 32_000, 64_000, 64_000].map((ms) => ({ kind: 'reschedule', ms })));
  });

  it('gives up a job still failing a day (giveUpAfterMs) after it was due, whatever the answer', () => {
    expect(step({ dueAt: NOW - options.giveUpAfterMs })).toEqual({ kind: 'give-up', why: 'overdue' });
    expect(step({ dueAt: NOW - options.giveUpAfterMs + 1 }).kind).toBe('wait');
    expect(DEFAULT_RETRY.giveUpAfterMs).toBe(24 * 3_600_000);
  });

  it('property: never below Retry-After, never above the bounds, a whole number of ms; waits in place only under the inline limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(401, 408, 412, 429, 500, 502, 503, 504, undefined),
        fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 20_000 }),
        (attempt, holds, status, retryAfterS, r, inline) => {
          const result = nextStep(failed({ attempt, holds, status, retryAfter: retryAfterS?.toString() }), () => r, inline, options);
          expect(result.kind).not.toBe('give-up');
          const ms = (result as { ms: number }).ms;
          expect(Number.isInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual((retryAfterS ?? 0) * 1_000);
          expect(ms).toBeGreaterThanOrEqual(options.baseMs / 2);
          expect(ms).toBeLessThanOrEqual(Math.max(options.maxRescheduleMs, (retryAfterS ?? 0) * 1_000 + 100));
          if (result.kind === 'wait') {
            expect(ms).toBeLessThanOrEqual(inline);
            expect(attempt).toBeLessThan(options.maxAttempts);
          }
        },
      ),
    );
  });
});
