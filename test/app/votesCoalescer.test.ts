// The card coalescer on a fake clock: a burst becomes few flushes at least `intervalMs` apart,
// the last change is always flushed, a flush that must wait is retried a bounded number of
// times, and a failing flush does not stop later ones.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardCoalescer, type FlushResult } from '../../src/features/votes/teams/cardCoalescer.js';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

const options = { intervalMs: 2_000, settleMs: 250, maxRetries: 3, now: () => Date.now() };

describe('CardCoalescer', () => {
  it('turns 200 changes in one second into flushes at least 2 s apart, the last after the last change', async () => {
    const flushes: { at: number; seen: number }[] = [];
    let changes = 0;
    const coalescer = new CardCoalescer(async () => {
      flushes.push({ at: Date.now(), seen: changes });
      return 'done';
    }, options);
    for (let i = 0; i < 200; i++) {
      changes += 1;
      coalescer.touch('vote-1');
      await vi.advanceTimersByTimeAsync(5);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(flushes.length).toBeGreaterThanOrEqual(1);
    expect(flushes.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < flushes.length; i++) expect(flushes[i]!.at - flushes[i - 1]!.at).toBeGreaterThanOrEqual(2_000);
    expect(flushes.at(-1)!.seen).toBe(200); // the final state is shown
  });

  it('never flushes one key more than once per interval over a long, steady stream', async () => {
    const at: number[] = [];
    const coalescer = new CardCoalescer(async () => (at.push(Date.now()), 'done'), options);
    for (let i = 0; i < 600; i++) {
      coalescer.touch('k');
      await vi.advanceTimersByTimeAsync(100); // 10 changes a second for a minute
    }
    await vi.advanceTimersByTimeAsync(5_000);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(2_000);
    // 30 windows of 2 s at most in 60 s, plus the trailing one.
    expect(at.length).toBeLessThanOrEqual(32);
    expect(at.length).toBeGreaterThanOrEqual(25);
  });

  it('keeps keys apart', async () => {
    const seen: string[] = [];
    const coalescer = new CardCoalescer(async (key) => (seen.push(key), 'done'), options);
    coalescer.touch('a');
    coalescer.touch('b');
    coalescer.touch('a');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen.sort()).toEqual(['a', 'b']);
  });

  it('waits a full interval after a flush even when the next change comes after a pause', async () => {
    const at: number[] = [];
    const coalescer = new CardCoalescer(async () => (at.push(Date.now()), 'done'), options);
    coalescer.touch('k');
    await vi.advanceTimersByTimeAsync(300);
    coalescer.touch('k');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(at).toEqual([250, 2_250]);
  });

  it('retries a flush that must wait, at most maxRetries times', async () => {
    let calls = 0;
    const coalescer = new CardCoalescer(async (): Promise<FlushResult> => (calls++, 'retry'), options);
    coalescer.touch('k');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1 + options.maxRetries);
    expect(coalescer.size).toBe(0);
  });

  it('reports a failing flush and tries again', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const coalescer = new CardCoalescer(
      async () => {
        calls++;
        if (calls === 1) throw new Error('storage hiccup');
        return 'done';
      },
      { ...options, onError: (_key, error) => errors.push(error) },
    );
    coalescer.touch('k');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('stops: pending flushes are dropped and later changes ignored', async () => {
    let calls = 0;
    const coalescer = new CardCoalescer(async () => (calls++, 'done'), options);
    coalescer.touch('k');
    await coalescer.stop();
    coalescer.touch('k');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(0);
  });
});
