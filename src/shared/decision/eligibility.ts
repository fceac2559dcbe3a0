// Who may vote in a body. Only members vote, the chair included; observers, the secretary and
// everyone else never do (Digi Rogaland §4.2: observers attend, the secretariat is not a member).
import type { Body } from '../programme/schema.js';

export type VotingStanding = 'member' | 'chair';
export type NonVotingStanding = 'observer' | 'secretary' | 'non-member';
export type Standing = VotingStanding | NonVotingStanding;

/** The part of a body that decides who votes. */
export type Electorate = Pick<Body, 'members' | 'chair' | 'observers' | 'secretary'>;

/** A union, so `!canVote` narrows `standing` to the roles that never vote. */
export type PersonStanding =
  | { standing: VotingStanding; canVote: true }
  | { standing: NonVotingStanding; canVote: false };

/**
 * A person's standing in a body. The programme loader rejects overlapping roles
 * (crossReferences.ts); should one slip through, a non-voting role wins so an observer or the
 * secretary can never sway a vote. The chair is a member by definition and votes even if the
 * members list forgot them.
 */
export function standingIn(body: Electorate, person: string): PersonStanding {
  return standingsIn(body)(person);
}

/** Everyone who may vote, once each, in the order the body lists its members (chair last if unlisted). */
export function eligibleVoters(body: Electorate): string[] {
  const candidates = body.chair === undefined ? body.members : [...body.members, body.chair];
  const standing = standingsIn(body); // once, not per candidate: bodies of 200 are real
  return [...new Set(candidates)].filter((person) => standing(person).canVote);
}

/** standingIn for many people of one body, the lists read into sets once (see standingIn). */
export function standingsIn(body: Electorate): (person: string) => PersonStanding {
  const observers = new Set(body.observers);
  const members = new Set(body.members);
  return (person) => {
    if (observers.has(person)) return { standing: 'observer', canVote: false };
    if (body.secretary === person) return { standing: 'secretary', canVote: false };
    if (body.chair === person) return { standing: 'chair', canVote: true };
    if (members.has(person)) return { standing: 'member', canVote: true };
    return { standing: 'non-member', canVote: false };
  };
}
