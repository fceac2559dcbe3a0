// Pulls delivery jobs off the queue and gets each one to Teams once. Any number of workers, in
// any number of instances, may run on the same queue: the ledger's ETag-guarded claim decides
// which one sends, a lease lets another take over from an instance that died, and a queue
// message (naming up to 32 jobs) is deleted only after every job in it is recorded or handed on
// to a message of its own. While its jobs are at work the message is kept hidden.
//
// Every send goes through `deps.send` (the SendToTeams function, sendToTeams.ts) and nothing
// else in this module talks to Teams.
//
// A send whose fate is unknown is not sent again blindly, because Teams takes no idempotency key
// and a repeat reaches the person twice. Right before a request leaves, its claim records that a
// send is under way; Teams' answer (or a definite failure) clears it. A request that left and got
// no answer within sendTimeoutMs (60 s, far beyond any answer Teams gives), or whose holder died
// with it under way, is recorded `unconfirmed` and listed for the office as "may not have
// arrived"; an update (PUT of an earlier activity) is the exception: repeating it is harmless,
// so it is retried. Everything that certainly did not reach Teams (no connection, a 429 or 5xx,
// a wait for the rate limit or the instance budget) is retried, on the queue when the wait is long.
import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { DeliveryJob, DeliveryOutcome } from '../../shared/delivery.js';
import type { Clock, ConversationRecord, ConversationStore } from '../../shared/ports.js';
import { isClaimable, type Claim, type DeliveryLedger, type LedgerEntry } from './deliveryLedger.js';
import { MAX_REFS_PER_MESSAGE, type DeliveryQueue, type DeliveryRef, type ReceivedDelivery } from './deliveryQueue.js';
import { DEFAULT_RETRY, nextStep, type RetryOptions } from './retryPolicy.js';
import { ARRIVAL_JITTER_MARGIN_MS, tenantShare, type RateLimiter as Limiter } from './rateLimits.js';
import type { SendToTeams } from '../channel/sendToTeams.js';
import { ChatOpenUnavailable, type OpenPersonalChat } from '../channel/personalChatOpener.js';
import type { ParkedDeliveries } from './parkedDeliveries.js';
import { deliveryMetrics } from '../observability/metrics.js';

export interface DeliveryWorkerOptions {
  /** Jobs handled at once by this worker. */
  concurrency: number;
  /** How long a claim keeps other instances away; extended before each send and each wait. */
  leaseMs: number;
  /** How long a received message stays hidden from other receivers; renewed while its jobs run. */
  visibilityMs: number;
  /** How long a request that left may wait for Teams' answer; beyond it, its fate is unknown. */
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
  /** How long a message waits for a person with no chat with the bot before it is given up. */
  firstContactWaitMs: number;
  /** How often a waiting message looks again (their first contact resumes it at once). */
  firstContactRecheckMs: number;
  retry: RetryOptions;
}

// Lease and visibility are what an instance that dies costs the jobs it held but had not sent:
// they wait this long for another instance. 30 s each. A request under way holds its claim for
// sendTimeoutMs more (60 s: Teams answers in well under a second when it answers at all, and a
// slow answer is still an answer, not a reason to send again).
export const DEFAULT_WORKER_OPTIONS: DeliveryWorkerOptions = {
  concurrency: 16,
  leaseMs: 30_000,
  visibilityMs: 30_000,
  sendTimeoutMs: 60_000,
  idlePollMs: 2_000,
  maxDequeueCount: 10,
  maxInlineWaitMs: 5_000,
  recoverEveryMs: 5 * 60_000,
  staleAfterMs: 15 * 60_000,
  firstContactWaitMs: 30 * 24 * 3_600_000,
  firstContactRecheckMs: 6 * 3_600_000,
  retry: DEFAULT_RETRY,
};

export type WorkerLog = Pick<Logger, 'info' | 'warn' | 'error'>;

/** What the worker needs of DeliveryBudget. */
export interface BudgetShare {
  /** Instances to share the tenant budget with now, or 'wait' (this instance may not send yet). */
  sharers(now: number): number | 'wait';
  /** How long to wait before asking again after a 'wait'. */
  readonly retryInMs: number;
}
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
  limiter: Limiter;
  /** This instance's share of the tenant budget among the live instances; absent: alone. */
  budget?: BudgetShare;
  /** Opens a person's chat with the bot when none is stored (createConversation). */
  openPersonalChat?: OpenPersonalChat;
  /** Where messages waiting for a person's first contact are noted; absent: such messages fail at once. */
  parked?: Pick<ParkedDeliveries, 'park'>;
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
  /** The person has no chat with the bot yet: wait for their first contact. */
  | { kind: 'park'; aadObjectId: string }
  | { kind: 'defer'; waitMs: number }
  | { kind: 'lost' };

/** The claim a worker holds, and whether the ledger says a request of it is under way. */
interface Holder {
  claim: Claim;
  inFlight: boolean;
}

/** Why the `leaving` hook kept a request at home. */
type KeptFor = { kind: 'defer'; waitMs: number } | { kind: 'lost' };

const defaultSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });
const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';
const QUICK_POLL_MS = 50;
/** A rate-limit slot older than this when the request is ready to leave is taken again: half the
 * limiter's arrival margin (rateLimits.ts), so what Teams counts stays within its windows. */
const STALE_GRANT_MS = ARRIVAL_JITTER_MARGIN_MS / 2;

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
  /** The instance count the limiter's tenant windows were last set for. */
  private sharers: number | undefined;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...deps.options };
    this.sleep = deps.sleep ?? defaultSleep;
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
    if (entry.notBefore > now) {
      await queue.send(ref, entry.notBefore - now); // not due yet, or a retry rescheduled
      return 'done';
    }
    const claim = await ledger.claim(entry, instanceId, now, this.options.leaseMs);
    if (!this.alive) return 'failed';
    if (!claim) {
      await queue.send(ref, this.options.leaseMs + 1_000); // another instance won the claim
      return 'done';
    }
    // Queue age is the backlog: from when the job was due to its first claim. A later claim (after
    // a deferral, a lost lease, or a retry on first contact) is not waiting in the backlog again.
    if (entry.claims === 0) deliveryMetrics.claimed(Math.max(entry.createdAt, entry.job.notBefore ?? 0), now);
    if (entry.inFlightSince > 0 && !entry.job.update) {
      // The last holder's claim lapsed with a request under way: Teams may have the message.
      await this.settle(claim, { kind: 'unconfirmed', at: now, attempts: entry.claims, leftAt: entry.inFlightSince, reason: 'holder-lost' });
      return 'done';
    }
    if (message.dequeueCount > this.options.maxDequeueCount) {
      const lastError = `gave up after the queue message was received ${message.dequeueCount} times`;
      await this.settle(claim, { kind: 'failed-gave-up', at: now, attempts: 0, lastError });
      return 'done';
    }
    const holder: Holder = { claim, inFlight: false };
    let handled: Handled;
    try {
      handled = await this.deliver(holder, entry);
    } catch (error) {
      if (!isAbort(error) || !this.alive) throw error;
      // Graceful stop while waiting: give the job back for another instance.
      await ledger.release(holder.claim, clock.now());
      return 'give-back';
    }
    if (!this.alive) return 'failed';
    if (handled.kind === 'outcome') await this.settle(holder.claim, handled.outcome);
    else if (handled.kind === 'park') {
      const at = clock.now();
      await this.deps.parked?.park(ref.tenantId, handled.aadObjectId, ref.key, at);
      await ledger.park(holder.claim, at, entry.waitingSince || at, at + this.options.firstContactRecheckMs);
      await queue.send(ref, this.options.firstContactRecheckMs);
    } else if (handled.kind === 'defer') {
      const at = clock.now();
      await ledger.release(holder.claim, at, at + handled.waitMs);
      await queue.send(ref, handled.waitMs);
    } else {
      this.deps.log.warn({ key: ref.key }, 'delivery: claim lost to another instance before sending; left to it');
    }
    return 'done';
  }

  /** Resolves the conversation, waits for the budget, sends, and retries per the policy. */
  private async deliver(holder: Holder, entry: LedgerEntry): Promise<Handled> {
    const { clock } = this.deps;
    const { job } = entry;
    const dueAt = Math.max(entry.createdAt, job.notBefore ?? 0);
    let conversation = await this.resolve(job);
    if (!conversation && job.target.kind === 'person' && this.deps.openPersonalChat) {
      // Opening a chat is a request to Teams like a send: it takes a slot of the tenant's budget.
      const granted = await this.reserveSend(`${job.tenantId}|open-chat:${job.target.aadObjectId}`, job.tenantId);
      if (granted.kind === 'wait') return { kind: 'defer', waitMs: granted.ms };
      const opened = await this.openChat(job);
      if (opened instanceof ChatOpenUnavailable) {
        const step = nextStep({ attempt: holder.claim.claims, holds: holder.claim.claims, status: opened.status, retryAfter: opened.retryAfter, now: clock.now(), dueAt }, this.deps.random, 0, this.options.retry);
        // Given up only as any send is, a day overdue; until then the job goes back to the queue.
        if (step.kind !== 'give-up') return { kind: 'defer', waitMs: step.ms };
      } else conversation = opened;
    }
    if (!conversation) {
      const waitedSince = entry.waitingSince || clock.now();
      if (job.target.kind === 'person' && this.deps.parked && clock.now() - waitedSince < this.options.firstContactWaitMs) {
        this.deps.log.info({ key: job.key }, 'delivery: no chat with the person yet; waiting for their first contact');
        return { kind: 'park', aadObjectId: job.target.aadObjectId };
      }
      this.deps.log.warn({ key: job.key, target: job.target }, 'delivery: no stored conversation; recorded for the office');
      return { kind: 'outcome', outcome: { kind: 'failed-no-conversation', at: clock.now() } };
    }
    const conversationKey = `${job.tenantId}|${conversation.conversationId}`;
    for (let attempt = 1; ; attempt++) {
      const kept: { why: KeptFor | 'stopping' } = { why: { kind: 'lost' } };
      let leftAt = 0;
      // Runs after the disclosure check, right before the request leaves: takes a slot from the
      // budget and the rate limits, then records that a request is under way. A slot that went
      // stale while that write took longer than the limiter's arrival margin is taken again, so
      // the request leaves within the margin of the moment it was counted.
      const leaving = async (): Promise<boolean> => {
        for (;;) {
          let grantedAt: number;
          try {
            const granted = await this.reserveSend(conversationKey, job.tenantId);
            if (granted.kind === 'wait') {
              kept.why = { kind: 'defer', waitMs: granted.ms };
              return false;
            }
            grantedAt = granted.at;
          } catch (error) {
            if (!isAbort(error)) throw error;
            kept.why = 'stopping';
            return false;
          }
          if (!this.alive) return false;
          if (!holder.inFlight) {
            leftAt = clock.now();
            const slack = Math.min(5_000, this.options.leaseMs / 4);
            const extended = await this.deps.ledger.extend(holder.claim, leftAt + this.options.sendTimeoutMs + this.options.maxInlineWaitMs + slack, leftAt, true);
            if (!extended) {
              this.deps.limiter.cancel(conversationKey, grantedAt, job.tenantId);
              return false;
            }
            holder.claim = extended;
            holder.inFlight = true;
          }
          if (clock.now() - grantedAt <= STALE_GRANT_MS) return true;
          this.deps.limiter.cancel(conversationKey, grantedAt, job.tenantId);
        }
      };
      const result = await this.deps.send({
        tenantId: job.tenantId,
        key: job.key,
        conversation,
        message: job.message,
        discloses: job.discloses ?? [],
        ...(job.update ? { update: job.update } : {}),
        timeoutMs: this.options.sendTimeoutMs,
        leaving,
      });
      const at = clock.now();
      if (result.kind === 'ok') {
        return { kind: 'outcome', outcome: { kind: 'sent', at, attempts: attempt, ...(result.activityId ? { activityId: result.activityId } : {}) } };
      }
      if (result.kind === 'kept') {
        if (kept.why === 'stopping') throw new DOMException('stopping', 'AbortError');
        return kept.why;
      }
      if (result.kind === 'no-answer' && !job.update) {
        this.deps.log.warn({ key: job.key, error: result.error }, 'delivery: no answer from Teams; not sent again (it may have arrived)');
        return { kind: 'outcome', outcome: { kind: 'unconfirmed', at, attempts: attempt, leftAt, reason: 'no-answer' } };
      }
      const status = result.kind === 'rejected' ? result.status : undefined;
      const retryAfter = result.kind === 'rejected' ? result.retryAfter : undefined;
      const lastError = result.kind === 'rejected' ? result.code : result.error;
      const step = nextStep({ attempt, holds: holder.claim.claims, status, retryAfter, now: at, dueAt }, this.deps.random, this.options.maxInlineWaitMs, this.options.retry);
      if (step.kind === 'give-up') {
        return {
          kind: 'outcome',
          outcome: { kind: 'failed-gave-up', at, attempts: attempt, ...(status !== undefined ? { lastStatus: status } : {}), ...(lastError ? { lastError } : {}) },
        };
      }
      this.deps.log.warn({ key: job.key, attempt, status, retryAfter, lastError, step }, 'delivery: send failed; retrying');
      deliveryMetrics.retried(status);
      if (step.kind === 'reschedule') return { kind: 'defer', waitMs: step.ms };
      // Teams answered (or the request never left): no send is under way while this one waits.
      if (!(await this.holdLease(holder, step.ms + this.options.maxInlineWaitMs))) return { kind: 'lost' };
      await this.sleep(step.ms, this.controller.signal);
    }
  }

  /**
   * Waits (at most maxInlineWaitMs) until this instance's budget and the rate limits allow a
   * request now, and records it: granted at a time, or the wait that was too long to hold.
   */
  private async reserveSend(conversationKey: string, tenantId: string): Promise<{ kind: 'granted'; at: number } | { kind: 'wait'; ms: number }> {
    const { clock, limiter, budget } = this.deps;
    for (;;) {
      const now = clock.now();
      let wait: number;
      const sharers = budget ? budget.sharers(now) : undefined;
      if (sharers === 'wait') wait = budget?.retryInMs ?? QUICK_POLL_MS;
      else {
        if (sharers !== undefined && sharers !== this.sharers) {
          limiter.setTenantWindows(tenantShare(sharers));
          this.sharers = sharers;
        }
        wait = limiter.reserve(conversationKey, now, tenantId);
        if (wait === 0) return { kind: 'granted', at: now };
      }
      if (wait > this.options.maxInlineWaitMs) return { kind: 'wait', ms: wait };
      await this.sleep(wait, this.controller.signal);
    }
  }

  /** Makes sure the claim lasts at least `needMs` more, with some slack, and says no send is
   * under way. False when lost. */
  private async holdLease(holder: Holder, needMs: number): Promise<boolean> {
    const now = this.deps.clock.now();
    const slack = Math.min(5_000, this.options.leaseMs / 4);
    if (!holder.inFlight && holder.claim.leaseUntil - now >= needMs + slack) return true;
    const extended = await this.deps.ledger.extend(holder.claim, now + needMs + this.options.leaseMs, now);
    if (!extended) return false;
    holder.claim = extended;
    holder.inFlight = false;
    return true;
  }

  /** A person's chat opened by the bot where Teams allows it; undefined when it does not. */
  /** The chat, undefined when Teams refused (the message waits for first contact), or why Teams
   * could not be asked now (the message is tried again later). Never throws. */
  private async openChat(job: DeliveryJob): Promise<ConversationRecord | ChatOpenUnavailable | undefined> {
    if (job.target.kind !== 'person' || !this.deps.openPersonalChat) return undefined;
    try {
      return await this.deps.openPersonalChat(job.tenantId, job.target.aadObjectId);
    } catch (error) {
      this.deps.log.warn({ err: error, key: job.key }, 'delivery: could not open the person\'s chat');
      return error instanceof ChatOpenUnavailable ? error : undefined;
    }
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
