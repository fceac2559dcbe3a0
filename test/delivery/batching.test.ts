// Queue messages that name many jobs, over real (in-memory) Azurite and the limiting Connector:
// a fan-out takes few messages, every job still goes once, and a message is kept from other
// instances while its jobs run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueAll } from '../../src/shared/delivery.js';
import { DELIVERY_QUEUE } from '../../src/platform/delivery/deliveryQueue.js';
import type { SendToTeams } from '../../src/platform/channel/sendToTeams.js';
import { TENANT, reminder, startHarness, waitUntil, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.turnErrors).toEqual([]);
  await h.stop();
});

const settled = async (keys: string[]) => {
  const records = await Promise.all(keys.map((k) => h.ledger.find(TENANT, k)));
  return records.every((r) => r?.state === 'sent' || r?.state === 'failed');
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const personJob = (key: string, aad: string) => reminder(key, { kind: 'person', aadObjectId: aad });

describe('a fan-out shares queue messages', () => {
  it('100 reminders enqueued together take a fraction of the messages, and each is delivered once', async () => {
    const people = Array.from({ length: 100 }, (_, i) => `aad-f${i}`);
    await Promise.all(people.map((p) => h.personal(p)));
    const jobs = people.map((p) => personJob(`f:${p}`, p));
    expect(await enqueueAll(h.delivery, jobs)).toEqual(jobs.map(() => 'queued'));
    expect(await h.queueLength()).toBeLessThanOrEqual(25); // one per job before batching
    expect(await enqueueAll(h.delivery, jobs.slice(0, 10))).toEqual(jobs.slice(0, 10).map(() => 'duplicate'));

    const worker = h.worker({ options: { concurrency: 8 } });
    worker.start();
    await h.stub.waitForAccepted(jobs.length, 20_000);
    await waitUntil(() => settled(jobs.map((j) => j.key)), 10_000, 'ledger');
    await waitUntil(async () => (await h.queueLength()) === 0, 5_000, 'the messages to be deleted');
    await worker.stop();
    for (const p of people) expect(h.stub.deliveriesTo(`a:personal-${p}`)).toBe(1);
  }, 40_000);

  it('a message naming jobs already sent sends only the others, then goes', async () => {
    await Promise.all(['aad-1', 'aad-2', 'aad-3'].map((p) => h.personal(p)));
    const done = personJob('s:1', 'aad-1');
    await h.delivery.enqueue(done);
    const first = h.worker();
    first.start();
    await h.stub.waitForAccepted(1);
    await waitUntil(() => settled([done.key]), 5_000, 'the first job');
    await first.stop();

    const fresh = [personJob('s:2', 'aad-2'), personJob('s:3', 'aad-3')];
    for (const job of fresh) expect(await h.ledger.add(job, Date.now())).toBe(true);
    await h.queue.send([done, ...fresh].map((j) => ({ tenantId: TENANT, key: j.key })));
    const second = h.worker();
    second.start();
    await h.stub.waitForAccepted(3);
    await waitUntil(async () => (await h.queueLength()) === 0, 5_000, 'the message to be deleted');
    await sleep(300);
    await second.stop();
    expect(h.stub.deliveriesTo('a:personal-aad-1')).toBe(1);
    expect(h.stub.deliveriesTo('a:personal-aad-2')).toBe(1);
    expect(h.stub.deliveriesTo('a:personal-aad-3')).toBe(1);
  });

  it('still reads a message queued before batching (one job, version 1)', async () => {
    await h.personal('aad-old');
    const job = personJob('v1:old', 'aad-old');
    expect(await h.ledger.add(job, Date.now())).toBe(true);
    const v1 = Buffer.from(JSON.stringify({ v: 1, tenantId: TENANT, key: job.key }), 'utf8').toString('base64');
    await h.clients.queue(DELIVERY_QUEUE).createIfNotExists();
    await h.clients.queue(DELIVERY_QUEUE).sendMessage(v1, { messageTimeToLive: -1 });
    const worker = h.worker();
    worker.start();
    await h.stub.waitForAccepted(1);
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await worker.stop();
    expect(h.stub.deliveriesTo('a:personal-aad-old')).toBe(1);
  });

  it('refuses a message of no jobs or of more than 32', async () => {
    await expect(h.queue.send([])).rejects.toThrow(RangeError);
    await expect(h.queue.send(Array.from({ length: 33 }, (_, i) => ({ tenantId: TENANT, key: `k${i}` })))).rejects.toThrow(RangeError);
  });
});

describe('a message outlasting its visibility', () => {
  it('is kept hidden while its jobs run, so another instance does not take the ones still waiting', async () => {
    const people = ['aad-h1', 'aad-h2', 'aad-h3', 'aad-h4'];
    await Promise.all(people.map((p) => h.personal(p)));
    const jobs = people.map((p) => personJob(`h:${p}`, p));
    await enqueueAll(h.delivery, jobs);
    expect(await h.queueLength()).toBe(1);

    const sentBy = { a: 0, b: 0 };
    const counting = (who: 'a' | 'b'): SendToTeams => (request) => ((sentBy[who] += 1), h.send(request));
    // A sends one a second with two slots: the four take over 3 s against a 2 s visibility, and
    // the last two wait unclaimed for a slot meanwhile.
    const slow = h.worker({ send: counting('a'), limiter: { tenantWindows: [{ limit: 1, windowMs: 1_000 }] }, options: { concurrency: 2, visibilityMs: 2_000 } });
    slow.start();
    await waitUntil(() => sentBy.a >= 1, 5_000, 'A to start');
    const other = h.worker({ send: counting('b'), options: { visibilityMs: 2_000, idlePollMs: 100 } });
    other.start();
    await h.stub.waitForAccepted(4, 15_000);
    await waitUntil(() => settled(jobs.map((j) => j.key)), 5_000, 'ledger');
    await sleep(2_500);
    await Promise.all([slow.stop(), other.stop()]);
    expect(sentBy).toEqual({ a: 4, b: 0 });
    for (const p of people) expect(h.stub.deliveriesTo(`a:personal-${p}`)).toBe(1);
    expect(await h.queueLength()).toBe(0);
  }, 30_000);
});
