// Final treatment of a measure (Skate, seed 004 §6): `sluttbehandling ny` / `new final treatment`
// (office) and `sluttbehandling` / `final treatment` (everyone in the programme), with the verbs
// of the opening form, the feedback card, and the case card's forms (recommendation, decision,
// deadline, cancel). Submissions are validated with zod in the handler, so a bad one gets its
// form back with the typed text kept and the problems listed in the reader's language.
import { z } from 'zod';
import { parseIdeaNumber } from '../../ideas/domain/ideaNumber.js';
import {
  cancelTreatment,
  decide,
  moveDeadline,
  openingChoices,
  openTreatment,
  recommend,
  submitFeedback,
  treatmentCase,
  treatmentList,
  askedPeople,
  type FinalTreatmentError,
  type FinalTreatmentMail,
  type FinalTreatmentRepository,
  type TreatmentCase,
  type TreatmentConclusions,
} from '../app/finalTreatment.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { answeringOrganisation, verdicts } from '../domain/finalTreatment.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { describeIssues, type FieldLabels } from '../../../platform/i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { programmeIdField } from '../../../platform/routing/fields.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { partyName } from '../../ideas/teams/ideaText.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply } from '../../../platform/channel/reply.js';
import {
  feedbackCardView,
  finalTreatmentErrorText,
  finalTreatmentFormView,
  finalTreatmentView,
  formatDeadline,
  measureTitle,
  stageText,
  type CaseInput,
} from './finalTreatmentViews.js';

export interface FinalTreatmentDependencies {
  treatments: FinalTreatmentRepository;
  mail: FinalTreatmentMail;
  cards: CardRenderer;
  /** A decided project passes (or not) its final gate. */
  conclusions?: TreatmentConclusions;
}

/** Treatments on the list card, under way first (as before issue 25). */
const ON_LIST = 20;
const programmeId = programmeIdField;
const treatmentId = z.string().trim().toUpperCase().regex(/^S-\d{3,6}$/);
/** A joint measure (T-003) or, in Skate, a project (SKATE-2026-004): projectsAsMeasures.ts. */
const measureId = z
  .string()
  .trim()
  .toUpperCase()
  .refine((id) => /^T-\d{3,6}$/.test(id) || parseIdeaNumber(id) !== undefined, 'a measure (T-003) or a project number');
const submissionId = z.string().trim().min(8).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/);
const verdict = z.enum(verdicts);
/** Input.Toggle sends "true" / "false". */
const toggle = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

const label = (key: MessageKey) => ({ nb: translate('nb', key), en: translate('en', key) });
const record = (data: unknown) => (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
const stringsOf = <K extends string>(data: unknown, fields: readonly K[]): Partial<Record<K, string>> => {
  const r = record(data);
  return Object.fromEntries(fields.flatMap((f) => (typeof r[f] === 'string' ? [[f, (r[f] as string).slice(0, 4000)]] : []))) as Partial<Record<K, string>>;
};

const openSchema = z.object({
  programmeId,
  submissionId,
  measureId,
  part: z.string().trim().max(200).default(''),
  request: text(2000),
  deadline: isoDate,
});
const feedbackSchema = z.object({ text: text(4000) });
const recommendSchema = z.object({ verdict, consensus: toggle, text: text(4000), auTreatment: z.string().trim().max(4000).default('') });
const decideSchema = z.object({ verdict, text: text(4000) });
const deadlineSchema = z.object({ deadline: isoDate });
const cancelSchema = z.object({ reason: text(4000) });

const openLabels: FieldLabels = {
  measureId: label('ft.field.measure'),
  part: label('ft.field.part'),
  request: label('ft.field.request'),
  deadline: label('ft.field.deadline'),
};
const caseLabels: FieldLabels = {
  verdict: label('ft.field.verdict'),
  consensus: label('ft.field.consensus'),
  auTreatment: label('ft.field.auTreatment'),
  deadline: label('ft.field.deadline'),
  reason: label('ft.field.reason'),
};
const recommendLabels: FieldLabels = { ...caseLabels, text: label('ft.field.recommendation') };
const decideLabels: FieldLabels = { ...caseLabels, text: label('ft.field.decision') };
const feedbackLabels: FieldLabels = { text: label('ft.field.text') };

const internal = (id: string) => [{ kind: 'programme-internal' as const, programmeId: id }];

/** Problems the person can fix in the form they sent (the rest are refusals). */
const fixable = (error: FinalTreatmentError) =>
  ['invalid', 'deadline-not-in-future', 'deadline-too-far', 'already-open', 'feedback-round-open', 'too-many-versions'].includes(error.code);

/** The treatment has moved on since the card that asked was drawn. */
const stale = (error: FinalTreatmentError) => error.code === 'out-of-order';

export function finalTreatmentVerbs({ treatments, mail, cards, conclusions }: FinalTreatmentDependencies): Record<string, VerbDefinition> {
  const refusal = (ctx: RequestContext, message: string, details: string[] = []): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message, details }, []);

  const programmeOf = (ctx: RequestContext, id: string) => ctx.tenantProgrammes.find((p) => p.id === id);
  const errorText = (ctx: RequestContext, error: FinalTreatmentError, id: string) => finalTreatmentErrorText(error, ctx.language, programmeOf(ctx, id));

  const formCard = async (ctx: RequestContext, id: string, options: { values?: Record<string, string>; problems?: string[]; submissionId?: string } = {}) => {
    const choices = await openingChoices(treatments, ctx, id);
    if (!choices.ok) return refusal(ctx, errorText(ctx, choices.error, id));
    const { access, body, organisations, measures } = choices.value;
    return cards.render(
      'finalTreatmentForm',
      finalTreatmentFormView({ programme: access.programme, body, organisations, measures, language: ctx.language, now: ctx.now, ...options }),
      internal(access.programme.id),
    );
  };

  const caseCard = async (ctx: RequestContext, id: string, treatment: string, extra: Pick<CaseInput, 'banner' | 'problems' | 'values'> = {}): Promise<AdaptiveCard> => {
    const found = await treatmentCase(treatments, ctx, id, treatment);
    if (!found.ok) return refusal(ctx, errorText(ctx, found.error, id));
    return renderCase(ctx, found.value, extra);
  };

  const renderCase = (ctx: RequestContext, found: TreatmentCase, extra: Pick<CaseInput, 'banner' | 'problems' | 'values'> = {}) =>
    cards.render(
      'finalTreatment',
      finalTreatmentView({ ...found, programme: found.access.programme, viewer: ctx.actor.aadObjectId, language: ctx.language, now: ctx.now, ...extra }),
      internal(found.access.programme.id),
    );

  /** The feedback card for the clicking person's organisation, or why they have none. */
  const feedbackCard = async (ctx: RequestContext, id: string, treatment: string, extra: { banner?: string; problems?: string[]; value?: string } = {}) => {
    const found = await treatmentCase(treatments, ctx, id, treatment);
    if (!found.ok) return refusal(ctx, errorText(ctx, found.error, id));
    const { access, measure, treatment: t } = found.value;
    const party = answeringOrganisation(access.programme, t, ctx.actor.aadObjectId);
    if (party === undefined) return refusal(ctx, finalTreatmentErrorText({ code: 'not-allowed', action: 'feedback', needs: 'asked-organisation' }, ctx.language));
    return cards.render('finalTreatmentFeedback', feedbackCardView({ programme: access.programme, measure, treatment: t, party, language: ctx.language, ...extra }), internal(access.programme.id));
  };

  const listCard = async (ctx: RequestContext, id: string): Promise<AdaptiveCard> => {
    const listed = await treatmentList(treatments, ctx, id, ON_LIST);
    if (!listed.ok) return refusal(ctx, errorText(ctx, listed.error, id));
    const { access, body, items } = listed.value;
    if (!body) return refusal(ctx, finalTreatmentErrorText({ code: 'no-advice-body' }, ctx.language));
    const tr = (key: MessageKey, params?: Record<string, string | number>) => translate(ctx.language, key, params);
    return cards.render(
      'choice',
      {
        heading: tr('ft.list.heading', { programme: access.programme.name }),
        text: items.length === 0 ? tr('ft.list.empty') : '',
        options: [
          ...items.map(({ measure, treatment }) => ({
            title: tr('ft.list.item', { id: treatment.id, measure: measureTitle(measure, treatment.measureId), stage: stageText(access.programme, treatment, ctx.language) }),
            verb: 'finalTreatment.show',
            data: { programmeId: access.programme.id, treatmentId: treatment.id },
          })),
          ...(access.roles.isOffice ? [{ title: tr('ft.list.new'), verb: 'finalTreatment.form', data: { programmeId: access.programme.id } }] : []),
        ],
      },
      internal(access.programme.id),
    );
  };

  /** Runs a step of the case card's forms: invalid data and fixable refusals give the card back
   * with the problems and what was typed; other refusals an error card. */
  const caseStep = <S extends z.ZodType>(
    schema: S,
    labels: FieldLabels,
    fields: readonly string[],
    run: (ctx: RequestContext, ids: { programmeId: string; treatmentId: string }, data: z.output<S>) => Promise<{ ok: true; value: TreatmentCase } | { ok: false; error: FinalTreatmentError }>,
    banner: (ctx: RequestContext, found: TreatmentCase & { changed?: boolean }) => string,
  ) =>
    defineVerb({
      schema: z.looseObject({ programmeId, treatmentId }),
      labels,
      handle: async (ctx, raw) => {
        const ids = { programmeId: raw.programmeId, treatmentId: raw.treatmentId };
        const values = stringsOf(raw, fields);
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          return caseCard(ctx, ids.programmeId, ids.treatmentId, { problems: describeIssues(parsed.error.issues, ctx.language, labels), values });
        }
        const result = await run(ctx, ids, parsed.data);
        if (!result.ok) {
          const programme = programmeOf(ctx, ids.programmeId);
          const current = programme && (await treatments.finalTreatment({ tenantId: programme.tenantId, programmeId: programme.id }, ids.treatmentId));
          const message = finalTreatmentErrorText(result.error, ctx.language, programme, current);
          // A step the treatment has moved past (an old card): the case as it is now, with why.
          return fixable(result.error) || stale(result.error) ? caseCard(ctx, ids.programmeId, ids.treatmentId, { problems: [message], values }) : refusal(ctx, message);
        }
        return renderCase(ctx, result.value, { banner: banner(ctx, result.value) });
      },
    });

  return {
    'finalTreatment.list': defineVerb({
      schema: z.object({ programmeId }),
      handle: (ctx, data) => listCard(ctx, data.programmeId),
    }),
    'finalTreatment.form': defineVerb({
      schema: z.object({ programmeId, measureId: measureId.optional() }),
      handle: (ctx, data) => formCard(ctx, data.programmeId, data.measureId ? { values: { measureId: data.measureId } } : {}),
    }),
    'finalTreatment.open': defineVerb({
      // Only the programme is checked up front; the rest in the handler, so a bad submission
      // gets the form back (with its measures, which takes a storage read) and the text kept.
      schema: z.looseObject({ programmeId }),
      labels: openLabels,
      handle: async (ctx, raw) => {
        const values = stringsOf(raw, ['measureId', 'part', 'request', 'deadline'] as const);
        const kept = typeof raw.submissionId === 'string' && raw.submissionId.length >= 8 ? { submissionId: raw.submissionId.slice(0, 64) } : {};
        const parsed = openSchema.safeParse(raw);
        if (!parsed.success) {
          return formCard(ctx, raw.programmeId, { values, problems: describeIssues(parsed.error.issues, ctx.language, openLabels), ...kept });
        }
        const result = await openTreatment(treatments, mail, ctx, parsed.data);
        if (!result.ok) {
          const message = errorText(ctx, result.error, raw.programmeId);
          return fixable(result.error) ? formCard(ctx, raw.programmeId, { values, problems: [message], ...kept }) : refusal(ctx, message);
        }
        const { access, treatment, created } = result.value;
        const recipients = treatment.organisations
          .flatMap((party) => askedPeople(access.programme, treatment, party).map((p) => `${p.name} (${partyName(access.programme, party)})`))
          .join(', ');
        const banner = translate(ctx.language, created ? 'ft.opened' : 'ft.alreadyOpened', { id: treatment.id, recipients });
        return renderCase(ctx, result.value, { banner });
      },
    }),
    'finalTreatment.show': defineVerb({
      schema: z.object({ programmeId, treatmentId }),
      handle: (ctx, data) => caseCard(ctx, data.programmeId, data.treatmentId),
    }),
    'finalTreatment.feedbackForm': defineVerb({
      schema: z.object({ programmeId, treatmentId }),
      handle: (ctx, data) => feedbackCard(ctx, data.programmeId, data.treatmentId),
    }),
    'finalTreatment.feedback': defineVerb({
      schema: z.looseObject({ programmeId, treatmentId }),
      labels: feedbackLabels,
      handle: async (ctx, raw) => {
        const typed = typeof raw.text === 'string' ? raw.text.slice(0, 4000) : '';
        const parsed = feedbackSchema.safeParse(raw);
        if (!parsed.success) {
          return feedbackCard(ctx, raw.programmeId, raw.treatmentId, { problems: describeIssues(parsed.error.issues, ctx.language, feedbackLabels), value: typed });
        }
        const result = await submitFeedback(treatments, ctx, { programmeId: raw.programmeId, treatmentId: raw.treatmentId, text: parsed.data.text });
        if (!result.ok) {
          const message = errorText(ctx, result.error, raw.programmeId);
          if (fixable(result.error)) return feedbackCard(ctx, raw.programmeId, raw.treatmentId, { problems: [message], value: typed });
          // The round is over (an old card): the case as it is now, with why.
          return stale(result.error) ? caseCard(ctx, raw.programmeId, raw.treatmentId, { problems: [message] }) : refusal(ctx, message);
        }
        const { access, measure, treatment, changed, version } = result.value;
        const party = partyName(access.programme, version.party);
        const banner = !changed
          ? translate(ctx.language, 'ft.feedbackUnchanged', { version: version.version })
          : translate(ctx.language, version.late ? 'ft.feedbackSavedLate' : 'ft.feedbackSaved', { party, version: version.version });
        return cards.render(
          'finalTreatmentFeedback',
          feedbackCardView({ programme: access.programme, measure, treatment, party: version.party, language: ctx.language, banner }),
          internal(access.programme.id),
        );
      },
    }),
    'finalTreatment.recommend': caseStep(
      recommendSchema,
      recommendLabels,
      ['verdict', 'consensus', 'text', 'auTreatment'],
      (ctx, ids, data) => recommend(treatments, mail, ctx, { ...ids, ...data }),
      (ctx, found) => translate(ctx.language, 'ft.recommended', { title: titleOf(ctx, found) }),
    ),
    'finalTreatment.decide': caseStep(
      decideSchema,
      decideLabels,
      ['verdict', 'text'],
      (ctx, ids, data) => decide(treatments, mail, ctx, { ...ids, ...data }, conclusions),
      (ctx) => translate(ctx.language, 'ft.decided'),
    ),
    'finalTreatment.deadline': caseStep(
      deadlineSchema,
      caseLabels,
      ['deadline'],
      (ctx, ids, data) => moveDeadline(treatments, ctx, { ...ids, ...data }),
      (ctx, found) =>
        translate(ctx.language, found.changed === false ? 'ft.deadlineUnchanged' : 'ft.deadlineMoved', {
          deadline: formatDeadline(found.treatment.deadline, ctx.language),
        }),
    ),
    'finalTreatment.cancel': caseStep(
      cancelSchema,
      caseLabels,
      ['reason'],
      (ctx, ids, data) => cancelTreatment(treatments, ctx, { ...ids, ...data }),
      (ctx) => translate(ctx.language, 'ft.cancelled'),
    ),
  };
}

const titleOf = (ctx: RequestContext, found: TreatmentCase) => {
  const body = found.access.programme.bodies.find((b) => b.id === found.treatment.body);
  return body?.decidedBy ? body.decidedBy.title[ctx.language] : '';
};

export function finalTreatmentCommands({ cards }: FinalTreatmentDependencies, verbs: VerbRouter) {
  /** The command's words may start with an id (S-002 for a treatment, T-003 or a project number
   * for a measure); the rest may name the programme. */
  const viaVerb =
    (verb: string, withId: (programmeId: string, id: string) => [string, Record<string, unknown>] | undefined): CommandHandler =>
    async (ctx, args) => {
      const [first = '', ...rest] = args.trim().split(/\s+/);
      const id = /^[ST]-\d{3,6}$/i.test(first) || parseIdeaNumber(first) ? first.toUpperCase() : '';
      const choice = chooseProgramme(ctx, id ? rest.join(' ') : args, verb, cards);
      if ('reply' in choice) return choice.reply;
      const [routed, data] = (id && withId(choice.programmeId, id)) || [verb, { programmeId: choice.programmeId }];
      return cardReply(await verbs.route(ctx, routed, data));
    };
  return {
    finalTreatments: viaVerb('finalTreatment.list', (programmeId, id) =>
      id.startsWith('S-') ? ['finalTreatment.show', { programmeId, treatmentId: id }] : undefined,
    ),
    newFinalTreatment: viaVerb('finalTreatment.form', (programmeId, id) =>
      !id.startsWith('S-') ? ['finalTreatment.form', { programmeId, measureId: id }] : undefined,
    ),
  } satisfies Record<string, CommandHandler>;
}
