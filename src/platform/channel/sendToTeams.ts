// THE one place where proactive deliveries leave for Teams. Every send and update made by the
// delivery worker goes through the SendToTeams function built here, and nowhere else; inside the
// conversation's turn it reads the audience and asks the disclosure guard first. A refusal
// answers `{ kind: 'rejected', status: 403, code: 'DisclosureBlocked' }`, which is not retried,
// is listed for the office and is told to the office in personal chat (WithheldSends). An
// audience that could not be read (Teams throttles roster reads like sends) is no verdict: the
// message stays unsent and the answer carries Teams' own status (`code: 'RosterUnavailable'`),
// so the worker's ordinary retry rules decide, as for a failed post.
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
import { CardFactory, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { DISCLOSURE_BLOCKED, type DeliveryMessage } from '../../shared/delivery.js';
import type { DisclosureGuard } from '../../features/confidentiality/app/disclosureGuard.js';
import type { ConversationRegistry, WithheldSends } from '../../features/confidentiality/app/ports.js';
import type { ConversationRecord } from '../../shared/ports.js';
import type { Audience } from '../../shared/disclosure/audience.js';
import type { Disclosed } from '../../shared/disclosure/content.js';
import type { Withheld } from '../../shared/disclosure/decide.js';
import { readPersonalMember, readRoster } from './rosterReads.js';
import { withoutHiddenRetries, type RequestOptions } from '../delivery/connectorClient.js';

/** The Connector operations a delivery uses. */
interface ConnectorOperations {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: RequestOptions): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: RequestOptions): Promise<{ id?: string }>;
}
import { cutNotice, fitCard, fitText } from '../outbound/teamsSize.js';
import { languageOf } from '../../shared/language.js';

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
  /** How long the post may wait for Teams' answer, from the moment it leaves. */
  timeoutMs: number;
  /**
   * Asked after the disclosure check, right before the request leaves: false keeps it at home
   * (answer `kept`). The worker records here that a send is under way, so that whoever finds the
   * job later knows its fate may be unknown.
   */
  leaving?: () => Promise<boolean>;
}

export type TeamsSendResult =
  | { kind: 'ok'; activityId?: string }
  /** The Connector answered with an error status. */
  | { kind: 'rejected'; status: number; retryAfter?: string; code?: string }
  /** Nothing reached Teams: no connection (refused, no such host), no credentials. Safe to repeat. */
  | { kind: 'not-sent'; error: string }
  /** `leaving` said no: nothing was sent. */
  | { kind: 'kept' }
  /** The request left but no answer came (timeout, connection dropped): Teams may have it. */
  | { kind: 'no-answer'; error: string };

export type SendToTeams = (request: TeamsSendRequest) => Promise<TeamsSendResult>;

export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;

function activityFor(reference: Partial<ConversationReference>, message: DeliveryMessage, update?: { activityId: string }): Partial<Activity> {
  const envelope: Partial<Activity> = {
    type: 'message',
    ...(reference.channelId ? { channelId: reference.channelId } : {}),
    ...(reference.serviceUrl ? { serviceUrl: reference.serviceUrl } : {}),
    ...(reference.conversation ? { conversation: reference.conversation } : {}),
    ...(reference.bot ? { from: reference.bot } : {}),
    ...(reference.user ? { recipient: reference.user } : {}),
    ...(reference.locale ? { locale: reference.locale } : {}),
    ...(update ? { id: update.activityId } : {}),
  };
  // Made to fit Teams' size limit here, the one place proactive activities are built.
  const language = languageOf(reference.locale);
  return message.kind === 'card'
    ? fitCard(message.card, (card) => ({ ...envelope, attachments: [CardFactory.adaptiveCard(card)] }), cutNotice(language)).value
    : fitText(message.text, (text) => ({ ...envelope, text, textFormat: 'plain' }));
}

/** Errors raised before a connection existed: the request cannot have reached Teams. */
const NEVER_CONNECTED = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ERR_INVALID_URL)\b/;

/** `left`: whether the request may have been written to Teams (after `leaving`). */
function resultOf(error: unknown, left = false): TeamsSendResult {
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
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const neverConnected = NEVER_CONNECTED.test(text) || (typeof e?.code === 'string' && NEVER_CONNECTED.test(e.code));
  return left && !neverConnected ? { kind: 'no-answer', error: text } : { kind: 'not-sent', error: text };
}

async function post(turn: TurnContext, adapter: ProactiveAdapter, request: TeamsSendRequest): Promise<TeamsSendResult> {
  let left = false;
  try {
    const conversations = withoutHiddenRetries<ConnectorOperations>(turn.turnState.get(adapter.ConnectorClientKey));
    const reference = request.conversation.reference as Partial<ConversationReference>;
    const conversationId = reference.conversation?.id ?? request.conversation.conversationId;
    const activity = activityFor(reference, request.message, request.update);
    if (request.leaving && !(await request.leaving())) return { kind: 'kept' };
    left = true;
    // The deadline also covers token acquisition, so no request is still out after timeoutMs:
    // the worker's lease is sized on that.
    const options = { timeout: request.timeoutMs, abortSignal: AbortSignal.timeout(request.timeoutMs) };
    const response = request.update
      ? await conversations.updateActivity(conversationId, request.update.activityId, activity, options)
      : await conversations.sendToConversation(conversationId, activity, options);
    const activityId = response?.id || request.update?.activityId;
    return { kind: 'ok', ...(activityId ? { activityId } : {}) };
  } catch (error) {
    return resultOf(error, left);
  }
}

/** Teams could not say who is in the conversation: carries the answer to give the worker. */
class AudienceUnread extends Error {
  constructor(readonly result: TeamsSendResult) {
    super('the conversation\'s members could not be read');
  }
}

/** Who is in the conversation a proactive message goes to, read in its own turn and the same
 * way as for a reply (rosterReads.ts): a personal chat is the one user its reference names. A
 * read Teams refuses or does not answer throws AudienceUnread (nothing is sent). */
async function proactiveAudience(turn: TurnContext, request: TeamsSendRequest, registry: ConversationRegistry): Promise<Audience> {
  const { conversation } = request;
  const reference = conversation.reference as Partial<ConversationReference>;
  const tenant = reference.conversation?.tenantId || request.tenantId;
  const unread = (error: unknown): never => {
    const failed = resultOf(error);
    throw new AudienceUnread(failed.kind === 'rejected' ? { ...failed, code: 'RosterUnavailable' } : failed);
  };
  if (conversation.kind === 'personal') {
    const user = reference.user;
    // A reference without its user cannot say who would read the message: fail closed.
    if (!user?.id) return { kind: 'unknown', why: 'roster-unavailable' };
    const member = await readPersonalMember(turn, { id: user.id, aadObjectId: conversation.userAadObjectId ?? user.aadObjectId }, tenant).catch(unread);
    return { kind: 'personal', member };
  }
  const members = await readRoster(turn, tenant).catch(unread);
  return { kind: 'group', members, registeredTo: await registry.programmesOf(request.tenantId, conversation.conversationId) };
}

export interface ProactiveGuard {
  guard: DisclosureGuard;
  registry: ConversationRegistry;
  now(): number;
  /** Told of every send the guard withheld, so the office hears of it. */
  withheld?: WithheldSends;
}

/** Hands a refusal to the office's notices; a failure there must not change the send's answer. */
async function tellOffice(disclosure: ProactiveGuard, request: TeamsSendRequest, withheld: Withheld[]): Promise<void> {
  try {
    const { conversation } = request;
    await disclosure.withheld?.report({
      tenantId: request.tenantId,
      key: request.key,
      conversation: { id: conversation.conversationId, kind: conversation.kind, ...(conversation.userAadObjectId ? { person: conversation.userAadObjectId } : {}) },
      withheld,
      at: disclosure.now(),
    });
  } catch {
    // The refusal is in the ledger and the audit log all the same.
  }
}

/** Builds the single send function. `botAppId` is the bot's app id ('' when running without auth). */
export function createSendToTeams(adapter: ProactiveAdapter, botAppId: string, disclosure: ProactiveGuard): SendToTeams {
  return async (request) => {
    let result: TeamsSendResult = { kind: 'not-sent', error: 'the adapter did not run the send' };
    try {
      await adapter.continueConversationAsync(botAppId, request.conversation.reference as Partial<ConversationReference>, async (turn) => {
        try {
          // The roster read goes through the same client as the post: no hidden retries either.
          withoutHiddenRetries<ConnectorOperations>(turn.turnState.get(adapter.ConnectorClientKey));
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
            result = { kind: 'rejected', status: 403, code: DISCLOSURE_BLOCKED };
            await tellOffice(disclosure, request, verdict.withheld);
            return;
          }
        } catch (error) {
          result = error instanceof AudienceUnread ? error.result : resultOf(error);
          return;
        }
        result = await post(turn, adapter, request); // never throws: nothing may reach onTurnError
      });
    } catch (error) {
      // Thrown before the logic ran, e.g. credentials could not be created.
      result = resultOf(error);
    }
    return result;
  };
}
