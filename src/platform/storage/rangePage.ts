// Reading a bounded part of a list of key ranges: one page of rows from a start key ($top,
// never the whole range), the key at an offset (keys only, for "previous" beyond what a card
// remembers), and a page-by-page scan for the migrations and background jobs. Index rows are
// laid out so that every list a turn shows is one contiguous key range, or a few in a row
// (see ideaIndex.ts).
import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { ListPage, PageRequest } from '../../shared/paging.js';

export interface RowPage<R> {
  rows: TableEntityResult<R>[];
  /** The first key of the next page; absent on the last page. */
  next?: string;
}

/** A page of rows that hold their record as JSON in `data`, as a list page with its total. */
export function jsonListPage<T>(read: RowPage<{ data: string }>, total: number): ListPage<T> & { total: number } {
  const first = read.rows[0]?.rowKey;
  return {
    items: read.rows.map((row) => JSON.parse(row.data) as T),
    total,
    ...(first !== undefined ? { first } : {}),
    ...(read.next !== undefined ? { next: read.next } : {}),
  };
}

/** Rows from `from` whose key starts with the prefix: '}' sorts after every character the keys use. */
export const rangeFilter = (partitionKey: string, from: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${from.replace(/'/g, "''")}' and RowKey lt '${prefix.replace(/'/g, "''")}}'`;

/** Rows per request when scanning: the service's own maximum. */
const SCAN_PAGE = 1_000;

/** The columns of a keys-only read (both keys: the range check looks at the partition too). */
const KEYS_ONLY = ['PartitionKey', 'RowKey'];

/**
 * One page of the ranges, read in the order given. A start key outside them (a tampered
 * card) reads from the first range's start: a page never leaves its list. `counts` (rows per
 * range, as kept) place a `skip` in the right range; without them the skip counts keys from
 * the first range. The service may answer with fewer rows than asked and a continuation (it
 * stops after 5 s or at a partition server's edge), so this asks again until it has the page
 * and one more row (the next page's first key) or the ranges end.
 */
export async function readPage<R extends object>(
  table: TableClient,
  partitionKey: string,
  prefixes: readonly string[],
  request: PageRequest,
  counts?: readonly number[],
): Promise<RowPage<R>> {
  let at = request.start === undefined ? 0 : prefixes.findIndex((p) => request.start?.startsWith(p));
  let from = at >= 0 && request.start !== undefined ? request.start : undefined;
  if (at < 0) at = 0;
  if (request.start === undefined && (request.skip ?? 0) > 0) {
    let skip = request.skip ?? 0;
    while (counts && at < prefixes.length - 1 && skip >= (counts[at] ?? 0)) skip -= counts[at++] ?? 0;
    from = await keyAt(table, partitionKey, prefixes[at] ?? '', skip);
    if (from === undefined) return { rows: [] };
  }
  const wanted = request.size + 1;
  const rows: TableEntityResult<R>[] = [];
  for (; at < prefixes.length && rows.length < wanted; at++, from = undefined) {
    const prefix = prefixes[at] ?? '';
    const pages = table
      .listEntities<R>({ queryOptions: { filter: rangeFilter(partitionKey, from ?? prefix, prefix) } })
      .byPage({ maxPageSize: wanted - rows.length });
    for await (const page of pages) {
      // The key check repeats the filter: a row outside the range is never read as one of it.
      for (const row of page) if (row.partitionKey === partitionKey && row.rowKey?.startsWith(prefix)) rows.push(row);
      if (rows.length >= wanted) break;
    }
  }
  const next = rows.length > request.size ? rows[request.size]?.rowKey : undefined;
  return { rows: rows.slice(0, request.size), ...(next !== undefined ? { next } : {}) };
}

/** The key `offset` rows into the range (keys only, 1,000 a request), or undefined past its end. */
export async function keyAt(table: TableClient, partitionKey: string, prefix: string, offset: number): Promise<string | undefined> {
  let seen = 0;
  for await (const page of scanPages(table, partitionKey, prefix, KEYS_ONLY)) {
    if (seen + page.length > offset) return page[offset - seen]?.rowKey;
    seen += page.length;
  }
  return undefined;
}

/** How many rows the range holds (keys only, 1,000 a request): for small ranges, such as one person's ideas. */
export async function countRange(table: TableClient, partitionKey: string, prefix: string): Promise<number> {
  let count = 0;
  for await (const page of scanPages(table, partitionKey, prefix, KEYS_ONLY)) count += page.length;
  return count;
}

/** The whole range, one service page at a time: memory holds one page, not the range. */
export async function* scanPages<R extends object>(
  table: TableClient,
  partitionKey: string,
  prefix: string,
  select?: string[],
): AsyncGenerator<TableEntityResult<R>[]> {
  const pages = table
    .listEntities<R>({ queryOptions: { filter: rangeFilter(partitionKey, prefix, prefix), ...(select ? { select } : {}) } })
    .byPage({ maxPageSize: SCAN_PAGE });
  for await (const page of pages) {
    const rows = page.filter((row) => row.partitionKey === partitionKey && row.rowKey?.startsWith(prefix));
    if (rows.length > 0) yield rows;
  }
}
