// Skate's quarterly samlesak in Teams (seed 004 §5): `samlesak [kvartal] [csv]` / `combined case
// [quarter] [csv]` opens the quarter's combined case (the office and AU; Skate and the director
// once it is at Skate), and the card verbs write AU's assessments, adopt the recommendation (and
// send it to Skate's channel), and record Skate's advice and the director's decision per
// measure. Every submission is validated with zod here; a bad one gets its card back with the
// typed text kept and the problems in the reader's language.
import { z } from 'zod';
import {
  adoptAndSend,
  adviseOn,
  assess,
  assessQuarter,
  decideCorrectiveActions,
  openSamlesak,
  type SamlesakCase,
  type SamlesakDeps,
  type SamlesakError,
} from '../app/samlesak.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { samlesakStatuses, TEXT_MAX } from '../domain/samlesak.js';
import { pick } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { describeIssues, type FieldLabels } from '../../../platform/i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { programmeIdField, textFields } from '../../../platform/routing/fields.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply, textReply } from '../../../platform/channel/reply.js';
import { samlesakCsvMessage, samlesakDisclosures } from './samlesakPost.js';
import { samlesakErrorText, samlesakMeasureView, samlesakView } from './samlesakViews.js';

export interface SamlesakHandlerDeps {
  samlesak: SamlesakDeps;
  cards: CardRenderer;
}

const programmeId = programmeIdField;
const periodKey = z.string().trim().toUpperCase().regex(/^\d{4}-Q[1-4]$/);
/** A joint measure (T-003) or a project number (SKATE-2026-004). */
const measureId = z.string().trim().toUpperCase().regex(/^(T-\d{3,6}|[A-Z][A-Z0-9]{1,9}-\d{4}-\d{3,6})$/);
const text = z.string().trim().min(1).max(TEXT_MAX);

const label = (key: MessageKey) => ({ nb: translate('nb', key), en: translate('en', key) });
const labels: FieldLabels = {
  periodKey: label('sl.fact.period'),
  status: label('sl.field.status'),
  assessment: label('sl.field.assessment'),
  recommendation: label('sl.field.recommendation'),
  reason: label('sl.field.reason'),
  text: label('sl.field.decision'),
};

const assessSchema = z.object({
  status: z.enum(samlesakStatuses),
  assessment: text,
  recommendation: text,
  reason: z.string().trim().max(TEXT_MAX).default(''),
});
const overallSchema = z.object({ assessment: text, recommendation: text });
const textSchema = z.object({ text });

/** Refusals the person can fix in the card they sent (the rest are refusals outright). */
const fixable = (error: SamlesakError) => ['invalid', 'reason-required', 'unassessed', 'no-overall', 'advice-missing', 'no-skate-channel'].includes(error.code);
/** The case has moved on since the card was drawn: show it as it is now, with why. */
const stale = (error: SamlesakError) => error.code === 'out-of-order' || error.code === 'already-decided';

export function samlesakVerbs({ samlesak: deps, cards }: SamlesakHandlerDeps): Record<string, VerbDefinition> {
  const programmeOf = (ctx: RequestContext, id: string) => ctx.tenantProgrammes.find((p) => p.id === id);
  const refusal = (ctx: RequestContext, error: SamlesakError, id: string): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message: samlesakErrorText(error, ctx.language, programmeOf(ctx, id)), details: [] }, []);

  const render = (ctx: RequestContext, c: SamlesakCase, extra: { banner?: string; problems?: string[]; values?: Record<string, string> } = {}) =>
    cards.render(
      'samlesak',
      samlesakView({ programme: c.access.programme, period: c.period, samlesak: c.samlesak, roles: c.roles, language: ctx.language, ...extra }),
      samlesakDisclosures(c.access.programme, c.ideas),
    );

  const renderMeasure = (ctx: RequestContext, c: SamlesakCase, id: string, extra: { banner?: string; problems?: string[]; values?: Record<string, string> } = {}) => {
    const item = c.samlesak.items.find((i) => i.measureId === id);
    if (!item) return refusal(ctx, { code: 'unknown-measure', measureId: id }, c.access.programme.id);
    return cards.render('samlesakMeasure', samlesakMeasureView({ c, item, language: ctx.language, ...extra }), samlesakDisclosures(c.access.programme, c.ideas));
  };

  const show = async (ctx: RequestContext, ids: { programmeId: string; periodKey?: string }, extra: Parameters<typeof render>[2] = {}) => {
    const opened = await openSamlesak(deps, ctx, ids);
    return opened.ok ? render(ctx, opened.value, extra) : refusal(ctx, opened.error, ids.programmeId);
  };

  const showMeasure = async (ctx: RequestContext, ids: { programmeId: string; periodKey: string; measureId: string }, extra: Parameters<typeof render>[2] = {}) => {
    const opened = await openSamlesak(deps, ctx, ids);
    return opened.ok ? renderMeasure(ctx, opened.value, ids.measureId, extra) : refusal(ctx, opened.error, ids.programmeId);
  };

  const saved = (ctx: RequestContext, changed: boolean) => translate(ctx.language, changed ? 'sl.saved' : 'sl.unchanged');

  /** A step on one measure's card: bad data and fixable refusals give the card back with the
   * problems and what was typed. */
  const measureStep = <S extends z.ZodType>(
    schema: S,
    run: (ctx: RequestContext, ids: { programmeId: string; periodKey: string; measureId: string }, data: z.output<S>) => ReturnType<typeof assess>,
    banner: (ctx: RequestContext, c: SamlesakCase & { changed: boolean }) => string,
  ) =>
    defineVerb({
      schema: z.looseObject({ programmeId, periodKey, measureId }),
      labels,
      handle: async (ctx, raw) => {
        const ids = { programmeId: raw.programmeId, periodKey: raw.periodKey, measureId: raw.measureId };
        const values = textFields(raw, TEXT_MAX);
        const parsed = schema.safeParse(raw);
        if (!parsed.success) return showMeasure(ctx, ids, { problems: describeIssues(parsed.error.issues, ctx.language, labels), values });
        const result = await run(ctx, ids, parsed.data);
        if (!result.ok) {
          if (fixable(result.error) || stale(result.error)) {
            return showMeasure(ctx, ids, { problems: [samlesakErrorText(result.error, ctx.language, programmeOf(ctx, ids.programmeId))], values });
          }
          return refusal(ctx, result.error, ids.programmeId);
        }
        return renderMeasure(ctx, result.value, ids.measureId, { banner: banner(ctx, result.value) });
      },
    });

  const directorTitle = (c: SamlesakCase, ctx: RequestContext) => {
    const rule = c.access.programme.samlesak;
    const skate = rule && c.access.programme.bodies.find((b) => b.id === rule.advisedBy);
    return skate?.decidedBy ? pick(skate.decidedBy.title, ctx.language) : '';
  };

  return {
    'samlesak.show': defineVerb({
      schema: z.object({ programmeId, periodKey: periodKey.optional() }),
      labels,
      handle: (ctx, data) => show(ctx, data),
    }),
    'samlesak.measure': defineVerb({
      schema: z.object({ programmeId, periodKey, measureId }),
      labels,
      handle: (ctx, data) => showMeasure(ctx, data),
    }),
    'samlesak.assess': measureStep(assessSchema, (ctx, ids, data) => assess(deps, ctx, { ...ids, ...data }), (ctx, c) => saved(ctx, c.changed)),
    'samlesak.advice': measureStep(textSchema, (ctx, ids, data) => adviseOn(deps, ctx, { ...ids, ...data }), (ctx, c) => saved(ctx, c.changed)),
    'samlesak.decide': measureStep(
      textSchema,
      (ctx, ids, data) => decideCorrectiveActions(deps, ctx, { ...ids, ...data }),
      (ctx, c) => (c.roles.decision === 'office-on-behalf' ? translate(ctx.language, 'sl.decidedOnBehalf', { title: directorTitle(c, ctx) }) : translate(ctx.language, 'sl.decided')),
    ),
    'samlesak.overall': defineVerb({
      schema: z.looseObject({ programmeId, periodKey }),
      labels,
      handle: async (ctx, raw) => {
        const ids = { programmeId: raw.programmeId, periodKey: raw.periodKey };
        const values = textFields(raw, TEXT_MAX);
        const parsed = overallSchema.safeParse(raw);
        if (!parsed.success) return show(ctx, ids, { problems: describeIssues(parsed.error.issues, ctx.language, labels), values });
        const result = await assessQuarter(deps, ctx, { ...ids, ...parsed.data });
        if (!result.ok) {
          const message = samlesakErrorText(result.error, ctx.language, programmeOf(ctx, ids.programmeId));
          return fixable(result.error) || stale(result.error) ? show(ctx, ids, { problems: [message], values }) : refusal(ctx, result.error, ids.programmeId);
        }
        return render(ctx, result.value, { banner: saved(ctx, result.value.changed) });
      },
    }),
    'samlesak.adopt': defineVerb({
      schema: z.object({ programmeId, periodKey }),
      labels,
      handle: async (ctx, ids) => {
        const result = await adoptAndSend(deps, ctx, ids);
        if (!result.ok) {
          const message = samlesakErrorText(result.error, ctx.language, programmeOf(ctx, ids.programmeId));
          return fixable(result.error) || stale(result.error) ? show(ctx, ids, { problems: [message] }) : refusal(ctx, result.error, ids.programmeId);
        }
        const rule = result.value.access.programme.samlesak;
        const skate = rule && result.value.access.programme.bodies.find((b) => b.id === rule.advisedBy);
        const body = skate ? pick(skate.name, ctx.language) : '';
        return render(ctx, result.value, { banner: translate(ctx.language, result.value.changed ? 'sl.adopted' : 'sl.adoptedBefore', { body }) });
      },
    }),
  };
}

export function samlesakCommands({ samlesak: deps, cards }: SamlesakHandlerDeps, verbs: VerbRouter) {
  /** `samlesak`, `samlesak 2026-Q4`, `samlesak 2026-Q4 csv`, each optionally naming the programme. */
  const samlesak: CommandHandler = async (ctx, args) => {
    const words = args.trim().split(/\s+/).filter((w) => w !== '');
    const period = words[0] && /^\d{4}-q[1-4]$/i.test(words[0]) ? words.shift()!.toUpperCase() : undefined;
    const csv = words[0]?.toLowerCase() === 'csv' ? (words.shift(), true) : false;
    const choice = chooseProgramme(ctx, words.join(' '), 'samlesak.show', cards);
    if ('reply' in choice) return choice.reply;
    const ids = { programmeId: choice.programmeId, ...(period ? { periodKey: period } : {}) };
    if (!csv) return cardReply(await verbs.route(ctx, 'samlesak.show', ids));
    const opened = await openSamlesak(deps, ctx, ids);
    const programme = ctx.tenantProgrammes.find((p) => p.id === choice.programmeId);
    if (!opened.ok) return textReply(samlesakErrorText(opened.error, ctx.language, programme));
    const c = opened.value;
    return textReply(samlesakCsvMessage(c.access.programme, c.samlesak, ctx.language), 'plain', samlesakDisclosures(c.access.programme, c.ideas));
  };
  return { samlesak } satisfies Record<string, CommandHandler>;
}
