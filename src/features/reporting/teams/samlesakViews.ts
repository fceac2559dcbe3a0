// Builds the samlesak cards' views (seed 004 §5): the quarter's combined case — also what is
// posted to Skate's channel, without buttons — and one measure's card with the form of whoever
// may take its next step; and the refusals in the reader's language.
import type { SamlesakCase, SamlesakError } from '../app/samlesak.js';
import {
  bodyById,
  deviatesFromOwner,
  samlesakRule,
  samlesakStatuses,
  stageOf,
  TEXT_MAX,
  type Samlesak,
  type SamlesakItem,
  type SamlesakRoles,
} from '../domain/samlesak.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { formatDate, pick, type Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { ideaErrorText, personName } from '../../ideas/teams/ideaText.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';
import { clip } from '../../votes/teams/voteViews.js';
import type { SamlesakMeasureView, SamlesakView } from './samlesakCardViews.js';

/** Characters of one text on the overview card; the measure's own card and the CSV have it
 * whole. The more measures, the shorter, so thirty of them still fit one Teams message. */
const TEXT_ON_CARD = 240;
/** Past this many measures the overview shows one summary line per measure (the measure's card
 * and the CSV have the texts), so thirty of them still fit one Teams message. */
export const COMPACT_FROM = 9;
const TITLE_ON_CARD = 90;

/** One line: the owner's view, AU's assessment, and whether Skate advised and the director decided. */
function compactLine(programme: Programme, s: Samlesak, item: SamlesakItem, language: Language): string {
  const t = translator(language);
  const a = s.assessments[item.measureId];
  const parts = [
    item.report ? t('sl.compact.owner', { status: statusText(t, item.report.status) }) : t('sl.item.noReport'),
    a ? t(a.reason ? 'sl.compact.auReasoned' : 'sl.compact.au', { status: statusText(t, a.status) }) : t('sl.item.unassessed'),
    ...(s.advice[item.measureId] ? [t('sl.compact.advice', { body: bodyName(programme, names(programme).rule?.advisedBy, language) })] : []),
    ...(s.decisions[item.measureId] ? [t('sl.compact.decided')] : []),
  ];
  return parts.join(' · ');
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const translator = (language: Language): T => (key, params) => translate(language, key, params);

/** «3 tiltak» / "1 measure": the count through the language's plural rules. */
const counted = (language: Language, noun: 'measures' | 'reports', count: number) =>
  translate(language, `sl.count.${noun}.${new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other'}` as MessageKey, { count });

const bodyName = (programme: Programme, id: string | undefined, language: Language) => {
  const body = id ? bodyById(programme, id) : undefined;
  return body ? pick(body.name, language) : (id ?? '');
};
const names = (programme: Programme) => {
  const rule = samlesakRule(programme);
  const skate = rule ? bodyById(programme, rule.advisedBy) : undefined;
  return { rule, skate, au: rule ? bodyById(programme, rule.preparedBy) : undefined };
};
const directorTitle = (programme: Programme, language: Language) => {
  const { skate } = names(programme);
  return skate?.decidedBy ? pick(skate.decidedBy.title, language) : '';
};

const statusText = (t: T, status: string) => t(`report.status.${status}` as MessageKey);

/** What the samlesak says of one measure, oldest step first. `cap` clips long texts. */
export function itemLines(programme: Programme, s: Samlesak, item: SamlesakItem, language: Language, cap = (text: string) => text): string[] {
  const t = translator(language);
  const owners = item.owners.map((o) => personName(programme, o)).join(', ') || '–';
  const lines = [t(item.kind === 'joint' ? 'sl.item.joint' : 'sl.item.project', { owners })];
  const r = item.report;
  if (!r) lines.push(t('sl.item.noReport'));
  else {
    lines.push(t('sl.item.ownerView', { status: statusText(t, r.status), version: r.version, date: formatDate(r.filedAt, language) }));
    lines.push(t('sl.item.progress', { text: cap(r.progress) }));
    lines.push(
      r.deviations.length === 0
        ? t('sl.item.noDeviations')
        : t('sl.item.deviations', { areas: r.deviations.map((a) => t(`report.field.${a}` as MessageKey)).join(', '), actions: cap(r.correctiveActions) || '–' }),
    );
  }
  const a = s.assessments[item.measureId];
  if (!a) lines.push(t('sl.item.unassessed'));
  else {
    const as = t(a.as === 'au' ? 'sl.as.au' : 'sl.as.secretariat', { name: a.by.name });
    lines.push(t('sl.item.assessment', { as, status: statusText(t, a.status), text: cap(a.assessment) }));
    lines.push(t('sl.item.recommendation', { text: cap(a.recommendation) }));
    if (a.reason) lines.push(t('sl.item.reason', { text: cap(a.reason) }));
  }
  const skate = bodyName(programme, names(programme).rule?.advisedBy, language);
  const advice = s.advice[item.measureId];
  if (advice) lines.push(t('sl.item.advice', { body: skate, text: cap(advice.text) }));
  const decision = s.decisions[item.measureId];
  if (decision) lines.push(t('sl.item.decision', { who: decisionWho(programme, decision, language), date: formatDate(decision.at, language), text: cap(decision.text) }));
  return lines;
}

/** «Difis direktør (Dina Direktør)», or «Ola Office på vegne av Difis direktør» (issue 23.2). */
export function decisionWho(programme: Programme, decision: { by: { name: string }; onBehalf: boolean }, language: Language): string {
  const title = directorTitle(programme, language);
  return translate(language, decision.onBehalf ? 'sl.whoOnBehalf' : 'sl.who', { title, name: decision.by.name });
}

const subheading = (programme: Programme, s: Samlesak, language: Language) => {
  const { au, skate } = names(programme);
  const body = skate ? pick(skate.name, language) : '';
  return s.adopted
    ? translate(language, 'sl.stage.atSkate', { name: s.adopted.by.name, date: formatDate(s.adopted.at, language), body })
    : translate(language, 'sl.stage.preparing', { au: au ? pick(au.name, language) : '', body });
};

/** Whether AU's assessment (or, before one, the owner's own view) calls for attention. */
const attention = (s: Samlesak, item: SamlesakItem) => {
  const a = s.assessments[item.measureId];
  return (a ? deviatesFromOwner(item, a.status) || a.status === 'red' : false) || item.report?.status === 'red';
};

export interface SamlesakViewInput {
  programme: Programme;
  period: Pick<SamlesakCase['period'], 'deadline'>;
  samlesak: Samlesak;
  /** The reader's roles; absent for the post to Skate's channel. */
  roles?: SamlesakRoles;
  language: Language;
  /** The post to Skate's channel: no buttons or forms. */
  forChannel?: boolean;
  banner?: string;
  problems?: string[];
  values?: Partial<Record<'assessment' | 'recommendation', string>>;
}

export function samlesakView({ programme, period, samlesak: s, roles: readerRoles, language, forChannel = false, banner = '', problems = [], values = {} }: SamlesakViewInput): SamlesakView {
  const t = translator(language);
  const data = { programmeId: programme.id, periodKey: s.periodKey };
  const roles = forChannel ? undefined : readerRoles;
  const preparing = stageOf(s) === 'preparing';
  const mayPrepare = preparing && (roles?.office === true || roles?.auMember === true);
  const skate = bodyName(programme, names(programme).rule?.advisedBy, language);
  const cap = (text: string) => clip(text, TEXT_ON_CARD);
  const compact = s.items.length >= COMPACT_FROM;
  const overall = s.overall
    ? [
        t('sl.overall.assessment', { as: t(s.overall.as === 'au' ? 'sl.as.au' : 'sl.as.secretariat', { name: s.overall.by.name }), text: clip(s.overall.assessment, TEXT_ON_CARD * 4) }),
        t('sl.overall.recommendation', { text: clip(s.overall.recommendation, TEXT_ON_CARD * 4) }),
      ]
    : [t('sl.overall.none')];
  return {
    banner,
    problemsHeading: t('sl.problems'),
    problems,
    heading: t('sl.heading', { period: s.periodKey }),
    subheading: subheading(programme, s, language),
    facts: [
      { title: t('sl.fact.period'), value: s.periodKey },
      { title: t('sl.fact.deadline'), value: formatDate(period.deadline, language) },
      {
        title: t('sl.fact.measures'),
        value: t('sl.fact.measuresValue', { measures: counted(language, 'measures', s.items.length), reports: counted(language, 'reports', s.items.filter((i) => i.report).length) }),
      },
    ],
    measures: s.items.map((item) => ({
      title: t('sl.item.title', { id: item.measureId, title: compact ? clip(item.title, TITLE_ON_CARD) : item.title }),
      text: compact ? compactLine(programme, s, item, language) : itemLines(programme, s, item, language, cap).join('\n\n'),
      attention: attention(s, item),
      open: forChannel ? [] : [{ title: t('sl.item.open', { id: item.measureId }), verb: 'samlesak.measure', data: { ...data, measureId: item.measureId } }],
    })),
    emptyText: s.items.length === 0 ? t('sl.empty') : compact ? t('sl.compactNote', { period: s.periodKey }) : '',
    overallHeading: t('sl.overall.heading'),
    overall,
    overallForm: {
      show: mayPrepare,
      title: t('sl.form.overall'),
      assessmentLabel: t('sl.field.assessment'),
      recommendationLabel: t('sl.field.recommendation'),
      values: { assessment: values.assessment ?? s.overall?.assessment ?? '', recommendation: values.recommendation ?? s.overall?.recommendation ?? '' },
      submitLabel: t('sl.form.save'),
    },
    adopt: preparing && roles?.auMember ? [{ title: t('sl.adopt', { body: skate }), verb: 'samlesak.adopt', data }] : [],
    data,
  };
}

export interface MeasureViewInput {
  c: Pick<SamlesakCase, 'access' | 'samlesak' | 'roles'>;
  item: SamlesakItem;
  language: Language;
  banner?: string;
  problems?: string[];
  values?: Partial<Record<'status' | 'assessment' | 'recommendation' | 'reason' | 'text', string>>;
}

export function samlesakMeasureView({ c, item, language, banner = '', problems = [], values = {} }: MeasureViewInput): SamlesakMeasureView {
  const t = translator(language);
  const { programme } = c.access;
  const s = c.samlesak;
  const { roles } = c;
  const preparing = stageOf(s) === 'preparing';
  const skate = bodyName(programme, names(programme).rule?.advisedBy, language);
  const a = s.assessments[item.measureId];
  const decided = s.decisions[item.measureId] !== undefined;
  const advised = s.advice[item.measureId] !== undefined;
  const data = { programmeId: programme.id, periodKey: s.periodKey, measureId: item.measureId };
  return {
    banner,
    problemsHeading: t('sl.problems'),
    problems,
    heading: t('sl.item.title', { id: item.measureId, title: item.title }),
    subheading: `${t('sl.heading', { period: s.periodKey })}. ${subheading(programme, s, language)}`,
    lines: itemLines(programme, s, item, language),
    assess: {
      show: preparing && (roles.office || roles.auMember),
      title: t('sl.form.assess'),
      note: item.report ? t('sl.form.reasonNote', { status: statusText(t, item.report.status) }) : t('sl.item.noReport'),
      statusLabel: t('sl.field.status'),
      statuses: samlesakStatuses.map((value) => ({ title: statusText(t, value), value })),
      assessmentLabel: t('sl.field.assessment'),
      recommendationLabel: t('sl.field.recommendation'),
      reasonLabel: t('sl.field.reason'),
      values: {
        status: values.status ?? a?.status ?? item.report?.status ?? '',
        assessment: values.assessment ?? a?.assessment ?? '',
        recommendation: values.recommendation ?? a?.recommendation ?? '',
        reason: values.reason ?? a?.reason ?? '',
      },
      submitLabel: t('sl.form.save'),
    },
    advice: {
      show: !preparing && !decided && roles.office,
      title: t('sl.form.advice', { body: skate }),
      label: t('sl.field.advice'),
      value: values.text ?? s.advice[item.measureId]?.text ?? '',
      submitLabel: t('sl.form.save'),
    },
    decide: {
      show: !preparing && !decided && advised && roles.decision !== undefined,
      title: roles.decision === 'office-on-behalf' ? t('sl.form.decideOnBehalf', { title: directorTitle(programme, language) }) : t('sl.form.decide'),
      label: t('sl.field.decision'),
      value: values.text ?? '',
      submitLabel: t('sl.form.save'),
    },
    back: [{ title: t('sl.back'), verb: 'samlesak.show', data: { programmeId: programme.id, periodKey: s.periodKey } }],
    data,
  };
}

const fieldKey: Record<string, MessageKey> = {
  assessment: 'sl.field.assessment',
  recommendation: 'sl.field.recommendation',
  reason: 'sl.field.reason',
  text: 'sl.field.advice',
};

/** A refusal in the reader's language, naming the bodies and the director as the file does. */
export function samlesakErrorText(error: SamlesakError, language: Language, programme?: Programme): string {
  const t = translator(language);
  const { au, skate } = programme ? names(programme) : { au: undefined, skate: undefined };
  const body = skate ? pick(skate.name, language) : 'Skate';
  const auName = au ? pick(au.name, language) : 'AU';
  const title = programme ? directorTitle(programme, language) : '';
  switch (error.code) {
    case 'no-samlesak':
      return t('sl.error.no-samlesak');
    case 'unknown-period':
    case 'period-not-open':
    case 'not-compiled':
      return t(`sl.error.${error.code}`, { period: error.periodKey });
    case 'not-allowed':
      return t(`sl.error.not-allowed.${error.needs}`, { au: auName, body, title });
    case 'out-of-order':
      return t(`sl.error.out-of-order.${error.stage}`, { body });
    case 'unknown-measure':
    case 'already-decided':
      return t(`sl.error.${error.code}`, { id: error.measureId });
    case 'advice-missing':
      return t('sl.error.advice-missing', { id: error.measureId, body });
    case 'invalid':
      return t('sl.error.invalid', { field: t(fieldKey[error.field] ?? 'sl.field.assessment'), max: TEXT_MAX });
    case 'reason-required':
    case 'unassessed':
      return t(`sl.error.${error.code}`, { measures: error.measures.join(', ') });
    case 'no-overall':
      return t('sl.error.no-overall');
    case 'no-skate-channel':
      return t('sl.error.no-skate-channel', { body, bodyId: error.body });
    default:
      return ideaErrorText(error as IdeaUseCaseError, language);
  }
}
