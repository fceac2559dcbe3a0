// Several rows of one partition by their keys in one request: a page's vote records with the
// list's count row, a page's ideas. One query with an OR of `RowKey eq` (values escaped by the
// SDK's odata helper), bounded by the smallest and largest key so the service reads at most
// that stretch of the partition, never all of it. The service allows 15 comparisons in a
// filter: more keys than KEYS_PER_QUERY go in a second query (a page never has that many).
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';

/** Keys per query: with the partition and the two bounds, within the service's 15 comparisons. */
export const KEYS_PER_QUERY = 12;

export async function readRows<R extends object>(table: TableClient, partitionKey: string, rowKeys: readonly string[]): Promise<Map<string, TableEntityResult<R>>> {
  const wanted = [...new Set(rowKeys)].sort();
  const found = new Map<string, TableEntityResult<R>>();
  for (let i = 0; i < wanted.length; i += KEYS_PER_QUERY) {
    const keys = wanted.slice(i, i + KEYS_PER_QUERY);
    const any = keys.map((k) => odata`RowKey eq ${k}`).join(' or ');
    const filter = `${odata`PartitionKey eq ${partitionKey} and RowKey ge ${keys[0] ?? ''} and RowKey le ${keys.at(-1) ?? ''}`} and (${any})`;
    for await (const row of table.listEntities<R>({ queryOptions: { filter } })) {
      // The checks repeat the filter: a row the query should not have matched is never used.
      if (row.partitionKey === partitionKey && row.rowKey !== undefined && keys.includes(row.rowKey)) found.set(row.rowKey, row);
    }
  }
  return found;
}
