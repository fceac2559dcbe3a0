// The prioritised list as text for sharing outside the programme (DSOP §6): the label opens
// every export, in Bokmål with English alongside, before any item of the list.
import type { Idea } from '../../features/ideas/domain/idea.js';
import type { Programme } from '../programme/schema.js';

export interface ExportRow {
  rank: number;
  number: string;
  title: string;
  party: string;
}

export function exportRows(programme: Programme, ideas: readonly Idea[]): ExportRow[] {
  return ideas.map((idea, i) => ({
    rank: idea.rank ?? i + 1,
    number: idea.number,
    title: idea.title,
    party: programme.parties.find((p) => p.id === idea.party)?.name ?? idea.party,
  }));
}

/** Markdown: the label as a quote block first, then the numbered list. */
export function prioritisedListMarkdown(programme: Programme, heading: string, rows: readonly ExportRow[], empty: string): string {
  const { nb, en } = programme.confidentiality.prioritisedListLabel;
  const escape = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
  return [
    `> **${escape(nb)}**`,
    `> ${escape(en)}`,
    '',
    `**${escape(heading)}**`,
    '',
    ...(rows.length > 0 ? rows.map((r) => `${r.rank}. ${r.number} ${escape(r.title)} (${escape(r.party)})`) : [empty]),
  ].join('\n');
}

/** CSV (RFC 4180): the label in the first two lines, then a header and one row per idea. */
export function prioritisedListCsv(programme: Programme, rows: readonly ExportRow[]): string {
  const { nb, en } = programme.confidentiality.prioritisedListLabel;
  const cell = (value: string | number) => {
    const text = String(value);
    // A leading = + - @ would be a formula in a spreadsheet; quote-prefix it.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [cell(nb), cell(en), 'rank,number,title,party', ...rows.map((r) => [r.rank, r.number, r.title, r.party].map(cell).join(','))].join(
    '\r\n',
  );
}
