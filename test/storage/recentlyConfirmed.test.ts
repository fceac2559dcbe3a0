// The bounded, lapsing memory of what storage holds (src/platform/storage/recentlyConfirmed.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentlyConfirmed } from '../../src/platform/storage/recentlyConfirmed.js';

describe('RecentlyConfirmed', () => {
  it('holds the confirmed facts until the time to live, and only those facts', () => {
    let now = 0;
    const cache = new RecentlyConfirmed({ now: () => now }, 100, 10);
    cache.confirm('k', 'a');
    expect(cache.holds('k', 'a')).toBe(true);
    expect(cache.holds('k', 'b')).toBe(false);
    now = 99;
    expect(cache.holds('k', 'a')).toBe(true);
    now = 100;
    expect(cache.holds('k', 'a')).toBe(false);
  });

  it('forget drops an entry', () => {
    const cache = new RecentlyConfirmed({ now: () => 0 });
    cache.confirm('k', 'a');
    cache.forget('k');
    expect(cache.holds('k', 'a')).toBe(false);
  });

  it('never keeps more than its bound, and what it keeps is the latest confirmed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('a', 'b')), { maxLength: 200 }), (ops) => {
        const cache = new RecentlyConfirmed({ now: () => 0 }, 1_000, 8);
        const latest = new Map<number, string>();
        for (const [key, facts] of ops) {
          cache.confirm(String(key), facts);
          latest.delete(key);
          latest.set(key, facts);
        }
        const kept = [...latest].filter(([key, facts]) => cache.holds(String(key), facts));
        expect(kept.length).toBeLessThanOrEqual(8);
        // The newest eight keys are the ones kept.
        expect(kept.map(([key]) => key)).toEqual([...latest.keys()].slice(-8));
        for (const [key, facts] of latest) expect(cache.holds(String(key), facts === 'a' ? 'b' : 'a')).toBe(false);
      }),
    );
  });
});
