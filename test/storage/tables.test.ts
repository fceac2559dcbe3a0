// ETag concurrency and idempotency against real (in-memory) Azurite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';
import {
  ConcurrencyConflictError,
  Tables,
  getEntityOrUndefined,
  insertOnce,
  keyPart,
  tenantPartition,
  updateWithETag,
} from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let tables: Tables;

beforeAll(async () => {
  azurite = await startTestAzurite();
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
});
afterAll(async () => azurite.stop());

interface Counter {
  count: number;
}

describe('keys', () => {
  it('encode the characters Table Storage forbids in keys', () => {
    const key = keyPart('19:abc/def#g?h\\i');
    expect(key).not.toMatch(/[/#?\\]/);
    expect(decodeURIComponent(key)).toBe('19:abc/def#g?h\\i');
  });

  it('start every partition with the tenant', () => {
    expect(tenantPartition('tenant/1', 'ideas')).toBe('tenant%2F1|ideas');
  });
});

describe('updateWithETag', () => {
  it('loses no increment when 20 writers race on one row', async () => {
    const table = await tables.get('counters');
    await table.createEntity({ partitionKey: 'p', rowKey: 'race', count: 0 });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        updateWithETag<Counter>(table, 'p', 'race', (row) => ({ count: row.count + 1 }), 50),
      ),
    );
    const row = await table.getEntity<Counter>('p', 'race');
    expect(row.count).toBe(20);
  });

  it('a stale ETag is refused by storage with 412 (the condition the helper relies on)', async () => {
    const table = await tables.get('counters');
    await table.createEntity({ partitionKey: 'p', rowKey: 'stale', count: 0 });
    const first = await table.getEntity<Counter>('p', 'stale');
    await table.updateEntity({ partitionKey: 'p', rowKey: 'stale', count: 1 }, 'Replace', { etag: first.etag });
    await expect(
      table.updateEntity({ partitionKey: 'p', rowKey: 'stale', count: 99 }, 'Replace', { etag: first.etag }),
    ).rejects.toMatchObject({ statusCode: 412 });
    expect((await table.getEntity<Counter>('p', 'stale')).count).toBe(1);
  });

  it('gives up with a ConcurrencyConflictError when the row keeps changing', async () => {
    const table = await tables.get('counters');
    await table.createEntity({ partitionKey: 'p', rowKey: 'busy', count: 0 });
    // Another writer gets in between every read and conditional write.
    const contested = Object.create(table) as typeof table;
    contested.updateEntity = async (entity, mode, options) => {
      await table.updateEntity({ partitionKey: 'p', rowKey: 'busy', count: -1 }, 'Replace');
      return table.updateEntity(entity, mode, options);
    };
    await expect(
      updateWithETag<Counter>(contested, 'p', 'busy', (row) => ({ count: row.count + 1 }), 3),
    ).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect((await table.getEntity<Counter>('p', 'busy')).count).toBe(-1);
  });

  it('leaves the row untouched when the change returns undefined', async () => {
    const table = await tables.get('counters');
    await table.createEntity({ partitionKey: 'p', rowKey: 'same', count: 7 });
    expect(await updateWithETag<Counter>(table, 'p', 'same', () => undefined)).toBeUndefined();
    expect((await table.getEntity<Counter>('p', 'same')).count).toBe(7);
  });
});

describe('insertOnce', () => {
  it('inserts the first time and reports the duplicate the second time', async () => {
    const table = await tables.get('once');
    const entity = { partitionKey: 'p', rowKey: 'k', value: 'first' };
    const results = await Promise.all([insertOnce(table, entity), insertOnce(table, { ...entity, value: 'second' })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await getEntityOrUndefined(table, 'p', 'missing')).toBeUndefined();
  });
});
