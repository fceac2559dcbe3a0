// The only way a turn's answer reaches Teams. Every reply and every invoke response passes the
// disclosure guard first; a refused message is replaced by an explanation that discloses
// nothing. test/security/outboundOnly.test.ts checks no other module calls Teams' send APIs.
// Every activity is made to fit Teams' size limit first (teamsSize.ts); one Teams refuses as too
// large all the same (413) is logged and the person told. What a person's request would share
// outside the programme is held until they confirm they speak only for their own party (seed
// 000 §6.3, ownPartyConfirmation.ts); the confirmation's answer releases it here, once.
import { ActivityTypes, CardFactory, TurnContext, type Activity, type AdaptiveCardInvokeResponse, type Attachment } from 'botbuilder';
import type { DisclosureGuard } from '../../features/confidentiality/app/disclosureGuard.js';
import type { HeldShares } from '../../features/confidentiality/app/ownPartyShares.js';
import type { AudienceSource } from '../../features/confidentiality/app/ports.js';
import type { RequestContext } from '../../shared/requestContext.js';
import type { Disclosed } from '../../shared/disclosure/content.js';
import type { WithholdReason } from '../../shared/disclosure/decide.js';
import { translate } from '../i18n/messages.js';
import { disclosuresOf, type AdaptiveCard, type CardRenderer } from '../cards/cardRenderer.js';
import { askOwnParty, releasedShareOf } from '../../features/confidentiality/teams/ownPartyConfirmation.js';
import type { Reply } from './reply.js';
import type { Logger } from 'pino';
import { cutNotice, DEFAULT_ACTIVITY_BUDGET_BYTES, fitCard, fitText, utf16Bytes } from '../outbound/teamsSize.js';

const contentsOf = (reply: Reply): readonly Disclosed[] => (reply.kind === 'card' ? disclosuresOf(reply.card) : reply.discloses);

/** Teams shows this as the message's sensitivity information (display only; the guard enforces). */
function sensitivityEntity(ctx: RequestContext) {
  return {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    usageInfo: {
      '@type': 'CreativeWork',
      name: translate(ctx.language, 'disclosure.sensitivity'),
      description: translate(ctx.language, 'disclosure.sensitivityDescription'),
    },
  };
}

const isInternal = (items: readonly Disclosed[]) =>
  items.some((i) => i.kind === 'programme-internal' || i.kind === 'idea-documents' || (i.kind === 'idea' && i.idea.status === 'registered'));

export class Outbound {
  constructor(
    private readonly guard: DisclosureGuard,
    private readonly cards: CardRenderer,
    private readonly shares: HeldShares,
    private readonly log?: Pick<Logger, 'warn'>,
    private readonly budgetBytes = DEFAULT_ACTIVITY_BUDGET_BYTES,
  ) {}

  /** Sends a reply into the turn's conversation, or an explanation if it may not be shown, or
   * the card asking its sharer to confirm they speak only for their own party. `confirmedFor`:
   * the programmes they confirmed that for (the released share of a confirmation). */
  async reply(turn: TurnContext, ctx: RequestContext, audience: AudienceSource, reply: Reply, confirmedFor: readonly string[] = []): Promise<void> {
    const released = await this.release(ctx, audience, reply, confirmedFor);
    const items = contentsOf(released);
    const entities = isInternal(items) ? [sensitivityEntity(ctx)] : [];
    // Measured with the addressing botbuilder adds to a reply, so the whole activity is counted.
    const reference = TurnContext.getConversationReference(turn.activity);
    const whole = (activity: Partial<Activity>) => TurnContext.applyConversationReference({ ...activity, replyToId: turn.activity.id }, reference);
    const activity =
      released.kind === 'card'
        ? fitCard(released.card, (card) => whole({ type: 'message', attachments: [CardFactory.adaptiveCard(card) as Attachment], entities }), cutNotice(ctx.language), this.budgetBytes).value
        : fitText(released.text, (text) => whole({ type: 'message', text, textFormat: released.format, entities }), this.budgetBytes);
    try {
      await turn.sendActivity(activity);
    } catch (error) {
      if ((error as { statusCode?: unknown } | undefined)?.statusCode !== 413) throw error;
      this.log?.warn({ bytes: utf16Bytes(activity), conversation: ctx.conversation.id }, 'outbound: Teams refused a reply as too large (413); the person was told');
      await this.notice(turn, translate(ctx.language, 'reply.tooLarge'));
    }
  }

  /** The answer to an Action.Execute: the card, once the guard has let it through. A confirmed
   * share's answer first sends what it releases, as a message of its own. */
  async invokeResponse(turn: TurnContext, ctx: RequestContext, audience: AudienceSource, card: AdaptiveCard): Promise<AdaptiveCardInvokeResponse> {
    const share = releasedShareOf(card);
    if (share) await this.reply(turn, ctx, audience, share.reply, share.confirmedFor);
    const released = await this.release(ctx, audience, { kind: 'card', card });
    const value = released.kind === 'card' ? released.card : this.explanationCard(ctx, []);
    const type = 'application/vnd.microsoft.card.adaptive';
    return fitCard(value, (card) => ({ statusCode: 200, type, value: card as AdaptiveCard }), cutNotice(ctx.language), this.budgetBytes).value;
  }

  /** A plain text that discloses nothing, e.g. "try again"; no roster read needed. */
  async notice(turn: TurnContext, text: string): Promise<void> {
    await turn.sendActivity({ text, textFormat: 'plain' });
  }

  /** Refuses an invoke with a 4xx and a plain message that discloses nothing (Teams shows it
   * on the card), for a turn no handler may see. */
  async refuseInvoke(turn: TurnContext, status: number, code: string, message: string): Promise<void> {
    const body = { statusCode: status, type: 'application/vnd.microsoft.error', value: { code, message } };
    await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
  }

  private async release(ctx: RequestContext, audience: AudienceSource, reply: Reply, confirmedFor: readonly string[] = []): Promise<Reply> {
    const verdict = await this.guard.check(
      {
        tenantId: ctx.actor.tenantId,
        actor: { id: ctx.actor.aadObjectId, name: ctx.actor.name },
        conversation: ctx.conversation,
        audience,
        now: ctx.now,
        sharer: { confirmedFor },
      },
      contentsOf(reply),
    );
    if (verdict.allowed) return reply;
    const reasons = [...new Set(verdict.withheld.map((w) => w.reason))];
    if (reasons.every((r) => r === 'own-party-unconfirmed')) {
      const ask = await askOwnParty({ shares: this.shares, cards: this.cards }, ctx, reply, verdict.withheld.map((w) => w.item));
      if (ask) return { kind: 'card', card: ask };
    }
    // A refusal for any other reason is not asked about: it would not be shared anyway.
    return { kind: 'card', card: this.explanationCard(ctx, reasons.length > 1 ? reasons.filter((r) => r !== 'own-party-unconfirmed') : reasons) };
  }

  private explanationCard(ctx: RequestContext, reasons: WithholdReason[]): AdaptiveCard {
    const { language } = ctx;
    return this.cards.render(
      'error',
      {
        title: translate(language, 'disclosure.title'),
        message: translate(language, 'disclosure.intro'),
        details: [...reasons.map((r) => translate(language, `disclosure.reason.${r}`)), translate(language, 'disclosure.askPersonally')],
      },
      [],
    );
  }
}
