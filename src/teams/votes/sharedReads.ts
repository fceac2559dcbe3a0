// Per-person views after a burst of clicks all need the same list (every voter's latest
// ballot) only for their progress line. This shares one read among concurrent views and
// reuses it briefly, so 200 simultaneous voters cost a handful of partition reads instead of
// 200. It is given to the views only (voteVerbs.ts): casting, sealing, counting and every
// voter's own ballot always read storage directly, so nothing that decides anything is stale.
import type { VoteRef, VoteRepository } from '../../app/votes/voteRepository.js';
import type { BallotRecord } from '../../domain/vote/gateVote.js';

export interface LatestReader {
  /** Every voter's latest ballot. `startedAfter` (ms, this reader's clock): reuse only a read
   * that began after it, e.g. after the caller's own ballot was stored. */
  latest(ref: VoteRef, startedAfter?: number): Promise<BallotRecord[]>;
}

export function sharedLatest(
  votes: Pick<VoteRepository, 'latest'>,
  reuseMs = 1_000,
  now: () => number = () => Date.now(),
): LatestReader & { now(): number } {
  const reads = new Map<string, { at: number; list: Promise<BallotRecord[]> }>();
  return {
    now,
    latest(ref: VoteRef, startedAfter = -Infinity): Promise<BallotRecord[]> {
      const key = `${ref.tenantId}|${ref.programmeId}|${ref.voteId}`;
      const t = now();
      const hit = reads.get(key);
      if (hit && t - hit.at <= reuseMs && hit.at > startedAfter) return hit.list;
      if (reads.size > 1_000) for (const [k, v] of reads) if (t - v.at > reuseMs) reads.delete(k);
      const list = votes.latest(ref);
      reads.set(key, { at: t, list });
      list.catch(() => reads.delete(key));
      return list;
    },
  };
}
