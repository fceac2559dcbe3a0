// The roadmap revision (Digi Rogaland §4.7: «Veikartet revideres minst to ganger årlig …
// styringsgruppen beslutter eventuelle endringer»): `veikart revisjon` / `roadmap revision`
// shows the revision being voted on, the pending changes and the earlier revisions; the office
// puts the pending changes to the body's vote (roadmap.propose, the same vote card and closer as
// a gate) or withdraws one (roadmap.withdraw). The secretariat's reminder links here.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { openRevisionVote, type RevisionTitle, type RevisionVoteError } from '../app/openRevisionVote.js';
import type { RoadmapRepository } from '../app/roadmap.js';
import { showRevision, withdrawPending, type ChangeRow, type RevisionPicture, type RoadmapRevisionRepository } from '../app/revisions.js';
import type { VoteDeps } from '../../votes/app/voteDeps.js';
import { ideaContent } from '../../../shared/disclosure/content.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { defaultDeadline } from '../../votes/domain/deadline.js';
import { formatDate, formatDateTime, type Language } from '../../../shared/language.js';
import { translate, type MessageKey } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { ideaNumberField, programmeIdField } from '../../../platform/routing/fields.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply } from '../../../platform/channel/reply.js';
import { bodyName, voteErrorText } from '../../votes/teams/voteText.js';
import type { RoadmapItemView } from './roadmapCardView.js';
import { changeTitle } from './roadmapHandlers.js';
import type { RoadmapRevisionView } from './roadmapRevisionCardView.js';
import { proposedChangeText, roadmapErrorText } from './roadmapText.js';

export interface RoadmapRevisionDependencies {
  ideas: IdeaRepository;
  roadmap: RoadmapRepository;
  revisions: RoadmapRevisionRepository;
  votes: VoteDeps;
  cards: CardRenderer;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const tr = (language: Language): T => (key, params) => translate(language, key, params);
const label = (key: MessageKey) => ({ nb: translate('nb', key), en: translate('en', key) });
const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** The card lists every pending change (at most MAX_CHANGES_PER_REVISION) within Teams'
 * message size: titles and notes are shortened here (the vote card and the log have more). */
const TITLE_ON_CARD = 80;
const NOTE_ON_CARD = 50;
/** Changes of the revision being voted on; its vote card lists them. */
export const OPEN_ON_CARD = 5;

/** What the vote record calls a revision: "3 changes to the roadmap". */
export const revisionTitle: RevisionTitle = (language, proposal) => translate(language, 'roadmap.revision.voteTitle', { n: proposal.changes.length });

export function revisionErrorText(error: RevisionVoteError, language: Language, programme?: Programme): string {
  switch (error.code) {
    case 'no-roadmap-body':
    case 'too-many-pending':
    case 'nothing-pending':
    case 'revision-open':
    case 'revision-not-found':
      return roadmapErrorText(error, language);
    case 'already-decided':
      return 'id' in error ? roadmapErrorText(error, language) : voteErrorText(error, language, programme);
    default:
      return voteErrorText(error, language, programme);
  }
}

const itemOf = (row: ChangeRow, language: Language): RoadmapItemView => ({
  title: shorten(changeTitle(row), TITLE_ON_CARD),
  detail: `${proposedChangeText(row.change, language, NOTE_ON_CARD)} · ${row.change.by.name}, ${formatDateTime(row.change.at, language)}`,
});

export interface RevisionViewInput {
  language: Language;
  now: number;
  channelMissing: boolean;
  banner?: string;
  bannerStyle?: 'good' | 'attention' | 'default';
  /** Values typed in a refused proposal, kept so nothing is lost. */
  values?: { deadlineDate?: string; deadlineTime?: string };
  submissionId?: string;
}

export function roadmapRevisionView(picture: RevisionPicture, input: RevisionViewInput): RoadmapRevisionView {
  const { language } = input;
  const t = tr(language);
  const { access, open, pending, decided } = picture;
  const { programme } = access;
  const body = bodyName(programme, picture.body, language);
  const office = access.roles.isOffice;
  const deadline = defaultDeadline(input.now);
  const openRows = open?.rows ?? [];
  return {
    banner: input.banner ?? '',
    bannerStyle: input.bannerStyle ?? 'good',
    heading: t('roadmap.revision.heading', { programme: programme.name }),
    intro: t('roadmap.revision.intro', { body }),
    warning: office && input.channelMissing ? t('voteError.no-channel', { body, bodyId: picture.body }) : '',
    openHeading: open ? t('roadmap.revision.openHeading', { body, id: open.proposal.id }) : '',
    openBy: open ? t('roadmap.revision.openBy', { when: formatDateTime(open.proposal.proposedAt, language), who: open.proposal.proposedBy.name }) : '',
    open: openRows.slice(0, OPEN_ON_CARD).map((row) => itemOf(row, language)),
    openMore: openRows.length > OPEN_ON_CARD ? t('roadmap.revision.moreChanges', { n: openRows.length - OPEN_ON_CARD }) : '',
    pendingHeading: t('roadmap.revision.pendingHeading'),
    pending: pending.map((row) => itemOf(row, language)),
    pendingEmpty: pending.length === 0 ? t('roadmap.revision.pendingEmpty') : '',
    decidedHeading: t('roadmap.revision.decidedHeading'),
    decided: decided.map((p) =>
      t('roadmap.revision.decidedLine', {
        id: p.id,
        status: t(p.decision?.adopted ? 'roadmap.revision.status.adopted' : 'roadmap.revision.status.rejected'),
        when: formatDate(p.decision?.at ?? p.proposedAt, language),
        n: p.changes.length,
        voteId: p.decision?.voteId ?? p.voteId ?? '–',
      }),
    ),
    waitText: office && open && pending.length > 0 ? t('roadmap.revision.waitForDecision', { body, id: open.proposal.id }) : '',
    canPropose: office && !open && pending.length > 0,
    propose: {
      title: t('roadmap.revision.proposeTitle', { body }),
      deadlineDateLabel: t('vote.propose.deadlineDate'),
      deadlineDate: input.values?.deadlineDate || deadline.date,
      deadlineTimeLabel: t('vote.propose.deadlineTime'),
      deadlineTime: input.values?.deadlineTime || deadline.time,
      submitLabel: t('roadmap.revision.proposeSubmit'),
    },
    canWithdraw: office && pending.length > 0,
    withdraw: {
      title: t('roadmap.revision.withdraw'),
      label: t('roadmap.field.idea'),
      choices: pending.map((row) => ({ title: shorten(changeTitle(row), 60), value: row.change.ideaNumber })),
      submitLabel: t('roadmap.revision.withdrawSubmit'),
    },
    programmeId: programme.id,
    submissionId: input.submissionId ?? randomUUID(),
    actions: [
      { title: t('roadmap.revision.showRoadmap'), verb: 'roadmap.show', data: { programmeId: programme.id } },
      { title: t('roadmap.log'), verb: 'roadmap.log', data: { programmeId: programme.id } },
    ],
  };
}

/** Every idea the revision card names. */
function namedIdeas(picture: RevisionPicture) {
  const rows = [...(picture.open?.rows.slice(0, OPEN_ON_CARD) ?? []), ...picture.pending];
  return [...new Map(rows.flatMap((r) => (r.idea ? [[r.idea.number, r.idea] as const] : []))).values()];
}

export function roadmapRevisionVerbs({ ideas, roadmap, revisions, votes, cards }: RoadmapRevisionDependencies): Record<string, VerbDefinition> {
  const programmeOf = (ctx: RequestContext, id: string) => ctx.tenantProgrammes.find((p) => p.id === id);
  const refusal = (ctx: RequestContext, error: RevisionVoteError, id: string): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message: revisionErrorText(error, ctx.language, programmeOf(ctx, id)), details: [] }, []);

  const show = async (ctx: RequestContext, id: string, extra: Omit<RevisionViewInput, 'language' | 'now' | 'channelMissing'> = {}): Promise<AdaptiveCard> => {
    const picture = await showRevision({ ideas, roadmap, revisions }, ctx, id);
    if (!picture.ok) return refusal(ctx, picture.error, id);
    const channel = await votes.channels.get(picture.value.access.key, picture.value.body);
    const view = roadmapRevisionView(picture.value, { language: ctx.language, now: ctx.now, channelMissing: !channel, ...extra });
    return cards.render('roadmapRevision', view, namedIdeas(picture.value).map((idea) => ideaContent(id, idea)));
  };

  return {
    'roadmap.revision': defineVerb({
      schema: z.object({ programmeId: programmeIdField }),
      handle: (ctx, data) => show(ctx, data.programmeId),
    }),
    'roadmap.propose': defineVerb({
      schema: z.object({
        programmeId: programmeIdField,
        submissionId: z.string().trim().min(8).max(64),
        deadlineDate: z.string().trim().min(1).max(20),
        deadlineTime: z.string().trim().max(10).default('16:00'),
      }),
      labels: { deadlineDate: label('vote.propose.deadlineDate'), deadlineTime: label('vote.propose.deadlineTime') },
      handle: async (ctx, data) => {
        const opened = await openRevisionVote({ ...votes, revisions, title: revisionTitle }, ctx, data);
        if (!opened.ok) {
          // What the office can put right on the card comes back on it; the rest is a refusal.
          const onCard = ['bad-deadline', 'no-channel', 'nothing-pending', 'revision-open', 'too-many-pending'];
          if (!onCard.includes(opened.error.code)) return refusal(ctx, opened.error, data.programmeId);
          return show(ctx, data.programmeId, {
            banner: revisionErrorText(opened.error, ctx.language, programmeOf(ctx, data.programmeId)),
            bannerStyle: 'attention',
            values: { deadlineDate: data.deadlineDate, deadlineTime: data.deadlineTime },
            submissionId: data.submissionId,
          });
        }
        const { vote, proposal, created } = opened.value;
        const programme = programmeOf(ctx, data.programmeId);
        const params = {
          id: proposal.id,
          n: proposal.changes.length,
          body: programme ? bodyName(programme, vote.body, ctx.language) : vote.body,
          deadline: formatDateTime(vote.deadline, ctx.language),
        };
        return show(ctx, data.programmeId, { banner: translate(ctx.language, created ? 'roadmap.revision.opened' : 'roadmap.revision.running', params) });
      },
    }),
    'roadmap.withdraw': defineVerb({
      schema: z.object({ programmeId: programmeIdField, number: ideaNumberField }),
      labels: { number: label('roadmap.field.idea') },
      handle: async (ctx, data) => {
        const withdrawn = await withdrawPending(revisions, ctx, data);
        if (!withdrawn.ok) return refusal(ctx, withdrawn.error, data.programmeId);
        const key = withdrawn.value ? 'roadmap.revision.withdrawn' : 'roadmap.revision.nothingToWithdraw';
        return show(ctx, data.programmeId, { banner: translate(ctx.language, key, { number: data.number }), bannerStyle: withdrawn.value ? 'good' : 'default' });
      },
    }),
  };
}

export function roadmapRevisionCommands(cards: CardRenderer, verbs: VerbRouter) {
  const roadmapRevision: CommandHandler = async (ctx, args) => {
    const choice = chooseProgramme(ctx, args, 'roadmap.revision', cards);
    return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, 'roadmap.revision', { programmeId: choice.programmeId }));
  };
  return { roadmapRevision } satisfies Record<string, CommandHandler>;
}
