// Opens a person's personal chat with the bot when none is stored yet (they never wrote to it),
// as Microsoft documents for proactive messages: createConversation with the person's Entra
// object id and the tenant, from the serviceUrl of a team channel the bot is installed in (the
// composition passes one: each try is a request to Teams, and the worker gives it a rate slot). Teams
// allows it when the app is installed for the person, or in a team they belong to; otherwise it
// refuses and the message waits for the person's first contact (deliveryWorker.ts).
import { TurnContext, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConversationRecord } from '../../app/ports.js';

/** Bot Framework's audience for tokens the bot sends with (public cloud). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

export type OpenPersonalChat = (tenantId: string, aadObjectId: string) => Promise<ConversationRecord | undefined>;

export interface ChatOpenerDeps {
  adapter: Pick<CloudAdapter, 'createConversationAsync'>;
  botAppId: string;
  /** A few of the tenant's team channels, whose references carry the serviceUrl and the bot. */
  channelsOf(tenantId: string): Promise<ConversationRecord[]>;
  save(record: ConversationRecord): Promise<void>;
  now(): number;
}

export function createPersonalChatOpener(deps: ChatOpenerDeps): OpenPersonalChat {
  return async (tenantId, aadObjectId) => {
    for (const channel of await deps.channelsOf(tenantId)) {
      const reference = channel.reference as Partial<ConversationReference>;
      const chatTenant = reference.conversation?.tenantId || tenantId;
      if (!reference.serviceUrl || !reference.bot) continue;
      let opened: Partial<ConversationReference> | undefined;
      try {
        await deps.adapter.createConversationAsync(
          deps.botAppId,
          reference.channelId ?? 'msteams',
          reference.serviceUrl,
          BOT_FRAMEWORK_AUDIENCE,
          { isGroup: false, bot: reference.bot, members: [{ id: aadObjectId, name: '' }], tenantId: chatTenant, channelData: { tenant: { id: chatTenant } } },
          async (turn) => {
            opened = TurnContext.getConversationReference(turn.activity);
          },
        );
      } catch {
        continue; // Teams would not open it from here (not installed for them): try the next, then wait
      }
      const conversationId = opened?.conversation?.id;
      if (!opened || !conversationId) continue;
      const record: ConversationRecord = {
        tenantId,
        conversationId,
        kind: 'personal',
        userAadObjectId: aadObjectId,
        reference: { ...opened, user: { id: aadObjectId, aadObjectId, name: '' }, conversation: { ...opened.conversation, conversationType: 'personal', tenantId: chatTenant } } as Record<string, unknown>,
        updatedAt: deps.now(),
      };
      await deps.save(record);
      return record;
    }
    return undefined;
  };
}
