// Declared seats (Digi Rogaland §4.1/§4.2) against the people a programme puts in a body.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seatProblems } from '../../../src/domain/programme/seats.js';
import type { Seats } from '../../../src/domain/programme/schema.js';

const seats: Seats = {
  members: [
    { count: 7, partyKind: 'kommune', onePerParty: true },
    { count: 1, partyKind: 'ks', onePerParty: true },
  ],
  chair: { party: 'stavanger' },
  observers: [
    { count: 1, partyKind: 'statsforvalter', onePerParty: true },
    { count: 1, partyKind: 'fylkeskommune', onePerParty: true },
  ],
};
const towns = ['stavanger', 'sandnes', 'haugesund', 'karmoy', 'sola', 'time', 'hjelmeland', 'bokn', 'utsira'];
const parties = [
  ...towns.map((id) => ({ id, name: id, kind: 'kommune', tenantIds: [] })),
  { id: 'ks', name: 'KS', kind: 'ks', tenantIds: [] },
  { id: 'sf', name: 'Statsforvalteren', kind: 'statsforvalter', tenantIds: [] },
  { id: 'rfk', name: 'Rogaland fylkeskommune', kind: 'fylkeskommune', tenantIds: [] },
];
const people = parties.flatMap((p) => [0, 1].map((n) => ({ aadObjectId: `${p.id}-${n}`, name: p.name, party: p.id, roles: [] })));
const programme = { parties, people };
const complete = { members: [...towns.slice(0, 7).map((t) => `${t}-0`), 'ks-0'], chair: 'stavanger-0', observers: ['sf-0', 'rfk-0'], seats };

describe('seatProblems', () => {
  it('accepts the composition of §4.2 and a body without declared seats', () => {
    expect(seatProblems(complete, programme)).toEqual([]);
    expect(seatProblems({ members: ['x'], observers: [] }, programme)).toEqual([]);
  });

  it('names the missing seat, the extra person, the chair from the wrong party and a second person of one party', () => {
    expect(seatProblems({ ...complete, members: complete.members.filter((m) => m !== 'time-0') }, programme)).toEqual([
      { path: ['members'], message: 'the seats ask for 7 of a party of kind "kommune"; the body has 6' },
    ]);
    expect(seatProblems({ ...complete, members: [...complete.members, 'bokn-0'] }, programme)[0]).toMatchObject({ path: ['members', 8] });
    expect(seatProblems({ ...complete, chair: 'sandnes-0' }, programme)).toEqual([
      { path: ['chair'], message: 'the chair must come from party "stavanger"; "sandnes-0" does not' },
    ]);
    const twice = seatProblems({ ...complete, members: complete.members.map((m) => (m === 'time-0' ? 'sola-1' : m)) }, programme);
    expect(twice.map((p) => p.path)).toEqual([['members', 5], ['members']]);
    expect(seatProblems({ ...complete, observers: ['sf-0', 'ks-1'] }, programme).map((p) => p.path)).toEqual([['observers', 1], ['observers']]);
  });

  it('property: a body is accepted exactly when it has 7 different municipalities and KS, whatever order', () => {
    fc.assert(
      fc.property(fc.subarray(towns), fc.boolean(), (chosen, withKs) => {
        const members = [...chosen.map((t) => `${t}-0`), ...(withKs ? ['ks-0'] : [])].reverse();
        const problems = seatProblems({ ...complete, chair: members.includes('stavanger-0') ? 'stavanger-0' : members[0], members }, programme).filter((p) => p.path[0] === 'members');
        expect(problems.length === 0).toBe(chosen.length === 7 && withKs);
      }),
    );
  });
});
