// This instance's share of Teams' per-tenant budget (about 50 requests/s per app per tenant),
// found without configuration: every instance renews a lease in the instance registry once a
// heartbeat and counts the live leases; each sends at 50 ÷ that count. A survivor takes over a
// dead instance's share when its lease runs out (a few seconds); a graceful stop hands it over
// at once. The rules, so that instances together never exceed the limit in any second:
// - an instance whose own lease may lapse soon (its heartbeats fail) stops sending a window
//   before the lapse: from the lapse on the others may be taking its share;
// - a graceful stop leaves the registry only a window after its last send;
// - an instance's count of the others is good for a heartbeat and a half: one whose heartbeat is
//   late (a busy process) pauses rather than send on a count that may be out of date;
// - an instance that joins while others are live waits that long plus a window before its first
//   send, so the others have heard of it and their last second holds only their new share;
// - a lone instance (no other lease live when it joined) need not wait: any instance that joins
//   later sees it and waits itself.

import type { WorkerLog } from './deliveryWorker.js';
import type { InstanceLease } from './instanceRegistry.js';

export interface DeliveryBudgetOptions {
  /** How often the lease is renewed and the others counted. */
  heartbeatMs: number;
  /** How long a lease lasts after it is written. Several heartbeats, so one slow write costs nothing. */
  leaseMs: number;
  /** The longest tenant window plus the limiter's arrival margin: what a joiner waits on top of a heartbeat. */
  windowMs: number;
}

export const DEFAULT_BUDGET_OPTIONS: DeliveryBudgetOptions = { heartbeatMs: 1_000, leaseMs: 4_000, windowMs: 1_250 };

export interface RegistryPort {
  beat(instanceId: string, leaseUntil: number): Promise<void>;
  live(now: number): Promise<InstanceLease[]>;
  leave(instanceId: string): Promise<void>;
}

/** What the instance knows after its heartbeats so far. */
export interface BudgetState {
  /** Until when this instance's own lease surely holds (its last written lease, by its clock). */
  ownLeaseUntil: number;
  /** When this instance may first send (after its warm-up); undefined before its first heartbeat. */
  mayStartAt: number | undefined;
  /** Live instances, itself included, at the last heartbeat. */
  instances: number;
  /** When that count was read. */
  countedAt: number;
}

/** How long a count of the live instances stays good: a heartbeat and a half. */
const countGoodFor = (options: DeliveryBudgetOptions) => options.heartbeatMs * 1.5;

/** Pure: how many instances to share the budget with now, or 'wait' (nothing may be sent). */
export function sharers(state: BudgetState, now: number, options: DeliveryBudgetOptions): number | 'wait' {
  if (state.mayStartAt === undefined || now < state.mayStartAt) return 'wait';
  if (now >= state.ownLeaseUntil - options.windowMs) return 'wait';
  if (now - state.countedAt > countGoodFor(options)) return 'wait';
  return Math.max(1, state.instances);
}

/** Pure: the state after a heartbeat that wrote `leaseUntil` (at `now`) and read `live`. */
export function afterHeartbeat(state: BudgetState, self: string, now: number, live: readonly InstanceLease[], options: DeliveryBudgetOptions): BudgetState {
  const others = live.filter((l) => l.instanceId !== self).length;
  const mayStartAt = state.mayStartAt ?? (others === 0 ? now : now + countGoodFor(options) + options.windowMs);
  return { ownLeaseUntil: now + options.leaseMs, mayStartAt, instances: others + 1, countedAt: now };
}

export class DeliveryBudget {
  private readonly options: DeliveryBudgetOptions;
  private state: BudgetState = { ownLeaseUntil: 0, mayStartAt: undefined, instances: 1, countedAt: 0 };
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private stopped = false;
  private started = false;
  private lastFailureLogged = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: { instanceId: string; registry: RegistryPort; now: () => number; log: WorkerLog; options?: Partial<DeliveryBudgetOptions> },
  ) {
    this.options = { ...DEFAULT_BUDGET_OPTIONS, ...deps.options };
    // One late heartbeat must not pause sending: the lease outlasts two heartbeats and the window.
    if (this.options.leaseMs < 2 * this.options.heartbeatMs + this.options.windowMs) throw new RangeError('the instance lease must last two heartbeats and a window');
  }

  /** Starts the heartbeat; resolves after the first one (whether or not it worked). */
  async start(): Promise<void> {
    this.stopped = false;
    this.started = true;
    await this.beat();
    if (this.stopped) return;
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.timer.unref();
  }

  /**
   * Call once this instance sends no more: stops the heartbeat and, a window later (its last
   * sends still count against the tenant's second), leaves the registry, so the others take the
   * share at once. `abandon: true` stops beating and leaves the row to lapse, as a crash would.
   */
  async stop({ abandon = false }: { abandon?: boolean } = {}): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    if (abandon || !this.started) return;
    await this.beating;
    await new Promise((resolve) => setTimeout(resolve, this.options.windowMs));
    await this.deps.registry.leave(this.deps.instanceId).catch(() => undefined);
  }

  /** Instances to share with now, or 'wait'. */
  sharers(now: number): number | 'wait' {
    return sharers(this.state, now, this.options);
  }

  /** How long to wait before asking again after a 'wait'. */
  get retryInMs(): number {
    return Math.max(50, Math.min(this.options.heartbeatMs, (this.state.mayStartAt ?? 0) - this.deps.now()));
  }

  private beat(): Promise<void> {
    if (this.beating) return this.beating;
    this.beating = (async () => {
      const { registry, instanceId, now, log } = this.deps;
      const at = now();
      try {
        await registry.beat(instanceId, at + this.options.leaseMs);
        const live = await registry.live(now());
        this.state = afterHeartbeat(this.state, instanceId, at, live, this.options);
      } catch (error) {
        // The last lease still holds for a while; sharers() stops sending before it lapses.
        if (at - this.lastFailureLogged >= 60_000) {
          this.lastFailureLogged = at;
          log.warn({ err: error }, 'delivery: cannot renew this instance\'s lease; sending pauses until it can');
        }
      }
    })().finally(() => {
      this.beating = undefined;
    });
    return this.beating;
  }
}
