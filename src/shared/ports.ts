// The ports the use cases depend on. Adapters (Table Storage, Teams) implement them; tests
// can too. Nothing here knows about botbuilder or Azure.
import type { Language } from './language.js';
import type { Disclosed } from './disclosure/content.js';

/** The clock is passed in so rules and use cases never read the time themselves (src/shared/clocks.ts). */
export type { Clock } from './clocks.js';

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

/** Who gets the message: a stored conversation (channel, group chat) or a person's 1:1 chat. */
export type DeliveryTarget =
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'person'; aadObjectId: string };

export type DeliveryMessage =
  | { kind: 'card'; card: Record<string, unknown> }
  | { kind: 'text'; text: string };

export interface DeliveryJob {
  /**
   * Idempotency key: one delivery per key, ever. Build it from what makes the message unique,
   * e.g. `${programmeId}:${scheduleId}:${periodKey}:${recipientId}:${kind}`.
   */
  key: string;
  tenantId: string;
  target: DeliveryTarget;
  message: DeliveryMessage;
  /** Replace an activity the bot sent earlier (updateActivity) instead of posting a new one. */
  update?: { activityId: string };
  /** Epoch ms; the job is not sent before this. */
  notBefore?: number;
  /** What the message discloses (ideas, the prioritised list, internal material). The disclosure
   * guard checks it against the conversation's audience at send time; a card's own record of it
   * does not survive the queue, so the enqueuer states it here. */
  discloses: readonly Disclosed[];
}

export interface Delivery {
  /** 'duplicate' when the key was enqueued before; the job is then not queued again. */
  enqueue(job: DeliveryJob): Promise<'queued' | 'duplicate'>;
}

/** Told when a person has a chat with the bot, so messages waiting for them go out now. */
export interface FirstContact {
  reached(tenantId: string, aadObjectId: string): Promise<void>;
}

/** What finally happened to a job. Failures are kept so the programme office can be told. */
export type DeliveryOutcome =
  | { kind: 'sent'; at: number; attempts: number; activityId?: string }
  | { kind: 'failed-no-conversation'; at: number }
  /**
   * A message that left for Teams with no answer (it timed out, or its sender died), so Teams
   * may or may not have it. Not sent again, since Teams takes no idempotency key and a repeat
   * could reach everyone twice; listed for the office as "may not have arrived".
   */
  | { kind: 'unconfirmed'; at: number; attempts: number; leftAt: number; reason: 'no-answer' | 'holder-lost' }
  | { kind: 'failed-gave-up'; at: number; attempts: number; lastStatus?: number; lastError?: string };

export type DeliveryState = 'queued' | 'claimed' | 'sent' | 'failed';

export interface DeliveryRecord {
  key: string;
  tenantId: string;
  target: DeliveryTarget;
  state: DeliveryState;
  outcome?: DeliveryOutcome;
  createdAt: number;
  /** Epoch ms since when the job waits for its person's first contact with the bot (no chat yet). */
  waitingSince?: number;
}

export interface DeliveryLog {
  /** Every job of the tenant that ended in a failure, oldest first. */
  failures(tenantId: string): Promise<DeliveryRecord[]>;
  /** Every job of the tenant waiting for a person's first contact, oldest first. */
  waiting(tenantId: string): Promise<DeliveryRecord[]>;
  /** One job's record, e.g. to learn the activity id of a sent vote card for later updates. */
  find(tenantId: string, key: string): Promise<DeliveryRecord | undefined>;
}
