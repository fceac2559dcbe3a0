// What the voting use cases need from Teams: the vote's card in the body's channel and
// personal messages. The Teams adapter (src/features/votes/teams/voteBoard.ts) renders the cards and
// hands them to the Delivery port; the use cases only say what happened.
import type { GateVote } from '../domain/gateVote.js';
import type { VoteRef } from './voteRepository.js';

export interface VoteBoard {
  /** Posts the new vote's card in the body's channel (idempotent). */
  post(vote: GateVote): Promise<void>;
  /** A ballot was recorded: the channel card will show it soon. Coalesced; never throws. */
  changed(ref: VoteRef): void;
  /** Shows the vote's final state (the outcome, or the director's decision) in the channel.
   * False when it cannot yet (an earlier card update is still on its way): try again later. */
  settle(ref: VoteRef): Promise<boolean>;
  /** Tells people in their personal chat what was decided (idempotent per vote and person). */
  notify(vote: GateVote, people: readonly string[], what: 'outcome' | 'decision'): Promise<void>;
  /** Reminds members who have not voted that the vote closes soon (idempotent per vote and person). */
  remindVoters(vote: GateVote, people: readonly string[]): Promise<void>;
}
