// The programme's roadmap (veikart, Digi Rogaland §4.7 and §6): every implementation project is
// on it with its planned period; "for at et prosjekt kan iverksettes, må det inn på veikartet".
// The roadmap is revised at least twice a year; every change is logged (who, when, what).
//
// Periods are quarters, 'YYYY-Qn'; the roadmap is shown by half-year ('YYYY-H1'/'YYYY-H2').
// Pure: the caller passes the time and the person.
import { type Idea, isClosed } from '../../ideas/domain/idea.js';
import type { PersonRef } from '../../../shared/personRef.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { IsoDate } from '../../../shared/schedule/oslo.js';

export type Quarter = string;

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function parseQuarter(text: string): { year: number; quarter: number } | undefined {
  const m = QUARTER.exec(text.trim().toUpperCase());
  return m ? { year: Number(m[1]), quarter: Number(m[2]) } : undefined;
}

export const formatQuarter = (year: number, quarter: number): Quarter => `${year}-Q${quarter}`;

/** Quarters as consecutive numbers, so they compare and subtract. */
const ordinal = (q: Quarter): number => {
  const p = parseQuarter(q);
  if (!p) throw new RangeError(`not a quarter (YYYY-Qn): "${q}"`);
  return p.year * 4 + (p.quarter - 1);
};
const fromOrdinal = (n: number): Quarter => formatQuarter(Math.floor(n / 4), (n % 4) + 1);

export const compareQuarters = (a: Quarter, b: Quarter): number => ordinal(a) - ordinal(b);

export function quarterOf(date: IsoDate): Quarter {
  const month = Number(date.slice(5, 7));
  return formatQuarter(Number(date.slice(0, 4)), Math.floor((month - 1) / 3) + 1);
}

export function halfYearOf(q: Quarter): string {
  const p = parseQuarter(q);
  if (!p) throw new RangeError(`not a quarter (YYYY-Qn): "${q}"`);
  return `${p.year}-H${p.quarter <= 2 ? 1 : 2}`;
}

/** `before` quarters before `from`, `from` itself and `after` quarters after it. */
export function quartersAround(from: Quarter, before: number, after: number): Quarter[] {
  const start = ordinal(from);
  return Array.from({ length: before + after + 1 }, (_, i) => fromOrdinal(start - before + i));
}

/** The longest plan the roadmap accepts for one entry, in quarters (ten years). */
export const MAX_SPAN_QUARTERS = 40;

export interface RoadmapEntry {
  ideaNumber: string;
  start: Quarter;
  end: Quarter;
  note: string;
  createdBy: PersonRef;
  createdAt: number;
  updatedBy: PersonRef;
  updatedAt: number;
}

export type RoadmapField = 'start' | 'end' | 'note';

export interface FieldChange {
  field: RoadmapField;
  from?: string;
  to: string;
}

/** One entry's change as it took effect, for the change log. */
export interface RoadmapRevision {
  ideaNumber: string;
  by: PersonRef;
  at: number;
  kind: 'added' | 'changed';
  changes: FieldChange[];
  /** Set when the change took effect by a body's decision on a revision (revision.ts). */
  decision?: { revisionId: string; voteId: string };
}

/** What an entry says: the part a change sets. */
export type EntryValues = Pick<RoadmapEntry, 'start' | 'end' | 'note'>;

export type RoadmapProblem =
  | { code: 'invalid-quarter'; field: 'start' | 'end' }
  | { code: 'end-before-start' }
  | { code: 'too-long'; maxQuarters: number }
  | { code: 'idea-closed'; number: string };

export interface PlanInput {
  ideaNumber: string;
  start: string;
  end: string;
  note: string;
  by: PersonRef;
  at: number;
}

/** The input checked and normalised: quarters upper-cased, the end not before the start, the
 * note trimmed. */
export function normalisePlan(input: Pick<PlanInput, 'start' | 'end' | 'note'>): Result<EntryValues, RoadmapProblem> {
  const start = parseQuarter(input.start);
  if (!start) return err({ code: 'invalid-quarter', field: 'start' });
  const end = parseQuarter(input.end);
  if (!end) return err({ code: 'invalid-quarter', field: 'end' });
  const s = formatQuarter(start.year, start.quarter);
  const e = formatQuarter(end.year, end.quarter);
  if (compareQuarters(e, s) < 0) return err({ code: 'end-before-start' });
  if (compareQuarters(e, s) + 1 > MAX_SPAN_QUARTERS) return err({ code: 'too-long', maxQuarters: MAX_SPAN_QUARTERS });
  return ok({ start: s, end: e, note: input.note.trim() });
}

/** The fields `wanted` changes on `existing` (a new entry's empty note is no change). Empty:
 * nothing changes. */
export function diffEntry(existing: EntryValues | undefined, wanted: EntryValues): FieldChange[] {
  return (['start', 'end', 'note'] as const).flatMap((field) => {
    const before = existing?.[field];
    if (before === wanted[field]) return [];
    if (!existing && field === 'note' && wanted.note === '') return [];
    return [{ field, ...(before !== undefined ? { from: before } : {}), to: wanted[field] }];
  });
}

/** The entry after a change that has a diff, and its line in the change log. */
export function entryAfter(
  ideaNumber: string,
  existing: RoadmapEntry | undefined,
  wanted: EntryValues,
  changes: FieldChange[],
  by: PersonRef,
  at: number,
): { entry: RoadmapEntry; revision: RoadmapRevision } {
  const entry: RoadmapEntry = {
    ideaNumber,
    // Only the entry's own values: `wanted` may be a richer record (a proposed change).
    start: wanted.start,
    end: wanted.end,
    note: wanted.note,
    createdBy: existing?.createdBy ?? by,
    createdAt: existing?.createdAt ?? at,
    updatedBy: by,
    updatedAt: at,
  };
  return { entry, revision: { ideaNumber, by, at, kind: existing ? 'changed' : 'added', changes } };
}

/** Adds an entry or changes one. `unchanged` when the input says what the entry already says
 * (nothing is written and nothing is logged). */
export function planEntry(
  idea: Pick<Idea, 'number' | 'status'>,
  existing: RoadmapEntry | undefined,
  input: PlanInput,
): Result<{ entry: RoadmapEntry; revision: RoadmapRevision } | { unchanged: RoadmapEntry }, RoadmapProblem> {
  if (isClosed(idea)) return err({ code: 'idea-closed', number: idea.number });
  const wanted = normalisePlan(input);
  if (!wanted.ok) return wanted;
  const changes = diffEntry(existing, wanted.value);
  if (existing && changes.length === 0) return ok({ unchanged: existing });
  return ok(entryAfter(idea.number, existing, wanted.value, changes, input.by, input.at));
}

/**
 * Whether a project may be started: only with an entry on the roadmap (Digi Rogaland §6: «For
 * at et prosjekt kan iverksettes, må det inn på veikartet»). The gate that starts a project
 * must ask this before it opens a vote and again before it applies an adopted decision.
 */
export function mayStart(
  roadmap: readonly RoadmapEntry[],
  ideaNumber: string,
): Result<RoadmapEntry, { code: 'not-on-roadmap'; number: string }> {
  const entry = roadmap.find((e) => e.ideaNumber === ideaNumber);
  return entry ? ok(entry) : err({ code: 'not-on-roadmap', number: ideaNumber });
}

/** An idea counts as a project for the roadmap once it has left the initial phase and until it
 * reaches a terminal phase (completed, stopped). */
export function isOpenProject(programme: Programme, idea: Pick<Idea, 'phase' | 'status'>): boolean {
  if (idea.phase === programme.initialPhase || isClosed(idea)) return false;
  return programme.phases.find((p) => p.id === idea.phase)?.terminal !== true;
}

export interface RoadmapRow<I extends Pick<Idea, 'number' | 'phase' | 'status'>> {
  idea: I;
  entry?: RoadmapEntry;
  /** A project that is running without a roadmap entry. */
  missingEntry: boolean;
}

export interface RoadmapLayout<I extends Pick<Idea, 'number' | 'phase' | 'status'>> {
  /** Rows with an entry, by the half-year their period starts in (ascending), then by start,
   * end and number. */
  byHalfYear: { halfYear: string; rows: RoadmapRow<I>[] }[];
  /** Open projects without an entry: they break the agreement and are shown apart. */
  missing: RoadmapRow<I>[];
}

/** What the roadmap shows: every open project and every planned entry whose idea is not closed. */
export function roadmapLayout<I extends Pick<Idea, 'number' | 'phase' | 'status'>>(
  programme: Programme,
  ideas: readonly I[],
  entries: readonly RoadmapEntry[],
): RoadmapLayout<I> {
  const byNumber = new Map(entries.map((e) => [e.ideaNumber, e]));
  const rows: RoadmapRow<I>[] = [];
  for (const idea of ideas) {
    const entry = byNumber.get(idea.number);
    const open = isOpenProject(programme, idea);
    if (entry && !isClosed(idea) && programme.phases.find((p) => p.id === idea.phase)?.terminal !== true) {
      rows.push({ idea, entry, missingEntry: false });
    } else if (!entry && open) {
      rows.push({ idea, missingEntry: true });
    }
  }
  const planned = rows
    .filter((r): r is RoadmapRow<I> & { entry: RoadmapEntry } => r.entry !== undefined)
    .sort(
      (a, b) =>
        compareQuarters(a.entry.start, b.entry.start) ||
        compareQuarters(a.entry.end, b.entry.end) ||
        (a.idea.number < b.idea.number ? -1 : a.idea.number > b.idea.number ? 1 : 0),
    );
  const byHalfYear: RoadmapLayout<I>['byHalfYear'] = [];
  for (const row of planned) {
    const halfYear = halfYearOf(row.entry.start);
    const last = byHalfYear[byHalfYear.length - 1];
    if (last && last.halfYear === halfYear) last.rows.push(row);
    else byHalfYear.push({ halfYear, rows: [row] });
  }
  return { byHalfYear, missing: rows.filter((r) => r.missingEntry) };
}
