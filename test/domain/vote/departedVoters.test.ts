// A party that leaves while a vote runs: from the withdrawal's effective date (an Oslo day) its
// people cast no more ballots and, unless they voted before that day, are no longer counted as
// voters; a ballot cast before the day stands as cast. Pure; the clock is passed in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/shared/decision/decide.js';
import { eligibleVoters, type Electorate } from '../../../src/shared/decision/eligibility.js';
import type { Person } from '../../../src/shared/programme/schema.js';
import { osloTime } from '../../../src/shared/schedule/oslo.js';
import { departedVoter, departureOf, electorateAt, voteAt, type Departure } from '../../../src/features/votes/domain/departedVoters.js';

const person = (aadObjectId: string, party: string): Person => ({ aadObjectId, name: aadObjectId, party, roles: [] });
/** Two parties: a (a1, a2, a-chair, a-obs, a-sec) stays; b (b1, b2, b-chair) leaves. */
const programme = {
  people: [
    person('a1', 'a'),
    person('a2', 'a'),
    person('a-chair', 'a'),
    person('a-obs', 'a'),
    person('a-sec', 'a'),
    person('b1', 'b'),
    person('b2', 'b'),
    person('b-chair', 'b'),
    person('b-obs', 'b'),
    person('b-sec', 'b'),
  ],
};
const leaves: Departure = { partyId: 'b', effective: '2028-01-01' };
const electorate: Electorate = { members: ['a1', 'b1', 'a2', 'b2'], chair: 'a-chair', observers: ['a-obs', 'b-obs'], secretary: 'b-sec' };

/** Oslo wall-clock instants around the effective day. */
const lastEvening = osloTime('2027-12-31', 23, 59) + 59_999; // 23:59:59.999 Oslo, 22:59:59.999Z
const midnight = osloTime('2028-01-01', 0, 0); // 00:00 Oslo, 23:00Z the day before
const newYearMorning = osloTime('2028-01-01', 9, 0);
const ballot = (voter: string, castAt: number) => ({ voter, castAt });

describe('departureOf', () => {
  it('finds the withdrawal of the person’s party once its effective Oslo day has begun', () => {
    expect(departureOf(programme, [leaves], 'b1', lastEvening)).toBeUndefined();
    expect(departureOf(programme, [leaves], 'b1', midnight)).toBe(leaves);
    expect(departureOf(programme, [leaves], 'b1', newYearMorning)).toBe(leaves);
    // 23:30Z on 31 December is already 1 January in Oslo.
    expect(departureOf(programme, [leaves], 'b1', Date.UTC(2027, 11, 31, 23, 30))).toBe(leaves);
    expect(departureOf(programme, [leaves], 'b1', Date.UTC(2027, 11, 31, 22, 30))).toBeUndefined();
  });

  it('follows Oslo summer time (UTC+2) too', () => {
    const summer: Departure = { partyId: 'b', effective: '2027-07-01' };
    expect(departureOf(programme, [summer], 'b1', Date.UTC(2027, 5, 30, 21, 59))).toBeUndefined();
    expect(departureOf(programme, [summer], 'b1', Date.UTC(2027, 5, 30, 22, 0))).toBe(summer);
  });

  it('finds nothing for another party, an unknown person, or no withdrawals', () => {
    expect(departureOf(programme, [leaves], 'a1', newYearMorning)).toBeUndefined();
    expect(departureOf(programme, [leaves], 'stranger', newYearMorning)).toBeUndefined();
    expect(departureOf(programme, [], 'b1', newYearMorning)).toBeUndefined();
  });

  it('picks the withdrawal of the person’s own party among several', () => {
    const other: Departure = { partyId: 'a', effective: '2029-01-01' };
    expect(departureOf(programme, [other, leaves], 'b1', newYearMorning)).toBe(leaves);
    expect(departureOf(programme, [other, leaves], 'a1', newYearMorning)).toBeUndefined();
    expect(departureOf(programme, [other, leaves], 'a1', osloTime('2029-01-01', 8))).toBe(other);
  });
});

describe('departedVoter', () => {
  it('stops the departed party’s members and chair, from the effective date only', () => {
    const withChairB: Electorate = { ...electorate, chair: 'b-chair' };
    expect(departedVoter(electorate, programme, [leaves], 'b1', newYearMorning)).toBe(leaves);
    expect(departedVoter(withChairB, programme, [leaves], 'b-chair', newYearMorning)).toBe(leaves);
    expect(departedVoter(electorate, programme, [leaves], 'b1', lastEvening)).toBeUndefined();
    expect(departedVoter(electorate, programme, [leaves], 'a1', newYearMorning)).toBeUndefined();
  });

  it('says nothing of people who never voted in it (observer, secretary, outsider): their refusal is the usual one', () => {
    expect(departedVoter(electorate, programme, [leaves], 'b-obs', newYearMorning)).toBeUndefined();
    expect(departedVoter(electorate, programme, [leaves], 'b-sec', newYearMorning)).toBeUndefined();
    expect(departedVoter(electorate, programme, [leaves], 'b-chair', newYearMorning)).toBeUndefined();
  });
});

describe('electorateAt', () => {
  it('is the same electorate with no withdrawal, or before the effective date', () => {
    expect(electorateAt(electorate, programme, [], [], newYearMorning)).toBe(electorate);
    expect(electorateAt(electorate, programme, [leaves], [], lastEvening)).toBe(electorate);
    expect(electorateAt(electorate, programme, [{ partyId: 'c', effective: '2020-01-01' }], [], newYearMorning)).toBe(electorate);
  });

  it('drops the departed voters who had not voted, from the effective date', () => {
    expect(electorateAt(electorate, programme, [leaves], [], midnight)).toEqual({ ...electorate, members: ['a1', 'a2'] });
  });

  it('keeps a departed voter whose latest ballot was cast before the effective date', () => {
    const latest = [ballot('b1', lastEvening), ballot('a1', newYearMorning)];
    expect(electorateAt(electorate, programme, [leaves], latest, newYearMorning).members).toEqual(['a1', 'b1', 'a2']);
  });

  it('does not keep one whose latest ballot is on or after the date (a race with the refusal)', () => {
    expect(electorateAt(electorate, programme, [leaves], [ballot('b1', midnight)], newYearMorning).members).toEqual(['a1', 'a2']);
    // Several records for one voter: the latest decides, in whatever order they come.
    const changed = [ballot('b1', lastEvening), ballot('b1', newYearMorning)];
    expect(electorateAt(electorate, programme, [leaves], changed, newYearMorning).members).toEqual(['a1', 'a2']);
    expect(electorateAt(electorate, programme, [leaves], [...changed].reverse(), newYearMorning).members).toEqual(['a1', 'a2']);
  });

  it('drops a departed chair who had not voted and keeps one who had; observers and the secretary stay', () => {
    const withChairB: Electorate = { ...electorate, chair: 'b-chair' };
    const without = electorateAt(withChairB, programme, [leaves], [], newYearMorning);
    expect(without).toEqual({ members: ['a1', 'a2'], observers: ['a-obs', 'b-obs'], secretary: 'b-sec' });
    expect('chair' in without).toBe(false);
    expect(electorateAt(withChairB, programme, [leaves], [ballot('b-chair', lastEvening)], newYearMorning)).toEqual({ ...withChairB, members: ['a1', 'a2'] });
    // A body with no chair stays without one.
    const noChair: Electorate = { members: ['a1', 'b1'], observers: [] };
    expect(electorateAt(noChair, programme, [leaves], [], newYearMorning)).toEqual({ members: ['a1'], observers: [] });
  });

  it('counts for quorum only those still seated plus the ballots that stand', () => {
    const rule = { kind: 'majority' as const, quorum: { majorityOfMembers: true } };
    const ballots = [
      { voter: 'a1', choice: 'for' as const, castAt: newYearMorning },
      { voter: 'a-chair', choice: 'for' as const, castAt: newYearMorning },
    ];
    // As opened: 5 voters (4 members and the chair), 3 needed; 2 cast.
    expect(decide({ body: { ...electorate, rule }, ballots }).status).toBe('no-quorum');
    // From the effective date b1 and b2 are not counted: 3 voters, 2 needed, 2 cast.
    const now = electorateAt(electorate, programme, [leaves], ballots, newYearMorning);
    expect(eligibleVoters(now)).toEqual(['a1', 'a2', 'a-chair']);
    const outcome = decide({ body: { ...now, rule }, ballots });
    expect(outcome).toMatchObject({ status: 'adopted', counts: { for: 2, against: 0, abstain: 0, notVoted: 1 }, didNotVote: ['a2'] });
  });

  it('lets a ballot cast before the date count as cast; one cast on it is ignored', () => {
    const rule = { kind: 'majority' as const };
    const ballots = [
      { voter: 'b1', choice: 'against' as const, castAt: lastEvening },
      { voter: 'b2', choice: 'against' as const, castAt: midnight },
      { voter: 'a1', choice: 'for' as const, castAt: newYearMorning },
    ];
    const now = electorateAt(electorate, programme, [leaves], ballots, newYearMorning);
    const outcome = decide({ body: { ...now, rule }, ballots });
    expect(outcome.counts).toEqual({ for: 1, against: 1, abstain: 0, notVoted: 2 });
    expect(outcome.effective.map((b) => b.voter)).toEqual(['a1', 'b1']);
    expect(outcome.ignored).toEqual([{ ballot: ballots[1], why: 'non-member' }]);
  });

  it('never adds anyone, keeps everyone not departed, and drops only departed voters without a standing ballot', () => {
    const ids = ['a1', 'a2', 'a-chair', 'b1', 'b2', 'b-chair', 'stranger'];
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.subarray(ids),
        fc.option(fc.constantFrom(...ids), { nil: undefined }),
        fc.array(fc.record({ voter: fc.constantFrom(...ids), castAt: fc.integer({ min: midnight - 3 * day, max: midnight + 3 * day }) }), { maxLength: 8 }),
        fc.integer({ min: midnight - 3 * day, max: midnight + 3 * day }),
        (members, chair, latest, now) => {
          const before: Electorate = { members, observers: ['b-obs'], secretary: 'b-sec', ...(chair ? { chair } : {}) };
          const after = electorateAt(before, programme, [leaves], latest, now);
          expect(after.observers).toEqual(before.observers);
          expect(after.secretary).toBe(before.secretary);
          for (const voter of [...members, ...(chair ? [chair] : [])]) {
            const departed = departureOf(programme, [leaves], voter, now) !== undefined;
            const last = Math.max(...latest.filter((b) => b.voter === voter).map((b) => b.castAt));
            const standing = last < midnight; // -Infinity when they never voted
            const kept = voter === chair ? after.chair === voter : after.members.includes(voter);
            expect(kept).toBe(!departed || (Number.isFinite(last) && standing));
          }
          expect(after.members.every((m) => members.includes(m))).toBe(true);
          expect(after.chair === undefined || after.chair === chair).toBe(true);
        },
      ),
    );
  });
});

describe('voteAt', () => {
  it('returns the vote itself when nobody has departed, and a copy with the electorate as it stands otherwise', () => {
    const vote = { id: 'v1', electorate };
    expect(voteAt(vote, programme, [leaves], [], lastEvening)).toBe(vote);
    const now = voteAt(vote, programme, [leaves], [], newYearMorning);
    expect(now).toEqual({ id: 'v1', electorate: { ...electorate, members: ['a1', 'a2'] } });
    expect(vote.electorate.members).toEqual(['a1', 'b1', 'a2', 'b2']);
  });
});
