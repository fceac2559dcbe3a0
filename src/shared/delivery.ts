// The proactive-delivery port: use cases (reminders, vote-card updates) hand a job over and
// get on with their work. The adapter behind it sends each job key to Teams at most once, keeps
// a record of every outcome, and never drops a failure silently (the office lists them).
import type { DeliveryJob, Delivery } from './ports.js';
export type { DeliveryTarget, DeliveryMessage, DeliveryJob, Delivery, FirstContact, DeliveryOutcome, DeliveryRecord, DeliveryLog } from './ports.js';

/** `lastError` of a job the disclosure guard refused (sendToTeams.ts answers 403 with it). */
export const DISCLOSURE_BLOCKED = 'DisclosureBlocked';

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
