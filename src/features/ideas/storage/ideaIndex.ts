// The index rows of the ideas partition: for each question a list asks (whose ideas, in which
// status, which phase, the prioritised list in rank order, the ranking by weighted score, whose
// projects) one contiguous key range, each row a copy of the idea. An idea's index rows are
// written in the same entity-group transaction as the idea row (same partition), and the idea
// row names them (column `ix`), so a change deletes exactly the ones that no longer apply:
// there is never a second or a stale one.
//
//   ix|sub|<submitter>|<number, newest first>
//   ix|st|<status>|<number, newest first>
//   ix|pf|<phase>|<number, newest first>      the portfolio reads the phases in programme order
//   ix|prio|<rank>|<number>                   prioritised and qualified ideas
//   ix|rank|0|<10 − weighted score>|<number>  registered ideas with a score, best first
//   ix|rank|1|<number>                        registered ideas nobody has assessed
//   ix|lead|<project leader>|<number, newest first>
//   ix|disp|<number>                          ideas with a dispute (DSOP §5)
import type { IdeaListQuery } from '../app/ideaRepository.js';
import type { Idea } from '../domain/idea.js';
import { parseIdeaNumber } from '../domain/ideaNumber.js';
import type { IdeaScore } from '../domain/ranking.js';
import { keyPart } from '../../../platform/storage/tables.js';

/** Bump when the key layout changes: the start-up migration then rebuilds every index row. */
export const IDEA_INDEX_VERSION = 1;

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Ascending in compareIdeaNumbers' order: prefix, year, sequence as a number; others last ('{' sorts before the range end '}'). */
export function numberAscending(number: string): string {
  const parts = parseIdeaNumber(number);
  if (!parts) return `{${keyPart(number)}`;
  // '.' sorts before every prefix character, so a shorter prefix comes first ("AB" < "ABC").
  return `${parts.prefix}.${pad(parts.year, 4)}.${pad(parts.sequence, 12)}`;
}

/** Descending in the same order: newest first. */
export function numberDescending(number: string): string {
  const parts = parseIdeaNumber(number);
  if (!parts) return `{${keyPart(number)}`;
  // Each prefix character mirrored in its alphabet, then '{' (after all of them, before the range end '}'), so a longer
  // prefix comes first, as it does in descending order.
  const prefix = [...parts.prefix].map((c) => DIGITS[DIGITS.length - 1 - DIGITS.indexOf(c)]).join('');
  return `${prefix}{${pad(9999 - parts.year, 4)}.${pad(999_999_999_999 - parts.sequence, 12)}`;
}

/** The key ranges of a list, read one after the other (one range for all but the portfolio). */
export function indexRanges(query: IdeaListQuery): string[] {
  switch (query.by) {
    case 'submitter':
      return [`ix|sub|${keyPart(query.id)}|`];
    case 'status':
      return [`ix|st|${query.status}|`];
    case 'phases':
      return query.phases.map(phaseRange);
    case 'prioritised':
      return ['ix|prio|'];
    case 'ranking':
      return ['ix|rank|'];
    case 'leader':
      return [`ix|lead|${keyPart(query.id)}|`];
    case 'disputed':
      return ['ix|disp|'];
  }
}

const phaseRange = (phase: string) => `ix|pf|${keyPart(phase)}|`;

/** Every index row key the idea has, given its score. */
export function indexKeysOf(idea: Idea, score: IdeaScore | undefined): string[] {
  const desc = numberDescending(idea.number);
  const asc = numberAscending(idea.number);
  const keys = [`ix|sub|${keyPart(idea.submittedBy.id)}|${desc}`, `ix|st|${idea.status}|${desc}`, `${phaseRange(idea.phase)}${desc}`];
  if (idea.status === 'prioritised' || idea.status === 'qualified') keys.push(`ix|prio|${pad(idea.rank ?? 999_999, 6)}|${asc}`);
  if (idea.status === 'registered') {
    // Highest weighted score first (scores are 1–5), then by number; unassessed after them all.
    keys.push(score ? `ix|rank|0|${(10 - score.weightedScore).toFixed(12)}|${asc}` : `ix|rank|1|${asc}`);
  }
  if (idea.projectLeader) keys.push(`ix|lead|${keyPart(idea.projectLeader)}|${desc}`);
  if (idea.disputes.length > 0) keys.push(`ix|disp|${asc}`);
  return keys;
}

/** Ideas per status and per phase, kept with the ideas: the lists' totals without a scan. */
export interface IdeaCounts {
  status: Record<string, number>;
  phase: Record<string, number>;
  disputed?: number;
}

export const emptyCounts = (): IdeaCounts => ({ status: {}, phase: {} });
const disputedBy = (idea: Idea | undefined) => (idea && idea.disputes.length > 0 ? 1 : 0);

/** The counts after an idea went from `before` (undefined: new) to `after`. */
export function countChange(counts: IdeaCounts, before: Idea | undefined, after: Idea): IdeaCounts {
  const next: IdeaCounts = { status: { ...counts.status }, phase: { ...counts.phase } };
  const disputed = Math.max(0, (counts.disputed ?? 0) - disputedBy(before) + disputedBy(after));
  if (disputed > 0) next.disputed = disputed;
  const add = (map: Record<string, number>, key: string, by: number) => {
    const value = (map[key] ?? 0) + by;
    if (value > 0) map[key] = value;
    else delete map[key];
  };
  if (before) {
    add(next.status, before.status, -1);
    add(next.phase, before.phase, -1);
  }
  add(next.status, after.status, 1);
  add(next.phase, after.phase, 1);
  return next;
}

/** Whether a change moves any count. */
export const countsMove = (before: Idea, after: Idea) =>
  before.status !== after.status || before.phase !== after.phase || disputedBy(before) !== disputedBy(after);
