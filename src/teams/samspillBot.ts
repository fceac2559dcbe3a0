// The botbuilder edge. It only routes: messages to the command router, Action.Execute invokes
// to the verb router, installs to the welcome card. All decisions live behind those routers.
import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Clock, ConversationStore } from '../app/ports.js';
import type { ProgrammeDirectory } from '../app/programmeDirectory.js';
import type { RequestContext } from '../app/requestContext.js';
import type { AdaptiveCard, CardRenderer } from './cards/cardRenderer.js';
import type { CommandRouter } from './commands/commandRouter.js';
import { contextFromTurn, conversationKindOf, tenantOf } from './contextFromTurn.js';
import type { VerbRouter } from './invoke/verbRouter.js';
import type { Reply } from './reply.js';
import { welcomeCard } from './welcome.js';

export interface BotDependencies {
  directory: ProgrammeDirectory;
  conversations: ConversationStore;
  commands: CommandRouter;
  verbs: VerbRouter;
  cards: CardRenderer;
  clock: Clock;
}

export async function sendReply(turn: TurnContext, reply: Reply): Promise<void> {
  await turn.sendActivity(
    reply.kind === 'card' ? { attachments: [CardFactory.adaptiveCard(reply.card)] } : { text: reply.text, textFormat: 'plain' },
  );
}

const cardResponse = (card: AdaptiveCard): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: card,
});

export class SamspillBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (turn, next) => {
      const ctx = this.context(turn);
      await this.rememberConversation(turn);
      await sendReply(turn, await deps.commands.route(ctx, turn.activity.text ?? ''));
      await next();
    });
    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.welcome(turn);
      await next();
    });
    // Teams also announces a team install as the bot joining the conversation.
    this.onMembersAdded(async (turn, next) => {
      const botId = turn.activity.recipient?.id;
      if (turn.activity.membersAdded?.some((m) => m.id === botId) && conversationKindOf(turn) !== 'personal') {
        await this.welcome(turn);
      }
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    turn: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const ctx = this.context(turn);
    return cardResponse(await this.deps.verbs.route(ctx, invokeValue.action.verb, invokeValue.action.data));
  }

  private context(turn: TurnContext): RequestContext {
    return contextFromTurn(turn, this.deps.directory, this.deps.clock.now());
  }

  private async welcome(turn: TurnContext): Promise<void> {
    await this.rememberConversation(turn);
    await sendReply(turn, { kind: 'card', card: welcomeCard(this.context(turn), this.deps.cards) });
  }

  /** Keeps the reference fresh so proactive messages (reminders, votes) can reach this chat. */
  private async rememberConversation(turn: TurnContext): Promise<void> {
    const tenantId = tenantOf(turn);
    const conversationId = turn.activity.conversation?.id;
    if (!tenantId || !conversationId) return;
    const kind = conversationKindOf(turn);
    await this.deps.conversations.save({
      tenantId,
      conversationId,
      kind,
      ...(kind === 'personal' && turn.activity.from?.aadObjectId ? { userAadObjectId: turn.activity.from.aadObjectId } : {}),
      reference: TurnContext.getConversationReference(turn.activity) as Record<string, unknown>,
      updatedAt: this.deps.clock.now(),
    });
  }
}
