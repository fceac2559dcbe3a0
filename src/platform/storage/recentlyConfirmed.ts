// What this instance has lately seen stored for a row: a turn that brings the same facts again
// need not read the row to know that nothing is to be written (issue 28: a steady-state turn
// makes no storage request for its conversation reference).
//
// What it cannot know: another instance writing a *different* reference meanwhile. That is
// harmless here: the turn in hand carries the facts remembered, so they are as current as the
// other instance's; and the entry lapses after `ttlMs`, after which the row is read again. A row
// deleted outside the app (erasure runs with the app stopped) is written again after the lapse.
// Bounded: the oldest entries go first beyond `maxEntries`, so memory does not grow with the
// number of conversations.
import type { Clock } from '../../shared/ports.js';

export class RecentlyConfirmed {
  private readonly entries = new Map<string, { facts: string; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 20_000,
  ) {}

  /** True when `facts` were confirmed stored for `key` within the time to live. */
  holds(key: string, facts: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (this.clock.now() - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return false;
    }
    return entry.facts === facts;
  }

  /** `facts` are what storage holds for `key` now (read or just written). */
  confirm(key: string, facts: string): void {
    this.entries.delete(key); // re-inserted as the newest
    this.entries.set(key, { facts, at: this.clock.now() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
