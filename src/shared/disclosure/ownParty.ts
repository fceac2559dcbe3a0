// No party speaks for another (seed 000 §6.3 «Partene skal ikke uttale seg på vegne av de andre
// partene uten forutgående samtykke»): a person who shares the prioritised list or a project's
// material into a conversation outside the programme first confirms that they speak only for
// their own party. Pure: which outputs need the confirmation, and whether a confirmation given
// on a card may release the share it was asked for.
import type { Disclosed } from './content.js';
import type { DisclosureVerdict } from './decide.js';

/** The prioritised list, or a project's material (an idea past registration is a project; its documents). */
export const isPartyMaterial = (item: Disclosed): boolean => item.kind === 'prioritised-list' || item.kind === 'idea' || item.kind === 'idea-documents';

/**
 * The items of an output the policy let through that still wait for the sharer's confirmation:
 * when the audience is outside the programme (`external`), nothing else was withheld (a refused
 * output is refused, there is nothing to confirm), and the sharer has not confirmed it.
 * Inside the programme nothing is asked.
 */
export function awaitingOwnPartyConfirmation(verdict: DisclosureVerdict, items: readonly Disclosed[], confirmed: boolean): Disclosed[] {
  if (!verdict.external || !verdict.allowed || confirmed) return [];
  return items.filter(isPartyMaterial);
}

/** How long a confirmation card stays valid: what it would share was read when it was asked. */
export const SHARE_CONFIRMATION_VALID_MS = 60 * 60_000;

/** A share held until its sharer confirms. */
export interface HeldShare {
  sharer: string;
  conversationId: string;
  askedAt: number;
  state: 'pending' | 'confirmed' | 'declined';
}

export type ConfirmationProblem = 'not-the-sharer' | 'other-conversation' | 'expired' | 'already-confirmed' | 'declined';

/**
 * Whether `person`, clicking in `conversationId` at `now`, may confirm (or decline) the held
 * share. Only the sharer speaks for their party, and only where they asked; a share confirmed
 * once is not shared again.
 */
export function confirmationProblem(share: HeldShare, person: string, conversationId: string, now: number): ConfirmationProblem | undefined {
  if (share.sharer !== person) return 'not-the-sharer';
  if (share.conversationId !== conversationId) return 'other-conversation';
  if (share.state === 'confirmed') return 'already-confirmed';
  if (share.state === 'declined') return 'declined';
  if (now - share.askedAt > SHARE_CONFIRMATION_VALID_MS) return 'expired';
  return undefined;
}
