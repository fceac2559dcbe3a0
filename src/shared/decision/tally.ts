// Counting: which ballots count, which are ignored and why, and the totals over the members.
import { latestPerVoter, type Ballot } from './ballot.js';
import { eligibleVoters, standingsIn, type Electorate, type NonVotingStanding } from './eligibility.js';

/** Why a ballot did not count. Superseded ballots (a changed vote) are history, not ignored. */
export type IgnoreWhy = NonVotingStanding | 'after-close';

export interface IgnoredBallot {
  ballot: Ballot;
  why: IgnoreWhy;
}

export interface Counts {
  for: number;
  against: number;
  abstain: number;
  /** Eligible members with no counted ballot. for + against + abstain + notVoted = eligible. */
  notVoted: number;
}

export interface Tally {
  counts: Counts;
  /** The ballot that counts for each member who voted, in the body's member order. */
  effective: Ballot[];
  /** Eligible members who did not vote, in the body's member order. */
  didNotVote: string[];
  /** In castAt order (then input order), so the result does not depend on how ballots were stored. */
  ignored: IgnoredBallot[];
}

/** `closedAt`: ballots cast after it are ignored; one cast exactly at it still counts. */
export function tally(body: Electorate, ballots: readonly Ballot[], closedAt?: number): Tally {
  const ignored: IgnoredBallot[] = [];
  const counted: Ballot[] = [];
  const standingOf = standingsIn(body);
  for (const ballot of ballots) {
    const person = standingOf(ballot.voter);
    if (!person.canVote) ignored.push({ ballot, why: person.standing });
    else if (closedAt !== undefined && ballot.castAt > closedAt) ignored.push({ ballot, why: 'after-close' });
    else counted.push(ballot);
  }
  // Array.prototype.sort is stable, so equal castAt keeps input order.
  ignored.sort((a, b) => a.ballot.castAt - b.ballot.castAt);

  const latest = latestPerVoter(counted);
  const counts: Counts = { for: 0, against: 0, abstain: 0, notVoted: 0 };
  const effective: Ballot[] = [];
  const didNotVote: string[] = [];
  for (const member of eligibleVoters(body)) {
    const ballot = latest.get(member);
    if (ballot === undefined) {
      counts.notVoted += 1;
      didNotVote.push(member);
    } else {
      counts[ballot.choice] += 1;
      effective.push(ballot);
    }
  }
  return { counts, effective, didNotVote, ignored };
}
