// The checklist card as it arrives in a project leader's personal chat, in the leader's
// language (recipientLanguage.ts).
import type { HandoverOccasion, LeaderChecklistCards } from '../../app/checklist/checklistDelivery.js';
import type { RecipientLanguage } from '../../app/ports.js';
import type { RenderedCard } from '../../app/renderedCard.js';
import type { Language } from '../../i18n/language.js';
import { translate } from '../../i18n/messages.js';
import { disclosuresOf, type CardRenderer } from '../cards/cardRenderer.js';
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
