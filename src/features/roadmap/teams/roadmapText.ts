// The roadmap in words, in the reader's language: quarters and half-years, changes to an entry,
// proposed changes, and refusals. Shared by the roadmap card, the revision card and the vote
// card of a revision.
import { type FieldChange, type RoadmapField, type RoadmapRevision, parseQuarter } from '../domain/roadmap.js';
import type { ProposedChange } from '../domain/revision.js';
import type { RoadmapError } from '../app/roadmap.js';
import type { Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { ideaErrorText } from '../../ideas/teams/ideaText.js';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const tr = (language: Language): T => (key, params) => translate(language, key, params);

export function quarterText(q: string, language: Language): string {
  const p = parseQuarter(q);
  return p ? translate(language, 'roadmap.quarter', { quarter: p.quarter, year: p.year }) : q;
}

export function halfYearText(halfYear: string, language: Language): string {
  const [year, half] = halfYear.split('-H');
  return translate(language, 'roadmap.halfYear', { year: year ?? '', half: half ?? '' });
}

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

const valueText = (field: RoadmapField, value: string, language: Language, noteMax: number) =>
  field === 'note' ? shorten(value, noteMax) : quarterText(value, language);

/** One field's change: "End: Q4 2027 → Q2 2028", or "Start: Q1 2027" for a new value. */
export function fieldChangeText(c: FieldChange, language: Language, noteMax = Infinity): string {
  const t = tr(language);
  const field = t(`roadmap.fieldName.${c.field}`);
  return c.from === undefined
    ? t('roadmap.change.set', { field, to: valueText(c.field, c.to, language, noteMax) })
    : t('roadmap.change.from', { field, from: valueText(c.field, c.from, language, noteMax), to: valueText(c.field, c.to, language, noteMax) });
}

/** A proposed change on one line: "To be changed: End: Q4 2027 → Q2 2028; Note: …". */
export function proposedChangeText(change: Pick<ProposedChange, 'kind' | 'changes'>, language: Language, noteMax: number): string {
  const changes = change.changes.map((c) => fieldChangeText(c, language, noteMax)).join('; ');
  return translate(language, change.kind === 'added' ? 'roadmap.change.proposedAdd' : 'roadmap.change.proposedChange', { changes });
}

/** A change that took effect, as the change log shows it: what happened, then a line per field. */
export function revisionLines(revision: Pick<RoadmapRevision, 'kind' | 'ideaNumber' | 'changes'>, language: Language, noteMax = Infinity): string[] {
  return [
    translate(language, revision.kind === 'added' ? 'roadmap.added' : 'roadmap.changed', { number: revision.ideaNumber }),
    ...revision.changes.map((c) => fieldChangeText(c, language, noteMax)),
  ];
}

export function roadmapErrorText(error: RoadmapError, language: Language): string {
  const t = tr(language);
  switch (error.code) {
    case 'invalid-quarter':
      return t('roadmapError.invalid-quarter', { field: t(`roadmap.fieldName.${error.field}`) });
    case 'end-before-start':
      return t('roadmapError.end-before-start');
    case 'too-long':
      return t('roadmapError.too-long', { n: error.maxQuarters });
    case 'idea-closed':
      return 'number' in error ? t('roadmapError.idea-closed', { number: error.number }) : ideaErrorText(error, language);
    case 'no-roadmap-body':
      return t('roadmap.error.no-roadmap-body');
    case 'too-many-pending':
      return t('roadmap.error.too-many-pending', { max: error.max });
    case 'nothing-pending':
      return t('roadmap.error.nothing-pending');
    case 'revision-open':
      return t('roadmap.error.revision-open', { id: error.id });
    case 'revision-not-found':
      return t('roadmap.error.revision-not-found', { id: error.id });
    case 'already-decided':
      return 'id' in error ? t('roadmap.error.already-decided', { id: error.id }) : ideaErrorText(error, language);
    default:
      return ideaErrorText(error, language);
  }
}
