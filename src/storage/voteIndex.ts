// The index rows of the votes partition: the decision log reads the programme's votes newest
// first, or one idea's, or one body's, a page at a time. A vote's index rows never change (the
// time it opened, its idea and its body are fixed), so they are created with the vote in its
// opening transaction and hold only its id; the page's votes are then read by id.
//
//   vix|all|<opened, newest first>|<voteId>
//   vix|idea|<idea number>|<opened, newest first>|<voteId>
//   vix|body|<body>|<opened, newest first>|<voteId>
import type { GateVote } from '../domain/vote/gateVote.js';
import { keyPart } from './tables.js';

/** Bump when the layout changes: the start-up migration then writes the rows again. */
export const VOTE_INDEX_VERSION = 1;

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
