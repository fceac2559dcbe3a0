// Paging of every list a turn shows: a page is read from a cursor (its first row key, its
// offset in the list, and the first keys of the pages before it, so "previous" is one read
// too), and says where it is in the list ("21–40 of 1,034"). The keys are the storage's own
// and opaque here; a cursor from a card is only ever a place inside the list it came from.
import { z } from 'zod';

/** Where a page starts: at a key of the list, or `skip` rows in, or at the list's start. */
export interface PageRequest {
  start?: string;
  skip?: number;
  size: number;
}

/** One page as a repository reads it. */
export interface ListPage<T> {
  items: T[];
  /** The key of the page's first item. */
  first?: string;
  /** The key of the next page's first item; absent on the last page. */
  next?: string;
}

/** How many page starts a cursor remembers behind it: "previous" further back than this
 * finds its place by counting keys (one keys-only read per 1,000 items). */
export const PAGES_REMEMBERED = 8;

/** Storage keys are short; anything longer did not come from a card this bot sent. */
const key = z.string().max(512);

/** A cursor as a card sends it back: checked like any other input. */
export const pageCursorSchema = z.object({
  /** The page's first key; absent: the list's start, or found by skipping `offset` items. */
  start: key.optional(),
  /** Items before this page. */
  offset: z.number().int().min(0).max(10_000_000),
  /** First keys of the pages before this one, nearest last ('' is the list's start). */
  back: z.array(key).max(PAGES_REMEMBERED),
});

export type PageCursor = z.infer<typeof pageCursorSchema>;

export const firstPage: PageCursor = { offset: 0, back: [] };

export interface Page<T> {
  items: T[];
  /** Items before this page (0 on the first). */
  offset: number;
  /** Items in the whole list. */
  total: number;
  next?: PageCursor;
  previous?: PageCursor;
}

export function pageRequest(cursor: PageCursor, size: number): PageRequest {
  if (cursor.start !== undefined) return { start: cursor.start, size };
  return cursor.offset > 0 ? { skip: cursor.offset, size } : { size };
}

/**
 * The page with its neighbours' cursors. `total` is the count kept for the list; on the last
 * page the pages themselves prove it, and before it the list is longer than what was seen.
 */
export function pageOf<T>(read: ListPage<T>, cursor: PageCursor, size: number, total: number): Page<T> {
  const { offset } = cursor;
  const here = offset === 0 ? '' : (read.first ?? cursor.start ?? '');
  const seen = offset + read.items.length;
  const page: Page<T> = { items: read.items, offset, total: read.next === undefined ? seen : Math.max(total, seen + 1) };
  if (read.next !== undefined) {
    page.next = { start: read.next, offset: seen, back: [...cursor.back, here].slice(-PAGES_REMEMBERED) };
  }
  if (offset > 0) {
    const remembered = cursor.back.at(-1);
    page.previous =
      remembered === undefined
        ? { offset: Math.max(0, offset - size), back: [] }
        : remembered === ''
          ? { offset: 0, back: [] }
          : { start: remembered, offset: Math.max(0, offset - size), back: cursor.back.slice(0, -1) };
  }
  return page;
}

/** Reads a page of any list and places it. */
export async function readPageAt<T>(
  cursor: PageCursor,
  size: number,
  read: (request: PageRequest) => Promise<ListPage<T> & { total: number }>,
): Promise<Page<T>> {
  const got = await read(pageRequest(cursor, size));
  return pageOf(got, cursor, size, got.total);
}
