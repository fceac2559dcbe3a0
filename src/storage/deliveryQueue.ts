// Azure Storage Queue `deliveries`: the work list the delivery workers pull from. A message only
// names a ledger row (tenant + key, base64 JSON), so it stays tiny whatever the card's size,
// and a duplicate or stale message is harmless: the ledger decides whether anything is sent.
// Also the Delivery port's implementation: ledger insert-once first, then the queue message.
import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import type { Delivery, DeliveryJob } from '../app/delivery.js';
import type { Clock } from '../app/ports.js';
import type { StorageClients } from './connection.js';
import type { DeliveryLedger } from './deliveryLedger.js';
import { statusOf } from './tables.js';

export const DELIVERY_QUEUE = 'deliveries';
const MAX_VISIBILITY_S = 7 * 24 * 3600; // the service's ceiling

const refSchema = z.object({ v: z.literal(1), tenantId: z.string().min(1), key: z.string().min(1) });

export interface DeliveryRef {
  tenantId: string;
  key: string;
}

export interface ReceivedDelivery {
  /** Undefined when the message could not be read (it is poison and should be deleted). */
  ref: DeliveryRef | undefined;
  messageId: string;
  popReceipt: string;
  dequeueCount: number;
}

const seconds = (ms: number) => Math.min(MAX_VISIBILITY_S, Math.max(0, Math.ceil(ms / 1_000)));

const encode = (ref: DeliveryRef) => Buffer.from(JSON.stringify({ v: 1, ...ref }), 'utf8').toString('base64');

const decode = (text: string): DeliveryRef | undefined => {
  try {
    const parsed = refSchema.safeParse(JSON.parse(Buffer.from(text, 'base64').toString('utf8')));
    return parsed.success ? { tenantId: parsed.data.tenantId, key: parsed.data.key } : undefined;
  } catch {
    return undefined;
  }
};

export class DeliveryQueue {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly client: QueueClient) {}

  static from(clients: StorageClients, name = DELIVERY_QUEUE): DeliveryQueue {
    return new DeliveryQueue(clients.queue(name));
  }

  /** Visible after `delayMs` (rounded up to whole seconds; at most 7 days); never expires. */
  async send(ref: DeliveryRef, delayMs = 0): Promise<void> {
    await this.ensure();
    await this.client.sendMessage(encode(ref), { visibilityTimeout: seconds(delayMs), messageTimeToLive: -1 });
  }

  /** Up to `max` (≤ 32) messages, each hidden from other receivers for `visibilityMs`. */
  async receive(max: number, visibilityMs: number): Promise<ReceivedDelivery[]> {
    await this.ensure();
    const response = await this.client.receiveMessages({
      numberOfMessages: Math.min(32, Math.max(1, max)),
      visibilityTimeout: Math.max(1, seconds(visibilityMs)),
    });
    return response.receivedMessageItems.map((m) => ({
      ref: decode(m.messageText),
      messageId: m.messageId,
      popReceipt: m.popReceipt,
      dequeueCount: m.dequeueCount,
    }));
  }

  /** Deletes a handled message. Gone already, or taken by another receiver meanwhile: fine. */
  async delete(message: ReceivedDelivery): Promise<void> {
    try {
      await this.client.deleteMessage(message.messageId, message.popReceipt);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  /** Hides the message for `delayMs` more. False when another receiver holds it now. */
  async hide(message: ReceivedDelivery, delayMs: number): Promise<boolean> {
    try {
      await this.client.updateMessage(message.messageId, message.popReceipt, undefined, seconds(delayMs));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  /**
   * Puts the job back for later as a fresh message (dequeue count reset), for waits that are
   * not failures: notBefore in the future, a conversation at its rate limit. A crash between
   * the two calls leaves two messages, which the ledger makes harmless.
   */
  async reschedule(message: ReceivedDelivery, ref: DeliveryRef, delayMs: number): Promise<void> {
    await this.send(ref, delayMs);
    await this.delete(message);
  }

  private ensure(): Promise<unknown> {
    if (!this.ready) {
      const pending = this.client.createIfNotExists();
      pending.catch(() => (this.ready = undefined));
      this.ready = pending;
    }
    return this.ready;
  }
}

/** The Delivery port over the ledger (idempotency) and the queue (work list). */
export class QueuedDelivery implements Delivery {
  constructor(
    private readonly ledger: DeliveryLedger,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  async enqueue(job: DeliveryJob): Promise<'queued' | 'duplicate'> {
    const now = this.clock.now();
    if (!(await this.ledger.add(job, now))) return 'duplicate';
    try {
      await this.queue.send({ tenantId: job.tenantId, key: job.key }, job.notBefore === undefined ? 0 : job.notBefore - now);
    } catch (error) {
      // Without a message nobody would pick the row up; undo it so the caller's retry works.
      // If even that fails, the worker's recovery sweep re-queues the row later.
      await this.ledger.remove(job.tenantId, job.key).catch(() => undefined);
      throw error;
    }
    return 'queued';
  }
}
