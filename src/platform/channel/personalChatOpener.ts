// Opens a person's personal chat with the bot when none is stored yet (they never wrote to it),
// as Microsoft documents for proactive messages: createConversation with the person's Entra
// object id and the tenant, from the serviceUrl of a team channel the bot is installed in (the
// composition passes one: each try is a request to Teams, and the worker gives it a rate slot). Teams
// allows it when the app is installed for the person, or in a team they belong to; otherwise it
// refuses and the message waits for the person's first contact (deliveryWorker.ts). Only a
// refusal means that: a request Teams throttled (429), failed (5xx) or never answered says
// nothing about the person, so it is thrown as ChatOpenUnavailable and tried again later.
//
// Not CloudAdapter.createConversationAsync: its ConnectorClient retries 429 and 5xx unseen
// (connectorClient.ts), so a throttled open would be repeated outside the rate limiter. The
// channel's turn gives the client (same auth as every send), and the request is made directly.
import type { CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import type { ConversationRecord } from '../../shared/ports.js';
import { withoutHiddenRetries, type RequestOptions } from '../delivery/connectorClient.js';

/** The one Connector operation the opener uses: it opens a chat and sends nothing into it. */
interface ChatCreation {
  createConversation(parameters: ConversationParameters, options?: RequestOptions): Promise<{ id?: string; serviceUrl?: string }>;
}

/** Answers to createConversation that say the bot may not open this chat from that channel. */
const REFUSALS: ReadonlySet<number> = new Set([400, 401, 403, 404]);

/** Teams could not be asked just now (throttled, failing, unreachable): not a refusal. */
export class ChatOpenUnavailable extends Error {
  constructor(
    readonly status: number | undefined,
    readonly retryAfter: string | undefined,
    cause: unknown,
  ) {
    super(`createConversation ${status ?? 'not answered'}`, { cause });
    this.name = 'ChatOpenUnavailable';
  }
}


export type OpenPersonalChat = (tenantId: string, aadObjectId: string) => Promise<ConversationRecord | undefined>;

export interface ChatOpenerDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;
  botAppId: string;
  /** A few of the tenant's team channels, whose references carry the serviceUrl and the bot. */
  channelsOf(tenantId: string): Promise<ConversationRecord[]>;
  save(record: ConversationRecord): Promise<void>;
  now(): number;
  /** How long Teams may take to answer. */
  timeoutMs?: number;
}

type Opened = { kind: 'opened'; conversationId: string; serviceUrl: string } | { kind: 'refused' } | { kind: 'unavailable'; error: ChatOpenUnavailable };

const classify = (error: unknown): Opened => {
  const e = error as { statusCode?: unknown; response?: { headers?: { get?(name: string): string | undefined } } };
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined && REFUSALS.has(status)) return { kind: 'refused' };
  return { kind: 'unavailable', error: new ChatOpenUnavailable(status, e?.response?.headers?.get?.('retry-after'), error) };
};

export function createPersonalChatOpener(deps: ChatOpenerDeps): OpenPersonalChat {
  const open = async (channel: Partial<ConversationReference>, tenantId: string, aadObjectId: string): Promise<Opened> => {
    let opened: Opened = { kind: 'unavailable', error: new ChatOpenUnavailable(undefined, undefined, 'the adapter did not run') };
    try {
      await deps.adapter.continueConversationAsync(deps.botAppId, channel, async (turn) => {
        // Nothing may escape the continuation: botbuilder would hand it to onTurnError.
        try {
          const connector = withoutHiddenRetries<ChatCreation>(turn.turnState.get(deps.adapter.ConnectorClientKey));
          const created = await connector.createConversation(
            { isGroup: false, bot: channel.bot as never, members: [{ id: aadObjectId, name: '' }], tenantId, channelData: { tenant: { id: tenantId } } },
            { timeout: deps.timeoutMs ?? 30_000 },
          );
          opened = created.id ? { kind: 'opened', conversationId: created.id, serviceUrl: created.serviceUrl || (channel.serviceUrl ?? '') } : { kind: 'refused' };
        } catch (error) {
          opened = classify(error);
        }
      });
    } catch (error) {
      opened = classify(error); // before the logic ran, e.g. credentials could not be created
    }
    return opened;
  };

  return async (tenantId, aadObjectId) => {
    for (const channel of await deps.channelsOf(tenantId)) {
      const reference = channel.reference as Partial<ConversationReference>;
      const chatTenant = reference.conversation?.tenantId || tenantId;
      if (!reference.serviceUrl || !reference.bot) continue;
      const opened = await open(reference, chatTenant, aadObjectId);
      if (opened.kind === 'unavailable') throw opened.error;
      if (opened.kind === 'refused') continue; // not installed for them here: try the next, then wait
      const record: ConversationRecord = {
        tenantId,
        conversationId: opened.conversationId,
        kind: 'personal',
        userAadObjectId: aadObjectId,
        reference: {
          channelId: reference.channelId ?? 'msteams',
          serviceUrl: opened.serviceUrl,
          bot: reference.bot,
          user: { id: aadObjectId, aadObjectId, name: '' },
          conversation: { id: opened.conversationId, conversationType: 'personal', tenantId: chatTenant, isGroup: false },
          ...(reference.locale ? { locale: reference.locale } : {}),
        } as Record<string, unknown>,
        updatedAt: deps.now(),
      };
      await deps.save(record);
      return record;
    }
    return undefined;
  };
}
