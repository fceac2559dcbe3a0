// Declared seats (Digi Rogaland §4.1/§4.2) against the people a programme puts in a body.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seatProblems } from '../../../src/shared/programme/seats.js';
import type { Seats } from '../../../src/shared/programme/schema.js';

const haugalandet = ['haugesund', 'karmoy', 'bokn', 'utsira'];
const seats: Seats = {
  members: [
    { count: 7, partyKind: 'kommune', onePerParty: true },
    { count: 1, partyKind: 'ks', onePerParty: true },
  ],
  chair: { party: 'stavanger' },
  // §4.2 «Stavanger, Sandnes og en av kommunene på Haugalandet har fast representasjon».
  fixed: [{ anyOf: ['stavanger'] }, { anyOf: ['sandnes'] }, { anyOf: haugalandet, title: { nb: 'en av kommunene på Haugalandet', en: 'one of the Haugalandet municipalities' } }],
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

  it('names each fixed seat without a member: Stavanger, Sandnes, one of the Haugalandet municipalities', () => {
    // Sandnes swapped for Bokn: seven municipalities and KS, but Sandnes's fixed seat is empty.
    expect(seatProblems({ ...complete, members: complete.members.map((m) => (m === 'sandnes-0' ? 'bokn-0' : m)) }, programme)).toEqual([
      { path: ['members'], message: 'the fixed seat seats.fixed[1] needs a member of party "sandnes"; the body has none' },
    ]);
    // Haugesund and Karmøy swapped for second people of Hjelmeland and Time (one per party lifted): no Haugalandet municipality.
    const noHaugalandet = complete.members.map((m) => (m === 'haugesund-0' ? 'hjelmeland-1' : m === 'karmoy-0' ? 'time-1' : m));
    expect(seatProblems({ ...complete, members: noHaugalandet, seats: { ...seats, members: [{ count: 7, partyKind: 'kommune', onePerParty: false }, seats.members[1]!] } }, programme)).toEqual([
      {
        path: ['members'],
        message:
          'the fixed seat seats.fixed[2] (one of the Haugalandet municipalities) needs a member of one of the parties "haugesund", "karmoy", "bokn", "utsira"; the body has none',
      },
    ]);
    // Any one of the set fills it; an observer of Stavanger does not hold Stavanger's seat.
    expect(seatProblems({ ...complete, members: complete.members.map((m) => (m === 'haugesund-0' ? 'utsira-0' : m === 'karmoy-0' ? 'bokn-0' : m)) }, programme)).toEqual([]);
    const stavangerObserves = seatProblems(
      { ...complete, chair: 'sandnes-0', members: complete.members.map((m) => (m === 'stavanger-0' ? 'bokn-0' : m)), observers: [...complete.observers, 'stavanger-1'], seats: { ...seats, observers: [] } },
      programme,
    );
    // A member who is not among the programme's people holds no fixed seat (and breaks nothing).
    const ghost = seatProblems({ ...complete, members: complete.members.map((m) => (m === 'sandnes-0' ? 'ghost' : m)) }, programme);
    expect(ghost).toContainEqual({ path: ['members'], message: 'the fixed seat seats.fixed[1] needs a member of party "sandnes"; the body has none' });
    expect(stavangerObserves).toContainEqual({ path: ['members'], message: 'the fixed seat seats.fixed[0] needs a member of party "stavanger"; the body has none' });
  });

  it('property: a body is accepted exactly when it has 7 different municipalities with the fixed seats, and KS, whatever order', () => {
    fc.assert(
      fc.property(fc.subarray(towns), fc.boolean(), (chosen, withKs) => {
        const members = [...chosen.map((t) => `${t}-0`), ...(withKs ? ['ks-0'] : [])].reverse();
        const problems = seatProblems({ ...complete, chair: members.includes('stavanger-0') ? 'stavanger-0' : members[0], members }, programme).filter((p) => p.path[0] === 'members');
        const fixedHeld = chosen.includes('stavanger') && chosen.includes('sandnes') && chosen.some((t) => haugalandet.includes(t));
        expect(problems.length === 0).toBe(chosen.length === 7 && withKs && fixedHeld);
      }),
    );
  });
});
