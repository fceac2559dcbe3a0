// A message for a person who never wrote to the bot (issue 24, point 3): the bot opens their chat
// itself where Teams lets it (createConversation from a team channel it is installed in);
// otherwise the message waits for the person's first contact and goes out the moment they
// write, and only a person silent for the whole wait is recorded as unreachable.
import { beforeEach, describe, expect, it } from 'vitest';
import { TENANT, harnessPerTest, reminder, waitUntil, type Harness } from './harness.js';

const current = harnessPerTest();
let h: Harness;
beforeEach(() => {
  h = current();
});

const outcomeOf = async (key: string) => (await h.ledger.find(TENANT, key))?.outcome;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a person with no chat with the bot yet', () => {
  it('is reached through a chat the bot opens itself when the app is in a team of theirs: delivered once, the chat kept for next time', async () => {
    await h.channel('19:steering@thread.tacv2');
    h.stub.openableChats.add('aad-chair');
    const job = reminder('fc:opened', { kind: 'person', aadObjectId: 'aad-chair' });
    await h.delivery.enqueue(job);
    const worker = h.worker();
    worker.start();
    await h.stub.waitForAccepted(1, 10_000);
    await waitUntil(async () => (await outcomeOf(job.key))?.kind === 'sent', 5_000, 'sent');
    await worker.stop();
    expect(h.stub.deliveriesTo('a:personal-aad-chair')).toBe(1);
    expect(await h.conversations.personalFor(TENANT, 'aad-chair')).toMatchObject({ conversationId: 'a:personal-aad-chair', kind: 'personal' });
  });

  it('otherwise waits, listed as waiting; their first chat sends it at once, once', async () => {
    await h.channel('19:steering@thread.tacv2'); // installed in a team, but not one of theirs: Teams refuses
    const job = reminder('fc:waits', { kind: 'person', aadObjectId: 'aad-secretary' });
    await h.delivery.enqueue(job);
    const worker = h.worker();
    worker.start();
    await waitUntil(async () => (await h.ledger.waiting(TENANT)).length === 1, 10_000, 'the message to wait');
    expect(h.stub.accepted).toHaveLength(0);
    expect(await h.ledger.failures(TENANT)).toEqual([]);

    // The secretary writes to the bot: the edge stores the chat and tells the delivery.
    await h.personal('aad-secretary');
    const reachedAt = Date.now();
    await h.delivery.reached(TENANT, 'aad-secretary');
    await h.stub.waitForAccepted(1, 10_000);
    expect(Date.now() - reachedAt).toBeLessThan(5_000); // not the six-hourly re-check
    await waitUntil(async () => (await outcomeOf(job.key))?.kind === 'sent', 5_000, 'sent');
    await h.delivery.reached(TENANT, 'aad-secretary'); // a second chat changes nothing
    await sleep(500);
    await worker.stop();
    expect(h.stub.deliveriesTo('a:personal-aad-secretary')).toBe(1);
    expect(await h.ledger.waiting(TENANT)).toEqual([]);
  });

  it('a person silent for the whole wait is recorded failed-no-conversation for the office', async () => {
    const job = reminder('fc:silent', { kind: 'person', aadObjectId: 'aad-silent' });
    await h.delivery.enqueue(job);
    const worker = h.worker({ options: { firstContactWaitMs: 600, firstContactRecheckMs: 200 } });
    worker.start();
    await waitUntil(async () => (await outcomeOf(job.key))?.kind === 'failed-no-conversation', 10_000, 'given up');
    await worker.stop();
    expect(await h.ledger.waiting(TENANT)).toEqual([]);
    expect((await h.ledger.failures(TENANT)).map((f) => f.key)).toEqual([job.key]);
  });
});
