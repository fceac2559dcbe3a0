// The ports the use cases depend on. Adapters (Table Storage, Teams) implement them; tests
// can too. Nothing here knows about botbuilder or Azure.
import type { Language } from '../i18n/language.js';

/** The clock is passed in so rules and use cases never read the time themselves (src/shared/clocks.ts). */
export type { Clock } from '../shared/clocks.js';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** Where the bot can write to later (proactive messages). The reference is opaque here. */
export interface ConversationRecord {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  /** For personal chats: whose chat it is. */
  userAadObjectId?: string;
  reference: Record<string, unknown>;
  updatedAt: number;
}

export interface ConversationStore {
  save(record: ConversationRecord): Promise<void>;
  /**
   * Keeps the reference a turn brought: written only when it differs from the stored one
   * (compared under the stored row's ETag, so instances do not undo each other's change); a
   * steady-state turn reads one row and writes nothing. 'saved' when it wrote.
   */
  remember(record: ConversationRecord): Promise<'saved' | 'unchanged'>;
  personalFor(tenantId: string, aadObjectId: string): Promise<ConversationRecord | undefined>;
  byId(tenantId: string, conversationId: string): Promise<ConversationRecord | undefined>;
}

/** Answers whether storage is reachable, for /healthz. */
export interface HealthProbe {
  healthy(): Promise<boolean>;
}

/** The language to write to a person in when they did not just write to us (proactive sends). */
export interface RecipientLanguage {
  of(tenantId: string, person: string): Promise<Language>;
}
