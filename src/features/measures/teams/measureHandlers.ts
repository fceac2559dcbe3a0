// Joint measures and deviation notices: `tiltak ny` / `new measure` (office), `tiltak` /
// `measures`, `avvik` / `deviation` (a party of the measure) and `avvik liste` / `deviations`
// (the agenda for the next consultation meeting), with their verbs.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Access, officeAccess } from '../../../shared/access.js';
import {
  deviationChoices,
  measuresPage,
  newMeasure,
  openDeviations,
  reportDeviation,
  resolveDeviation,
  type DeviationNotifier,
  type MeasureError,
  type MeasureRepository,
} from '../app/measures.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { treatmentsByMeasure, type FinalTreatmentRepository } from '../app/finalTreatment.js';
import { measureTreatmentLines } from './finalTreatmentViews.js';
import type { Deviation, Measure } from '../domain/measures.js';
import { formatDate, formatDateTime, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { describeIssues, type FieldLabels } from '../../../platform/i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { ideaErrorText, partyName, personName } from '../../ideas/teams/ideaText.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply } from '../../../platform/channel/reply.js';
import type { DeviationFormView, DeviationListView, MeasureFormView } from './measureCardViews.js';
import { pageCursorField, programmeIdField } from '../../../platform/routing/fields.js';
import { firstPage, type PageCursor } from '../../../shared/paging.js';
import { pagerButtons, positionText } from '../../../platform/cards/pager.js';

export interface MeasureDependencies {
  /** The measures, and their final treatments for the list's history lines. */
  measures: MeasureRepository & Pick<FinalTreatmentRepository, 'finalTreatmentsOf'>;
  notifier: DeviationNotifier;
  cards: CardRenderer;
}

const programmeId = programmeIdField;
/** Measures on one card of the `tiltak` / `measures` list. */
const MEASURES_ON_CARD = 20;
const submissionId = z.string().trim().min(8).max(64);
const measureId = z.string().trim().toUpperCase().regex(/^T-\d{3,6}$/);
const deviationId = z.string().trim().toUpperCase().regex(/^A-\d{3,6}$/);
const text = (max: number) => z.string().trim().min(1).max(max);
/** A multi-select ChoiceSet sends "a,b,c". */
const list = z
  .string()
  .max(4000)
  .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(z.array(z.string().max(128)).min(1).max(50));

const label = (key: Parameters<typeof translate>[1]) => ({ nb: translate('nb', key), en: translate('en', key) });

export function measureErrorText(error: MeasureError, language: Language): string {
  switch (error.code) {
    case 'measure-not-found':
      return translate(language, 'measureError.measure-not-found', { id: error.id });
    case 'deviation-not-found':
      return translate(language, 'measureError.deviation-not-found', { id: error.id });
    case 'not-a-party-of-measure':
      return translate(language, 'measureError.not-a-party-of-measure', { id: error.measureId });
    case 'already-closed':
      return translate(language, 'measureError.already-closed', { id: error.deviationId });
    case 'unknown-person':
      return translate(language, 'measureError.unknown-person');
    case 'unknown-party':
      return translate(language, 'measureError.unknown-party', { party: error.party });
    case 'invalid':
      return translate(language, 'measureError.invalid', { field: error.field });
    default:
      return ideaErrorText(error, language);
  }
}

const stringValues = <K extends string>(data: unknown, fields: readonly K[]): Record<K, string> => {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(fields.map((f) => [f, typeof record[f] === 'string' ? record[f].slice(0, 4000) : ''])) as Record<K, string>;
};

const measureFields = ['title', 'description', 'owners', 'parties'] as const;
const deviationFields = ['measureId', 'what', 'impact', 'proposal'] as const;

export function measureFormView(
  access: Access,
  language: Language,
  options: { values?: Partial<MeasureFormView['values']>; problems?: string[]; submissionId?: string } = {},
): MeasureFormView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const { programme } = access;
  return {
    heading: t('measure.form.heading', { programme: programme.name }),
    intro: t('measure.form.intro'),
    problemsHeading: t('measure.problems'),
    problems: options.problems ?? [],
    labels: {
      title: t('measure.field.title'),
      description: t('measure.field.description'),
      owners: t('measure.field.owners'),
      parties: t('measure.field.parties'),
    },
    values: { title: '', description: '', owners: '', parties: '', ...options.values },
    people: programme.people.map((p) => ({ title: `${p.name} (${partyName(programme, p.party)})`, value: p.aadObjectId })),
    parties: programme.parties.map((p) => ({ title: p.name, value: p.id })),
    programmeId: programme.id,
    submissionId: options.submissionId ?? randomUUID(),
    submitLabel: t('measure.submit'),
  };
}

export function deviationFormView(
  access: Access,
  measures: readonly Measure[],
  language: Language,
  options: { values?: Partial<DeviationFormView['values']>; problems?: string[]; submissionId?: string } = {},
): DeviationFormView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  return {
    heading: t('deviation.form.heading', { programme: access.programme.name }),
    intro: t('deviation.form.intro'),
    problemsHeading: t('measure.problems'),
    problems: options.problems ?? [],
    hasMeasures: measures.length > 0,
    emptyText: t('deviation.noMeasures'),
    labels: {
      measure: t('deviation.field.measure'),
      what: t('deviation.field.what'),
      impact: t('deviation.field.impact'),
      proposal: t('deviation.field.proposal'),
    },
    values: { measureId: measures.length === 1 ? (measures[0]?.id ?? '') : '', what: '', impact: '', proposal: '', ...options.values },
    measures: measures.map((m) => ({ title: `${m.id} ${m.title}`, value: m.id })),
    programmeId: access.programme.id,
    submissionId: options.submissionId ?? randomUUID(),
    submitLabel: t('deviation.submit'),
  };
}

const recipientNames = (access: Access, d: Deviation, language: Language) =>
  d.recipients.length === 0
    ? translate(language, 'deviation.nobody')
    : d.recipients.map((r) => `${r.person.name} (${partyName(access.programme, r.party)})`).join(', ');

/** Deviations per card page, and how much of each text the card shows (the full text is in
 * storage and in the notice itself): the card must stay well under Teams' size limit. */
export const DEVIATIONS_PER_PAGE = 10;
const TEXT_ON_CARD = 400;
const shorten = (text: string) => (text.length <= TEXT_ON_CARD ? text : `${text.slice(0, TEXT_ON_CARD - 1).trimEnd()}…`);

export function deviationListView(
  access: Access,
  agenda: readonly { measure: Measure; deviations: Deviation[] }[],
  language: Language,
  banner = '',
  page = 1,
): DeviationListView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const all = agenda.flatMap(({ measure, deviations }) => deviations.map((d) => ({ measure, d })));
  const pages = Math.max(1, Math.ceil(all.length / DEVIATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const groups: DeviationListView['groups'] = [];
  for (const { measure, d } of all.slice((current - 1) * DEVIATIONS_PER_PAGE, current * DEVIATIONS_PER_PAGE)) {
    const heading = `${measure.id} ${measure.title}`;
    const item = {
      id: d.id,
      title: t('deviation.itemTitle', { id: d.id, party: partyName(access.programme, d.party), when: formatDate(d.filedAt, language) }),
      lines: [
        t('deviation.what', { text: shorten(d.what) }),
        t('deviation.impact', { text: shorten(d.impact) }),
        t('deviation.proposal', { text: shorten(d.proposal) }),
        t('deviation.by', { who: d.filedBy.name, recipients: recipientNames(access, d, language) }),
      ],
      canClose: access.roles.isOffice,
    };
    const last = groups[groups.length - 1];
    if (last && last.heading === heading) last.items.push(item);
    else groups.push({ heading, items: [item] });
  }
  const pageButton = (p: number, key: 'list.previous' | 'list.next') => ({ title: t(key), verb: 'deviation.list', data: { programmeId: access.programme.id, page: p } });
  return {
    banner,
    heading: t('deviation.listHeading', { programme: access.programme.name }),
    subheading: pages > 1 ? `${t('deviation.listSubheading')} ${t('list.page', { page: current, pages })}` : t('deviation.listSubheading'),
    groups,
    emptyText: all.length === 0 ? t('deviation.empty') : '',
    closeLabel: t('deviation.close'),
    resolutionLabel: t('deviation.field.resolution'),
    programmeId: access.programme.id,
    pager: [...(current > 1 ? [pageButton(current - 1, 'list.previous')] : []), ...(current < pages ? [pageButton(current + 1, 'list.next')] : [])],
  };
}

export function measureVerbs({ measures, notifier, cards }: MeasureDependencies): Record<string, VerbDefinition> {
  const refusal = (ctx: RequestContext, message: string, details: string[] = []): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message, details }, []);
  const internal = (id: string) => [{ kind: 'programme-internal' as const, programmeId: id }];
  const record = (data: unknown) => (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const keptSubmission = (data: unknown) => {
    const id = record(data).submissionId;
    return typeof id === 'string' && id.length >= 8 ? { submissionId: id.slice(0, 64) } : {};
  };

  const measureLabels: FieldLabels = {
    title: label('measure.field.title'),
    description: label('measure.field.description'),
    owners: label('measure.field.owners'),
    parties: label('measure.field.parties'),
  };
  const deviationLabels: FieldLabels = {
    measureId: label('deviation.field.measure'),
    what: label('deviation.field.what'),
    impact: label('deviation.field.impact'),
    proposal: label('deviation.field.proposal'),
    resolution: label('deviation.field.resolution'),
  };

  const measureFormAgain = (ctx: RequestContext, data: unknown, problems: string[]) => {
    const access = officeAccess(ctx, String(record(data).programmeId ?? ''));
    if (!access.ok) return undefined;
    return cards.render(
      'measureForm',
      measureFormView(access.value, ctx.language, { values: stringValues(data, measureFields), problems, ...keptSubmission(data) }),
      [],
    );
  };

  const deviationFormAgain = async (ctx: RequestContext, data: unknown, problems: string[]) => {
    const choices = await deviationChoices(measures, ctx, String(record(data).programmeId ?? ''));
    if (!choices.ok) return undefined;
    return cards.render(
      'deviationForm',
      deviationFormView(choices.value.access, choices.value.measures, ctx.language, {
        values: stringValues(data, deviationFields),
        problems,
        ...keptSubmission(data),
      }),
      internal(choices.value.access.programme.id),
    );
  };

  const deviationList = async (ctx: RequestContext, id: string, banner = '', page = 1): Promise<AdaptiveCard> => {
    const result = await openDeviations(measures, ctx, id);
    if (!result.ok) return refusal(ctx, measureErrorText(result.error, ctx.language));
    return cards.render('deviationList', deviationListView(result.value.access, result.value.agenda, ctx.language, banner, page), internal(id));
  };

  const deviationSchema = z.object({
    programmeId,
    submissionId,
    measureId,
    what: text(2000),
    impact: text(2000),
    proposal: text(2000),
  });

  return {
    'measure.form': defineVerb({
      schema: z.object({ programmeId }),
      handle: async (ctx, data) => {
        const access = officeAccess(ctx, data.programmeId);
        return access.ok
          ? cards.render('measureForm', measureFormView(access.value, ctx.language), [])
          : refusal(ctx, ideaErrorText(access.error, ctx.language));
      },
    }),
    'measure.create': defineVerb({
      schema: z.object({ programmeId, submissionId, title: text(200), description: z.string().trim().max(4000).default(''), owners: list, parties: list }),
      labels: measureLabels,
      invalid: measureFormAgain,
      handle: async (ctx, data) => {
        const result = await newMeasure(measures, ctx, data);
        if (!result.ok) {
          const again = measureFormAgain(ctx, data, [measureErrorText(result.error, ctx.language)]);
          return again ?? refusal(ctx, measureErrorText(result.error, ctx.language));
        }
        const { measure, created } = result.value;
        return listCard(ctx, data.programmeId, translate(ctx.language, created ? 'measure.created' : 'measure.alreadyCreated', { id: measure.id }));
      },
    }),
    'measure.list': defineVerb({
      schema: z.object({ programmeId, cursor: pageCursorField }),
      handle: (ctx, data) => listCard(ctx, data.programmeId, '', data.cursor),
    }),
    'deviation.form': defineVerb({
      schema: z.object({ programmeId, measureId: measureId.optional() }),
      handle: async (ctx, data) => {
        const choices = await deviationChoices(measures, ctx, data.programmeId);
        if (!choices.ok) return refusal(ctx, measureErrorText(choices.error, ctx.language));
        const values = data.measureId ? { measureId: data.measureId } : {};
        return cards.render(
          'deviationForm',
          deviationFormView(choices.value.access, choices.value.measures, ctx.language, { values }),
          internal(data.programmeId),
        );
      },
    }),
    'deviation.file': defineVerb({
      // Only the programme is checked up front; the rest is validated in the handler, so a bad
      // submission gets the form back (with its measures, which takes a storage read) with the
      // user's text kept and the problems listed.
      schema: z.looseObject({ programmeId }),
      labels: deviationLabels,
      handle: async (ctx, raw) => {
        const parsed = deviationSchema.safeParse(raw);
        if (!parsed.success) {
          const problems = describeIssues(parsed.error.issues, ctx.language, deviationLabels);
          return (await deviationFormAgain(ctx, raw, problems)) ?? refusal(ctx, translate(ctx.language, 'error.invalidInput'), problems);
        }
        const data = parsed.data;
        const result = await reportDeviation(measures, notifier, ctx, data);
        if (!result.ok) {
          if (result.error.code === 'invalid') {
            return (await deviationFormAgain(ctx, data, [measureErrorText(result.error, ctx.language)])) ?? refusal(ctx, measureErrorText(result.error, ctx.language));
          }
          return refusal(ctx, measureErrorText(result.error, ctx.language));
        }
        const { access, measure, deviation, created } = result.value;
        const banner = !created
          ? translate(ctx.language, 'deviation.alreadyFiled', { id: deviation.id })
          : deviation.recipients.length === 0
            ? translate(ctx.language, 'deviation.filedNoRecipients', { id: deviation.id, measure: measure.id })
            : translate(ctx.language, 'deviation.filed', { id: deviation.id, measure: measure.id, recipients: recipientNames(access, deviation, ctx.language) });
        return deviationList(ctx, data.programmeId, banner);
      },
    }),
    'deviation.list': defineVerb({
      schema: z.object({ programmeId, page: z.coerce.number().int().min(1).max(10_000).default(1) }),
      handle: (ctx, data) => deviationList(ctx, data.programmeId, '', data.page),
    }),
    'deviation.close': defineVerb({
      // The resolution field is named per deviation ("resolution.A-001") so several close
      // forms can sit on one card.
      schema: z.preprocess(
        (raw) => {
          const r = record(raw);
          const id = typeof r.deviationId === 'string' ? r.deviationId : '';
          return { programmeId: r.programmeId, deviationId: r.deviationId, resolution: r[`resolution.${id}`] ?? r.resolution };
        },
        z.object({ programmeId, deviationId, resolution: text(2000) }),
      ),
      labels: deviationLabels,
      handle: async (ctx, data) => {
        const result = await resolveDeviation(measures, ctx, data);
        // Closed meanwhile (an old card): the list as it is now, with why.
        if (!result.ok && result.error.code === 'already-closed') return deviationList(ctx, data.programmeId, measureErrorText(result.error, ctx.language));
        if (!result.ok) return refusal(ctx, measureErrorText(result.error, ctx.language));
        return deviationList(ctx, data.programmeId, translate(ctx.language, 'deviation.closed', { id: result.value.deviation.id }));
      },
    }),
  };

  async function listCard(ctx: RequestContext, id: string, notice = '', cursor: PageCursor = firstPage): Promise<AdaptiveCard> {
    // A page at a time (issue 25.2), with its place in the list and Previous/Next.
    const result = await measuresPage(measures, ctx, id, cursor, MEASURES_ON_CARD);
    if (!result.ok) return refusal(ctx, measureErrorText(result.error, ctx.language));
    const { access, page, deviations } = result.value;
    const all = page.items;
    const position = positionText(page, ctx.language);
    // The page's treatments only, never the programme's (issue 25).
    const treatments = treatmentsByMeasure(await measures.finalTreatmentsOf(access.key, all.map((m) => m.id)));
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(ctx.language, key, params);
    const { programme } = access;
    return cards.render(
      'records',
      {
        heading: t('measure.listHeading', { programme: programme.name }),
        subheading: [notice, position].filter(Boolean).join(' · '),
        pager: pagerButtons(page, 'measure.list', { programmeId: programme.id }, ctx.language),
        records: [...all]
          .sort((a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2)))
          .map((m) => ({
            title: `${m.id} ${m.title}`,
            lines: [
              ...(m.description ? [shorten(m.description)] : []),
              t('measure.owners', { names: m.owners.map((o) => personName(programme, o)).join(', ') }),
              t('measure.parties', { names: m.parties.map((p) => partyName(programme, p)).join(', ') }),
              t('measure.openDeviations', { count: deviations.filter((d) => d.measureId === m.id && d.status === 'open').length }),
              `${formatDateTime(m.createdAt, ctx.language)} · ${m.createdBy.name}`,
              ...measureTreatmentLines(programme, treatments.get(m.id) ?? [], ctx.language),
            ],
          })),
        emptyText: all.length === 0 ? t('measure.empty') : '',
      },
      internal(programme.id),
    );
  }
}

export function measureCommands({ cards }: MeasureDependencies, verbs: VerbRouter) {
  const viaVerb =
    (verb: string): CommandHandler =>
    async (ctx, args) => {
      const choice = chooseProgramme(ctx, args, verb, cards);
      return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, verb, { programmeId: choice.programmeId }));
    };
  return {
    newMeasure: viaVerb('measure.form'),
    measures: viaVerb('measure.list'),
    deviation: viaVerb('deviation.form'),
    deviations: viaVerb('deviation.list'),
  } satisfies Record<string, CommandHandler>;
}
