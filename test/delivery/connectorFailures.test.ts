// How delivery behaves when the Connector is slow or failing (issue 22, points 6 and 7), over
// real Azurite, real botbuilder and a local Connector: a slow answer is waited for and sends
// nothing twice; no answer at all is recorded as unconfirmed and not repeated; a 500 is retried;
// a long Retry-After puts the job back on the queue for that long; a Connector that cannot be
// reached yet is retried until it can.
import { createServer as createTcpServer, connect, type Server, type AddressInfo } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { TENANT, allSettled, harnessPerTest, reminder, waitUntil, type Harness } from './harness.js';

const current = harnessPerTest();
let h: Harness;
beforeEach(() => {
  h = current();
});
const settled = (keys: string[]) => allSettled(h, keys);
const outcomes = async (keys: string[]) => Promise.all(keys.map(async (k) => (await h.ledger.find(TENANT, k))?.outcome));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function people(prefix: string, count: number) {
  const aads = Array.from({ length: count }, (_, i) => `aad-${prefix}-${i}`);
  await Promise.all(aads.map((a) => h.personal(a)));
  const jobs = aads.map((a) => reminder(`${prefix}:${a}`, { kind: 'person', aadObjectId: a }));
  for (const job of jobs) expect(await h.delivery.enqueue(job)).toBe('queued');
  return { aads, keys: jobs.map((j) => j.key) };
}

describe('a slow Connector', () => {
  it('answering after 2.5 s (within the send timeout): each of 8 gets the message once, recorded sent', async () => {
    const { aads, keys } = await people('slow', 8);
    h.stub.answerAfter(2_500);
    const worker = h.worker({ options: { sendTimeoutMs: 5_000 } });
    worker.start();
    await waitUntil(() => settled(keys), 20_000, 'ledger');
    await sleep(500);
    await worker.stop();
    for (const a of aads) expect(h.stub.deliveriesTo(`a:personal-${a}`)).toBe(1);
    expect((await outcomes(keys)).map((o) => o?.kind)).toEqual(keys.map(() => 'sent'));
  });

  it('not answering within the send timeout: not sent again; recorded unconfirmed and listed for the office', async () => {
    const { aads, keys } = await people('silent', 3);
    h.stub.answerAfter(3_000);
    const worker = h.worker({ options: { sendTimeoutMs: 600 } });
    worker.start();
    await waitUntil(() => settled(keys), 10_000, 'ledger');
    await sleep(3_000); // any repeat would have arrived by now
    await worker.stop();
    for (const a of aads) expect(h.stub.deliveriesTo(`a:personal-${a}`)).toBe(1);
    for (const outcome of await outcomes(keys)) expect(outcome).toMatchObject({ kind: 'unconfirmed', reason: 'no-answer', attempts: 1 });
    expect((await h.ledger.failures(TENANT)).map((f) => f.key).sort()).toEqual([...keys].sort());
  });
});

describe('a failing Connector', () => {
  it('a single 500 for each of 25 recipients is retried: all 25 delivered once', async () => {
    const { aads, keys } = await people('five-hundred', 25);
    h.stub.failNext(25, 500);
    const worker = h.worker();
    worker.start();
    await waitUntil(() => settled(keys), 20_000, 'ledger');
    await worker.stop();
    for (const a of aads) expect(h.stub.deliveriesTo(`a:personal-${a}`)).toBe(1);
    expect((await outcomes(keys)).every((o) => o?.kind === 'sent')).toBe(true);
    expect(h.stub.requests.filter((r) => r.status === 500)).toHaveLength(25);
  });

  it('a 429 whose Retry-After is longer than the worker holds a job puts it back on the queue for that long, then delivers it once', async () => {
    const { aads, keys } = await people('retry-after', 1);
    h.stub.failNext(1, 429, '3');
    const worker = h.worker({ options: { maxInlineWaitMs: 1_000 } });
    worker.start();
    await waitUntil(() => h.stub.requests.length === 1, 5_000, 'the 429');
    await waitUntil(async () => (await h.ledger.get(TENANT, keys[0]!))?.state === 'queued', 5_000, 'the job back on the queue');
    const waiting = await h.ledger.get(TENANT, keys[0]!);
    expect(waiting?.notBefore).toBeGreaterThanOrEqual((h.stub.requests[0]?.at ?? 0) + 3_000);
    await h.stub.waitForAccepted(1, 10_000);
    await waitUntil(() => settled(keys), 5_000, 'ledger');
    await worker.stop();
    const [refused, taken] = h.stub.requests;
    expect([refused?.status, taken?.status]).toEqual([429, 201]);
    expect((taken?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(3_000);
    expect(h.stub.deliveriesTo(`a:personal-${aads[0]}`)).toBe(1);
    expect((await outcomes(keys))[0]).toMatchObject({ kind: 'sent' });
  });

  it('a Connector that cannot be reached yet (connection refused) is retried until it can: delivered once', async () => {
    // A port that refuses connections now and forwards to the stub from 1.5 s on.
    const parked: Server = createTcpServer();
    await new Promise<void>((resolve) => parked.listen(0, '127.0.0.1', resolve));
    const { port } = parked.address() as AddressInfo;
    await new Promise((resolve) => parked.close(resolve));
    const stubPort = Number(new URL(h.stub.url).port);
    const forwarder = createTcpServer((socket) => socket.pipe(connect(stubPort, '127.0.0.1')).pipe(socket));
    const record = await h.personal('aad-later');
    await h.conversations.save({ ...record, reference: { ...(record.reference as object), serviceUrl: `http://127.0.0.1:${port}` }, updatedAt: Date.now() });
    const job = reminder('refused:aad-later', { kind: 'person', aadObjectId: 'aad-later' });
    await h.delivery.enqueue(job);
    const worker = h.worker({ options: { retry: { maxAttempts: 3, baseMs: 200, maxBackoffMs: 400, maxRescheduleMs: 800, giveUpAfterMs: 60_000 } } });
    worker.start();
    await sleep(1_500);
    expect(h.stub.accepted).toHaveLength(0);
    await new Promise<void>((resolve) => forwarder.listen(port, '127.0.0.1', resolve));
    try {
      await h.stub.waitForAccepted(1, 10_000);
      await waitUntil(() => settled([job.key]), 5_000, 'ledger');
      await worker.stop();
      expect(h.stub.deliveriesTo('a:personal-aad-later')).toBe(1);
      expect((await outcomes([job.key]))[0]).toMatchObject({ kind: 'sent' });
      expect(h.logs.some((l) => l.msg === 'delivery: send failed; retrying' && JSON.stringify(l.obj).includes('ECONNREFUSED'))).toBe(true);
    } finally {
      await new Promise((resolve) => forwarder.close(resolve));
    }
  }, 20_000);

  it('a 404 (the conversation is gone) gives up after one attempt, listed for the office', async () => {
    const { keys } = await people('gone', 1);
    h.stub.failNext(1, 404);
    const worker = h.worker();
    worker.start();
    await waitUntil(() => settled(keys), 5_000, 'ledger');
    await worker.stop();
    expect(h.stub.requests).toHaveLength(1);
    expect((await outcomes(keys))[0]).toMatchObject({ kind: 'failed-gave-up', attempts: 1, lastStatus: 404 });
  });
});
