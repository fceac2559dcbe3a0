// The Delivery port over the ledger (idempotency) and the queue (work list): ledger insert-once
// first, then the ref goes out in a shared queue message (RefBatcher). Also the FirstContact
// port: a person's first chat makes the messages parked for them due at once.
import type { Delivery, DeliveryJob, FirstContact, Clock } from '../../shared/ports.js';
import type { ParkedDeliveries } from './parkedDeliveries.js';
import type { DeliveryLedger } from './deliveryLedger.js';
import type { DeliveryQueue } from './deliveryQueue.js';
import { RefBatcher } from '../storage/refBatcher.js';

/** People checked since this process started; after their first turn nothing new parks for them. */
const CHECKED_LIMIT = 10_000;

export class QueuedDelivery implements Delivery, FirstContact {
  private readonly batcher: RefBatcher;
  private readonly checked = new Set<string>();

  constructor(
    private readonly ledger: DeliveryLedger,
    queue: Pick<DeliveryQueue, 'send'>,
    private readonly clock: Clock,
    private readonly parked?: ParkedDeliveries,
  ) {
    this.batcher = new RefBatcher(queue);
  }

  /**
   * The person has a chat with the bot now: every message parked for them is due at once. Checked
   * once per person per process (a message parks only while no chat is stored, and the caller has
   * just stored one); one parked at that same moment waits for its re-check.
   */
  async reached(tenantId: string, aadObjectId: string): Promise<void> {
    if (!this.parked) return;
    const id = `${tenantId}|${aadObjectId}`;
    if (this.checked.has(id)) return;
    for (const key of await this.parked.keysFor(tenantId, aadObjectId)) {
      if (await this.ledger.resume(tenantId, key, this.clock.now())) await this.batcher.send({ tenantId, key }, 0);
      await this.parked.remove(tenantId, aadObjectId, key);
    }
    if (this.checked.size >= CHECKED_LIMIT) this.checked.clear();
    this.checked.add(id);
  }

  async enqueue(job: DeliveryJob): Promise<'queued' | 'duplicate'> {
    const now = this.clock.now();
    if (!(await this.ledger.add(job, now))) return 'duplicate';
    try {
      await this.batcher.send({ tenantId: job.tenantId, key: job.key }, job.notBefore === undefined ? 0 : job.notBefore - now);
    } catch (error) {
      // Without a message nobody would pick the row up; undo it so the caller's retry works.
      // If even that fails, the worker's recovery sweep re-queues the row later.
      await this.ledger.remove(job.tenantId, job.key).catch(() => undefined);
      throw error;
    }
    return 'queued';
  }
}
