// The index rows of the votes partition: the decision log reads the programme's votes newest
// first, or one idea's, or one body's, a page at a time. A vote's index rows never change (the
// time it opened, its idea and its body are fixed), so they are created with the vote in its
// opening transaction and hold only its id; the page's votes are then read by id, in one query.
//
//   vix|all|<opened, newest first>|<voteId>
//   vix|idea|<idea number>|<opened, newest first>|<voteId>
//   vix|body|<body>|<opened, newest first>|<voteId>
//
// Each of these lists has a count row, `vote~cnt|` and the list's range (`vote~cnt|vix|all|`, …),
// moved in the same opening transaction under its ETag (countRows.ts): the log's «6–10 of 1 034»
// is one small row, read in the same query as the page's vote records. The key sorts right after
// the `vote|` records ('~' after '|' and '}'), outside every scan of them, so that query, bounded
// by its smallest and largest key, spans vote records only, never the index rows.
import type { GateVote } from '../domain/gateVote.js';
import { keyPart } from '../../../platform/storage/tables.js';

/** Bump when the layout changes: the start-up migration then writes the rows again.
 * 2: the lists' count rows (the migration counts the votes opened before them). */
export const VOTE_INDEX_VERSION = 2;

const newestFirst = (at: number) => String(9_999_999_999_999 - Math.max(0, Math.floor(at))).padStart(13, '0');

export function voteIndexRange(filter: { ideaNumber?: string; body?: string }): string {
  if (filter.ideaNumber) return `vix|idea|${keyPart(filter.ideaNumber)}|`;
  if (filter.body) return `vix|body|${keyPart(filter.body)}|`;
  return 'vix|all|';
}

export function voteIndexKeys(vote: Pick<GateVote, 'id' | 'openedAt' | 'ideaNumber' | 'body'>): string[] {
  const tail = `${newestFirst(vote.openedAt)}|${keyPart(vote.id)}`;
  return [`${voteIndexRange({})}${tail}`, `${voteIndexRange({ ideaNumber: vote.ideaNumber })}${tail}`, `${voteIndexRange({ body: vote.body })}${tail}`];
}

/** The count row of a list: `vote~cnt|` and its range. */
export const voteCountRow = (range: string) => `vote~cnt|${range}`;

/** The count rows of every list the vote is in, one per index row. */
export const voteCountRows = (vote: Pick<GateVote, 'ideaNumber' | 'body'>): string[] =>
  [voteIndexRange({}), voteIndexRange({ ideaNumber: vote.ideaNumber }), voteIndexRange({ body: vote.body })].map(voteCountRow);

/** The count row of the list an index row belongs to (undefined: not an index row). */
export function countRowOfIndexKey(rowKey: string): string | undefined {
  const [vix, list, value] = rowKey.split('|');
  if (vix !== 'vix' || value === undefined) return undefined;
  return voteCountRow(list === 'all' ? 'vix|all|' : `vix|${list}|${value}|`);
}
