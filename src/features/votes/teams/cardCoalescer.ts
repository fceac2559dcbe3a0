// Coalesces bursts of changes into few card updates. Per key (a vote), a flush starts at most
// once per `intervalMs`, and whatever it publishes is read at flush time, so a burst of 200
// ballots becomes one update every couple of seconds showing the latest state. A flush that
// cannot publish yet (the card's post or the previous update is still on its way) asks to be
// retried and is, after another interval, a bounded number of times.
//
// Instance-scoped: no module state, timers belong to the object and stop() clears them. Two
// bot instances each coalesce their own ballots; the vote record's card key (voteBoard.ts)
// keeps their updates in order.
import { systemClock } from '../../../shared/clocks.js';

export type FlushResult = 'done' | 'retry';

export interface CoalescerOptions {
  /** Least time between the starts of two flushes of one key. */
  intervalMs: number;
  /** Wait after the first change of a quiet key, to gather the rest of a burst. */
  settleMs: number;
  /** Retries of a flush that keeps answering 'retry' before giving up (the closer's sweep is
   * the backstop for final states). */
  maxRetries: number;
  now?: () => number;
  onError?: (key: string, error: unknown) => void;
}

interface Entry {
  timer: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  dirty: boolean;
  lastStart: number;
  retries: number;
}

export class CardCoalescer {
  private readonly entries = new Map<string, Entry>();
  /** When each key's last flush started; outlives its entry so a new burst still waits. */
  private readonly lastStarts = new Map<string, number>();
  private readonly now: () => number;
  private stopped = false;

  constructor(
    private readonly flush: (key: string) => Promise<FlushResult>,
    private readonly options: CoalescerOptions,
  ) {
    this.now = options.now ?? systemClock.now;
  }

  /** Something changed: the key will be flushed soon, once for the whole burst. */
  touch(key: string): void {
    if (this.stopped) return;
    const entry = this.entry(key);
    entry.dirty = true;
    entry.retries = 0;
    this.schedule(key, entry);
  }

  /** Ask for a later retry of a flush that could not publish now. */
  retryLater(key: string): void {
    if (this.stopped) return;
    const entry = this.entry(key);
    if (entry.retries >= this.options.maxRetries) return;
    entry.retries += 1;
    entry.dirty = true;
    this.schedule(key, entry);
  }

  /** Keys with a flush pending or running. */
  get size(): number {
    return this.entries.size;
  }

  /** Waits until nothing is pending or running (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.entries.values()].filter((e) => e.timer || e.running);
      if (busy.length === 0) return;
      await Promise.all(busy.map((e) => e.running ?? new Promise((resolve) => setTimeout(resolve, 20))));
    }
  }

  /** Drops pending flushes and waits for running ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = undefined;
      entry.dirty = false;
    }
    await Promise.all([...this.entries.values()].map((e) => e.running));
    this.entries.clear();
    this.lastStarts.clear();
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { timer: undefined, running: undefined, dirty: false, lastStart: this.lastStarts.get(key) ?? Number.NEGATIVE_INFINITY, retries: 0 };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private schedule(key: string, entry: Entry): void {
    if (entry.timer || entry.running || this.stopped) return;
    const wait = Math.max(this.options.settleMs, entry.lastStart + this.options.intervalMs - this.now());
    entry.timer = setTimeout(() => this.run(key, entry), wait);
    entry.timer.unref?.();
  }

  private run(key: string, entry: Entry): void {
    entry.timer = undefined;
    entry.dirty = false;
    entry.lastStart = this.now();
    this.rememberStart(key, entry.lastStart);
    entry.running = this.flush(key)
      .then(
        (result) => {
          if (result === 'retry') this.markRetry(entry);
        },
        (error: unknown) => {
          this.options.onError?.(key, error);
          this.markRetry(entry);
        },
      )
      .finally(() => {
        entry.running = undefined;
        if (entry.dirty) this.schedule(key, entry);
        else if (!entry.timer) this.entries.delete(key);
      });
  }

  private rememberStart(key: string, at: number): void {
    this.lastStarts.set(key, at);
    if (this.lastStarts.size > 10_000) {
      for (const [k, started] of this.lastStarts) if (at - started > this.options.intervalMs) this.lastStarts.delete(k);
    }
  }

  private markRetry(entry: Entry): void {
    if (entry.retries >= this.options.maxRetries) return;
    entry.retries += 1;
    entry.dirty = true;
  }
}
