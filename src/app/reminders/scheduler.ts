// The in-process ticker: every `everyMs` it asks for a reminder tick at the clock's time. Every
// instance of the bot may run one; the delivery keys make the messages exactly-once, so no
// leader election is needed. A tick still running when the next is due is not overlapped.
import type { Clock } from '../ports.js';

/** How often the scheduler ticks by default: reminders go out at 09:00 Oslo, so a minute is plenty. */
export const REMINDER_INTERVAL_MS = 60_000;

export interface SchedulerLog {
  error(details: Record<string, unknown>, message: string): void;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly tick: (now: number) => Promise<unknown>,
    private readonly clock: Clock,
    private readonly log: SchedulerLog,
    private readonly everyMs: number = REMINDER_INTERVAL_MS,
  ) {}

  get started(): boolean {
    return this.timer !== undefined;
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
    this.running = this.tick(this.clock.now())
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error }, 'reminders: tick failed'))
      .finally(() => {
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
