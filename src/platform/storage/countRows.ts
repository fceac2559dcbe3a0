// Count rows: how many rows a paged list holds, kept in a small row (or a few, "shards") of the
// same partition and moved in the same entity-group transaction as the row it counts, under the
// count row's ETag. A crash cannot leave a count wrong (the row and its count are written
// together or not at all), and two concurrent writers cannot both write n + 1 (one conflicts and
// retries). Reading a total is one small read, whatever the list's length: the keys-only count
// (rangePage.ts countRange) read every key of the range, so its bytes grew with the list.
//
// Rows written before a list had its count row are counted by a start-up pass (`rebuildCounts`),
// which reads the count rows first (their ETags), then counts the rows, then writes the counts
// under those ETags: a write that moved a count in between makes the pass count that one again.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { getEntityOrUndefined, statusOf } from './tables.js';

/** A count row as read; `etag` absent: the row does not exist (a count of 0). */
export interface CountRow {
  rowKey: string;
  n: number;
  etag?: string;
}

const rangeOf = (partitionKey: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${prefix.replace(/'/g, "''")}' and RowKey lt '${prefix.replace(/'/g, "''")}}'`;

export const isConflict = (error: unknown) => {
  const status = statusOf(error);
  return status === 409 || status === 412;
};

/** The count a row holds (a missing or malformed `n` counts 0). */
export const countOf = (row: { n?: unknown } | undefined) => (typeof row?.n === 'number' && Number.isFinite(row.n) ? Math.max(0, row.n) : 0);

export async function readCount(table: TableClient, partitionKey: string, rowKey: string): Promise<CountRow> {
  try {
    const row = await table.getEntity<{ n?: number }>(partitionKey, rowKey);
    return { rowKey, n: countOf(row), etag: row.etag };
  } catch (error) {
    if (statusOf(error) === 404) return { rowKey, n: 0 };
    throw error;
  }
}

/** Every count row whose key starts with `prefix` (one small range read). */
export async function readCounts(table: TableClient, partitionKey: string, prefix: string): Promise<Map<string, CountRow>> {
  const out = new Map<string, CountRow>();
  // The count only (the ETag comes with every row): a total is a few dozen bytes a shard.
  for await (const row of table.listEntities<{ n?: number }>({ queryOptions: { filter: rangeOf(partitionKey, prefix), select: ['PartitionKey', 'RowKey', 'n'] } })) {
    if (row.partitionKey !== partitionKey || !row.rowKey?.startsWith(prefix)) continue;
    out.set(row.rowKey, { rowKey: row.rowKey, n: countOf(row), etag: row.etag });
  }
  return out;
}

/** The sum of the count rows under `prefix` (the shards of one count). */
export async function readTotal(table: TableClient, partitionKey: string, prefix: string): Promise<number> {
  let total = 0;
  for (const row of (await readCounts(table, partitionKey, prefix)).values()) total += row.n;
  return total;
}

/** The transaction action that moves a count row by `by` from what was read (created when missing). */
export function moveCount(partitionKey: string, row: CountRow, by: number): TransactionAction {
  const entity = { partitionKey, rowKey: row.rowKey, n: Math.max(0, row.n + by) };
  return row.etag === undefined ? ['create', entity] : ['update', entity, 'Replace', { etag: row.etag }];
}

const PASSES = 8;

/**
 * Sets the count rows under `prefix` to what `count` finds (a map of count row key to the rows
 * it counts; a count row it does not name is set to 0). Each changed row is written alone under
 * its ETag; a conflict (a writer moved that count meanwhile) runs another pass, which reads and
 * counts again. Returns how many rows it changed.
 */
export async function rebuildCounts(table: TableClient, partitionKey: string, prefix: string, count: () => Promise<Map<string, number>>): Promise<number> {
  let changed = 0;
  for (let pass = 1; pass <= PASSES; pass++) {
    const before = await readCounts(table, partitionKey, prefix);
    const wanted = await count();
    for (const rowKey of before.keys()) if (!wanted.has(rowKey)) wanted.set(rowKey, 0);
    let conflicted = false;
    for (const [rowKey, n] of wanted) {
      const row = before.get(rowKey) ?? { rowKey, n: 0 };
      if (row.n === n && (row.etag !== undefined || n === 0)) continue;
      try {
        await table.submitTransaction([moveCount(partitionKey, row, n - row.n)]);
        changed++;
      } catch (error) {
        if (!isConflict(error)) throw error;
        conflicted = true;
      }
    }
    if (!conflicted) return changed;
  }
  throw new Error(`${partitionKey}/${prefix}: counts still conflicting after ${PASSES} passes`);
}

/**
 * The same for a sharded count (the shards' sum is the count): shard `shardKeys[0]` is set to the
 * count and the others to 0 in one transaction under every shard's ETag (a missing shard is
 * created), so an append to any shard meanwhile conflicts and the pass runs again.
 */
export async function rebuildShardedCount(table: TableClient, partitionKey: string, shardKeys: readonly string[], count: () => Promise<number>): Promise<boolean> {
  const prefix = commonPrefix(shardKeys);
  for (let pass = 1; pass <= PASSES; pass++) {
    const before = await readCounts(table, partitionKey, prefix);
    const total = await count();
    const sum = [...before.values()].reduce((a, r) => a + r.n, 0);
    const complete = shardKeys.every((k) => before.has(k));
    const first = before.get(shardKeys[0] ?? '');
    if (sum === total && complete && first?.n === total) return false;
    const actions = shardKeys.map((rowKey, i) => {
      const row = before.get(rowKey) ?? { rowKey, n: 0 };
      return moveCount(partitionKey, row, (i === 0 ? total : 0) - row.n);
    });
    try {
      await table.submitTransaction(actions);
      return true;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  throw new Error(`${partitionKey}/${prefix}: sharded count still conflicting after ${PASSES} passes`);
}

/** Rebuilds a sharded count unless the partition's meta row says it is done for this version. */
export async function migrateShardedCount(
  table: TableClient,
  partitionKey: string,
  metaKey: string,
  version: number,
  shardKeys: readonly string[],
  count: () => Promise<number>,
): Promise<boolean> {
  const meta = await getEntityOrUndefined<{ version?: number }>(table, partitionKey, metaKey);
  if (meta?.version === version) return false;
  const changed = await rebuildShardedCount(table, partitionKey, shardKeys, count);
  await table.upsertEntity({ partitionKey, rowKey: metaKey, version }, 'Replace');
  return changed;
}

function commonPrefix(keys: readonly string[]): string {
  let prefix = keys[0] ?? '';
  for (const k of keys) while (!k.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
