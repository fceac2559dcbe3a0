// The yearly revision of the agreement after a hearing (Digi Rogaland §8): `avtalerevisjon ny` /
// `new agreement revision` (office) opens one with the proposed changes; `avtalerevisjon` /
// `agreement revision` lists them (or shows one: `avtalerevisjon A-001`). The verbs of the
// opening form, the hearing card (the written feedback round's answer card) and the revision's
// card (the office closes the hearing and opens the steering group's vote). Every submission is
// validated with zod here, so a bad one gets its form back with the typed text kept and the
// problems listed in the reader's language.
import { z } from 'zod';
import {
  closeAndPutToVote,
  openingChoices,
  openRevision,
  revisionCase,
  revisionList,
  submitAnswer,
  type AgreementRevisionError,
  type AgreementRevisionRepository,
  type HearingMail,
  type PutToVoteDeps,
} from '../app/agreementRevision.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { answeringParty, partyRepresentatives } from '../domain/agreementRevision.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import { describeIssues, type FieldLabels } from '../../../platform/i18n/validationMessages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { partyName } from '../../ideas/teams/ideaText.js';
import { programmeIdField, textFields } from '../../../platform/routing/fields.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply } from '../../../platform/channel/reply.js';
import { bodyName } from '../../votes/teams/voteText.js';
import { hearingCardView, revisionErrorText, revisionFormView, revisionView, stageText } from './agreementRevisionViews.js';

export interface AgreementRevisionDependencies {
  revisions: AgreementRevisionRepository;
  mail: HearingMail;
  cards: CardRenderer;
  /** The vote machinery the revision is put to after its hearing. */
  votes: PutToVoteDeps;
}

const programmeId = programmeIdField;
const revisionId = z.string().trim().toUpperCase().regex(/^A-\d{3,6}$/);
const submissionId = z.string().trim().min(8).max(64);
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/);

const openSchema = z.object({
  programmeId,
  submissionId,
  changes: z.string().trim().min(1).max(4000),
  link: z.union([z.literal(''), z.url({ protocol: /^https$/ }).max(1000)]).default(''),
  deadline: isoDate,
});
const answerSchema = z.object({ text: z.string().trim().min(1).max(4000) });
const closeSchema = z.object({ deadlineDate: isoDate, deadlineTime: z.string().trim().regex(/^\d{1,2}:\d{2}(:\d{2})?$/) });

const label = (key: MessageKey) => ({ nb: translate('nb', key), en: translate('en', key) });
const openLabels: FieldLabels = { changes: label('ar.field.changes'), link: label('ar.field.link'), deadline: label('ar.field.deadline') };
const answerLabels: FieldLabels = { text: label('ar.field.text') };
const closeLabels: FieldLabels = { deadlineDate: label('ar.field.voteDate'), deadlineTime: label('ar.field.voteTime') };

const internal = (id: string) => [{ kind: 'programme-internal' as const, programmeId: id }];
/** Problems the person can fix in the form they sent (the rest are refusals). */
const fixable = (error: AgreementRevisionError) =>
  ['invalid', 'deadline-not-in-future', 'deadline-too-far', 'too-many-versions', 'bad-deadline', 'revision-under-way'].includes(error.code);

/** The revision has moved on since the card that asked was drawn. */
const stale = (error: AgreementRevisionError) => error.code === 'out-of-order';

export function agreementRevisionVerbs({ revisions, mail, cards, votes }: AgreementRevisionDependencies): Record<string, VerbDefinition> {
  const programmeOf = (ctx: RequestContext, id: string) => ctx.tenantProgrammes.find((p) => p.id === id);
  const refusal = (ctx: RequestContext, error: AgreementRevisionError, id: string): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message: revisionErrorText(error, ctx.language, programmeOf(ctx, id)), details: [] }, []);

  const formCard = (ctx: RequestContext, id: string, extra: { values?: Record<string, string>; problems?: string[]; submissionId?: string } = {}) => {
    const choices = openingChoices(ctx, id);
    if (!choices.ok) return refusal(ctx, choices.error, id);
    const { access, rule, parties } = choices.value;
    return cards.render('agreementRevisionForm', revisionFormView({ programme: access.programme, rule, parties, language: ctx.language, now: ctx.now, ...extra }), internal(id));
  };

  const caseCard = async (ctx: RequestContext, id: string, revision: string, extra: { banner?: string; problems?: string[]; values?: Record<string, string> } = {}) => {
    const found = await revisionCase(revisions, ctx, id, revision);
    if (!found.ok) return refusal(ctx, found.error, id);
    const { access, revision: r } = found.value;
    return cards.render('agreementRevision', revisionView({ programme: access.programme, revision: r, viewer: ctx.actor.aadObjectId, language: ctx.language, now: ctx.now, ...extra }), internal(id));
  };

  /** The hearing card for the clicking person's party, or why they have none. */
  const answerCard = async (ctx: RequestContext, id: string, revision: string, extra: { banner?: string; problems?: string[]; value?: string } = {}) => {
    const found = await revisionCase(revisions, ctx, id, revision);
    if (!found.ok) return refusal(ctx, found.error, id);
    const { access, revision: r } = found.value;
    const party = answeringParty(access.programme, r, ctx.actor.aadObjectId);
    if (party === undefined) return refusal(ctx, { code: 'not-allowed', action: 'answer', needs: 'heard-party' }, id);
    return cards.render('finalTreatmentFeedback', hearingCardView({ programme: access.programme, revision: r, party, language: ctx.language, ...extra }), internal(id));
  };

  const listCard = async (ctx: RequestContext, id: string): Promise<AdaptiveCard> => {
    const listed = await revisionList(revisions, ctx, id);
    if (!listed.ok) return refusal(ctx, listed.error, id);
    const { access, revisions: all } = listed.value;
    const tr = (key: MessageKey, params?: Record<string, string | number>) => translate(ctx.language, key, params);
    return cards.render(
      'choice',
      {
        heading: tr('ar.list.heading', { programme: access.programme.name }),
        text: all.length === 0 ? tr('ar.list.empty') : '',
        options: [
          ...all.slice(0, 20).map((r) => ({
            title: tr('ar.list.item', { id: r.id, year: r.year, stage: stageText(access.programme, r, ctx.language) }),
            verb: 'agreementRevision.show',
            data: { programmeId: id, revisionId: r.id },
          })),
          ...(access.roles.isOffice ? [{ title: tr('ar.list.new'), verb: 'agreementRevision.form', data: { programmeId: id } }] : []),
        ],
      },
      internal(id),
    );
  };

  return {
    'agreementRevision.list': defineVerb({ schema: z.object({ programmeId }), handle: (ctx, data) => listCard(ctx, data.programmeId) }),
    'agreementRevision.form': defineVerb({ schema: z.object({ programmeId }), handle: async (ctx, data) => formCard(ctx, data.programmeId) }),
    'agreementRevision.open': defineVerb({
      // Only the programme is checked up front; the rest here, so a bad submission gets the form
      // back with the text kept.
      schema: z.looseObject({ programmeId }),
      labels: openLabels,
      handle: async (ctx, raw) => {
        const typed = textFields(raw, 4000);
        const values = { changes: typed.changes ?? '', link: typed.link ?? '', deadline: typed.deadline ?? '' };
        const kept = typeof raw.submissionId === 'string' && raw.submissionId.length >= 8 ? { submissionId: raw.submissionId.slice(0, 64) } : {};
        const parsed = openSchema.safeParse(raw);
        if (!parsed.success) return formCard(ctx, raw.programmeId, { values, problems: describeIssues(parsed.error.issues, ctx.language, openLabels), ...kept });
        const result = await openRevision(revisions, mail, ctx, parsed.data);
        if (!result.ok) {
          if (!fixable(result.error)) return refusal(ctx, result.error, raw.programmeId);
          return formCard(ctx, raw.programmeId, { values, problems: [revisionErrorText(result.error, ctx.language, programmeOf(ctx, raw.programmeId))], ...kept });
        }
        const { access, revision, created } = result.value;
        const recipients = revision.organisations
          .flatMap((party) => partyRepresentatives(access.programme, revision, party).map((p) => `${p.name} (${partyName(access.programme, party)})`))
          .join(', ');
        const banner = translate(ctx.language, created ? 'ar.opened' : 'ar.alreadyOpened', { id: revision.id, recipients });
        return caseCard(ctx, raw.programmeId, revision.id, { banner });
      },
    }),
    'agreementRevision.show': defineVerb({ schema: z.object({ programmeId, revisionId }), handle: (ctx, data) => caseCard(ctx, data.programmeId, data.revisionId) }),
    'agreementRevision.answerForm': defineVerb({ schema: z.object({ programmeId, revisionId }), handle: (ctx, data) => answerCard(ctx, data.programmeId, data.revisionId) }),
    'agreementRevision.answer': defineVerb({
      schema: z.looseObject({ programmeId, revisionId }),
      labels: answerLabels,
      handle: async (ctx, raw) => {
        const value = typeof raw.text === 'string' ? raw.text.slice(0, 4000) : '';
        const parsed = answerSchema.safeParse(raw);
        if (!parsed.success) return answerCard(ctx, raw.programmeId, raw.revisionId, { problems: describeIssues(parsed.error.issues, ctx.language, answerLabels), value });
        const result = await submitAnswer(revisions, ctx, { programmeId: raw.programmeId, revisionId: raw.revisionId, text: parsed.data.text });
        if (!result.ok) {
          // The hearing is over (an old card): the case as it is now, with why.
          if (stale(result.error)) return caseCard(ctx, raw.programmeId, raw.revisionId, { problems: [revisionErrorText(result.error, ctx.language, programmeOf(ctx, raw.programmeId))] });
          if (!fixable(result.error)) return refusal(ctx, result.error, raw.programmeId);
          return answerCard(ctx, raw.programmeId, raw.revisionId, { problems: [revisionErrorText(result.error, ctx.language, programmeOf(ctx, raw.programmeId))], value });
        }
        const { access, revision, changed, version } = result.value;
        const party = partyName(access.programme, version.party);
        const banner = !changed
          ? translate(ctx.language, 'ar.answerUnchanged', { version: version.version })
          : translate(ctx.language, version.late ? 'ar.answerSavedLate' : 'ar.answerSaved', { party, version: version.version });
        return cards.render('finalTreatmentFeedback', hearingCardView({ programme: access.programme, revision, party: version.party, language: ctx.language, banner }), internal(raw.programmeId));
      },
    }),
    'agreementRevision.close': defineVerb({
      schema: z.looseObject({ programmeId, revisionId }),
      labels: closeLabels,
      handle: async (ctx, raw) => {
        const typed = textFields(raw, 20);
        const values = { deadlineDate: typed.deadlineDate ?? '', deadlineTime: typed.deadlineTime ?? '' };
        const parsed = closeSchema.safeParse(raw);
        if (!parsed.success) return caseCard(ctx, raw.programmeId, raw.revisionId, { problems: describeIssues(parsed.error.issues, ctx.language, closeLabels), values });
        const result = await closeAndPutToVote(votes, ctx, { programmeId: raw.programmeId, revisionId: raw.revisionId, ...parsed.data });
        if (!result.ok) {
          const message = revisionErrorText(result.error, ctx.language, programmeOf(ctx, raw.programmeId));
          return fixable(result.error) || stale(result.error) || result.error.code === 'no-channel'
            ? caseCard(ctx, raw.programmeId, raw.revisionId, { problems: [message], values })
            : refusal(ctx, result.error, raw.programmeId);
        }
        const body = bodyName(result.value.access.programme, result.value.revision.body, ctx.language);
        return caseCard(ctx, raw.programmeId, raw.revisionId, { banner: translate(ctx.language, 'ar.closedAndVoting', { body }) });
      },
    }),
  };
}

export function agreementRevisionCommands({ cards }: Pick<AgreementRevisionDependencies, 'cards'>, verbs: VerbRouter) {
  /** The words may start with a revision id; the rest may name the programme. */
  const viaVerb =
    (verb: string, withId?: string): CommandHandler =>
    async (ctx, args) => {
      const [first = '', ...rest] = args.trim().split(/\s+/);
      const id = withId && /^A-\d{3,6}$/i.test(first) ? first.toUpperCase() : '';
      const choice = chooseProgramme(ctx, id ? rest.join(' ') : args, verb, cards);
      if ('reply' in choice) return choice.reply;
      const [routed, data] = id && withId ? [withId, { programmeId: choice.programmeId, revisionId: id }] : [verb, { programmeId: choice.programmeId }];
      return cardReply(await verbs.route(ctx, routed, data));
    };
  return {
    agreementRevisions: viaVerb('agreementRevision.list', 'agreementRevision.show'),
    newAgreementRevision: viaVerb('agreementRevision.form'),
  } satisfies Record<string, CommandHandler>;
}
