// Several rows of one partition by their keys in one query (`RowKey eq … or RowKey eq …`),
// instead of a point read per row at once (issue 25: bounded fan-out). The Table service allows
// 15 comparisons in a filter, so 14 keys go in a query beside the partition's; more keys are more
// queries, a few at a time.
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { mapPool } from '../shared/pool.js';

/** Keys per query: 15 comparisons allowed, one of them the partition's. */
export const KEYS_PER_QUERY = 14;
/** Queries at once when there are more keys than one query takes. */
const QUERIES_AT_ONCE = 4;

/** The rows found, by row key (a key with no row is absent). */
export async function rowsByKey<R extends object>(table: TableClient, partitionKey: string, rowKeys: readonly string[]): Promise<Map<string, TableEntityResult<R>>> {
  const keys = [...new Set(rowKeys)];
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) chunks.push(keys.slice(i, i + KEYS_PER_QUERY));
  const found = new Map<string, TableEntityResult<R>>();
  await mapPool(chunks, QUERIES_AT_ONCE, async (chunk) => {
    const wanted = new Set(chunk);
    const filter = `${odata`PartitionKey eq ${partitionKey}`} and (${chunk.map((k) => odata`RowKey eq ${k}`).join(' or ')})`;
    for await (const row of table.listEntities<R>({ queryOptions: { filter } })) {
      // The key check repeats the filter: a row of another partition or key is never taken for one asked.
      if (row.partitionKey === partitionKey && row.rowKey !== undefined && wanted.has(row.rowKey)) found.set(row.rowKey, row);
    }
  });
  return found;
}
