// What goes to Skate's channel when AU adopts its recommendation (seed 004 §5.3): the samlesak
// card without buttons, and the samlesak as CSV — one row per measure, then AU's overall row —
// with the CSV encoder and the size check of the decision log's export (a Teams message holds
// about 80 KB; past MAX_CSV_BYTES a line says so and the card still carries the case).
import type { SamlesakPost } from '../app/samlesak.js';
import { ideaDocuments, type Disclosed } from '../../../shared/disclosure/content.js';
import { deviatesFromOwner, type Samlesak } from '../domain/samlesak.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { toCsv } from '../../votes/domain/csv.js';
import type { Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { MAX_CSV_BYTES } from '../../votes/teams/voteCommands.js';
import { personName } from '../../ideas/teams/ideaText.js';
import { samlesakView } from './samlesakViews.js';

export const SAMLESAK_CSV_HEADER = [
  'quarter',
  'measure',
  'title',
  'kind',
  'owners',
  'owner_status',
  'report_version',
  'report_filed_at',
  'progress',
  'deviations',
  'proposed_corrective_actions',
  'au_status',
  'deviates_from_owner',
  'au_reason',
  'au_assessment',
  'au_recommendation',
  'written_by',
  'written_as',
  'skate_advice',
  'decision',
  'decided_by',
  'decided_at',
  'on_behalf_of_director',
] as const;

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** The samlesak as CSV (RFC 4180 with the formula guard, domain/vote/csv.ts). */
export function samlesakCsv(programme: Programme, s: Samlesak): string {
  const rows = s.items.map((item) => {
    const r = item.report;
    const a = s.assessments[item.measureId];
    const d = s.decisions[item.measureId];
    return [
      s.periodKey,
      item.measureId,
      item.title,
      item.kind,
      item.owners.map((o) => personName(programme, o)).join('; '),
      r?.status ?? '',
      r?.version,
      iso(r?.filedAt),
      r?.progress ?? '',
      r?.deviations.join(' ') ?? '',
      r?.correctiveActions ?? '',
      a?.status ?? '',
      a ? (deviatesFromOwner(item, a.status) ? 'yes' : 'no') : '',
      a?.reason ?? '',
      a?.assessment ?? '',
      a?.recommendation ?? '',
      a?.by.name ?? '',
      a?.as ?? '',
      s.advice[item.measureId]?.text ?? '',
      d?.text ?? '',
      d?.by.name ?? '',
      iso(d?.at),
      d ? (d.onBehalf ? 'yes' : 'no') : '',
    ];
  });
  const o = s.overall;
  const overall = [s.periodKey, '', '', 'overall', '', '', undefined, '', '', '', '', '', '', '', o?.assessment ?? '', o?.recommendation ?? '', o?.by.name ?? '', o?.as ?? '', '', '', '', '', ''];
  return toCsv(SAMLESAK_CSV_HEADER, [...rows, overall]);
}

/** The CSV, or the line saying it is too large for a Teams message. */
export function samlesakCsvMessage(programme: Programme, s: Samlesak, language: Language): string {
  const csv = samlesakCsv(programme, s);
  const size = Buffer.byteLength(csv);
  return size > MAX_CSV_BYTES ? translate(language, 'sl.csv.tooLarge', { period: s.periodKey, size: Math.ceil(size / 1024) }) : csv;
}

/** What a samlesak card or CSV discloses: the programme's internal working material and each
 * listed project's reports (its documents). */
export const samlesakDisclosures = (programme: Programme, ideas: Parameters<typeof ideaDocuments>[1][]): Disclosed[] => [
  { kind: 'programme-internal', programmeId: programme.id },
  ...ideas.map((idea) => ideaDocuments(programme.id, idea)),
];

export class SamlesakChannelPost implements SamlesakPost {
  constructor(private readonly cards: CardRenderer) {}

  card({ programme, period, samlesak, ideas, language }: Parameters<SamlesakPost['card']>[0]) {
    const discloses = samlesakDisclosures(programme, [...ideas]);
    const card = this.cards.render('samlesak', samlesakView({ programme, period, samlesak, language, forChannel: true }), discloses);
    return { card, discloses };
  }

  csv({ programme, samlesak, language }: Parameters<SamlesakPost['csv']>[0]): string {
    return samlesakCsvMessage(programme, samlesak, language);
  }
}
