// Exactly-once proactive delivery over real (in-memory) Azurite tables + queue, real botbuilder
// (CloudAdapter → ConnectorClient → HTTP) and a local Connector that enforces Teams' limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome } from '../../src/shared/delivery.js';
import type { SendToTeams } from '../../src/platform/channel/sendToTeams.js';
import { TENANT, reminder, startHarness, waitUntil, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.turnErrors).toEqual([]); // nothing may ever reach adapter.onTurnError
  await h.stop();
});

const outcomeOf = async (key: string): Promise<DeliveryOutcome | undefined> => (await h.ledger.find(TENANT, key))?.outcome;
const settled = async (keys: string[]) => {
  const records = await Promise.all(keys.map((k) => h.ledger.find(TENANT, k)));
  return records.every((r) => r?.state === 'sent' || r?.state === 'failed');
};
const posts = (conversationId: string) => h.stub.requests.filter((r) => r.conversationId === conversationId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('(a) the same key enqueued twice', () => {
  it('is queued once, delivered once, and the second enqueue says duplicate', async () => {
    const person = await h.personal('aad-kari');
    const job = reminder('dsop:monthly:2025-03:aad-kari:reminder', { kind: 'person', aadObjectId: 'aad-kari' });
    expect(await h.delivery.enqueue(job)).toBe('queued');
    expect(await h.delivery.enqueue(job)).toBe('duplicate');
    expect(await h.queueLength()).toBe(1);

    const worker = h.worker();
    worker.start();
    await h.stub.waitForAccepted(1);
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await sleep(300);
    await worker.stop();

    expect(h.stub.deliveriesTo(person.conversationId)).toBe(1);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'sent', attempts: 1, activityId: 'activity-1' });
    expect(await h.queueLength()).toBe(0);
    expect(await h.delivery.enqueue(job)).toBe('duplicate'); // still a duplicate after it was sent
    const card = h.stub.accepted[0]?.activity as { attachments?: { contentType: string }[]; conversation?: { id: string } };
    expect(card.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.conversation?.id).toBe(person.conversationId);
  });

  it('ten concurrent enqueues of one key queue it once', async () => {
    await h.personal('aad-ola');
    const job = reminder('k:concurrent', { kind: 'person', aadObjectId: 'aad-ola' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.delivery.enqueue(job)));
    expect(answers.filter((a) => a === 'queued')).toHaveLength(1);
    expect(await h.queueLength()).toBe(1);
  });
});

describe('(b) two instances on one queue', () => {
  it('deliver every job exactly once, sharing the work', async () => {
    const people = Array.from({ length: 30 }, (_, i) => `aad-${i}`);
    await Promise.all(people.map((p) => h.personal(p)));
    const channel = await h.channel('19:steering@thread.tacv2');
    const jobs = [
      ...people.map((p) => reminder(`r:${p}`, { kind: 'person', aadObjectId: p })),
      // Ten to one channel: the two instances' limiters do not know of each other, so the
      // Connector's per-thread limit answers 429 and Retry-After does the rest.
      ...Array.from({ length: 10 }, (_, i) => reminder(`vote:${i}`, { kind: 'conversation', conversationId: channel.conversationId })),
    ];
    for (const job of jobs) expect(await h.delivery.enqueue(job)).toBe('queued');

    const sentBy = [0, 0];
    const counting = (i: 0 | 1): SendToTeams => async (request) => {
      sentBy[i] = (sentBy[i] ?? 0) + 1;
      return h.send(request);
    };
    const retry = { maxAttempts: 12, baseMs: 100, maxBackoffMs: 1_000, maxRescheduleMs: 2_000, giveUpAfterMs: 60_000 };
    const half = { tenantWindows: [{ limit: 25, windowMs: 1_000 }] };
    const a = h.worker({ send: counting(0), limiter: half, options: { retry } });
    const b = h.worker({ send: counting(1), limiter: half, options: { retry } });
    a.start();
    b.start();
    await h.stub.waitForAccepted(jobs.length, 25_000);
    await waitUntil(() => settled(jobs.map((j) => j.key)), 10_000, 'ledger');
    await sleep(500);
    await Promise.all([a.stop(), b.stop()]);

    for (const p of people) expect(h.stub.deliveriesTo(`a:personal-${p}`)).toBe(1);
    expect(h.stub.deliveriesTo(channel.conversationId)).toBe(10);
    expect(h.stub.duplicates()).toEqual([channel.conversationId]); // ten distinct votes, on purpose
    expect(h.stub.accepted).toHaveLength(jobs.length);
    for (const job of jobs) expect((await outcomeOf(job.key))?.kind).toBe('sent');
    expect(sentBy[0]).toBeGreaterThan(0);
    expect(sentBy[1]).toBeGreaterThan(0);
    expect(await h.queueLength()).toBe(0);
  }, 40_000);
});

describe('(c) an instance dies after claiming, mid-run', () => {
  it('another instance takes over once the lease runs out: all delivered, none twice', async () => {
    const people = Array.from({ length: 20 }, (_, i) => `aad-c${i}`);
    await Promise.all(people.map((p) => h.personal(p)));
    const jobs = people.map((p) => reminder(`c:${p}`, { kind: 'person', aadObjectId: p }));
    for (const job of jobs) await h.delivery.enqueue(job);

    // Instance A delivers three, then "crashes" after claiming: later sends never leave.
    const realKeys: string[] = [];
    let swallowed = 0;
    const dying: SendToTeams = (request) => {
      if (realKeys.length < 3) {
        realKeys.push(request.key);
        return h.send(request);
      }
      swallowed += 1;
      return new Promise(() => undefined);
    };
    const short = { leaseMs: 1_000, visibilityMs: 1_000, sendTimeoutMs: 400 };
    const a = h.worker({ send: dying, options: short });
    a.start();
    await waitUntil(() => swallowed >= 1, 10_000, 'instance A to hang mid-send');
    // Its three real sends are recorded (a crash between 2xx and record is the known window below).
    await waitUntil(() => settled(realKeys), 5_000, 'A to record its real sends');
    await a.stop({ abandon: true });

    const b = h.worker({ options: short });
    b.start();
    await h.stub.waitForAccepted(jobs.length, 20_000);
    await waitUntil(() => settled(jobs.map((j) => j.key)), 10_000, 'ledger');
    await sleep(1_500); // long enough for any stray message or lease to show up again
    await b.stop();

    for (const p of people) expect(h.stub.deliveriesTo(`a:personal-${p}`)).toBe(1);
    expect(h.stub.accepted).toHaveLength(jobs.length);
    const entries = await Promise.all(jobs.map((j) => h.ledger.get(TENANT, j.key)));
    expect(entries.every((e) => e?.state === 'sent')).toBe(true);
    // The jobs A held when it died (mid-send, or claimed and not yet sending) were claimed again by B.
    expect(swallowed).toBeGreaterThanOrEqual(1);
    expect(entries.filter((e) => (e?.claims ?? 0) >= 2).length).toBeGreaterThanOrEqual(swallowed);
    expect(await h.queueLength()).toBe(0);
  }, 40_000);
});

describe('a holder that dies with a request under way', () => {
  const short = { leaseMs: 1_000, visibilityMs: 1_000, sendTimeoutMs: 400 };

  it('after Teams accepted it: not sent again; recorded unconfirmed ("may not have arrived") and listed for the office', async () => {
    const person = await h.personal('aad-window');
    const job = reminder('w:window', { kind: 'person', aadObjectId: 'aad-window' });
    await h.delivery.enqueue(job);
    let accepted = false;
    const dyingAfter2xx: SendToTeams = async (request) => {
      await h.send(request);
      accepted = true;
      return new Promise(() => undefined); // the process dies before it can write "sent"
    };
    const a = h.worker({ send: dyingAfter2xx, options: short });
    a.start();
    await waitUntil(() => accepted, 5_000, 'the first send');
    await a.stop({ abandon: true });
    const b = h.worker({ options: short });
    b.start();
    await waitUntil(() => settled([job.key]), 10_000, 'ledger');
    await sleep(1_500); // time for a repeat to show itself
    await b.stop();
    // Teams takes no idempotency key, so a repeat would reach the person twice: B does not send.
    expect(h.stub.deliveriesTo(person.conversationId)).toBe(1);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'unconfirmed', reason: 'holder-lost' });
    expect((await h.ledger.failures(TENANT)).map((f) => f.key)).toEqual([job.key]);
  });

  it('KNOWN: dying between recording "under way" and the request leaving loses the message, recorded unconfirmed for the office', async () => {
    const person = await h.personal('aad-gap');
    const job = reminder('w:gap', { kind: 'person', aadObjectId: 'aad-gap' });
    await h.delivery.enqueue(job);
    let marked = false;
    const dyingBeforePost: SendToTeams = async (request) => {
      marked = (await request.leaving?.()) ?? false;
      return new Promise(() => undefined);
    };
    const a = h.worker({ send: dyingBeforePost, options: short });
    a.start();
    await waitUntil(() => marked, 5_000, 'the mark');
    await a.stop({ abandon: true });
    const b = h.worker({ options: short });
    b.start();
    await waitUntil(() => settled([job.key]), 10_000, 'ledger');
    await b.stop();
    expect(h.stub.deliveriesTo(person.conversationId)).toBe(0);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'unconfirmed', reason: 'holder-lost' });
  });

  it('an update (PUT) under way is repeated: replacing a card twice is harmless', async () => {
    const channel = await h.channel('19:votes@thread.tacv2');
    const job = reminder('w:update', { kind: 'conversation', conversationId: channel.conversationId }, { update: { activityId: 'activity-7' } });
    await h.delivery.enqueue(job);
    let marked = false;
    const dyingBeforePut: SendToTeams = async (request) => {
      marked = (await request.leaving?.()) ?? false;
      return new Promise(() => undefined);
    };
    const a = h.worker({ send: dyingBeforePut, options: short });
    a.start();
    await waitUntil(() => marked, 5_000, 'the mark');
    await a.stop({ abandon: true });
    const b = h.worker({ options: short });
    b.start();
    await h.stub.waitForAccepted(1, 10_000);
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await b.stop();
    expect(h.stub.accepted.map((a) => [a.method, a.activityId])).toEqual([['PUT', 'activity-7']]);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'sent' });
  });
});

describe('(d) Teams answers 429 with Retry-After: 1, then 200', () => {
  it('delivers exactly once, after waiting at least the second it was told to', async () => {
    const person = await h.personal('aad-per');
    h.stub.failNext(1, 429, '1');
    const job = reminder('d:429', { kind: 'person', aadObjectId: 'aad-per' });
    await h.delivery.enqueue(job);
    const worker = h.worker();
    worker.start();
    await h.stub.waitForAccepted(1);
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await worker.stop();

    const seen = posts(person.conversationId);
    // One HTTP request per attempt: botbuilder's hidden retry policy is out of the way.
    expect(seen.map((r) => r.status)).toEqual([429, 201]);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(h.stub.deliveriesTo(person.conversationId)).toBe(1);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'sent', attempts: 2 });
    expect(h.logs.some((l) => l.level === 'warn' && (l.obj as { status?: number }).status === 429)).toBe(true);
  });

  it('also honours Retry-After given as an HTTP date', async () => {
    const person = await h.personal('aad-date');
    h.stub.failNext(1, 503, new Date(Date.now() + 2_000).toUTCString());
    const job = reminder('d:date', { kind: 'person', aadObjectId: 'aad-date' });
    await h.delivery.enqueue(job);
    const worker = h.worker();
    worker.start();
    await h.stub.waitForAccepted(1, 10_000);
    await worker.stop();
    const seen = posts(person.conversationId);
    expect(seen.map((r) => r.status)).toEqual([503, 201]);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000); // HTTP dates have 1 s resolution
  });
});

describe('(e) 5xx that does not end', () => {
  it('is retried in place, then from the queue with longer waits, and given up only when overdue: recorded with the attempts and last status, and listed for the office', async () => {
    const person = await h.personal('aad-down');
    h.stub.failNext(1_000, 503);
    const job = reminder('e:503', { kind: 'person', aadObjectId: 'aad-down' });
    await h.delivery.enqueue(job);
    const retry = { maxAttempts: 2, baseMs: 50, maxBackoffMs: 200, maxRescheduleMs: 400, giveUpAfterMs: 2_500 };
    const worker = h.worker({ options: { retry } });
    worker.start();
    await waitUntil(() => settled([job.key]), 10_000, 'ledger');
    await worker.stop();

    const seen = posts(person.conversationId);
    expect(seen.every((r) => r.status === 503)).toBe(true);
    expect(seen.length).toBeGreaterThan(retry.maxAttempts); // held more than once
    expect(h.stub.deliveriesTo(person.conversationId)).toBe(0);
    const entry = await h.ledger.get(TENANT, job.key);
    expect(entry?.claims).toBeGreaterThan(1); // it went back to the queue between holds
    const failures = await h.ledger.failures(TENANT);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      key: job.key,
      state: 'failed',
      target: { kind: 'person', aadObjectId: 'aad-down' },
      outcome: { kind: 'failed-gave-up', lastStatus: 503 },
    });
    expect((failures[0]?.outcome?.at ?? 0) - (failures[0]?.createdAt ?? 0)).toBeGreaterThanOrEqual(retry.giveUpAfterMs);
    expect(await h.queueLength()).toBe(0);
  }, 20_000);

  it('a status that will not get better (403) gives up after one attempt', async () => {
    const person = await h.personal('aad-forbidden');
    h.stub.failNext(1, 403);
    const job = reminder('e:403', { kind: 'person', aadObjectId: 'aad-forbidden' });
    await h.delivery.enqueue(job);
    const worker = h.worker();
    worker.start();
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await worker.stop();
    expect(posts(person.conversationId)).toHaveLength(1);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'failed-gave-up', attempts: 1, lastStatus: 403 });
  });
});

describe('(f) no stored conversation', () => {
  it('a person with no chat waits for their first contact (listed as waiting, nothing sent); a channel that is gone fails and is listed', async () => {
    const job = reminder('f:nobody', { kind: 'person', aadObjectId: 'aad-never-installed' });
    const channelJob = reminder('f:gone-channel', { kind: 'conversation', conversationId: '19:deleted@thread.tacv2' });
    await h.delivery.enqueue(job);
    await h.delivery.enqueue(channelJob);
    const worker = h.worker();
    worker.start();
    await waitUntil(() => settled([channelJob.key]), 5_000, 'ledger');
    await waitUntil(async () => (await h.ledger.waiting(TENANT)).length === 1, 5_000, 'the person\'s message to wait');
    await worker.stop();

    expect(h.stub.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    const failures = await h.ledger.failures(TENANT);
    expect(failures.map((f) => [f.key, f.outcome?.kind])).toEqual([[channelJob.key, 'failed-no-conversation']]);
    const [waiting] = await h.ledger.waiting(TENANT);
    expect(waiting).toMatchObject({ key: job.key, state: 'queued', waitingSince: expect.any(Number) });
    expect(await h.ledger.failures('another-tenant')).toEqual([]);
    expect(await h.ledger.waiting('another-tenant')).toEqual([]);
  });
});

describe('more ways to lose or repeat a message', () => {
  it('a crash between the ledger insert and the queue send is repaired by the recovery sweep', async () => {
    const person = await h.personal('aad-orphan');
    const job = reminder('g:orphan', { kind: 'person', aadObjectId: 'aad-orphan' });
    await h.ledger.add(job, Date.now() - 60_000); // inserted, then the instance died
    expect(await h.delivery.enqueue(job)).toBe('duplicate');
    const worker = h.worker({ options: { staleAfterMs: 30_000 } });
    worker.start(); // the sweep runs at start, then every recoverEveryMs
    await h.stub.waitForAccepted(1);
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    expect(await worker.recover()).toBe(0);
    await worker.stop();
    expect(h.stub.deliveriesTo(person.conversationId)).toBe(1);
  });

  it('a duplicate queue message for a job already sent is deleted without sending', async () => {
    const person = await h.personal('aad-twice');
    const job = reminder('g:dupmsg', { kind: 'person', aadObjectId: 'aad-twice' });
    await h.delivery.enqueue(job);
    await h.queue.send({ tenantId: TENANT, key: job.key }); // e.g. from a recovery sweep
    await h.queue.send({ tenantId: TENANT, key: job.key });
    // A copy that finds the job claimed waits out the holder's lease before looking again.
    const worker = h.worker({ options: { leaseMs: 3_000, sendTimeoutMs: 1_000 } });
    worker.start();
    await waitUntil(async () => (await h.queueLength()) === 0, 15_000, 'queue to drain');
    await worker.stop();
    expect(h.stub.deliveriesTo(person.conversationId)).toBe(1);
  });

  it('updates an existing activity (vote card) with PUT, once', async () => {
    const channel = await h.channel('19:votes@thread.tacv2');
    const job = reminder('vote:42:v3', { kind: 'conversation', conversationId: channel.conversationId }, { update: { activityId: 'activity-77' } });
    await h.delivery.enqueue(job);
    const worker = h.worker();
    worker.start();
    await h.stub.waitForAccepted(1);
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await worker.stop();
    expect(h.stub.accepted.map((a) => [a.method, a.conversationId, a.activityId])).toEqual([['PUT', channel.conversationId, 'activity-77']]);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'sent', activityId: 'activity-77' });
  });

  it('holds a job until notBefore', async () => {
    await h.personal('aad-later');
    const notBefore = Date.now() + 1_500;
    const job = reminder('g:later', { kind: 'person', aadObjectId: 'aad-later' }, { notBefore });
    await h.delivery.enqueue(job);
    const worker = h.worker();
    worker.start();
    await h.stub.waitForAccepted(1, 10_000);
    await worker.stop();
    expect(h.stub.accepted[0]?.at).toBeGreaterThanOrEqual(notBefore);
  });

  it('a message received too often is recorded as failed (poison), not retried forever', async () => {
    await h.personal('aad-poison');
    const job = reminder('g:poison', { kind: 'person', aadObjectId: 'aad-poison' });
    await h.delivery.enqueue(job);
    const worker = h.worker({ options: { maxDequeueCount: 0 } });
    worker.start();
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await worker.stop();
    expect(h.stub.requests).toHaveLength(0);
    expect(await outcomeOf(job.key)).toMatchObject({ kind: 'failed-gave-up', attempts: 0 });
  });

  it('a graceful stop hands a waiting job back at once, and another instance sends it once', async () => {
    const person = await h.personal('aad-handback');
    h.stub.failNext(1, 429, '3');
    const job = reminder('g:handback', { kind: 'person', aadObjectId: 'aad-handback' });
    await h.delivery.enqueue(job);
    const a = h.worker();
    a.start();
    await waitUntil(() => h.stub.requests.length === 1, 5_000, 'the 429');
    await sleep(100);
    const stopping = Date.now();
    await a.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect((await h.ledger.get(TENANT, job.key))?.state).toBe('queued');

    const b = h.worker();
    b.start();
    await h.stub.waitForAccepted(1, 5_000);
    await waitUntil(() => settled([job.key]), 5_000, 'ledger');
    await b.stop();
    expect(h.stub.deliveriesTo(person.conversationId)).toBe(1);
  });

  it('a conversation at its limit frees the worker: the job goes back to the queue and is sent later', async () => {
    const channel = await h.channel('19:busy@thread.tacv2');
    const jobs = Array.from({ length: 9 }, (_, i) => reminder(`busy:${i}`, { kind: 'conversation', conversationId: channel.conversationId }));
    for (const job of jobs) await h.delivery.enqueue(job);
    // 7/1 s and 8/2 s: the 9th must wait ~2 s, more than the worker will wait in place.
    const worker = h.worker({ options: { maxInlineWaitMs: 500 } });
    worker.start();
    await h.stub.waitForAccepted(9, 15_000);
    await waitUntil(() => settled(jobs.map((j) => j.key)), 5_000, 'ledger');
    await worker.stop();
    expect(h.stub.throttled()).toBe(0);
    expect(h.stub.accepted).toHaveLength(9);
  });
});
