// The Delivery port over the ledger (idempotency) and the queue (work list): ledger insert-once
// first, then the ref goes out in a shared queue message (RefBatcher).
import type { Delivery, DeliveryJob } from '../app/delivery.js';
import type { Clock } from '../app/ports.js';
import type { DeliveryLedger } from './deliveryLedger.js';
import type { DeliveryQueue } from './deliveryQueue.js';
import { RefBatcher } from './refBatcher.js';

export class QueuedDelivery implements Delivery {
  private readonly batcher: RefBatcher;

  constructor(
    private readonly ledger: DeliveryLedger,
    queue: Pick<DeliveryQueue, 'send'>,
    private readonly clock: Clock,
  ) {
    this.batcher = new RefBatcher(queue);
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
