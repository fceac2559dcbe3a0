// RefBatcher over a recording queue: how enqueued refs are packed into queue messages, and that
// each caller learns the fate of its own ref.
import { describe, expect, it } from 'vitest';
import { MAX_REFS_PER_MESSAGE, type DeliveryRef } from '../../src/platform/delivery/deliveryQueue.js';
import { RefBatcher } from '../../src/platform/storage/refBatcher.js';

const ref = (i: number): DeliveryRef => ({ tenantId: 't', key: `k${i}` });

function recordingQueue(fail: (refs: readonly DeliveryRef[]) => boolean = () => false) {
  const sent: { keys: string[]; delayMs: number }[] = [];
  return {
    sent,
    async send(refs: DeliveryRef | readonly DeliveryRef[], delayMs = 0) {
      const list = Array.isArray(refs) ? (refs as readonly DeliveryRef[]) : [refs as DeliveryRef];
      if (fail(list)) throw new Error('queue down');
      sent.push({ keys: list.map((r) => r.key), delayMs });
    },
  };
}

describe('RefBatcher', () => {
  it('packs refs sent together into messages of at most 32, in order', async () => {
    const queue = recordingQueue();
    const batcher = new RefBatcher(queue, 5);
    await Promise.all(Array.from({ length: 70 }, (_, i) => batcher.send(ref(i))));
    expect(queue.sent.map((m) => m.keys.length)).toEqual([MAX_REFS_PER_MESSAGE, MAX_REFS_PER_MESSAGE, 6]);
    expect(queue.sent.flatMap((m) => m.keys)).toEqual(Array.from({ length: 70 }, (_, i) => `k${i}`));
  });

  it('keeps refs with different delays (in whole seconds, as the queue has them) apart', async () => {
    const queue = recordingQueue();
    const batcher = new RefBatcher(queue, 5);
    await Promise.all([batcher.send(ref(1)), batcher.send(ref(2), 2_500), batcher.send(ref(3), 2_100), batcher.send(ref(4), 400)]);
    expect(queue.sent).toEqual([
      { keys: ['k1'], delayMs: 0 },
      { keys: ['k2', 'k3'], delayMs: 3_000 },
      { keys: ['k4'], delayMs: 1_000 },
    ]);
  });

  it('a ref that comes after its batch went out starts the next message', async () => {
    const queue = recordingQueue();
    const batcher = new RefBatcher(queue, 5);
    await batcher.send(ref(1));
    await batcher.send(ref(2));
    expect(queue.sent.map((m) => m.keys)).toEqual([['k1'], ['k2']]);
  });

  it('a failed send rejects every ref of that message, and only those', async () => {
    const queue = recordingQueue((refs) => refs.some((r) => r.key === 'k40'));
    const batcher = new RefBatcher(queue, 5);
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => batcher.send(ref(i))));
    const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(rejected).toEqual(Array.from({ length: 18 }, (_, i) => 32 + i)); // the second message: k32..k49
    expect(queue.sent.map((m) => m.keys.length)).toEqual([32]);
  });
});
