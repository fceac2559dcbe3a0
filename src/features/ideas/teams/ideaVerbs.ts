// Action.Execute verbs for ideas. Each has a zod schema for its data; the handler calls one use
// case and answers with the updated card, or a localised refusal.
import { z } from 'zod';
import type { ChecklistProgressReader } from '../../checklist/app/checklist.js';
import {
  assessIdea,
  prioritiseIdea,
  qualifyIdea,
  recordIdeaConsumerChoice,
  recordIdeaDispute,
  stopIdea,
  type IdeaRef,
} from '../app/changeIdea.js';
import { assignProjectLeader, type LeaderNotices } from '../app/projectLeader.js';
import { approveGateAsOwner } from '../app/ownerApproval.js';
import { gateName, phaseName, personName, ideaErrorText } from './ideaText.js';
import { disputeChoices } from '../domain/dispute.js';
import { accessTo } from '../app/ideaAccess.js';
import { isStaleIdea, type IdeaUseCaseError } from '../app/ideaErrors.js';
import { myIdeasPage, portfolio, prioritisedList, ranking } from '../app/ideaQueries.js';
import type { IdeaRepository } from '../app/ideaRepository.js';
import { registerIdea } from '../app/registerIdea.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import type { Result } from '../../../shared/result.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { defineVerb, type VerbDefinition } from '../../../platform/routing/verbRouter.js';
import { myIdeasCard, portfolioCard, prioritisedListCard, rankingCard } from './ideaListCards.js';
import { ideaCard, ideaErrorCard } from './ideaCard.js';
import { ideaFormView } from './ideaViews.js';
import { ideaNumberField, pageCursorField, programmeIdField } from '../../../platform/routing/fields.js';

export interface IdeaVerbDependencies {
  ideas: IdeaRepository;
  cards: CardRenderer;
  /** A project's checklist progress for its card; without it the card has no checklist line. */
  checklists?: ChecklistProgressReader;
  /** Tells a newly named project leader (personal chat, their language). */
  leaderNotices: LeaderNotices;
}

const programmeId = programmeIdField;
const ideaNumber = ideaNumberField;
const cursor = pageCursorField;
const ideaRef = { programmeId, number: ideaNumber };
const text = (max: number) => z.string().trim().min(1).max(max);

const registerSchema = z.object({
  programmeId,
  submissionId: z.string().trim().min(8).max(64),
  title: text(120),
  description: text(4000),
  party: z.string().trim().min(1).max(64),
  expectedBenefit: z.string().trim().max(2000).optional(),
  links: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => (v ?? '').split(/\s+/).filter((l) => l !== '')),
});

const formFields = ['title', 'description', 'party', 'expectedBenefit', 'links'] as const;
const formValues = (data: unknown) => {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(formFields.map((f) => [f, typeof record[f] === 'string' ? record[f].slice(0, 4000) : ''])) as Record<
    (typeof formFields)[number],
    string
  >;
};

export function ideaVerbs({ ideas, cards, checklists, leaderNotices }: IdeaVerbDependencies): Record<string, VerbDefinition> {
  const card = { ideas, cards, checklists };
  const error = (ctx: RequestContext, e: IdeaUseCaseError, details: string[] = []) => ideaErrorCard(cards, ctx, e, details);
  const detailCard = (ctx: RequestContext, ref: IdeaRef, banner = ''): Promise<AdaptiveCard> =>
    ideaCard(card, ctx, ref, banner ? { text: banner, style: 'good' } : undefined);

  /** Done: the card with what was done. Refused because the idea moved on since the card was
   * drawn: the card as it is now, with why. Any other refusal: an error card. */
  const afterChange = async (ctx: RequestContext, ref: IdeaRef, result: Result<unknown, IdeaUseCaseError>, banner: string) => {
    if (result.ok) return detailCard(ctx, ref, banner);
    if (isStaleIdea(result.error)) return ideaCard(card, ctx, ref, { text: ideaErrorText(result.error, ctx.language), style: 'attention' });
    return error(ctx, result.error);
  };

  const formAgain = (ctx: RequestContext, data: unknown, problems: string[]) => {
    const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    // Only a string is a programme id: String() of other data can throw (an object whose toString is not a function).
    const access = accessTo(ctx, typeof record.programmeId === 'string' ? record.programmeId : '');
    if (!access.ok) return undefined;
    const submissionId = typeof record.submissionId === 'string' ? record.submissionId.slice(0, 64) : undefined;
    return cards.render(
      'ideaForm',
      ideaFormView(access.value, ctx.language, { values: formValues(data), problems, ...(submissionId ? { submissionId } : {}) }),
      [],
    );
  };

  const labels = (keys: Record<string, Parameters<typeof translate>[1]>) =>
    Object.fromEntries(
      Object.entries(keys).map(([field, key]) => [field, { nb: translate('nb', key), en: translate('en', key) }]),
    );

  return {
    'idea.form': defineVerb({
      schema: z.object({ programmeId }),
      handle: async (ctx, data) => {
        const access = accessTo(ctx, data.programmeId);
        return access.ok ? cards.render('ideaForm', ideaFormView(access.value, ctx.language), []) : error(ctx, access.error);
      },
    }),
    'idea.register': defineVerb({
      schema: registerSchema,
      labels: labels({
        title: 'idea.field.title',
        description: 'idea.field.description',
        party: 'idea.field.party',
        expectedBenefit: 'idea.field.expectedBenefit',
        links: 'idea.field.links',
        programmeId: 'idea.field.programme',
      }),
      invalid: formAgain,
      handle: async (ctx, data) => {
        const result = await registerIdea(ideas, ctx, {
          programmeId: data.programmeId,
          submissionId: data.submissionId,
          title: data.title,
          description: data.description,
          party: data.party,
          ...(data.expectedBenefit ? { expectedBenefit: data.expectedBenefit } : {}),
          links: data.links,
        });
        if (!result.ok) {
          return result.error.code === 'invalid-input'
            ? (formAgain(ctx, data, [ideaErrorText(result.error, ctx.language)]) ?? error(ctx, result.error))
            : error(ctx, result.error);
        }
        const { idea, created } = result.value;
        const banner = translate(ctx.language, created ? 'idea.registered' : 'idea.alreadyRegistered', { number: idea.number });
        return detailCard(ctx, { programmeId: data.programmeId, number: idea.number }, banner);
      },
    }),
    'idea.show': defineVerb({
      schema: z.object(ideaRef),
      handle: (ctx, data) => detailCard(ctx, data),
    }),
    'idea.assess': defineVerb({
      schema: z.looseObject({ ...ideaRef, comment: z.string().max(2000).default('') }),
      labels: labels({ comment: 'idea.field.comment' }),
      handle: async (ctx, data) => {
        const scores = Object.fromEntries(
          Object.entries(data)
            .filter(([key]) => key.startsWith('score.'))
            .map(([key, value]) => [key.slice('score.'.length), typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN]),
        );
        const ref = { programmeId: data.programmeId, number: data.number };
        const result = await assessIdea(ideas, ctx, ref, { scores, comment: data.comment });
        return afterChange(ctx, ref, result, translate(ctx.language, 'idea.assessed'));
      },
    }),
    'idea.prioritise': defineVerb({
      schema: z.object({ ...ideaRef, rank: z.coerce.number().int().min(1).max(999) }),
      labels: labels({ rank: 'idea.field.rank' }),
      handle: async (ctx, data) => afterChange(ctx, data, await prioritiseIdea(ideas, ctx, data, data.rank), translate(ctx.language, 'idea.saved')),
    }),
    'idea.qualify': defineVerb({
      schema: z.object({ ...ideaRef, assessment: text(4000), recommendation: text(2000) }),
      labels: labels({ assessment: 'idea.field.assessment', recommendation: 'idea.action.qualify' }),
      handle: async (ctx, data) =>
        afterChange(ctx, data, await qualifyIdea(ideas, ctx, data, data), translate(ctx.language, 'idea.saved')),
    }),
    'idea.stop': defineVerb({
      schema: z.object({ ...ideaRef, lessonsLearned: text(4000) }),
      labels: labels({ lessonsLearned: 'idea.field.lessonsLearned' }),
      handle: async (ctx, data) =>
        afterChange(ctx, data, await stopIdea(ideas, ctx, data, data.lessonsLearned), translate(ctx.language, 'idea.saved')),
    }),
    // DSOP §3.3: the office names (or changes) the project leader; history records who and when.
    'idea.assignLeader': defineVerb({
      schema: z.object({ ...ideaRef, person: z.string().trim().min(1).max(64) }),
      labels: labels({ person: 'leader.person' }),
      handle: async (ctx, data) => {
        const ref = { programmeId: data.programmeId, number: data.number };
        const result = await assignProjectLeader({ ideas, notices: leaderNotices }, ctx, ref, data.person);
        if (!result.ok) return afterChange(ctx, ref, result, '');
        const access = accessTo(ctx, data.programmeId);
        const name = access.ok ? personName(access.value.programme, data.person) : data.person;
        return detailCard(ctx, ref, translate(ctx.language, 'leader.saved', { name, number: result.value.number }));
      },
    }),
    // DSOP §5: the data owner has the final word; each consumer accepts or withdraws.
    'idea.recordDispute': defineVerb({
      schema: z.object({ ...ideaRef, subject: text(500), dataOwner: z.string().trim().min(1).max(64), decision: text(2000) }),
      labels: labels({ subject: 'dispute.subject', dataOwner: 'dispute.dataOwner', decision: 'dispute.decision' }),
      handle: async (ctx, data) => {
        const ref = { programmeId: data.programmeId, number: data.number };
        const result = await recordIdeaDispute(ideas, ctx, ref, { subject: data.subject, dataOwner: data.dataOwner, decision: data.decision });
        return afterChange(ctx, ref, result, result.ok ? translate(ctx.language, 'dispute.recorded', { n: result.value.disputes.length }) : '');
      },
    }),
    // Skate §3.1: the measure owner approves the governance documentation and moves the phase.
    'idea.ownerApprove': defineVerb({
      schema: z.object({ ...ideaRef, gate: z.string().trim().min(1).max(40) }),
      handle: async (ctx, data) => {
        const result = await approveGateAsOwner(ideas, ctx, data);
        const programme = ctx.tenantProgrammes.find((p) => p.id === data.programmeId);
        if (!result.ok || !programme) return afterChange(ctx, data, result, '');
        const banner = translate(ctx.language, 'owner.approve.done', {
          gate: gateName(programme, data.gate, ctx.language),
          number: result.value.number,
          phase: phaseName(programme, result.value.phase, ctx.language),
        });
        return afterChange(ctx, data, result, banner);
      },
    }),
    'idea.consumerChoice': defineVerb({
      schema: z.object({
        ...ideaRef,
        dispute: z.coerce.number().int().min(1).max(999),
        party: z.string().trim().min(1).max(64),
        choice: z.enum(disputeChoices),
      }),
      labels: labels({ dispute: 'dispute.which', party: 'dispute.party', choice: 'dispute.answer' }),
      handle: async (ctx, data) => {
        const ref = { programmeId: data.programmeId, number: data.number };
        const result = await recordIdeaConsumerChoice(ideas, ctx, ref, { dispute: data.dispute, party: data.party, choice: data.choice });
        return afterChange(ctx, ref, result, translate(ctx.language, 'dispute.answerRecorded'));
      },
    }),
    'portfolio.show': defineVerb({
      schema: z.object({ programmeId, cursor }),
      handle: async (ctx, data) => {
        const result = await portfolio(ideas, ctx, data.programmeId, data.cursor);
        return result.ok ? portfolioCard(cards, result.value, ctx.language) : error(ctx, result.error);
      },
    }),
    'ranking.show': defineVerb({
      schema: z.object({ programmeId, cursor }),
      handle: async (ctx, data) => {
        const result = await ranking(ideas, ctx, data.programmeId, data.cursor);
        return result.ok ? rankingCard(cards, result.value.access, result.value.page, ctx.language) : error(ctx, result.error);
      },
    }),
    'prioritised.show': defineVerb({
      schema: z.object({ programmeId, cursor }),
      handle: async (ctx, data) => {
        const result = await prioritisedList(ideas, ctx, data.programmeId, data.cursor);
        return result.ok ? prioritisedListCard(cards, result.value.access, result.value.page, ctx.language) : error(ctx, result.error);
      },
    }),
    'mine.show': defineVerb({
      schema: z.object({ programmeId, cursor }),
      handle: async (ctx, data) => {
        const result = await myIdeasPage(ideas, ctx, data.programmeId, data.cursor);
        return result.ok ? myIdeasCard(cards, [result.value], ctx.language) : error(ctx, result.error);
      },
    }),
  };
}
