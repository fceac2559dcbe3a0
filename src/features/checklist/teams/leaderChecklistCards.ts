// The checklist card as it arrives in a project leader's personal chat, in the leader's
// language (recipientLanguage.ts).
import type { HandoverOccasion, LeaderChecklistCards } from '../app/checklistDelivery.js';
import type { RecipientLanguage } from '../../../shared/ports.js';
import type { RenderedCard } from '../../../shared/renderedCard.js';
import type { Language } from '../../../shared/language.js';
import { translate } from '../../../platform/i18n/messages.js';
import { disclosuresOf, type CardRenderer } from '../../../platform/cards/cardRenderer.js';
import { renderChecklist } from './checklistHandlers.js';

export class ChecklistCardsForLeaders implements LeaderChecklistCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly languages: RecipientLanguage,
  ) {}

  async forLeader({ tenantId, state, occasion }: Parameters<LeaderChecklistCards['forLeader']>[0]): Promise<RenderedCard> {
    const language = await this.languages.of(tenantId, state.access.actor.id);
    const card = renderChecklist(this.cards, state, language, banner(occasion, state.idea.number, language));
    return { card, discloses: disclosuresOf(card) };
  }

}

function banner(occasion: HandoverOccasion, number: string, language: Language): string {
  return occasion.kind === 'started'
    ? translate(language, 'checklist.handover.started', { number })
    : translate(language, 'checklist.handover.resent', { number, by: occasion.by.name });
}
