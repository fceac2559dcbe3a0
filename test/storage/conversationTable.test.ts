// Conversation references against real Azurite (issue 28.2): a turn's reference is written only
// when it differs from the stored one; the activity id, which every turn changes, is not a
// difference; instances bringing different references settle on one without an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/shared/ports.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { Tables, tenantPartition, keyPart } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let tables: Tables;
let store: ConversationTable;
let n = 0;

beforeAll(async () => {
  azurite = await startTestAzurite();
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  store = new ConversationTable(tables, { now: () => Date.now() });
});
afterAll(async () => azurite.stop());

const personal = (person: string, extra: Record<string, unknown> = {}): ConversationRecord => ({
  tenantId: 'tenant-conv',
  conversationId: `a:personal-${person}`,
  kind: 'personal',
  userAadObjectId: person,
  reference: { serviceUrl: 'https://smba.example/emea/', conversation: { id: `a:personal-${person}`, conversationType: 'personal' }, locale: 'nb-NO', ...extra },
  updatedAt: ++n,
});

const etags = async (record: ConversationRecord) => {
  const table = await tables.get('conversations');
  const conversation = await table.getEntity(tenantPartition(record.tenantId, 'conversation'), keyPart(record.conversationId));
  const own = await table.getEntity(tenantPartition(record.tenantId, 'personal'), keyPart(record.userAadObjectId ?? ''));
  return [conversation.etag, own.etag];
};

describe('remember', () => {
  it('writes a new reference, then nothing while it stays the same (whatever the activity id)', async () => {
    const first = personal('aad-steady', { activityId: 'act-1' });
    expect(await store.remember(first)).toBe('saved');
    const written = await etags(first);
    expect(await store.remember(personal('aad-steady', { activityId: 'act-2' }))).toBe('unchanged');
    expect(await store.remember(personal('aad-steady'))).toBe('unchanged');
    expect(await etags(first)).toEqual(written);
    expect((await store.personalFor('tenant-conv', 'aad-steady'))?.conversationId).toBe('a:personal-aad-steady');
  });

  it('writes both rows again when the reference changed (a new locale, a moved serviceUrl)', async () => {
    const first = personal('aad-moves');
    await store.remember(first);
    const before = await etags(first);
    expect(await store.remember(personal('aad-moves', { locale: 'en-GB' }))).toBe('saved');
    const after = await etags(first);
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect((await store.byId('tenant-conv', 'a:personal-aad-moves'))?.reference).toMatchObject({ locale: 'en-GB' });
    expect((await store.personalFor('tenant-conv', 'aad-moves'))?.reference).toMatchObject({ locale: 'en-GB' });
  });

  it('two instances bringing different references at once both answer without an error, and one of theirs is kept', async () => {
    const other = new ConversationTable(tables, { now: () => Date.now() });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? store : other).remember(personal('aad-race', { locale: i % 2 ? 'en-GB' : 'nn-NO' }))),
    );
    expect(results).toContain('saved');
    for (const row of [await store.personalFor('tenant-conv', 'aad-race'), await store.byId('tenant-conv', 'a:personal-aad-race')]) {
      expect(['en-GB', 'nn-NO']).toContain((row?.reference as { locale?: string }).locale);
    }
  });

  it('a channel keeps one row and is compared on it', async () => {
    const channel: ConversationRecord = { tenantId: 'tenant-conv', conversationId: '19:ch@thread.tacv2', kind: 'channel', reference: { serviceUrl: 'https://smba.example/', activityId: 'a' }, updatedAt: 1 };
    expect(await store.remember(channel)).toBe('saved');
    expect(await store.remember({ ...channel, reference: { serviceUrl: 'https://smba.example/', activityId: 'b' }, updatedAt: 2 })).toBe('unchanged');
    expect((await store.byId('tenant-conv', '19:ch@thread.tacv2'))?.updatedAt).toBe(1);
  });

  it('a turn bringing facts this instance lately confirmed makes no storage request; after the time to live the row is read again', async () => {
    let now = 1_000_000;
    const cached = new ConversationTable(tables, { now: () => now });
    const record = personal('aad-cached');
    expect(await cached.remember(record)).toBe('saved');
    // Storage loses the row behind the instance's back (no request is made, so nothing notices)…
    const table = await tables.get('conversations');
    await table.deleteEntity(tenantPartition(record.tenantId, 'personal'), keyPart('aad-cached'));
    expect(await cached.remember(personal('aad-cached', { activityId: 'next' }))).toBe('unchanged');
    expect(await cached.personalFor('tenant-conv', 'aad-cached')).toBeUndefined();
    // …until the entry lapses: then the row is read, found missing and written again.
    now += 10 * 60_000;
    expect(await cached.remember(personal('aad-cached', { activityId: 'later' }))).toBe('saved');
    expect((await cached.personalFor('tenant-conv', 'aad-cached'))?.conversationId).toBe('a:personal-aad-cached');
  });

  it('different facts are never taken from the cache', async () => {
    const record = personal('aad-cache-change');
    expect(await store.remember(record)).toBe('saved');
    expect(await store.remember(personal('aad-cache-change', { locale: 'en-GB' }))).toBe('saved');
    expect(await store.remember(record)).toBe('saved');
    expect((await store.personalFor('tenant-conv', 'aad-cache-change'))?.reference).toMatchObject({ locale: 'nb-NO' });
  });
});
