// Where personal views get the progress line's list (every voter's latest ballot). In the
// service it is the vote table's per-instance aggregate (VoteTable.progress): a burst of
// 200 voters costs a few partition reads, not 200. Casting, sealing, counting and every
// voter's own ballot always read storage, so nothing that decides anything is stale.
import type { VoteRef } from '../app/voteRepository.js';
import type { BallotRecord } from '../domain/gateVote.js';

export interface LatestReader {
  /** Every voter's latest ballot, including any this instance just recorded. */
  latest(ref: VoteRef): Promise<BallotRecord[]>;
}
