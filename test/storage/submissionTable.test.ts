// Card submission claims against real Azurite (issue 22.9): of many arrivals of one submission
// exactly one is handled; a repeat gets the kept answer, within the window; a failed turn frees
// the claim; the person's next different submission of the verb takes the slot; a claim left by
// a dead turn is taken over; a big answer is kept whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPEAT_WINDOW_MS, STALE_CLAIM_MS } from '../../src/platform/routing/submissionClaims.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { SubmissionTable } from '../../src/platform/routing/submissionTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let claims: SubmissionTable;
const at = Date.UTC(2026, 11, 2, 9);
let n = 0;
const slot = () => ({ tenantId: 'tenant-claims', actor: `aad-${++n}`, verb: 'idea.assignLeader' });

beforeAll(async () => {
  azurite = await startTestAzurite();
  claims = new SubmissionTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
});
afterAll(async () => azurite.stop());

describe('submission claims', () => {
  it('of ten arrivals at once exactly one is handled; the others see it pending, then its answer', async () => {
    const s = slot();
    const arrivals = await Promise.all(Array.from({ length: 10 }, () => claims.claim(s, 'f1', at)));
    expect(arrivals.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(arrivals.filter((c) => c.kind === 'pending')).toHaveLength(9);
    const claimed = arrivals.find((c) => c.kind === 'claimed');
    if (claimed?.kind !== 'claimed') throw new Error('unreachable');
    await claims.answer(s, claimed.token, '{"card":1}', at + 50);
    expect(await claims.claim(s, 'f1', at + REPEAT_WINDOW_MS)).toEqual({ kind: 'answered', answer: '{"card":1}' });
    // After the window the same data is a new submission.
    expect((await claims.claim(s, 'f1', at + 51 + REPEAT_WINDOW_MS)).kind).toBe('claimed');
  });

  it('a failed turn releases its claim, so the retry is handled', async () => {
    const s = slot();
    const claimed = await claims.claim(s, 'f1', at);
    if (claimed.kind !== 'claimed') throw new Error('not claimed');
    await claims.release(s, claimed.token);
    expect((await claims.claim(s, 'f1', at + 10)).kind).toBe('claimed');
  });

  it('another submission of the verb takes the slot; the first one’s late answer is then not kept', async () => {
    const s = slot();
    const a = await claims.claim(s, 'a', at);
    const b = await claims.claim(s, 'b', at + 1);
    if (a.kind !== 'claimed' || b.kind !== 'claimed') throw new Error('not claimed');
    await claims.answer(s, a.token, 'answer a', at + 2);
    expect(await claims.claim(s, 'b', at + 3)).toEqual({ kind: 'pending' });
    await claims.answer(s, b.token, 'answer b', at + 4);
    expect(await claims.claim(s, 'b', at + 5)).toEqual({ kind: 'answered', answer: 'answer b' });
  });

  it('a claim never answered is taken over once it is stale (the turn died)', async () => {
    const s = slot();
    expect((await claims.claim(s, 'f1', at)).kind).toBe('claimed');
    expect((await claims.claim(s, 'f1', at + STALE_CLAIM_MS - 1)).kind).toBe('pending');
    expect((await claims.claim(s, 'f1', at + STALE_CLAIM_MS)).kind).toBe('claimed');
  });

  it('keeps an answer larger than one table property whole', async () => {
    const s = slot();
    const claimed = await claims.claim(s, 'f1', at);
    if (claimed.kind !== 'claimed') throw new Error('not claimed');
    // ASCII: Azurite decodes a large request body chunk by chunk and breaks a multi-byte
    // character that straddles two chunks (seen as U+FFFD); Azure Storage does not.
    const big = JSON.stringify({ card: 'x'.repeat(95_000) });
    await claims.answer(s, claimed.token, big, at);
    expect(await claims.claim(s, 'f1', at)).toEqual({ kind: 'answered', answer: big });
  });
});
