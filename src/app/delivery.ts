// The proactive-delivery port: use cases (reminders, vote-card updates) hand a job over and
// get on with their work. The adapter behind it sends each job key to Teams at most once, keeps
// a record of every outcome, and never drops a failure silently (the office lists them).

/** Who gets the message: a stored conversation (channel, group chat) or a person's 1:1 chat. */
export type DeliveryTarget =
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'person'; aadObjectId: string };

export type DeliveryMessage =
  | { kind: 'card'; card: Record<string, unknown> }
  | { kind: 'text'; text: string };

import type { Disclosed } from '../domain/disclosure/content.js';

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

/** `lastError` of a job the disclosure guard refused (sendToTeams.ts answers 403 with it). */
export const DISCLOSURE_BLOCKED = 'DisclosureBlocked';

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

/**
 * Enqueues `jobs` a few at a time, answers in their order. Concurrent enqueues share queue
 * messages (a fan-out of 5,000 reminders becomes a few hundred), which one-at-a-time cannot.
 */
export async function enqueueAll(delivery: Delivery, jobs: readonly DeliveryJob[], concurrency = 16): Promise<('queued' | 'duplicate')[]> {
  const answers: ('queued' | 'duplicate')[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      answers[i] = await delivery.enqueue(jobs[i] as DeliveryJob);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
  return answers;
}
