// Teams sends no locale with proactive messages, so a message to a person is written in the
// language of their last message to the bot in personal chat (the stored conversation
// reference), and in Bokmål when they have never written: the programmes are Norwegian.
import type { ConversationStore, RecipientLanguage } from '../../shared/ports.js';
import { languageOf, type Language } from '../../shared/language.js';

export type { RecipientLanguage };

export const FALLBACK_LANGUAGE: Language = 'nb';

export class StoredChatLanguage implements RecipientLanguage {
  constructor(private readonly conversations: Pick<ConversationStore, 'personalFor'>) {}

  async of(tenantId: string, person: string): Promise<Language> {
    const chat = await this.conversations.personalFor(tenantId, person);
    const locale = (chat?.reference as { locale?: unknown } | undefined)?.locale;
    return typeof locale === 'string' ? languageOf(locale) : FALLBACK_LANGUAGE;
  }
}
