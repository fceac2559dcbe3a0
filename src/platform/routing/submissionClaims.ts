// Issue 22.9: one card submission changes the record once, however often it arrives (a double
// click, Teams retrying an invoke it got no answer to in time, the same invoke reaching two
// instances). Each person has one claim slot per verb; it holds the fingerprint of their latest
// submission of that verb (its data, which on a form includes the card's fresh submission id)
// and, once handled, the answer. This file is the port and the pure rule of what a repeat is.

/** A submission arriving again within this time of its answer gets that answer again. Later,
 * the same data is a new submission (e.g. assigning a leader again a day later). */
export const REPEAT_WINDOW_MS = 10 * 60_000;
/** A claim still unanswered this long after it was taken belongs to a turn that died (a crash,
 * a lost instance): the next arrival takes it over and handles the submission. */
export const STALE_CLAIM_MS = 30_000;

export interface ClaimSlot {
  tenantId: string;
  /** Whose submission, and of which verb. */
  actor: string;
  verb: string;
}

export interface StoredClaim {
  fingerprint: string;
  claimedAt: number;
  /** Set once the submission was handled: when, and the answer (absent if too big to keep). */
  answeredAt?: number;
  answer?: string;
}

export type Claim =
  /** This turn handles the submission; `token` answers or releases the claim. */
  | { kind: 'claimed'; token: string }
  /** A repeat of a handled submission. */
  | { kind: 'answered'; answer: string | undefined }
  /** A repeat of a submission another turn is handling right now. */
  | { kind: 'pending' };

export interface SubmissionClaims {
  /** Takes the slot for this fingerprint unless `repeatOf` says it is a repeat. */
  claim(slot: ClaimSlot, fingerprint: string, now: number): Promise<Claim>;
  /** Keeps the answer, unless the slot has since been taken by another submission. */
  answer(slot: ClaimSlot, token: string, answer: string | undefined, now: number): Promise<void>;
  /** Frees the slot after a failed turn, so the retry is handled afresh. */
  release(slot: ClaimSlot, token: string): Promise<void>;
}

/** Whether a submission with this fingerprint is a repeat of the slot's stored one. Pure. */
export function repeatOf(stored: StoredClaim | undefined, fingerprint: string, now: number): 'answered' | 'pending' | undefined {
  if (!stored || stored.fingerprint !== fingerprint) return undefined;
  if (stored.answeredAt !== undefined) return now - stored.answeredAt <= REPEAT_WINDOW_MS ? 'answered' : undefined;
  return now - stored.claimedAt < STALE_CLAIM_MS ? 'pending' : undefined;
}
