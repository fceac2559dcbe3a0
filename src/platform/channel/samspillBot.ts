// The botbuilder edge. It only routes: messages to the command router, Action.Execute invokes
// to the verb router, installs to the welcome card. All decisions live behind those routers.
import { ActivityTypes, TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse } from 'botbuilder';
import type { FirstContact } from '../../shared/delivery.js';
import type { ConversationRegistry } from '../../features/confidentiality/app/ports.js';
import type { Clock, ConversationStore } from '../../shared/ports.js';
import type { ProgrammeDirectory } from '../../shared/programmeDirectory.js';
import type { RequestContext } from '../../shared/requestContext.js';
import type { CardRenderer } from '../cards/cardRenderer.js';
import type { CommandRouter } from '../routing/commandRouter.js';
import { contextFromTurn, conversationKindOf, tenantOf } from './contextFromTurn.js';
import type { IdentityCheck } from './identityCheck.js';
import { languageOf } from '../../shared/language.js';
import { translate } from '../i18n/messages.js';
import type { VerbRouter } from '../routing/verbRouter.js';
import type { Outbound } from './outbound.js';
import type { RosterCache } from '../outbound/rosterCache.js';
import { turnAudience } from './turnAudience.js';
import type { Reply } from './reply.js';
import { welcomeCard } from './welcome.js';

export interface BotDependencies {
  directory: ProgrammeDirectory;
  conversations: ConversationStore;
  /** Told of each person's chat, so messages waiting for their first contact go out. */
  firstContact?: FirstContact;
  commands: CommandRouter;
  verbs: VerbRouter;
  cards: CardRenderer;
  clock: Clock;
  outbound: Outbound;
  rosters: RosterCache;
  registry: ConversationRegistry;
  identity: IdentityCheck;
  log: { warn(details: Record<string, unknown>, message: string): void };
}

export class SamspillBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (turn, next) => {
      const ctx = this.context(turn);
      await this.rememberConversation(turn);
      await this.send(turn, ctx, await deps.commands.route(ctx, turn.activity.text ?? ''));
      await next();
    });
    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.welcome(turn);
      await next();
    });
    // Teams announces an install twice (installationUpdate and the bot joining as a member):
    // welcome once, on the install; the join only refreshes what we know of the conversation.
    this.onMembersAdded(async (turn, next) => {
      deps.rosters.forget(turn.activity.conversation.id);
      const botId = turn.activity.recipient?.id;
      if (turn.activity.membersAdded?.some((m) => m.id === botId)) await this.rememberConversation(turn);
      await next();
    });
    // A changed roster may change who may see what: read it afresh next time.
    this.onMembersRemoved(async (turn, next) => {
      deps.rosters.forget(turn.activity.conversation.id);
      await next();
    });
  }

  /**
   * Every activity's identity fields are checked before anything is done with it (issue
   * 22.10): one that contradicts itself or the programme files is refused, logged once with the
   * rule it broke, and nothing of it is stored. A message gets a short refusal; an invoke a 403
   * with the refusal as its error (Teams shows it on the card).
   */
  protected override async onTurnActivity(turn: TurnContext): Promise<void> {
    const contradiction = await this.deps.identity.contradiction(turn, this.deps.clock.now());
    if (!contradiction) return super.onTurnActivity(turn);
    const { activity } = turn;
    this.deps.log.warn(
      { ...contradiction, activityId: activity.id, activityType: activity.type, name: activity.name, conversationId: activity.conversation?.id },
      'activity refused: its identity fields contradict each other or the programme file',
    );
    const message = translate(languageOf(activity.locale), 'error.identityContradiction');
    if (activity.type === ActivityTypes.Invoke) {
      await this.deps.outbound.refuseInvoke(turn, 403, 'Forbidden', message);
    } else if (activity.type === ActivityTypes.Message) {
      await this.deps.outbound.notice(turn, message);
    }
  }

  protected override async onAdaptiveCardInvoke(
    turn: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const ctx = this.context(turn);
    const card = await this.deps.verbs.route(ctx, invokeValue.action.verb, invokeValue.action.data);
    return this.deps.outbound.invokeResponse(turn, ctx, this.audience(turn, ctx), card);
  }

  /**
   * Typeahead searches ('application/search') go to the verb router's datasets, which validate
   * the value themselves (botbuilder's own check would answer an empty query with a bare 400);
   * every other invoke takes botbuilder's way.
   */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    if (turn.activity.name !== 'application/search') return super.onInvokeActivity(turn);
    const response = await this.deps.verbs.search(this.context(turn), turn.activity.value);
    return { status: response.statusCode, body: response };
  }

  private audience(turn: TurnContext, ctx: RequestContext) {
    return turnAudience(turn, this.deps.registry, this.deps.rosters, ctx.now);
  }

  private send(turn: TurnContext, ctx: RequestContext, reply: Reply): Promise<void> {
    return this.deps.outbound.reply(turn, ctx, this.audience(turn, ctx), reply);
  }

  private context(turn: TurnContext): RequestContext {
    return contextFromTurn(turn, this.deps.directory, this.deps.clock.now());
  }

  private async welcome(turn: TurnContext): Promise<void> {
    await this.rememberConversation(turn);
    const ctx = this.context(turn);
    await this.send(turn, ctx, { kind: 'card', card: welcomeCard(ctx, this.deps.cards) });
  }

  /** Keeps the reference fresh so proactive messages (reminders, votes) can reach this chat. */
  private async rememberConversation(turn: TurnContext): Promise<void> {
    const tenantId = tenantOf(turn);
    const conversationId = turn.activity.conversation?.id;
    if (!tenantId || !conversationId) return;
    // A tenant that hosts no programme and is party to none is told so, and nothing of it is kept.
    if (this.deps.directory.servedTo(tenantId).length === 0) return;
    const kind = conversationKindOf(turn);
    const person = turn.activity.from?.aadObjectId;
    if (kind === 'personal' && person && turn.activity.from?.id) this.deps.identity.learned(tenantId, person, turn.activity.from.id);
    // Without the activity id, which changes every turn: a steady-state turn then writes nothing.
    const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(turn.activity);
    const record = {
      conversationId,
      kind,
      ...(kind === 'personal' && person ? { userAadObjectId: person } : {}),
      reference: reference as Record<string, unknown>,
      updatedAt: this.deps.clock.now(),
    };
    // Messages can wait for a person only while no chat of theirs is stored: a first (or a
    // changed) chat is the moment to send them; an unchanged one needs no look.
    const remember = async (partition: string) => {
      const saved = await this.deps.conversations.remember({ tenantId: partition, ...record });
      if (saved === 'saved' && kind === 'personal' && person) await this.reached(partition, person);
    };
    await remember(tenantId);
    // A party's representative chats from their own tenant, but the programme's deliveries look
    // them up in its host's partition: keep the reference (which carries their own tenant id)
    // there too, once per host of a programme they take part in.
    if (kind !== 'personal' || !person) return;
    const hosts = new Set(this.deps.directory.membershipsOf(tenantId, person).map((m) => m.programme.tenantId));
    hosts.delete(tenantId);
    for (const host of hosts) await remember(host);
  }

  /** Messages that waited for this person go out now; a failure here only delays them to their re-check. */
  private async reached(tenantId: string, person: string): Promise<void> {
    await this.deps.firstContact?.reached(tenantId, person).catch(() => undefined);
  }
}
