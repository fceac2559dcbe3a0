// Coalesces the queue messages of jobs enqueued at about the same time (a reminder fan-out, the
// vote notices of one decision) into messages of up to 32 refs. Each caller still learns whether
// *its* ref reached the queue: the promise settles when the message carrying it is sent or fails.
import { MAX_REFS_PER_MESSAGE, seconds, type DeliveryQueue, type DeliveryRef } from '../delivery/deliveryQueue.js';

interface Pending {
  refs: DeliveryRef[];
  settle: { resolve: () => void; reject: (error: unknown) => void }[];
  timer: NodeJS.Timeout;
}

export class RefBatcher {
  /** Open batches by visibility delay in whole seconds (the queue's own resolution). */
  private readonly open = new Map<number, Pending>();

  /** `lingerMs`: how long a batch waits for company; the first ref of a batch waits this much. */
  constructor(
    private readonly queue: Pick<DeliveryQueue, 'send'>,
    private readonly lingerMs = 10,
  ) {}

  send(ref: DeliveryRef, delayMs = 0): Promise<void> {
    const delayS = seconds(delayMs);
    return new Promise<void>((resolve, reject) => {
      let batch = this.open.get(delayS);
      if (!batch) {
        batch = { refs: [], settle: [], timer: setTimeout(() => this.flush(delayS), this.lingerMs) };
        this.open.set(delayS, batch);
      }
      batch.refs.push(ref);
      batch.settle.push({ resolve, reject });
      if (batch.refs.length >= MAX_REFS_PER_MESSAGE) this.flush(delayS);
    });
  }

  private flush(delayS: number): void {
    const batch = this.open.get(delayS);
    if (!batch) return;
    this.open.delete(delayS);
    clearTimeout(batch.timer);
    this.queue.send(batch.refs, delayS * 1_000).then(
      () => batch.settle.forEach((s) => s.resolve()),
      (error: unknown) => batch.settle.forEach((s) => s.reject(error)),
    );
  }
}
