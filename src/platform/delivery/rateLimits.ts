// Sliding-window limiter for Teams' documented limits, so the bot slows itself down instead of
// collecting 429s. Deterministic: the caller passes the time in and nothing here reads a clock
// or does I/O. It holds the grant history it needs (an instance per bot instance).
//
// Several bot instances do not share a limiter: each keeps to its share of the tenant budget
// (deliveryBudget.ts counts the live instances and sets it here). Whatever still slips through
// is answered with 429 + Retry-After and handled by the retry policy.

export interface Window {
  limit: number;
  windowMs: number;
}

/** Per bot per conversation (Teams): 7/1 s, 8/2 s, 60/30 s, 1,800/3,600 s. */
export const TEAMS_CONVERSATION_WINDOWS: readonly Window[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Per app per tenant: about 50 requests/s. */
export const TEAMS_TENANT_WINDOWS: readonly Window[] = [{ limit: 50, windowMs: 1_000 }];

/** One instance's share of the tenant windows when `instances` send side by side. */
export const tenantShare = (instances: number): Window[] =>
  TEAMS_TENANT_WINDOWS.map((w) => ({ limit: Math.max(1, Math.floor(w.limit / instances)), windowMs: w.windowMs }));

/**
 * The margin the service runs with: enough for the arrival jitter of a busy instance, small enough
 * to keep the tenant's 50/s ceiling within 4 % (50 per 1.04 s).
 */
export const ARRIVAL_JITTER_MARGIN_MS = 40;

export interface RateLimiterOptions {
  conversationWindows?: readonly Window[];
  tenantWindows?: readonly Window[];
  /**
   * Widens every window by this much: a grant is the moment a request leaves, but Teams counts
   * when it arrives, and arrival times jitter by a few milliseconds.
   */
  marginMs?: number;
}

/** Grant times of one key, oldest first; `start` skips entries that no window can see any more. */
interface Series {
  times: number[];
  start: number;
}

const firstAfter = (series: Series, bound: number): number => {
  let lo = series.start;
  let hi = series.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((series.times[mid] as number) > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};

export class RateLimiter {
  private readonly conversationWindows: readonly Window[];
  private tenantWindows: readonly Window[];
  private readonly marginMs: number;
  private keepMs: number;
  private readonly conversations = new Map<string, Series>();
  private readonly tenants = new Map<string, Series>();
  private lastNow = Number.NEGATIVE_INFINITY;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(options: RateLimiterOptions = {}) {
    this.conversationWindows = options.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS;
    this.tenantWindows = options.tenantWindows ?? TEAMS_TENANT_WINDOWS;
    this.marginMs = options.marginMs ?? 0;
    this.check(this.conversationWindows);
    this.check(this.tenantWindows);
    this.keepMs = this.keepFor();
  }

  /** Changes the tenant windows (this instance's share moves as instances come and go). The
   * grants made so far still count against the new windows. */
  setTenantWindows(windows: readonly Window[]): void {
    this.check(windows);
    this.tenantWindows = windows;
    this.keepMs = this.keepFor();
  }

  private check(windows: readonly Window[]): void {
    for (const w of windows) {
      if (!(Number.isInteger(w.limit) && w.limit >= 1 && w.windowMs > 0)) throw new RangeError(`bad window ${JSON.stringify(w)}`);
    }
  }

  private keepFor(): number {
    return Math.max(0, ...[...this.conversationWindows, ...this.tenantWindows].map((w) => w.windowMs)) + this.marginMs;
  }

  /**
   * 0: go now (the send is recorded at `now`). Otherwise the milliseconds to wait before asking
   * again; nothing is recorded. Time must not go backwards; if it does it is treated as standing still.
   */
  reserve(conversationKey: string, now: number, tenantKey = ''): number {
    const t = Math.max(now, this.lastNow);
    this.lastNow = t;
    this.sweep(t);
    const conversation = this.series(this.conversations, conversationKey);
    const tenant = this.series(this.tenants, tenantKey);
    const wait = Math.max(this.waitFor(conversation, this.conversationWindows, t), this.waitFor(tenant, this.tenantWindows, t));
    if (wait > 0) return wait;
    this.record(conversation, t);
    this.record(tenant, t);
    return 0;
  }

  /**
   * Takes back a grant made at `t` (a request that did not leave then after all: the worker
   * got it again for a later moment).
   */
  cancel(conversationKey: string, t: number, tenantKey = ''): void {
    for (const series of [this.conversations.get(conversationKey), this.tenants.get(tenantKey)]) {
      if (!series) continue;
      const at = series.times.lastIndexOf(t);
      if (at >= series.start) series.times.splice(at, 1);
    }
  }

  /** How long until every window has room, given the grants so far. */
  private waitFor(series: Series, windows: readonly Window[], t: number): number {
    let wait = 0;
    const { times } = series;
    for (const { limit, windowMs } of windows) {
      const span = windowMs + this.marginMs;
      const inWindow = times.length - firstAfter(series, t - span);
      if (inWindow >= limit) {
        // The grant `limit` places from the newest must leave the window first.
        wait = Math.max(wait, (times[times.length - limit] as number) + span - t);
      }
    }
    return wait;
  }

  private series(map: Map<string, Series>, key: string): Series {
    let series = map.get(key);
    if (!series) {
      series = { times: [], start: 0 };
      map.set(key, series);
    }
    return series;
  }

  private record(series: Series, t: number): void {
    series.times.push(t);
    series.start = firstAfter(series, t - this.keepMs);
    // Compact now and then so the array does not grow for a busy conversation.
    if (series.start > 64 && series.start * 2 > series.times.length) {
      series.times.splice(0, series.start);
      series.start = 0;
    }
  }

  /** Forgets keys with no grant inside any window, so a long-running instance stays small. */
  private sweep(t: number): void {
    if (t - this.lastSweep < this.keepMs) return;
    this.lastSweep = t;
    for (const map of [this.conversations, this.tenants]) {
      for (const [key, series] of map) {
        const newest = series.times[series.times.length - 1];
        if (newest === undefined || newest <= t - this.keepMs) map.delete(key);
      }
    }
  }
}
