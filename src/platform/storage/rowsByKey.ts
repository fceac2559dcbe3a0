// Several rows of one partition by their keys in one request, instead of a point read per row
// (issue 25: bounded fan-out): a page's vote records with the list's count row, a page's ideas,
// a revision's entries, a feedback round's rows. One query with an OR of `RowKey eq` (values
// escaped by the SDK's odata helper), bounded by the smallest and largest key so the service
// reads at most that stretch of the partition, never all of it. The service allows 15
// comparisons in a filter: more keys than KEYS_PER_QUERY are more queries, a few at a time.
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { mapPool } from '../../shared/pool.js';

/** Keys per query: with the partition and the two bounds, within the service's 15 comparisons. */
export const KEYS_PER_QUERY = 12;
/** Queries at once when there are more keys than one query takes. */
const QUERIES_AT_ONCE = 4;

/** The rows found, by row key (a key with no row is absent). */
export async function rowsByKey<R extends object>(table: TableClient, partitionKey: string, rowKeys: readonly string[]): Promise<Map<string, TableEntityResult<R>>> {
  const wanted = [...new Set(rowKeys)].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < wanted.length; i += KEYS_PER_QUERY) chunks.push(wanted.slice(i, i + KEYS_PER_QUERY));
  const found = new Map<string, TableEntityResult<R>>();
  await mapPool(chunks, QUERIES_AT_ONCE, async (keys) => {
    const any = keys.map((k) => odata`RowKey eq ${k}`).join(' or ');
    const filter = `${odata`PartitionKey eq ${partitionKey} and RowKey ge ${keys[0] ?? ''} and RowKey le ${keys.at(-1) ?? ''}`} and (${any})`;
    const asked = new Set(keys);
    for await (const row of table.listEntities<R>({ queryOptions: { filter } })) {
      // The checks repeat the filter: a row the query should not have matched is never used.
      if (row.partitionKey === partitionKey && row.rowKey !== undefined && asked.has(row.rowKey)) found.set(row.rowKey, row);
    }
  });
  return found;
}
