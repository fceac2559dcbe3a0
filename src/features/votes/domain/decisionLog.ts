// The trail of one vote for the decision log: every ballot in the order it was cast, which
// choice it replaced, and whether it is the one that counts.
import type { Choice } from '../../../shared/decision/ballot.js';
import type { BallotRecord, GateVote } from './gateVote.js';

export interface TrailEntry extends BallotRecord {
  /** The voter's previous choice when this ballot changed it. */
  changedFrom?: Choice;
  /** The voter's latest ballot: the one that counts (or will, while the vote is open). */
  latest: boolean;
}

export function ballotTrail(ballots: readonly BallotRecord[]): TrailEntry[] {
  const byVoter = new Map<string, BallotRecord[]>();
  for (const b of ballots) byVoter.set(b.voter, [...(byVoter.get(b.voter) ?? []), b]);
  const entries: TrailEntry[] = [];
  for (const list of byVoter.values()) {
    const sorted = [...list].sort((a, b) => a.seq - b.seq);
    sorted.forEach((b, i) => {
      const previous = sorted[i - 1];
      entries.push({
        ...b,
        ...(previous && previous.choice !== b.choice ? { changedFrom: previous.choice } : {}),
        latest: i === sorted.length - 1,
      });
    });
  }
  // Cast order; the per-voter sequence breaks ties in the same millisecond.
  return entries.sort((a, b) => a.castAt - b.castAt || a.seq - b.seq || a.voter.localeCompare(b.voter));
}

/** Newest first, for the log card. */
export const newestFirst = (votes: readonly GateVote[]): GateVote[] => [...votes].sort((a, b) => b.openedAt - a.openedAt);
