// The checklist card as it arrives in a project leader's personal chat. Proactive messages
// carry no locale, so the card is written in the language of the leader's last message to the
// bot (the stored conversation reference), Bokmål when there is none.
import type { HandoverOccasion, LeaderChecklistCards } from '../../app/checklist/checklistDelivery.js';
import type { ConversationStore } from '../../app/ports.js';
import type { RenderedCard } from '../../app/reminders/reminders.js';
import { languageOf, type Language } from '../../i18n/language.js';
import { translate } from '../../i18n/messages.js';
import { disclosuresOf, type CardRenderer } from '../cards/cardRenderer.js';
import { renderChecklist } from './checklistHandlers.js';

/** The programmes are Norwegian: a leader who has never written gets Bokmål. */
const FALLBACK: Language = 'nb';

export class ChecklistCardsForLeaders implements LeaderChecklistCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly conversations: Pick<ConversationStore, 'personalFor'>,
  ) {}

  async forLeader({ tenantId, state, occasion }: Parameters<LeaderChecklistCards['forLeader']>[0]): Promise<RenderedCard> {
    const language = await this.languageOf(tenantId, state.access.actor.id);
    const card = renderChecklist(this.cards, state, language, banner(occasion, state.idea.number, language));
    return { card, discloses: disclosuresOf(card) };
  }

  private async languageOf(tenantId: string, person: string): Promise<Language> {
    const chat = await this.conversations.personalFor(tenantId, person);
    const locale = (chat?.reference as { locale?: unknown } | undefined)?.locale;
    return typeof locale === 'string' ? languageOf(locale) : FALLBACK;
  }
}

function banner(occasion: HandoverOccasion, number: string, language: Language): string {
  return occasion.kind === 'started'
    ? translate(language, 'checklist.handover.started', { number })
    : translate(language, 'checklist.handover.resent', { number, by: occasion.by.name });
}
