// Shares held for the sharer's own-party confirmation (seed 000 §6.3) against real Azurite: a
// held output comes back whole (a big one over several properties); of many confirmations of
// one share at once exactly one releases it (the answer is written under the row's ETag).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeldShareRecord } from '../../src/features/confidentiality/app/ownPartyShares.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { HeldShareTable } from '../../src/features/confidentiality/storage/heldShareTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let shares: HeldShareTable;
let n = 0;
const held = (payload: string): HeldShareRecord => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  tenantId: 'tenant-held',
  programmeId: 'dsop',
  sharer: 'aad-office',
  sharerName: 'office',
  conversationId: '19:external@thread.tacv2',
  conversationKind: 'channel',
  askedAt: Date.UTC(2026, 11, 7, 9),
  state: 'pending',
  programmes: [{ programmeId: 'dsop', tenantId: 'tenant-held', party: { id: 'skatteetaten', name: 'Skatteetaten' } }],
  items: [{ programmeId: 'dsop', what: 'prioritised list', subject: { kind: 'prioritised-list' }, classification: 'shareable-with-label' }],
  payload,
});

beforeAll(async () => {
  azurite = await startTestAzurite();
  shares = new HeldShareTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
});
afterAll(async () => azurite.stop());

describe('held shares', () => {
  it('keeps a held output whole, also one larger than a string property holds', async () => {
    // Norwegian letters, a % and an emoji across chunk boundaries.
    const big = held(`${'ø%å'.repeat(12_000)}😀`);
    await shares.hold(big);
    const found = await shares.get('tenant-held', 'dsop', big.id);
    expect(found?.share.payload === big.payload).toBe(true);
    expect(found?.share).toEqual(big);
    expect(await shares.get('tenant-held', 'dsop', held('x').id)).toBeUndefined();
  });

  it('of ten confirmations at once exactly one is written; the row then says confirmed', async () => {
    const share = held('{"kind":"text"}');
    await shares.hold(share);
    const { version } = (await shares.get('tenant-held', 'dsop', share.id))!;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => shares.decide(share, version, 'confirmed', share.askedAt + i)));
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect((await shares.get('tenant-held', 'dsop', share.id))?.share).toMatchObject({ state: 'confirmed', payload: '{"kind":"text"}' });
  });
});
