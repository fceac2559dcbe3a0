// Text commands for ideas. Most open the same card as their verb, after picking the programme.
import { myIdeas } from '../app/ideaQueries.js';
import type { IdeaRepository } from '../app/ideaRepository.js';
import type { RequestContext } from '../../../shared/requestContext.js';
import { parseIdeaNumber } from '../domain/ideaNumber.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { CardRenderer } from '../../../platform/cards/cardRenderer.js';
import type { CommandHandler } from '../../../platform/routing/commandRouter.js';
import type { VerbRouter } from '../../../platform/routing/verbRouter.js';
import { chooseProgramme } from '../../../platform/channel/programmeChoice.js';
import { cardReply, textReply } from '../../../platform/channel/reply.js';
import { myIdeasCard } from './ideaListCards.js';

export interface IdeaCommandDependencies {
  ideas: IdeaRepository;
  cards: CardRenderer;
  verbs: VerbRouter;
}

export function ideaCommands({ ideas, cards, verbs }: IdeaCommandDependencies) {
  /** A command that opens a verb's card for the programme the user means. */
  const viaVerb =
    (verb: string): CommandHandler =>
    async (ctx, args) => {
      const choice = chooseProgramme(ctx, args, verb, cards);
      return 'reply' in choice ? choice.reply : cardReply(await verbs.route(ctx, verb, { programmeId: choice.programmeId }));
    };

  const showIdea: CommandHandler = async (ctx: RequestContext, args) => {
    const parts = parseIdeaNumber(args.trim().toUpperCase());
    const programme = parts && ctx.memberships.find((m) => m.programme.ideaPrefix === parts.prefix)?.programme;
    if (!programme) return textReply(translate(ctx.language, 'ideaError.not-found', { number: args.trim().toUpperCase() || '?' }));
    return cardReply(await verbs.route(ctx, 'idea.show', { programmeId: programme.id, number: args.trim().toUpperCase() }));
  };

  return {
    newIdea: viaVerb('idea.form'),
    myIdeas: async (ctx: RequestContext) => cardReply(myIdeasCard(cards, await myIdeas(ideas, ctx), ctx.language)),
    showIdea,
    portfolio: viaVerb('portfolio.show'),
    ranking: viaVerb('ranking.show'),
    prioritisedList: viaVerb('prioritised.show'),
  } satisfies Record<string, CommandHandler>;
}
