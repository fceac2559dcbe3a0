// THE one place where proactive deliveries leave for Teams. Every send and update made by the
// delivery worker goes through the SendToTeams function built here, and nowhere else; inside the
// conversation's turn it reads the audience and asks the disclosure guard first. A refusal
// answers `{ kind: 'rejected', status: 403, code: 'DisclosureBlocked' }`, which is not retried and
// is listed for the office.
//
// Why not `turn.sendActivity()` inside `adapter.continueConversationAsync()`? Measured with
// botbuilder 4.23.3: (1) the ConnectorClient's own pipeline (defaultRetryPolicy of
// @azure/core-rest-pipeline) silently retries 429 honouring Retry-After, and 5xx and network
// errors, up to 3 more times, so the caller never sees a 429 and the rate limiter never hears
// of the retries; (2) an error thrown inside the continuation logic is caught by
// BotAdapter.runMiddleware and handed to `adapter.onTurnError`, which in app.ts sends an
// apology into the same conversation and swallows the error, so continueConversationAsync
// resolves as if the send had worked. Hence: use the adapter only to build the turn's
// ConnectorClient (same auth as replies), take its hidden retry policy out, call the
// Connector directly, and never let anything escape the logic. A failed send then comes back
// as a RestError with `statusCode` and `response.headers.get('retry-after')`.
import { CardFactory, TeamsInfo, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { DeliveryMessage } from '../../app/delivery.js';
import type { DisclosureGuard } from '../../app/disclosure/disclosureGuard.js';
import type { ConversationRegistry } from '../../app/disclosure/ports.js';
import type { ConversationRecord } from '../../app/ports.js';
import type { Audience } from '../../domain/disclosure/audience.js';
import type { Disclosed } from '../../domain/disclosure/content.js';
import { toRole } from '../outbound/rosterCache.js';

export interface TeamsSendRequest {
  tenantId: string;
  /** The delivery key, for audit and for a guard to explain a refusal. */
  key: string;
  conversation: ConversationRecord;
  message: DeliveryMessage;
  /** What the message discloses; checked against the conversation's audience before sending. */
  discloses: readonly Disclosed[];
  /** Replace this earlier activity instead of posting a new one. */
  update?: { activityId: string };
  timeoutMs: number;
}

export type TeamsSendResult =
  | { kind: 'ok'; activityId?: string }
  /** The Connector answered with an error status. */
  | { kind: 'rejected'; status: number; retryAfter?: string; code?: string }
  /** No answer: connection refused or reset, timeout, credentials unavailable. */
  | { kind: 'unreachable'; error: string };

export type SendToTeams = (request: TeamsSendRequest) => Promise<TeamsSendResult>;

export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;

interface RequestOptions {
  timeout?: number;
  abortSignal?: AbortSignal;
}

interface ConnectorOperations {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: RequestOptions): Promise<{ id?: string }>;
  updateActivity(
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
    options?: RequestOptions,
  ): Promise<{ id?: string }>;
}

/** Private botbuilder internals (pinned 4.23.3); checked so a version bump fails loudly, not quietly. */
interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown[] } };
}

const RETRY_POLICY = 'defaultRetryPolicy';

function withoutHiddenRetries(connector: unknown): ConnectorOperations {
  const pipeline = (connector as PipelineHolder | undefined)?.client?.pipeline;
  if (!pipeline || typeof (connector as { conversations?: unknown }).conversations !== 'object') {
    throw new Error('botbuilder ConnectorClient internals changed: cannot disable its retry policy');
  }
  pipeline.removePolicy({ name: RETRY_POLICY });
  return (connector as { conversations: ConnectorOperations }).conversations;
}

function activityFor(reference: Partial<ConversationReference>, message: DeliveryMessage, update?: { activityId: string }): Partial<Activity> {
  return {
    type: 'message',
    ...(reference.channelId ? { channelId: reference.channelId } : {}),
    ...(reference.serviceUrl ? { serviceUrl: reference.serviceUrl } : {}),
    ...(reference.conversation ? { conversation: reference.conversation } : {}),
    ...(reference.bot ? { from: reference.bot } : {}),
    ...(reference.user ? { recipient: reference.user } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
    ...(message.kind === 'card'
      ? { attachments: [CardFactory.adaptiveCard(message.card)] }
      : { text: message.text, textFormat: 'plain' }),
    ...(update ? { id: update.activityId } : {}),
  };
}

function resultOf(error: unknown): TeamsSendResult {
  const e = error as { statusCode?: unknown; code?: unknown; response?: { headers?: { get?(name: string): string | undefined } } };
  if (typeof e?.statusCode === 'number') {
    const retryAfter = e.response?.headers?.get?.('retry-after');
    return {
      kind: 'rejected',
      status: e.statusCode,
      ...(retryAfter ? { retryAfter } : {}),
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
    };
  }
  return { kind: 'unreachable', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

async function post(turn: TurnContext, adapter: ProactiveAdapter, request: TeamsSendRequest, deadline: AbortSignal): Promise<TeamsSendResult> {
  try {
    const conversations = withoutHiddenRetries(turn.turnState.get(adapter.ConnectorClientKey));
    const reference = request.conversation.reference as Partial<ConversationReference>;
    const conversationId = reference.conversation?.id ?? request.conversation.conversationId;
    const activity = activityFor(reference, request.message, request.update);
    // The deadline also covers token acquisition, so no request can leave after timeoutMs:
    // the worker's lease is sized on that promise.
    const options = { timeout: request.timeoutMs, abortSignal: deadline };
    const response = request.update
      ? await conversations.updateActivity(conversationId, request.update.activityId, activity, options)
      : await conversations.sendToConversation(conversationId, activity, options);
    const activityId = response?.id || request.update?.activityId;
    return { kind: 'ok', ...(activityId ? { activityId } : {}) };
  } catch (error) {
    return resultOf(error);
  }
}

/** Who is in the conversation a proactive message goes to, read in its own turn. Any failure
 * makes the audience unknown, which the guard treats as external (fail closed). */
async function proactiveAudience(turn: TurnContext, request: TeamsSendRequest, registry: ConversationRegistry): Promise<Audience> {
  try {
    const { conversation } = request;
    const members: { aadObjectId: string; tenantId: string; role: ReturnType<typeof toRole> }[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(turn, 500, continuationToken);
      for (const m of page.members) members.push({ aadObjectId: m.aadObjectId ?? '', tenantId: m.tenantId ?? request.tenantId, role: toRole(m.userRole) });
      continuationToken = page.continuationToken || undefined;
    } while (continuationToken);
    if (conversation.kind === 'personal') {
      const [member] = members;
      return member ? { kind: 'personal', member } : { kind: 'unknown', why: 'roster-unavailable' };
    }
    return { kind: 'group', members, registeredTo: await registry.programmesOf(request.tenantId, conversation.conversationId) };
  } catch {
    return { kind: 'unknown', why: 'roster-unavailable' };
  }
}

export interface ProactiveGuard {
  guard: DisclosureGuard;
  registry: ConversationRegistry;
  now(): number;
}

/** Builds the single send function. `botAppId` is the bot's app id ('' when running without auth). */
export function createSendToTeams(adapter: ProactiveAdapter, botAppId: string, disclosure: ProactiveGuard): SendToTeams {
  return async (request) => {
    const deadline = AbortSignal.timeout(request.timeoutMs);
    let result: TeamsSendResult = { kind: 'unreachable', error: 'the adapter did not run the send' };
    try {
      await adapter.continueConversationAsync(botAppId, request.conversation.reference as Partial<ConversationReference>, async (turn) => {
        try {
          const verdict = await disclosure.guard.check(
            {
              tenantId: request.tenantId,
              actor: { id: 'samspill', name: 'Samspill' },
              conversation: { id: request.conversation.conversationId, kind: request.conversation.kind },
              audience: { audience: () => proactiveAudience(turn, request, disclosure.registry) },
              now: disclosure.now(),
            },
            request.discloses,
          );
          if (!verdict.allowed) {
            result = { kind: 'rejected', status: 403, code: 'DisclosureBlocked' };
            return;
          }
        } catch (error) {
          result = resultOf(error);
          return;
        }
        result = await post(turn, adapter, request, deadline); // never throws: nothing may reach onTurnError
      });
    } catch (error) {
      // Thrown before the logic ran, e.g. credentials could not be created.
      result = resultOf(error);
    }
    return result;
  };
}
