// Pulls delivery jobs off the queue and gets each one to Teams once. Any number of workers, in
// any number of instances, may run on the same queue: the ledger's ETag-guarded claim decides
// which one sends, a lease lets another take over from an instance that died, and a queue
// message (naming up to 32 jobs) is deleted only after every job in it is recorded or handed on
// to a message of its own. While its jobs are at work the message is kept hidden.
//
// Every send goes through `deps.send` (the SendToTeams function, sendToTeams.ts) and nothing
// else in this module talks to Teams: that is where a disclosure guard will sit.
import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { DeliveryJob, DeliveryOutcome } from '../../app/delivery.js';
import type { Clock, ConversationRecord, ConversationStore } from '../../app/ports.js';
import { isClaimable, type Claim, type DeliveryLedger } from '../../storage/deliveryLedger.js';
import { MAX_REFS_PER_MESSAGE, type DeliveryQueue, type DeliveryRef, type ReceivedDelivery } from '../../storage/deliveryQueue.js';
import type { RateLimiter } from './rateLimits.js';
import { DEFAULT_RETRY, retryDelay, type RetryOptions } from './retryPolicy.js';
import type { SendToTeams } from './sendToTeams.js';
import { deliveryMetrics } from '../../observability/metrics.js';

export interface DeliveryWorkerOptions {
  /** Jobs handled at once by this worker. */
  concurrency: number;
  /** How long a claim keeps other instances away; extended before each send and each wait. */
  leaseMs: number;
  /** How long a received message stays hidden from other receivers; renewed while its jobs run. */
  visibilityMs: number;
  /** Per HTTP request to the Connector; must be well under leaseMs. */
  sendTimeoutMs: number;
  /** Longest pause between polls of an empty queue. */
  idlePollMs: number;
  /** A message received more often than this without finishing is recorded as failed. */
  maxDequeueCount: number;
  /** A rate-limit wait longer than this frees the worker slot: the job goes back to the queue. */
  maxInlineWaitMs: number;
  recoverEveryMs: number;
  /** A row queued (or with a lease expired) this long ago, and not done, is re-queued. */
  staleAfterMs: number;
  retry: RetryOptions;
}

// Lease and visibility are what an instance that dies costs its jobs: they wait this long for
// another instance. 30 s each, with a Connector request timing out after 10 s (Teams answers in
// well under a second when it answers at all).
export const DEFAULT_WORKER_OPTIONS: DeliveryWorkerOptions = {
  concurrency: 16,
  leaseMs: 30_000,
  visibilityMs: 30_000,
  sendTimeoutMs: 10_000,
  idlePollMs: 2_000,
  maxDequeueCount: 10,
  maxInlineWaitMs: 5_000,
  recoverEveryMs: 5 * 60_000,
  staleAfterMs: 15 * 60_000,
  retry: DEFAULT_RETRY,
};

export type WorkerLog = Pick<Logger, 'info' | 'warn' | 'error'>;
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface DeliveryWorkerDeps {
  /** Unique per worker, e.g. `${hostname}:${pid}:${n}`; recorded in the claim. */
  instanceId: string;
  queue: DeliveryQueue;
  ledger: DeliveryLedger;
  conversations: ConversationStore;
  /** The single way out to Teams. */
  send: SendToTeams;
  /** This instance's limiter (shared by its workers). */
  limiter: RateLimiter;
  clock: Clock;
  random: () => number;
  log: WorkerLog;
  sleep?: Sleep;
  options?: Partial<DeliveryWorkerOptions>;
}

/** How one job of a message ended here: done (recorded, or handed on), to give back, or failed. */
type JobEnd = 'done' | 'give-back' | 'failed';

/** How one claimed job ended in this worker. */
type Handled =
  | { kind: 'outcome'; outcome: DeliveryOutcome }
  | { kind: 'defer'; waitMs: number }
  | { kind: 'lost' };

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });
const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';
const QUICK_POLL_MS = 50;

export class DeliveryWorker {
  private readonly options: DeliveryWorkerOptions;
  private readonly sleep: Sleep;
  private readonly inFlight = new Set<Promise<void>>();
  private controller = new AbortController();
  private loop: Promise<void> | undefined;
  private abandoned = false;
  private lastRecover = Number.NEGATIVE_INFINITY;
  /** Jobs received and not yet ended (running or waiting for a slot). */
  private backlog = 0;
  /** Jobs running now, at most `concurrency`; the others wait in `waitingForSlot`. */
  private running = 0;
  private readonly waitingForSlot: (() => void)[] = [];
  /** Jobs per message in the last receive, to ask for about as many jobs as there are slots. */
  private refsPerMessage = 1;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...deps.options };
    this.sleep = deps.sleep ?? defaultSleep;
    if (this.options.sendTimeoutMs * 2 > this.options.leaseMs) throw new RangeError('leaseMs must be at least twice sendTimeoutMs');
  }

  start(): void {
    if (this.loop) return;
    this.controller = new AbortController();
    // Every waiting job listens on this signal; that many listeners is expected, not a leak.
    setMaxListeners(this.options.concurrency + 8, this.controller.signal);
    this.abandoned = false;
    this.loop = this.run();
  }

  /**
   * Graceful: stops pulling, lets sends in progress finish and record, and hands jobs that are
   * only waiting (rate limit, backoff) back to the queue at once. `abandon: true` instead drops
   * everything on the floor without another write or send, as a crashed process would.
   */
  async stop({ abandon = false }: { abandon?: boolean } = {}): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    this.loop = undefined;
    if (abandon) this.abandoned = true;
    this.controller.abort();
    if (abandon) return;
    await loop;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Re-queues rows that have no live queue message (see DeliveryLedger.stale). */
  async recover(): Promise<number> {
    const now = this.deps.clock.now();
    const stale = await this.deps.ledger.stale(now, this.options.staleAfterMs);
    for (let i = 0; i < stale.length; i += MAX_REFS_PER_MESSAGE) await this.deps.queue.send(stale.slice(i, i + MAX_REFS_PER_MESSAGE));
    if (stale.length > 0) this.deps.log.warn({ count: stale.length }, 'delivery: re-queued stale jobs');
    return stale.length;
  }

  private get alive(): boolean {
    return !this.abandoned;
  }

  private async run(): Promise<void> {
    const { signal } = this.controller;
    let idleMs = QUICK_POLL_MS;
    while (!signal.aborted) {
      if (this.deps.clock.now() - this.lastRecover >= this.options.recoverEveryMs) {
        this.lastRecover = this.deps.clock.now();
        this.track(this.recover().then(
          () => undefined,
          (error: unknown) => this.deps.log.warn({ err: error }, 'delivery: recovery sweep failed'),
        ));
      }
      // Receive in batches (a receive costs the same for 1 or 32 messages): wait until at
      // least half the slots are free before asking again, and ask for about that many jobs.
      const free = this.options.concurrency - this.backlog;
      if (this.inFlight.size > 0 && free < Math.min(32, Math.ceil(this.options.concurrency / 2))) {
        await Promise.race(this.inFlight);
        continue;
      }
      let messages: ReceivedDelivery[];
      try {
        messages = await this.deps.queue.receive(Math.max(1, Math.round(free / this.refsPerMessage)), this.options.visibilityMs);
      } catch (error) {
        this.deps.log.warn({ err: error }, 'delivery: cannot read the queue');
        await this.pause(this.options.idlePollMs);
        continue;
      }
      if (!this.alive) return;
      if (signal.aborted) {
        await Promise.all(messages.map((m) => this.deps.queue.hide(m, 0).catch(() => false)));
        return;
      }
      if (messages.length === 0) {
        await this.pause(idleMs);
        idleMs = Math.min(idleMs * 2, this.options.idlePollMs);
        continue;
      }
      idleMs = QUICK_POLL_MS;
      this.refsPerMessage = Math.max(1, messages.reduce((n, m) => n + (m.refs?.length ?? 1), 0) / messages.length);
      for (const message of messages) this.track(this.handleMessage(message));
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async pause(ms: number): Promise<void> {
    try {
      await this.sleep(ms, this.controller.signal);
    } catch (error) {
      if (!isAbort(error)) throw error;
    }
  }

  /**
   * Never rejects. Deletes the message once every job in it is done; gives it back at once when
   * a graceful stop interrupted a job; otherwise (a job failed) leaves it to reappear, when the
   * jobs already recorded are skipped by the ledger.
   */
  private async handleMessage(message: ReceivedDelivery): Promise<void> {
    const { queue, log } = this.deps;
    const { refs } = message;
    if (!refs) {
      log.error({ messageId: message.messageId }, 'delivery: unreadable queue message deleted');
      await queue.delete(message).catch(() => undefined);
      return;
    }
    this.backlog += refs.length;
    const keepHidden = setInterval(() => {
      if (this.alive) void queue.hide(message, this.options.visibilityMs).catch(() => false);
    }, this.options.visibilityMs / 2);
    let ends: JobEnd[];
    try {
      ends = await Promise.all(
        refs.map((ref) => {
          const job = this.handleJob(message, ref);
          this.track(job.then(() => undefined)); // so the receive loop wakes as each job ends
          return job;
        }),
      );
    } finally {
      clearInterval(keepHidden);
    }
    if (!this.alive) return;
    try {
      if (ends.every((end) => end === 'done')) await queue.delete(message);
      else if (ends.includes('give-back')) await queue.hide(message, 0);
    } catch (error) {
      log.warn({ err: error, messageId: message.messageId }, 'delivery: cannot delete or release a queue message; it reappears');
    }
  }

  /** Waits for a slot, then runs one job. A job that keeps failing is dropped: its ledger row is
   * not done, so the recovery sweep re-queues it. */
  private async handleJob(message: ReceivedDelivery, ref: DeliveryRef): Promise<JobEnd> {
    const leave = await this.slot();
    try {
      if (this.controller.signal.aborted) return 'give-back';
      return await this.process(message, ref);
    } catch (error) {
      if (!this.alive) return 'failed';
      const drop = message.dequeueCount > this.options.maxDequeueCount;
      this.deps.log.error({ err: error, key: ref.key, dequeueCount: message.dequeueCount, drop }, 'delivery: job failed unexpectedly');
      return drop ? 'done' : 'failed';
    } finally {
      leave();
      this.backlog--;
    }
  }

  /** Resolves with the function that gives the slot back (straight to the next job waiting). */
  private async slot(): Promise<() => void> {
    if (this.running < this.options.concurrency) this.running++;
    else await new Promise<void>((resolve) => this.waitingForSlot.push(resolve));
    return () => {
      const next = this.waitingForSlot.shift();
      if (next) next();
      else this.running--;
    };
  }

  private async process(message: ReceivedDelivery, ref: DeliveryRef): Promise<JobEnd> {
    const { queue, ledger, clock, instanceId } = this.deps;
    const entry = await ledger.get(ref.tenantId, ref.key);
    if (!this.alive) return 'failed';
    if (!entry || entry.state === 'sent' || entry.state === 'failed') return 'done'; // done already (or never stored)
    const now = clock.now();
    if (!isClaimable(entry, now)) {
      await queue.send(ref, entry.leaseUntil - now + 1_000); // another holder is at work: look again after its lease
      return 'done';
    }
    if (entry.job.notBefore !== undefined && entry.job.notBefore > now) {
      await queue.send(ref, entry.job.notBefore - now);
      return 'done';
    }
    const claim = await ledger.claim(entry, instanceId, now, this.options.leaseMs);
    if (!this.alive) return 'failed';
    if (!claim) {
      await queue.send(ref, this.options.sendTimeoutMs + 1_000); // another instance won the claim
      return 'done';
    }
    // Queue age is the backlog: from when the job was due to its first claim. A later claim (after
    // a deferral, a lost lease, or a retry on first contact) is not waiting in the backlog again.
    if (entry.claims === 0) deliveryMetrics.claimed(Math.max(entry.createdAt, entry.job.notBefore ?? 0), now);
    if (message.dequeueCount > this.options.maxDequeueCount) {
      const lastError = `gave up after the queue message was received ${message.dequeueCount} times`;
      await this.settle(claim, { kind: 'failed-gave-up', at: now, attempts: 0, lastError });
      return 'done';
    }
    const holder = { claim };
    let handled: Handled;
    try {
      handled = await this.deliver(holder, entry.job);
    } catch (error) {
      if (!isAbort(error) || !this.alive) throw error;
      // Graceful stop while waiting: give the job back for another instance.
      await ledger.release(holder.claim, clock.now());
      return 'give-back';
    }
    if (!this.alive) return 'failed';
    if (handled.kind === 'outcome') await this.settle(holder.claim, handled.outcome);
    else if (handled.kind === 'defer') {
      await ledger.release(holder.claim, clock.now());
      await queue.send(ref, handled.waitMs);
    } else {
      this.deps.log.warn({ key: ref.key }, 'delivery: claim lost to another instance before sending; left to it');
    }
    return 'done';
  }

  /** Resolves the conversation, waits for the rate limiter, sends, and retries per the policy. */
  private async deliver(holder: { claim: Claim }, job: DeliveryJob): Promise<Handled> {
    const { clock, limiter } = this.deps;
    const conversation = await this.resolve(job);
    if (!conversation) {
      this.deps.log.warn({ key: job.key, target: job.target }, 'delivery: no stored conversation; recorded for the office');
      return { kind: 'outcome', outcome: { kind: 'failed-no-conversation', at: clock.now() } };
    }
    const conversationKey = `${job.tenantId}|${conversation.conversationId}`;
    for (let attempt = 1; ; attempt++) {
      for (;;) {
        const wait = limiter.reserve(conversationKey, clock.now(), job.tenantId);
        if (wait === 0) break;
        if (wait > this.options.maxInlineWaitMs) return { kind: 'defer', waitMs: wait };
        await this.sleep(wait, this.controller.signal);
      }
      if (!(await this.holdLease(holder, this.options.sendTimeoutMs))) return { kind: 'lost' };
      if (!this.alive) return { kind: 'lost' };
      const result = await this.deps.send({
        tenantId: job.tenantId,
        key: job.key,
        conversation,
        message: job.message,
        discloses: job.discloses ?? [],
        ...(job.update ? { update: job.update } : {}),
        timeoutMs: this.options.sendTimeoutMs,
      });
      const at = clock.now();
      if (result.kind === 'ok') {
        return { kind: 'outcome', outcome: { kind: 'sent', at, attempts: attempt, ...(result.activityId ? { activityId: result.activityId } : {}) } };
      }
      const status = result.kind === 'rejected' ? result.status : undefined;
      const retryAfter = result.kind === 'rejected' ? result.retryAfter : undefined;
      const lastError = result.kind === 'rejected' ? result.code : result.error;
      const wait = retryDelay({ attempt, status, retryAfter, now: at }, this.deps.random, this.options.retry);
      if (wait === 'give-up') {
        return {
          kind: 'outcome',
          outcome: { kind: 'failed-gave-up', at, attempts: attempt, ...(status !== undefined ? { lastStatus: status } : {}), ...(lastError ? { lastError } : {}) },
        };
      }
      this.deps.log.warn({ key: job.key, attempt, status, retryAfter, waitMs: wait }, 'delivery: send failed; retrying');
      deliveryMetrics.retried(status);
      if (!(await this.holdLease(holder, wait + this.options.sendTimeoutMs))) return { kind: 'lost' };
      await this.sleep(wait, this.controller.signal);
    }
  }

  /** Makes sure the claim lasts at least `needMs` more, with some slack. False when lost. */
  private async holdLease(holder: { claim: Claim }, needMs: number): Promise<boolean> {
    const now = this.deps.clock.now();
    const slack = Math.min(5_000, this.options.leaseMs / 4);
    if (holder.claim.leaseUntil - now >= needMs + slack) return true;
    const extended = await this.deps.ledger.extend(holder.claim, now + needMs + this.options.leaseMs, now);
    if (!extended) return false;
    holder.claim = extended;
    return true;
  }

  private resolve(job: DeliveryJob): Promise<ConversationRecord | undefined> {
    const { conversations } = this.deps;
    return job.target.kind === 'person'
      ? conversations.personalFor(job.tenantId, job.target.aadObjectId)
      : conversations.byId(job.tenantId, job.target.conversationId);
  }

  /**
   * Records the outcome. A send that reached Teams must be recorded or another instance would
   * repeat it when the lease runs out, so storage hiccups are retried.
   */
  private async settle(claim: Claim, outcome: DeliveryOutcome): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const recorded = await this.deps.ledger.finish(claim, outcome);
        if (recorded !== 'recorded') this.deps.log.warn({ key: claim.key, recorded, outcome: outcome.kind }, 'delivery: outcome raced another instance');
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
        await delay(200 * 2 ** attempt);
      }
    }
    deliveryMetrics.settled(outcome);
    if (outcome.kind !== 'sent') this.deps.log.warn({ key: claim.key, outcome }, 'delivery: failed; recorded for the office');
  }
}
