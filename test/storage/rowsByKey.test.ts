// Rows by key in one partition against real Azurite: more keys than one query takes (12) are all
// found, each in as few queries as the chunks need; keys without a row, repeats, a quote in a key
// and a row of the same key in another partition are handled as asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableClient } from '@azure/data-tables';
import { KEYS_PER_QUERY, rowsByKey } from '../../src/platform/storage/rowsByKey.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let table: TableClient;

beforeAll(async () => {
  azurite = await startTestAzurite();
  table = await new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })).get('keyedrows');
  const rows = Array.from({ length: 40 }, (_, i) => ({ partitionKey: 'p1', rowKey: `row|${String(i).padStart(3, '0')}`, n: i }));
  for (const row of [...rows, { partitionKey: 'p1', rowKey: "row|o'brien", n: 99 }, { partitionKey: 'p2', rowKey: 'row|001', n: -1 }]) await table.createEntity(row);
});
afterAll(async () => azurite.stop());

describe('rowsByKey', () => {
  it('finds every asked row of the partition, over several queries, and nothing else', async () => {
    const asked = Array.from({ length: 30 }, (_, i) => `row|${String(i * 2).padStart(3, '0')}`);
    const queries: string[] = [];
    const counting = new Proxy(table, {
      get: (target, name, receiver) =>
        name === 'listEntities'
          ? (options: { queryOptions?: { filter?: string } }) => (queries.push(options.queryOptions?.filter ?? ''), target.listEntities(options))
          : Reflect.get(target, name, receiver),
    });
    const found = await rowsByKey<{ n: number }>(counting, 'p1', [...asked, 'row|missing', asked[0] ?? '']);
    expect([...found.keys()].sort()).toEqual(asked.filter((k) => Number(k.slice(4)) < 40).sort());
    expect(found.get('row|002')?.n).toBe(2);
    expect(queries).toHaveLength(Math.ceil(31 / KEYS_PER_QUERY));
    for (const filter of queries) expect(filter.match(/ eq /g)?.length ?? 0).toBeLessThanOrEqual(15);
  });

  it('takes a quote in a key, reads no other partition, and asks nothing for no keys', async () => {
    expect((await rowsByKey<{ n: number }>(table, 'p1', ["row|o'brien"])).get("row|o'brien")?.n).toBe(99);
    expect((await rowsByKey<{ n: number }>(table, 'p1', ['row|001'])).get('row|001')?.n).toBe(1);
    expect((await rowsByKey(table, 'p3', ['row|001'])).size).toBe(0);
    expect((await rowsByKey(table, 'p1', [])).size).toBe(0);
  });
});
