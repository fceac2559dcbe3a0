// Action.Execute verbs of gate votes. Each has a zod schema; the handler calls one use case
// and answers with the reader's own view of the vote (or the form again, or a refusal).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ChecklistProgressReader } from '../../checklist/app/checklist.js';
import { isStaleIdea } from '../../ideas/app/ideaErrors.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { castVote, seenAt, viewVote, type VoteSeen } from '../app/castVote.js';
import { closeVoteByHand } from '../app/closeVote.js';
import { channelRoot } from '../app/linkChannel.js';
import { reopenVote } from '../app/reopenVote.js';
import { decisionLog } from '../app/decisionLog.js';
import { recordDirectorDecision } from '../app/directorDecision.js';
import { openGateVote, proposalFor, type ProposalInput } from '../app/openVote.js';
import type { VoteDeps } from '../app/voteDeps.js';
import type { VoteError } from '../app/voteErrors.js';
import { choices } from '../../../shared/decision/ballot.js';
import { ideaContent } from '../../../shared/disclosure/content.js';
import { rolesIn } from '../../../shared/programme/roles.js';
import type { Programme } from '../../../shared/programme/schema.js';
import type { GateVote } from '../domain/gateVote.js';
import { formatDateTime, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { gateName } from '../../ideas/teams/ideaText.js';
import { ideaCard } from '../../ideas/teams/ideaCard.js';
import { defineVerb, type VerbDefinition } from '../../../platform/routing/verbRouter.js';
import type { LatestReader } from './sharedReads.js';
import type { VoteCards } from './voteCards.js';
import type { VoteSubjects } from './voteSubject.js';
import { disputeLines, logView } from './voteLog.js';
import { bodyName, choiceText, voteErrorText } from './voteText.js';
import { proposalView, type Banner } from './voteViews.js';
import { ideaNumberField, pageCursorField, programmeIdField, textFields } from '../../../platform/routing/fields.js';

export interface VoteVerbDependencies {
  deps: VoteDeps;
  /** The progress line's list of latest ballots; may be shared briefly between views. */
  progress?: LatestReader;
  cards: CardRenderer;
  voteCards: VoteCards;
  subjects: VoteSubjects;
  /** The project's checklist progress on the idea card a proposal answers with. */
  checklists?: ChecklistProgressReader | undefined;
  /** The vote's channel card in a language (voteBoard.ts), for a reader not in the programme. */
  channelCard?: (vote: GateVote, language: Language) => Promise<AdaptiveCard>;
}

/** The proposal's refusals that mean the idea moved on since its card was drawn. */
const staleProposal = (e: VoteError) => isStaleIdea(e) || e.code === 'no-gate' || e.code === 'wrong-gate';

const programmeId = programmeIdField;
const ideaNumber = ideaNumberField;
const voteId = z.string().trim().min(1).max(120);
const voteRef = { programmeId, voteId };
const toggle = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'true');
/** The sequence number the card showed; '' or absent on the shared card. */
const after = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(0).max(1_000_000).optional());

const proposeSchema = z.looseObject({
  programmeId,
  number: ideaNumber,
  gate: z.string().trim().min(1).max(40),
  submissionId: z.string().trim().min(8).max(64),
  deadlineDate: z.string().trim().min(1).max(20),
  deadlineTime: z.string().trim().max(10).default('16:00'),
  budgetMatter: toggle,
  override: toggle,
  overrideReason: z.string().max(2000).default(''),
  advice: toggle,
});

const linksOf = (data: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(data)
      .filter(([key, value]) => key.startsWith('link.') && typeof value === 'string')
      .map(([key, value]) => [key.slice('link.'.length), (value as string).slice(0, 2000)]),
  );

export function voteVerbs({ deps, progress = deps.votes, cards, voteCards, subjects, checklists, channelCard }: VoteVerbDependencies): Record<string, VerbDefinition> {
  const programmeOf = (ctx: RequestContext, id: string): Programme | undefined => ctx.tenantProgrammes.find((p) => p.id === id);

  const error = (ctx: RequestContext, e: VoteError, programme?: Programme) =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message: voteErrorText(e, ctx.language, programme), details: [] }, []);

  /** The vote as this reader sees it, with a banner saying what just happened. */
  const personalCard = async (ctx: RequestContext, target: { programmeId: string; voteId: string }, banner?: Banner): Promise<AdaptiveCard> => {
    const seen = await viewVote(deps, ctx, target, progress);
    if (!seen.ok) return error(ctx, seen.error, programmeOf(ctx, target.programmeId));
    return render(ctx, seen.value, banner);
  };

  const render = async (ctx: RequestContext, seen: VoteSeen, banner?: Banner): Promise<AdaptiveCard> => {
    const { access, vote, viewer, own, latest } = seen;
    const subject = await subjects.of(vote);
    if (!subject) return error(ctx, { code: 'not-found', number: vote.ideaNumber });
    return voteCards.render({
      programme: access.programme,
      vote,
      subject,
      latest,
      language: ctx.language,
      personal: { id: access.actor.id, viewer, own },
      ...(banner ? { banner } : {}),
    });
  };

  /** Teams refreshes a channel card for everyone in a channel of up to 60 people, not only for
   * its listed readers: someone in the vote's own channel who is not in the programme sees the
   * channel's card, in the language of their own Teams, not a refusal in its place. */
  const outsiderInChannel = async (ctx: RequestContext, target: { programmeId: string; voteId: string }): Promise<AdaptiveCard | undefined> => {
    const programme = programmeOf(ctx, target.programmeId);
    if (!channelCard || !programme || ctx.conversation.kind !== 'channel' || rolesIn(programme, ctx.actor.aadObjectId)) return undefined;
    const vote = await deps.votes.get({ tenantId: programme.tenantId, programmeId: programme.id, voteId: target.voteId });
    if (!vote || channelRoot(vote.channel.conversationId) !== channelRoot(ctx.conversation.id)) return undefined;
    return channelCard(vote, ctx.language);
  };

  /** Refusals about the vote itself are shown on the reader's own view of it. */
  const onVote = async (ctx: RequestContext, target: { programmeId: string; voteId: string }, e: VoteError) => {
    const personal = ['not-voter', 'departed-voter', 'vote-closed', 'deadline-passed', 'may-not-close', 'may-not-decide', 'already-decided', 'advice-pending', 'not-reopenable', 'bad-deadline', 'already-open'];
    if (!personal.includes(e.code)) return error(ctx, e, programmeOf(ctx, target.programmeId));
    return personalCard(ctx, target, { text: voteErrorText(e, ctx.language, programmeOf(ctx, target.programmeId)), style: 'attention' });
  };

  const card = { ideas: deps.ideas, cards, checklists };
  /** Refused because the idea moved on: the idea card as it is now, with why. */
  const staleIdeaCard = (ctx: RequestContext, ref: { programmeId: string; number: string }, e: VoteError) =>
    ideaCard(card, ctx, ref, { text: voteErrorText(e, ctx.language, programmeOf(ctx, ref.programmeId)), style: 'attention' });

  const proposalCard = async (ctx: RequestContext, ref: { programmeId: string; number: string; advice?: boolean }, values?: Record<string, string>, problems?: string[]) => {
    const proposal = await proposalFor(deps, ctx, ref);
    if (!proposal.ok) return staleProposal(proposal.error) ? staleIdeaCard(ctx, ref, proposal.error) : error(ctx, proposal.error, programmeOf(ctx, ref.programmeId));
    const { access, idea, gate, channel, step } = proposal.value;
    const view = proposalView({
      programme: access.programme,
      idea,
      gate,
      step,
      channelMissing: !channel,
      language: ctx.language,
      now: ctx.now,
      submissionId: values?.submissionId && values.submissionId.length >= 8 ? values.submissionId : randomUUID(),
      ...(values ? { values } : {}),
      ...(problems ? { problems } : {}),
    });
    return cards.render('voteProposal', view, [ideaContent(access.programme.id, idea)]);
  };

  const labels = {
    deadlineDate: { nb: translate('nb', 'vote.propose.deadlineDate'), en: translate('en', 'vote.propose.deadlineDate') },
    deadlineTime: { nb: translate('nb', 'vote.propose.deadlineTime'), en: translate('en', 'vote.propose.deadlineTime') },
    overrideReason: { nb: translate('nb', 'vote.propose.overrideReason'), en: translate('en', 'vote.propose.overrideReason') },
    comment: { nb: translate('nb', 'vote.comment'), en: translate('en', 'vote.comment') },
  };

  return {
    'gate.proposeForm': defineVerb({
      schema: z.object({ programmeId, number: ideaNumber, advice: toggle }),
      handle: (ctx, data) => proposalCard(ctx, data),
    }),
    'gate.propose': defineVerb({
      schema: proposeSchema,
      labels,
      handle: async (ctx, data) => {
        const input: ProposalInput = {
          programmeId: data.programmeId,
          number: data.number,
          gate: data.gate,
          submissionId: data.submissionId,
          links: linksOf(data),
          deadlineDate: data.deadlineDate,
          deadlineTime: data.deadlineTime,
          budgetMatter: data.budgetMatter,
          override: data.override,
          overrideReason: data.overrideReason,
          advice: data.advice,
        };
        const result = await openGateVote(deps, ctx, input);
        const programme = programmeOf(ctx, data.programmeId);
        if (!result.ok) {
          const again = ['missing-deliverables', 'override-reason', 'bad-link', 'bad-deadline', 'no-channel'];
          if (again.includes(result.error.code)) return proposalCard(ctx, data, textFields(data), [voteErrorText(result.error, ctx.language, programme)]);
          return staleProposal(result.error) ? staleIdeaCard(ctx, data, result.error) : error(ctx, result.error, programme);
        }
        const { vote, created } = result.value;
        const deadline = formatDateTime(vote.deadline, ctx.language);
        const banner = created
          ? translate(ctx.language, 'vote.propose.opened', {
              gate: programme ? gateName(programme, vote.gate, ctx.language) : vote.gate,
              body: programme ? bodyName(programme, vote.body, ctx.language) : vote.body,
              deadline,
            })
          : translate(ctx.language, 'vote.propose.again', { deadline });
        return ideaCard(card, ctx, data, { text: banner, style: 'good' });
      },
    }),
    'gate.view': defineVerb({
      schema: z.object(voteRef),
      handle: async (ctx, data) => (await outsiderInChannel(ctx, data)) ?? personalCard(ctx, data),
    }),
    'gate.vote': defineVerb({
      schema: z.object({ ...voteRef, choice: z.enum(choices), comment: z.string().max(1000).optional(), after }),
      labels,
      handle: async (ctx, data) => {
        const result = await castVote(deps, ctx, {
          programmeId: data.programmeId,
          voteId: data.voteId,
          choice: data.choice,
          ...(data.comment ? { comment: data.comment } : {}),
          ...(data.after !== undefined ? { after: data.after } : {}),
        });
        if (!result.ok) return onVote(ctx, data, result.error);
        const { access, vote, result: cast } = result.value;
        const choice = choiceText(data.choice, ctx.language);
        const text =
          cast.kind === 'duplicate'
            ? translate(ctx.language, 'vote.duplicate')
            : translate(ctx.language, cast.kind === 'recorded' && cast.ballot.seq > 1 ? 'vote.changed' : 'vote.recorded', { choice });
        // The cast already read the vote and knows the voter's ballot: no second read of either.
        const own = cast.kind === 'recorded' ? cast.ballot : cast.kind === 'duplicate' ? cast.latest : undefined;
        // The instance's aggregate: it holds this ballot already, and other instances' within a second.
        const latest = await progress.latest({ ...access.key, voteId: vote.id });
        const seen: VoteSeen = { access, ...seenAt(deps, access, vote, latest, ctx.now), own, latest };
        return render(ctx, seen, { text, style: 'good' });
      },
    }),
    'gate.close': defineVerb({
      schema: z.object(voteRef),
      handle: async (ctx, data) => {
        const result = await closeVoteByHand(deps, ctx, data);
        if (!result.ok) return onVote(ctx, data, result.error);
        return personalCard(ctx, data, { text: translate(ctx.language, 'vote.closedBanner'), style: 'good' });
      },
    }),
    'gate.reopen': defineVerb({
      schema: z.object({
        ...voteRef,
        submissionId: z.string().trim().min(8).max(200),
        deadlineDate: z.string().trim().min(1).max(20),
        deadlineTime: z.string().trim().max(10).default('16:00'),
      }),
      labels,
      handle: async (ctx, data) => {
        const result = await reopenVote(deps, ctx, data);
        if (!result.ok) return onVote(ctx, data, result.error);
        const { vote, created } = result.value;
        const deadline = formatDateTime(vote.deadline, ctx.language);
        const text = translate(ctx.language, created ? 'vote.reopen.opened' : 'vote.reopen.again', { deadline });
        return personalCard(ctx, { programmeId: data.programmeId, voteId: vote.id }, { text, style: 'good' });
      },
    }),
    'gate.decide': defineVerb({
      schema: z.object({ ...voteRef, adopted: z.enum(['yes', 'no']), comment: z.string().max(2000).optional() }),
      labels,
      handle: async (ctx, data) => {
        const result = await recordDirectorDecision(deps, ctx, {
          programmeId: data.programmeId,
          voteId: data.voteId,
          adopted: data.adopted === 'yes',
          ...(data.comment ? { comment: data.comment } : {}),
        });
        if (!result.ok) return onVote(ctx, data, result.error);
        return personalCard(ctx, data, { text: translate(ctx.language, 'vote.director.recorded'), style: 'good' });
      },
    }),
    'gate.log': defineVerb({
      schema: z.object({ programmeId, ideaNumber: ideaNumber.optional(), body: z.string().trim().max(64).optional(), cursor: pageCursorField }),
      handle: async (ctx, data) => {
        const log = await decisionLog(
          deps,
          ctx,
          {
            programmeId: data.programmeId,
            ...(data.ideaNumber ? { ideaNumber: data.ideaNumber } : {}),
            ...(data.body ? { body: data.body } : {}),
          },
          data.cursor,
        );
        if (!log.ok) return error(ctx, log.error, programmeOf(ctx, data.programmeId));
        const { ideas, disputed } = log.value;
        const filterText = data.ideaNumber ?? data.body ?? '';
        const disputes = disputeLines(log.value.access.programme, disputed, ctx.language);
        const discloses = [...ideas, ...disputed.filter((i) => !ideas.some((j) => j.number === i.number))].map((i) => ideaContent(data.programmeId, i));
        return cards.render('voteLog', logView(log.value, ctx.language, filterText, disputes), discloses);
      },
    }),
  };
}
