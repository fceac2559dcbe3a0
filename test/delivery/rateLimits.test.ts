// The limiter never lets a sequence of grants exceed any window, waits exactly as long as it
// must (checked against a brute-force oracle), and reaches Teams' limits without exceeding them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RateLimiter,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
  tenantShare,
  type Window,
} from '../../src/platform/delivery/rateLimits.js';

/** Every window holds at most `limit` grants: any limit+1 consecutive grants span ≥ windowMs. */
function violations(times: readonly number[], windows: readonly Window[]): string[] {
  const found: string[] = [];
  for (const { limit, windowMs } of windows) {
    for (let i = 0; i + limit < times.length; i++) {
      const span = (times[i + limit] as number) - (times[i] as number);
      if (span < windowMs) found.push(`${limit + 1} grants within ${span} ms (window ${limit}/${windowMs} ms) from t=${times[i]}`);
    }
  }
  return found;
}

/** Brute force: the earliest t ≥ now at which every window has room for one more grant. */
function oracleWait(grants: readonly number[], windows: readonly Window[], now: number): number {
  const fits = (t: number) => windows.every(({ limit, windowMs }) => grants.filter((g) => g > t - windowMs).length < limit);
  const candidates = [now, ...grants.flatMap((g) => windows.map((w) => g + w.windowMs))].filter((t) => t >= now).sort((a, b) => a - b);
  for (const t of candidates) if (fits(t)) return t - now;
  throw new Error('no candidate fits');
}

/** A sender that asks as fast as allowed: on a wait it jumps forward exactly that long. */
function greedy(limiter: RateLimiter, key: string, untilMs: number, tenant = 't'): number[] {
  const grants: number[] = [];
  let now = 0;
  while (now < untilMs) {
    const wait = limiter.reserve(key, now, tenant);
    if (wait === 0) grants.push(now);
    else now += wait;
  }
  return grants;
}

const countIn = (times: number[], from: number, to: number) => times.filter((t) => t >= from && t < to).length;

describe('Teams windows, exhaustively for one conversation over two hours of greedy sending', () => {
  const grants = greedy(new RateLimiter({ tenantWindows: [{ limit: 1_000_000, windowMs: 1_000 }] }), 'c', 2 * 3_600_000);

  it('exceeds none of 7/1 s, 8/2 s, 60/30 s, 1,800/3,600 s', () => {
    expect(violations(grants, TEAMS_CONVERSATION_WINDOWS)).toEqual([]);
  });

  it('is tight: each limit is reached, not just respected', () => {
    expect(countIn(grants, 0, 1_000)).toBe(7);
    expect(countIn(grants, 0, 2_000)).toBe(8);
    expect(countIn(grants, 0, 30_000)).toBe(60);
    expect(countIn(grants, 0, 3_600_000)).toBe(1_800);
    expect(countIn(grants, 3_600_000, 7_200_000)).toBe(1_800);
  });

  it('checks every sliding position, not only aligned ones', () => {
    // Any interval [t, t+W) of the greedy run, t at every grant time, stays within the limit.
    for (const { limit, windowMs } of TEAMS_CONVERSATION_WINDOWS) {
      for (const t of grants) expect(countIn(grants, t, t + windowMs)).toBeLessThanOrEqual(limit);
    }
  });
});

describe('the tenant window', () => {
  it('caps all conversations together at 50/s by default', () => {
    const limiter = new RateLimiter();
    const grants: number[] = [];
    for (let now = 0; now < 5_000; now += 5) {
      for (let c = 0; c < 20; c++) if (limiter.reserve(`c${c}:${now}`, now, 'tenant') === 0) grants.push(now);
    }
    expect(violations(grants, TEAMS_TENANT_WINDOWS)).toEqual([]);
    expect(countIn(grants, 0, 1_000)).toBe(50);
  });

  it('is configurable (a share of the budget per instance) and per tenant', () => {
    const limiter = new RateLimiter({ tenantWindows: [{ limit: 25, windowMs: 1_000 }] });
    const a = Array.from({ length: 40 }, (_, i) => limiter.reserve(`a${i}`, 0, 'A')).filter((w) => w === 0).length;
    const b = Array.from({ length: 40 }, (_, i) => limiter.reserve(`b${i}`, 0, 'B')).filter((w) => w === 0).length;
    expect([a, b]).toEqual([25, 25]);
    expect(limiter.reserve('a-late', 0, 'A')).toBe(1_000);
  });

  it('splits 50/s between the live instances (deliveryBudget.ts counts them), never below 1', () => {
    expect(tenantShare(1)).toEqual([{ limit: 50, windowMs: 1_000 }]);
    expect(tenantShare(2)).toEqual([{ limit: 25, windowMs: 1_000 }]);
    expect(tenantShare(3)).toEqual([{ limit: 16, windowMs: 1_000 }]);
    expect(tenantShare(50)).toEqual([{ limit: 1, windowMs: 1_000 }]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        const [share] = tenantShare(n);
        expect(share!.limit * n).toBeLessThanOrEqual(50); // together they stay under the ceiling
        expect(share!.limit).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('takes a new share at once, counting the grants made under the old one', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 20; i++) expect(limiter.reserve(`c${i}`, 0, 'T')).toBe(0);
    limiter.setTenantWindows(tenantShare(2)); // 25/s: five more this second
    for (let i = 20; i < 25; i++) expect(limiter.reserve(`c${i}`, 10, 'T')).toBe(0);
    expect(limiter.reserve('c25', 10, 'T')).toBe(990);
    limiter.setTenantWindows(tenantShare(1));
    expect(limiter.reserve('c25', 10, 'T')).toBe(0);
  });

  it('a cancelled grant frees its slot in the conversation and the tenant windows', () => {
    const limiter = new RateLimiter({ tenantWindows: [{ limit: 2, windowMs: 1_000 }] });
    expect(limiter.reserve('a', 0, 'T')).toBe(0);
    expect(limiter.reserve('b', 5, 'T')).toBe(0);
    expect(limiter.reserve('c', 6, 'T')).toBe(994);
    limiter.cancel('b', 5, 'T');
    expect(limiter.reserve('c', 6, 'T')).toBe(0);
    limiter.cancel('nobody', 6, 'T'); // the tenant slot of c is freed even for an unknown conversation
    expect(limiter.reserve('d', 7, 'T')).toBe(0);
  });
});

describe('examples', () => {
  it('grants 7 at once, then asks the 8th to wait exactly a second', () => {
    const limiter = new RateLimiter();
    expect(Array.from({ length: 7 }, () => limiter.reserve('c', 1_000))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(limiter.reserve('c', 1_000)).toBe(1_000);
    expect(limiter.reserve('c', 1_999)).toBe(1);
    expect(limiter.reserve('c', 2_000)).toBe(0);
    // Now 8 in (0, 2000]: the 2-second window holds the next one back until t=3000.
    expect(limiter.reserve('c', 2_000)).toBe(1_000);
  });

  it('keeps conversations apart', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 7; i++) limiter.reserve('busy', 0);
    expect(limiter.reserve('busy', 0)).toBeGreaterThan(0);
    expect(limiter.reserve('quiet', 0)).toBe(0);
  });

  it('a refused request records nothing', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 7; i++) limiter.reserve('c', 0);
    for (let i = 0; i < 100; i++) limiter.reserve('c', 500);
    expect(limiter.reserve('c', 1_000)).toBe(0);
  });

  it('widens windows by the margin', () => {
    const limiter = new RateLimiter({ marginMs: 30 });
    for (let i = 0; i < 7; i++) limiter.reserve('c', 0);
    expect(limiter.reserve('c', 0)).toBe(1_030);
  });

  it('treats time going backwards as standing still', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 7; i++) limiter.reserve('c', 10_000);
    expect(limiter.reserve('c', 9_500)).toBe(1_000);
    expect(limiter.reserve('c', 11_000)).toBe(0);
  });

  it('forgets idle conversations after the longest window and still limits correctly', () => {
    const limiter = new RateLimiter();
    for (let c = 0; c < 1_000; c++) limiter.reserve(`c${c}`, c);
    expect(limiter.reserve('c1', 3_600_000 + 10_000)).toBe(0);
    for (let i = 0; i < 6; i++) expect(limiter.reserve('c1', 3_600_000 + 10_000)).toBe(0);
    expect(limiter.reserve('c1', 3_600_000 + 10_000)).toBe(1_000);
  });

  it('refuses nonsense windows', () => {
    expect(() => new RateLimiter({ conversationWindows: [{ limit: 0, windowMs: 1_000 }] })).toThrow(RangeError);
  });
});

describe('properties', () => {
  const conversationWindows: Window[] = [
    { limit: 3, windowMs: 100 },
    { limit: 5, windowMs: 1_000 },
  ];
  const tenantWindows: Window[] = [{ limit: 4, windowMs: 200 }];
  const op = fc.record({
    dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1_200 })),
    key: fc.constantFrom('a', 'b', 'c'),
    tenant: fc.constantFrom('T1', 'T2'),
  });

  it('returns 0 exactly when every window has room, else exactly the oracle wait', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.integer({ min: 0, max: 50 }), (ops, marginMs) => {
        const limiter = new RateLimiter({ conversationWindows, tenantWindows, marginMs });
        const widen = (ws: Window[]) => ws.map((w) => ({ limit: w.limit, windowMs: w.windowMs + marginMs }));
        const byKey = new Map<string, number[]>();
        const byTenant = new Map<string, number[]>();
        let now = 0;
        for (const { dt, key, tenant } of ops) {
          now += dt;
          const k = `${tenant}/${key}`;
          const mine = byKey.get(k) ?? [];
          const theirs = byTenant.get(tenant) ?? [];
          const expected = Math.max(oracleWait(mine, widen(conversationWindows), now), oracleWait(theirs, widen(tenantWindows), now));
          const wait = limiter.reserve(k, now, tenant);
          expect(wait).toBe(expected);
          if (wait === 0) {
            byKey.set(k, [...mine, now]);
            byTenant.set(tenant, [...theirs, now]);
            // Liveness: the wait it gives is enough (checked on a copy of the history).
          }
        }
        for (const times of byKey.values()) expect(violations(times, widen(conversationWindows))).toEqual([]);
        for (const times of byTenant.values()) expect(violations(times, widen(tenantWindows))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('after a wait of w, asking again at now + w succeeds', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const limiter = new RateLimiter({ conversationWindows, tenantWindows });
        let now = 0;
        for (const { dt, key, tenant } of ops) {
          now += dt;
          const wait = limiter.reserve(key, now, tenant);
          if (wait > 0) {
            now += wait;
            expect(limiter.reserve(key, now, tenant)).toBe(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no sequence of grants ever exceeds the real Teams windows (dense traffic, two conversations)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 60 }), key: fc.constantFrom('x', 'y') }), { minLength: 50, maxLength: 600 }),
        (ops) => {
          const limiter = new RateLimiter({ tenantWindows: [{ limit: 10, windowMs: 1_000 }] });
          const grants = new Map<string, number[]>();
          const all: number[] = [];
          let now = 0;
          for (const { dt, key } of ops) {
            now += dt;
            if (limiter.reserve(key, now, 't') === 0) {
              grants.set(key, [...(grants.get(key) ?? []), now]);
              all.push(now);
            }
          }
          for (const times of grants.values()) expect(violations(times, TEAMS_CONVERSATION_WINDOWS)).toEqual([]);
          expect(violations(all, [{ limit: 10, windowMs: 1_000 }])).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
