// The collaboration checklist: `sjekkliste <idénummer>` / `checklist <idea number>` and the
// verbs that show it, save ticks and send it to the project leader.
import { everyListed } from '../../ideas/app/everyListed.js';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { openChecklist, tickChecklist, type ChecklistError, type ChecklistRepository, type ChecklistState } from '../app/checklist.js';
import { resendChecklist, type LeaderChecklistCards } from '../app/checklistDelivery.js';
import type { Delivery } from '../../../shared/delivery.js';
import type { IdeaRepository } from '../../ideas/app/ideaRepository.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import {
  checklistPhases,
  checklistThemes,
  difiChecklist,
  isChecklistInProgress,
  phaseNames,
  principlesName,
  themeNames,
  type ChecklistItem,
  type Share,
} from '../domain/difiChecklist.js';
import { ideaContent, ideaDocuments } from '../../../shared/disclosure/content.js';
import { parseIdeaNumber } from '../../ideas/domain/ideaNumber.js';
import { formatDate, pick, type Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { AdaptiveCard, CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import { ideaErrorText, personName, statusText } from '../../ideas/teams/ideaText.js';
import { defineVerb, type VerbDefinition, type VerbRouter } from '../../../platform/routing/verbRouter.js';
import { cardReply, textReply } from '../../../platform/channel/reply.js';
import type { ChecklistItemView, ChecklistView } from './checklistCardView.js';
import { ideaNumberField, programmeIdField } from '../../../platform/routing/fields.js';

export interface ChecklistDependencies {
  ideas: IdeaRepository;
  checklists: ChecklistRepository;
  /** The office's resend goes to the leader's personal chat as a delivery job. */
  delivery: Delivery;
  leaderCards: LeaderChecklistCards;
  cards: CardRenderer;
}

const programmeId = programmeIdField;
const ideaNumber = ideaNumberField;
const ITEM_PREFIX = 'item.';
/** Projects offered when the command names none. */
const PICK_LIMIT = 20;

export function checklistErrorText(error: ChecklistError, language: Language): string {
  switch (error.code) {
    case 'forbidden-checklist':
      return translate(language, 'checklistError.forbidden');
    case 'not-a-project':
      return translate(language, 'checklistError.not-a-project', { number: error.number, status: statusText(error.status, language).toLowerCase() });
    case 'not-started':
      return translate(language, 'checklistError.not-started', { number: error.number, status: statusText(error.status, language).toLowerCase() });
    case 'no-project-leader':
      return translate(language, 'checklistError.no-project-leader', { number: error.number });
    case 'leader-not-in-programme':
      return translate(language, 'checklist.leaderNotInProgramme', { number: error.number });
    default:
      return ideaErrorText(error, language);
  }
}

const shareText = (s: Share, language: Language) => translate(language, 'checklist.share', { done: s.done, total: s.total });

/** The checklist card's view for one reader. */
export function checklistView(state: ChecklistState, language: Language, banner = '', bannerStyle: ChecklistView['bannerStyle'] = 'good'): ChecklistView {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(language, key, params);
  const { access, idea, ticks, progress } = state;
  const itemView = (item: ChecklistItem): ChecklistItemView => {
    const tick = ticks[item.id];
    const prefix = item.group.kind === 'cell' ? `${pick(themeNames[item.group.theme], language)}: ` : `${item.group.number}. `;
    const text = `${prefix}${pick(item.text, language)}`;
    return {
      inputId: `${ITEM_PREFIX}${item.id}`,
      text,
      value: tick ? 'true' : 'false',
      line: `${tick ? '☑' : '☐'} ${text}`,
      detail: tick ? t('checklist.tickedBy', { who: tick.by.name, when: formatDate(tick.at, language) }) : '',
    };
  };
  const sections = [
    ...checklistPhases.map((phase) => ({
      heading: `${pick(phaseNames[phase], language)} (${shareText(progress.byPhase[phase], language)})`,
      items: difiChecklist.filter((i) => i.group.kind === 'cell' && i.group.phase === phase).map(itemView),
    })),
    {
      heading: `${pick(principlesName, language)} (${shareText(progress.principles, language)})`,
      items: difiChecklist.filter((i) => i.group.kind === 'principle').map(itemView),
    },
  ];
  return {
    banner,
    bannerStyle,
    heading: t('checklist.heading'),
    subheading: t('checklist.subheading', {
      number: idea.number,
      title: idea.title,
      leader: idea.projectLeader ? personName(access.programme, idea.projectLeader) : t('checklist.noLeader'),
    }),
    intro: t('checklist.intro'),
    progress: t('checklist.progress', { done: progress.overall.done, total: progress.overall.total, percent: progress.overall.percent }),
    phaseFacts: [
      ...checklistPhases.map((p) => ({ title: pick(phaseNames[p], language), value: shareText(progress.byPhase[p], language) })),
      { title: pick(principlesName, language), value: shareText(progress.principles, language) },
    ],
    themeHeading: t('checklist.themes'),
    themeFacts: checklistThemes.map((th) => ({ title: pick(themeNames[th], language), value: shareText(progress.byTheme[th], language) })),
    sections,
    canTick: state.canTick,
    readOnlyNote: state.canTick ? '' : t('checklist.readOnly'),
    saveLabel: t('checklist.save'),
    canSend: state.canSend,
    sendLabel: t('checklist.send'),
    programmeId: access.programme.id,
    number: idea.number,
    seen: Object.keys(ticks).sort().join(','),
    requestKey: randomUUID(),
  };
}

/** Renders the checklist card: it names the idea and shows the project's working material. */
export function renderChecklist(
  cards: CardRenderer,
  state: ChecklistState,
  language: Language,
  banner = '',
  bannerStyle: ChecklistView['bannerStyle'] = 'good',
): AdaptiveCard {
  const { programme } = state.access;
  return cards.render('checklist', checklistView(state, language, banner, bannerStyle), [ideaContent(programme.id, state.idea), ideaDocuments(programme.id, state.idea)]);
}

export function checklistVerbs({ ideas, checklists, delivery, leaderCards, cards }: ChecklistDependencies): Record<string, VerbDefinition> {
  const refusal = (ctx: RequestContext, message: string): AdaptiveCard =>
    cards.render('error', { title: translate(ctx.language, 'error.title'), message, details: [] }, []);
  const ref = { programmeId, number: ideaNumber };

  return {
    'checklist.show': defineVerb({
      schema: z.object(ref),
      handle: async (ctx, data) => {
        const result = await openChecklist(ideas, checklists, ctx, data);
        return result.ok ? renderChecklist(cards, result.value, ctx.language) : refusal(ctx, checklistErrorText(result.error, ctx.language));
      },
    }),
    'checklist.tick': defineVerb({
      // Toggles arrive as "item.<id>": "true" | "false"; unknown keys are ignored.
      schema: z.looseObject({
        ...ref,
        seen: z
          .string()
          .max(4000)
          .default('')
          .transform((v) => new Set(v.split(',').filter((s) => s !== ''))),
      }),
      handle: async (ctx, data) => {
        const submitted: Record<string, boolean> = {};
        for (const [key, value] of Object.entries(data)) {
          if (!key.startsWith(ITEM_PREFIX)) continue;
          const parsed = z.enum(['true', 'false']).safeParse(value);
          if (parsed.success) submitted[key.slice(ITEM_PREFIX.length)] = parsed.data === 'true';
        }
        const ref = { programmeId: data.programmeId, number: data.number };
        const result = await tickChecklist(ideas, checklists, ctx, ref, { seen: data.seen, submitted });
        if (!result.ok && result.error.code === 'idea-closed') {
          // The project ended since the card was drawn: the checklist as it is now, with why.
          const now = await openChecklist(ideas, checklists, ctx, ref);
          if (now.ok) return renderChecklist(cards, now.value, ctx.language, checklistErrorText(result.error, ctx.language), 'attention');
        }
        if (!result.ok) return refusal(ctx, checklistErrorText(result.error, ctx.language));
        const banner =
          result.value.changed === 0
            ? translate(ctx.language, 'checklist.nothingChanged')
            : translate(ctx.language, 'checklist.saved', { count: result.value.changed });
        return renderChecklist(cards, result.value, ctx.language, banner);
      },
    }),
    'checklist.send': defineVerb({
      // The card's own key: a double click of one card sends once, a fresh card sends again.
      schema: z.object({ ...ref, requestKey: z.string().regex(/^[\w-]{8,64}$/) }),
      handle: async (ctx, data) => {
        const sent = await resendChecklist({ ideas, checklists, delivery, cards: leaderCards }, ctx, data, data.requestKey);
        if (!sent.ok) return refusal(ctx, checklistErrorText(sent.error, ctx.language));
        const state = await openChecklist(ideas, checklists, ctx, data);
        if (!state.ok) return refusal(ctx, checklistErrorText(state.error, ctx.language));
        return renderChecklist(cards, state.value, ctx.language, translate(ctx.language, 'checklist.sent', { leader: sent.value.to.name }));
      },
    }),
  };
}

export function checklistCommands({ ideas, cards }: ChecklistDependencies, verbs: VerbRouter) {
  /** Without a number: the projects this person leads (or, for the office, every project
   * that has a checklist), to pick from. */
  const pickProject = async (ctx: RequestContext) => {
    const options = (
      await Promise.all(
        ctx.memberships.map(async (roles) => {
          const key = { tenantId: roles.programme.tenantId, programmeId: roles.programme.id };
          // The person's own projects, or for the office the qualified and active ones, from their
          // indexes: never the programme's every idea (issue 25.1).
          const all = roles.isOffice
            ? [...(await everyListed(ideas, key, { by: 'status', status: 'qualified' })), ...(await everyListed(ideas, key, { by: 'status', status: 'active' }))]
            : await everyListed(ideas, key, { by: 'leader', id: ctx.actor.aadObjectId });
          return all
            .filter((i) => isChecklistInProgress(i.status))
            .filter((i) => roles.isOffice || i.projectLeader === ctx.actor.aadObjectId)
            .map((i) => ({ idea: i, programmeId: roles.programme.id }));
        }),
      )
    )
      .flat()
      .slice(0, PICK_LIMIT);
    if (options.length === 0) return textReply(translate(ctx.language, 'checklist.noProjects'));
    return cardReply(
      cards.render(
        'choice',
        {
          heading: translate(ctx.language, 'checklist.pick'),
          text: '',
          options: options.map(({ idea, programmeId: id }) => ({
            title: `${idea.number} ${idea.title}`,
            verb: 'checklist.show',
            data: { programmeId: id, number: idea.number },
          })),
        },
        options.map(({ idea, programmeId: id }) => ideaDocuments(id, idea)),
      ),
    );
  };

  const checklist: CommandHandler = async (ctx, args) => {
    const typed = args.trim().toUpperCase();
    if (typed === '') return pickProject(ctx);
    const parts = parseIdeaNumber(typed);
    const programme = parts && ctx.memberships.find((m) => m.programme.ideaPrefix === parts.prefix)?.programme;
    if (!programme) return textReply(translate(ctx.language, 'ideaError.not-found', { number: typed }));
    return cardReply(await verbs.route(ctx, 'checklist.show', { programmeId: programme.id, number: typed }));
  };

  return { checklist } satisfies Record<string, CommandHandler>;
}
