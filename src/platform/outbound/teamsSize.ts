// Teams refuses a bot message over about 100 KB, counted as Teams counts it: the whole activity
// as JSON in UTF-16 (two bytes per code unit, which a JS string's length counts). Every outgoing
// activity is measured here before it leaves (replies, invoke responses, proactive sends); a card
// that would not fit is cut to what fits — the last entries of its longest list go first — with a
// line saying how many were left out, never sent to fail. Lists are paged, so this is the net
// under them, not the way they are kept small.

import { translate } from '../i18n/messages.js';
import type { Language } from '../../shared/language.js';

/** Teams' limit on one bot message (UTF-16 bytes of the activity). */
export const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;
/** What an activity may take: Teams' limit less room for what the Bot Connector adds. */
export const DEFAULT_ACTIVITY_BUDGET_BYTES = 80 * 1024;

export const utf16Bytes = (value: unknown): number => 2 * (JSON.stringify(value) ?? '').length;

type Node = Record<string, unknown>;
/** Where an Adaptive Card keeps lists of elements, in the order they are looked for. */
const LISTS = ['body', 'items', 'rows', 'cells', 'facts', 'columns', 'inlines'] as const;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The node's first non-empty list of elements, if any. */
const listOf = (node: Node): unknown[] | undefined => {
  for (const key of LISTS) {
    const list = node[key];
    if (Array.isArray(list) && list.length > 0) return list;
  }
  return undefined;
};

/** Removes the last element of the deepest list along the last path; the removed element, or undefined. */
function popLast(node: Node): unknown {
  const list = listOf(node);
  if (!list) return undefined;
  const last = list[list.length - 1];
  if (isNode(last) && listOf(last)) {
    const inner = popLast(last);
    if (inner !== undefined) {
      // A container left empty goes too, so no empty frame stays behind.
      if (!listOf(last)) list.pop();
      return inner;
    }
  }
  return list.length > 1 || node.type === 'AdaptiveCard' ? list.pop() : undefined;
}

export interface FitResult<T> {
  value: T;
  /** Elements left out; 0 when it fitted as it was. */
  omitted: number;
}

/**
 * `wrap(card)` is what goes to Teams (the activity, or the invoke response) around `card`; the
 * card is cut until it fits `budget`, and `notice(omitted)` (a TextBlock) is appended to say so.
 * The card given is not changed.
 */
export function fitCard<T>(card: Node, wrap: (card: Node) => T, notice: (omitted: number) => Node, budget = DEFAULT_ACTIVITY_BUDGET_BYTES): FitResult<T> {
  if (utf16Bytes(wrap(card)) <= budget) return { value: wrap(card), omitted: 0 };
  const cut = structuredClone(card);
  // Room for the notice itself (its count can grow by a few digits).
  const room = budget - utf16Bytes(notice(999_999)) - 8;
  let size = utf16Bytes(wrap(cut));
  let omitted = 0;
  while (size > room) {
    const removed = popLast(cut);
    if (removed === undefined) break;
    omitted++;
    size -= utf16Bytes(removed) + 2; // its JSON and a comma
  }
  // The running estimate can only overcount; check the real size, and cut on while it does not fit.
  for (;;) {
    const body = Array.isArray(cut.body) ? cut.body : [];
    const value = wrap({ ...cut, body: [...body, notice(omitted)] });
    if (utf16Bytes(value) <= budget || popLast(cut) === undefined) return { value, omitted };
    omitted++;
  }
}

/** The line a cut card ends with, in the reader's language, the count through plural rules. */
export const cutNotice =
  (language: Language) =>
  (omitted: number): Record<string, unknown> => ({
    type: 'TextBlock',
    wrap: true,
    isSubtle: true,
    text: translate(language, new Intl.PluralRules(language).select(omitted) === 'one' ? 'reply.cut.one' : 'reply.cut.other', { count: omitted }),
  });

/** A text cut to fit `budget` once wrapped, ending in an ellipsis. */
export function fitText<T>(text: string, wrap: (text: string) => T, budget = DEFAULT_ACTIVITY_BUDGET_BYTES): T {
  const over = utf16Bytes(wrap(text)) - budget;
  if (over <= 0) return wrap(text);
  // JSON escapes may make a code unit cost more than one: cut by the overshoot, then check again.
  return fitText(`${text.slice(0, Math.max(0, text.length - Math.ceil(over / 2) - 1))}…`, wrap, budget);
}
