// Azure Storage Queue `deliveries`: the work list the delivery workers pull from. A message only
// names ledger rows (tenant + key, base64 JSON; up to 32 per message, so a fan-out of 5,000
// reminders is about 160 messages to receive and delete, not 5,000), so it stays small whatever
// the cards' size, and a duplicate or stale message is harmless: the ledger decides whether
// anything is sent.
import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import type { StorageClients } from '../storage/connection.js';
import { statusOf } from '../storage/tables.js';

export const DELIVERY_QUEUE = 'deliveries';
const MAX_VISIBILITY_S = 7 * 24 * 3600; // the service's ceiling

/** Refs per queue message: 32 keys of at most 300 characters stay well under the 64 KiB message limit. */
export const MAX_REFS_PER_MESSAGE = 32;

const refSchema = z.object({ tenantId: z.string().min(1), key: z.string().min(1) });
// v1 (one ref per message) is still read, for messages queued before batching.
const bodySchema = z.union([
  refSchema.extend({ v: z.literal(1) }).transform(({ tenantId, key }) => [{ tenantId, key }]),
  z.object({ v: z.literal(2), refs: z.array(refSchema).min(1).max(MAX_REFS_PER_MESSAGE) }).transform(({ refs }) => refs),
]);

export interface DeliveryRef {
  tenantId: string;
  key: string;
}

export interface ReceivedDelivery {
  /** Undefined when the message could not be read (it is poison and should be deleted). */
  refs: DeliveryRef[] | undefined;
  messageId: string;
  /** Changes when the message is hidden again (`hide`), which updates it here. */
  popReceipt: string;
  dequeueCount: number;
}

export const seconds = (ms: number) => Math.min(MAX_VISIBILITY_S, Math.max(0, Math.ceil(ms / 1_000)));

const encode = (refs: readonly DeliveryRef[]) =>
  Buffer.from(JSON.stringify({ v: 2, refs: refs.map(({ tenantId, key }) => ({ tenantId, key })) }), 'utf8').toString('base64');

const decode = (text: string): DeliveryRef[] | undefined => {
  try {
    const parsed = bodySchema.safeParse(JSON.parse(Buffer.from(text, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
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

  /**
   * One message naming `refs` (1–32), visible after `delayMs` (rounded up to whole seconds; at
   * most 7 days); never expires.
   */
  async send(refs: DeliveryRef | readonly DeliveryRef[], delayMs = 0): Promise<void> {
    const list = Array.isArray(refs) ? (refs as readonly DeliveryRef[]) : [refs as DeliveryRef];
    if (list.length < 1 || list.length > MAX_REFS_PER_MESSAGE) throw new RangeError(`a queue message names 1–${MAX_REFS_PER_MESSAGE} jobs, not ${list.length}`);
    await this.ensure();
    await this.client.sendMessage(encode(list), { visibilityTimeout: seconds(delayMs), messageTimeToLive: -1 });
  }

  /** Up to `max` (≤ 32) messages, each hidden from other receivers for `visibilityMs`. */
  async receive(max: number, visibilityMs: number): Promise<ReceivedDelivery[]> {
    await this.ensure();
    const response = await this.client.receiveMessages({
      numberOfMessages: Math.min(32, Math.max(1, max)),
      visibilityTimeout: Math.max(1, seconds(visibilityMs)),
    });
    return response.receivedMessageItems.map((m) => ({
      refs: decode(m.messageText),
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
      const updated = await this.client.updateMessage(message.messageId, message.popReceipt, undefined, seconds(delayMs));
      if (updated.popReceipt) message.popReceipt = updated.popReceipt;
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
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

