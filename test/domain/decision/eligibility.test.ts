import { describe, expect, it } from 'vitest';
import { eligibleVoters, standingIn, type Electorate } from '../../../src/shared/decision/eligibility.js';

// Digi Rogaland §4.2: 7 chief executives + KS, chaired by Stavanger; two observers; a secretariat.
const styringsgruppe: Electorate = {
  members: ['stavanger', 'sandnes', 'haugesund', 'karmoy', 'sola', 'klepp', 'time', 'ks-rogaland'],
  chair: 'stavanger',
  observers: ['statsforvalteren', 'rogaland-fylkeskommune'],
  secretary: 'sekretariatet',
};

describe('standingIn', () => {
  it.each([
    { person: 'stavanger', standing: 'chair', canVote: true },
    { person: 'sandnes', standing: 'member', canVote: true },
    { person: 'ks-rogaland', standing: 'member', canVote: true },
    { person: 'statsforvalteren', standing: 'observer', canVote: false },
    { person: 'rogaland-fylkeskommune', standing: 'observer', canVote: false },
    { person: 'sekretariatet', standing: 'secretary', canVote: false },
    { person: 'bergen', standing: 'non-member', canVote: false },
  ])('$person is $standing (can vote: $canVote)', ({ person, standing, canVote }) => {
    expect(standingIn(styringsgruppe, person)).toEqual({ standing, canVote });
  });

  it('lets a non-voting role win if the configuration lists someone twice', () => {
    const overlapping: Electorate = { members: ['a', 'b', 'c'], chair: 'a', observers: ['b'], secretary: 'c' };
    expect(standingIn(overlapping, 'b')).toEqual({ standing: 'observer', canVote: false });
    expect(standingIn(overlapping, 'c')).toEqual({ standing: 'secretary', canVote: false });
  });

  it('treats the chair as a voting member even if the members list forgot them', () => {
    expect(standingIn({ members: ['b'], chair: 'a', observers: [] }, 'a')).toEqual({ standing: 'chair', canVote: true });
  });
});

describe('eligibleVoters', () => {
  it('is the 8 members of the Digi Rogaland steering group, never observers or the secretariat', () => {
    expect(eligibleVoters(styringsgruppe)).toEqual(styringsgruppe.members);
  });

  it('counts each member once, keeps member order, adds an unlisted chair and drops overlaps', () => {
    expect(eligibleVoters({ members: ['b', 'a', 'b', 'o', 's'], chair: 'c', observers: ['o'], secretary: 's' })).toEqual(['b', 'a', 'c']);
  });
});
