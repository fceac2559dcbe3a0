// The one in-process ticker. Features register sweeps (reminders, admissions reloaded, hearings,
// checklists, convening, …) by name; every `everyMs` each runs in the registered order at the
// business clock's time. Every instance of the bot may run one: the delivery keys make the
// messages exactly-once, so no leader election is needed. A tick still running when the next is
// due is not overlapped, and a failing sweep is logged by name without stopping the others (the
// next tick retries it).
import type { BusinessClock } from '../../shared/clocks.js';
import { RegistrationError } from '../routing/registrations.js';

/** How often the scheduler ticks by default: reminders go out at 09:00 Oslo, so a minute is plenty. */
export const SWEEP_INTERVAL_MS = 60_000;

export interface Sweep {
  /** Unique among the sweeps; names the sweep in the log. */
  name: string;
  /** One idempotent pass at `now` (safe on every instance at once); its result is the tick's for this sweep. */
  run(now: number): Promise<unknown>;
}

export interface SchedulerLog {
  error(details: Record<string, unknown>, message: string): void;
}

export interface TickOutcome {
  /** What each sweep that finished returned, by name. */
  results: ReadonlyMap<string, unknown>;
  /** The sweeps that threw, in order. */
  failed: readonly { name: string; error: unknown }[];
}

export class SweepScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly sweeps: readonly Sweep[],
    private readonly clock: BusinessClock,
    private readonly log: SchedulerLog,
    private readonly everyMs: number = SWEEP_INTERVAL_MS,
  ) {
    const names = new Set<string>();
    for (const { name } of sweeps) {
      if (names.has(name)) throw new RegistrationError(`The sweep "${name}" is registered twice: each sweep must have one name.`);
      names.add(name);
    }
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  /** Every sweep once at `now`, in order; a failure is logged and the next sweep still runs. */
  async tick(now: number): Promise<TickOutcome> {
    const results = new Map<string, unknown>();
    const failed: { name: string; error: unknown }[] = [];
    for (const sweep of this.sweeps) {
      try {
        results.set(sweep.name, await sweep.run(now));
      } catch (error) {
        failed.push({ name: sweep.name, error });
        this.log.error({ err: error, sweep: sweep.name }, `${sweep.name}: sweep failed; the next tick retries`);
      }
    }
    return { results, failed };
  }

  /** Ticks at once and then every `everyMs`. Idempotent. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.runOnce(), this.everyMs);
    this.timer.unref();
    this.runOnce();
  }

  private runOnce(): void {
    if (this.running) return;
    this.running = this.tick(this.clock.now()).finally(() => {
      this.running = undefined;
    });
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
