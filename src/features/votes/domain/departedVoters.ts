// A party that leaves while a vote runs (DSOP §3.1, Digi Rogaland §7, KMD–KS §7). A vote keeps
// the electorate it opened with against any other change to its body, but from a withdrawal's
// effective date (an Oslo day) the withdrawn party's people no longer vote in it: a ballot they
// try to cast is refused, and those who had not voted are no longer counted as voters (quorum,
// the progress line, the reminder). A ballot one of them cast before the effective date stands
// as cast: it counts, and it stays in the decision log. Pure: the clock arrives as `now`.
import type { Ballot } from '../../../shared/decision/ballot.js';
import { type Electorate, standingIn } from '../../../shared/decision/eligibility.js';
import type { Withdrawal } from '../../membership/domain/withdrawal.js';
import type { Programme } from '../../../shared/programme/schema.js';
import { osloDate } from '../../../shared/schedule/oslo.js';

/** What this rule reads of a withdrawal. */
export type Departure = Pick<Withdrawal, 'partyId' | 'effective'>;

/** The withdrawal of the person's party that is in effect at `now`, if there is one. */
export function departureOf<D extends Departure>(programme: Pick<Programme, 'people'>, withdrawals: readonly D[], person: string, now: number): D | undefined {
  if (withdrawals.length === 0) return undefined;
  const party = programme.people.find((p) => p.aadObjectId === person)?.party;
  if (party === undefined) return undefined;
  const today = osloDate(now);
  return withdrawals.find((w) => w.partyId === party && w.effective <= today);
}

/**
 * The departure that stops this person voting in a vote with this electorate at `now`: they
 * were one of its voters (member or chair) and their party's withdrawal is in effect.
 * Undefined for anyone else, who is refused (or not) as the electorate says.
 */
export function departedVoter<D extends Departure>(
  electorate: Electorate,
  programme: Pick<Programme, 'people'>,
  withdrawals: readonly D[],
  person: string,
  now: number,
): D | undefined {
  if (!standingIn(electorate, person).canVote) return undefined;
  return departureOf(programme, withdrawals, person, now);
}

/** Each voter's last castAt among `latest`, read once (not once per member). */
const lastCastOf = (latest: readonly Pick<Ballot, 'voter' | 'castAt'>[]): Map<string, number> => {
  const last = new Map<string, number>();
  for (const b of latest) last.set(b.voter, Math.max(last.get(b.voter) ?? Number.NEGATIVE_INFINITY, b.castAt));
  return last;
};

/**
 * The vote's electorate as it stands at `now`: a member (or the chair) whose party's
 * withdrawal is in effect leaves it, unless their latest ballot was cast before the effective
 * date (that ballot stands, so they stay counted with it). A latest ballot cast on or after the
 * date (only a race with the refusal can make one) does not keep them: it is then not counted.
 * Observers and the secretary keep their places (they never vote). Unchanged when no voter has
 * departed (the same object, so callers may compare).
 */
export function electorateAt(
  electorate: Electorate,
  programme: Pick<Programme, 'people'>,
  withdrawals: readonly Departure[],
  latest: readonly Pick<Ballot, 'voter' | 'castAt'>[],
  now: number,
): Electorate {
  if (withdrawals.length === 0) return electorate;
  const lastCast = lastCastOf(latest);
  const stays = (person: string): boolean => {
    const departure = departureOf(programme, withdrawals, person, now);
    if (departure === undefined) return true;
    const cast = lastCast.get(person);
    return cast !== undefined && osloDate(cast) < departure.effective; // their ballot from before stands
  };
  const members = electorate.members.filter(stays);
  const chairStays = electorate.chair === undefined || stays(electorate.chair);
  if (members.length === electorate.members.length && chairStays) return electorate;
  const { chair, ...rest } = electorate;
  return { ...rest, members, ...(chair !== undefined && chairStays ? { chair } : {}) };
}

/** The vote with its electorate as it stands at `now` (see electorateAt). */
export function voteAt<V extends { electorate: Electorate }>(
  vote: V,
  programme: Pick<Programme, 'people'>,
  withdrawals: readonly Departure[],
  latest: readonly Pick<Ballot, 'voter' | 'castAt'>[],
  now: number,
): V {
  const electorate = electorateAt(vote.electorate, programme, withdrawals, latest, now);
  return electorate === vote.electorate ? vote : { ...vote, electorate };
}
