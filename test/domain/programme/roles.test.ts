// What a person is in a programme: their party, whether they are the office, and their standing
// in each body (chair before member: the chair is one of the members).
import { describe, expect, it } from 'vitest';
import { rolesIn, standingIn } from '../../../src/shared/programme/roles.js';
import type { Body, Programme } from '../../../src/shared/programme/schema.js';
import { presetProgramme } from '../idea/programmes.js';

function dsop(): Programme {
  const programme = structuredClone(presetProgramme('dsop'));
  programme.people.push(
    { aadObjectId: 'p-skatt', name: 'Skatt', party: 'skatteetaten', roles: [] },
    { aadObjectId: 'p-nav', name: 'Nav', party: 'nav', roles: [] },
    { aadObjectId: 'p-fn', name: 'Finans', party: 'finans-norge', roles: [] },
    { aadObjectId: 'p-gone', name: 'Utmeldt', party: 'gone', roles: [] },
  );
  const [tlf, sg] = programme.bodies as [Body, Body];
  Object.assign(tlf, { members: ['p-skatt', 'p-nav'], chair: 'p-skatt', observers: ['p-fn'], secretary: 'office-1' });
  Object.assign(sg, { members: ['p-nav', 'p-fn'], observers: [] });
  return programme;
}

describe('standingIn', () => {
  const [tlf, sg] = dsop().bodies as [Body, Body];
  it('is chair, member, observer or secretary, else nothing', () => {
    expect(standingIn(tlf, 'p-skatt')).toBe('chair');
    expect(standingIn(tlf, 'p-nav')).toBe('member');
    expect(standingIn(tlf, 'p-fn')).toBe('observer');
    expect(standingIn(tlf, 'office-1')).toBe('secretary');
    expect(standingIn(tlf, 'leader-1')).toBeUndefined();
    expect(standingIn(sg, 'p-fn')).toBe('member');
    expect(standingIn(sg, 'p-skatt')).toBeUndefined();
  });
});

describe('rolesIn', () => {
  const programme = dsop();
  const [tlf, sg] = programme.bodies as [Body, Body];

  it('is undefined for someone who is not in the programme', () => {
    expect(rolesIn(programme, 'stranger')).toBeUndefined();
  });

  it('gives the person, their party, the office flag and their standing in each body they sit in', () => {
    expect(rolesIn(programme, 'p-nav')).toEqual({
      programme,
      person: programme.people.find((p) => p.aadObjectId === 'p-nav'),
      party: programme.parties.find((p) => p.id === 'nav'),
      isOffice: false,
      bodies: [
        { body: tlf, standing: 'member' },
        { body: sg, standing: 'member' },
      ],
    });
    expect(rolesIn(programme, 'p-fn')?.bodies).toEqual([
      { body: tlf, standing: 'observer' },
      { body: sg, standing: 'member' },
    ]);
    expect(rolesIn(programme, 'p-skatt')?.bodies).toEqual([{ body: tlf, standing: 'chair' }]);
  });

  it('marks the office, and a person in no body has none', () => {
    const office = rolesIn(programme, 'office-1')!;
    expect([office.person.aadObjectId, office.party?.id, office.isOffice]).toEqual(['office-1', 'brreg', true]);
    expect(office.bodies).toEqual([{ body: tlf, standing: 'secretary' }]);
    const leader = rolesIn(programme, 'leader-1')!;
    expect([leader.person.aadObjectId, leader.party?.id, leader.isOffice, leader.bodies]).toEqual(['leader-1', 'nav', false, []]);
  });

  it('has no party for a person whose party is not in the programme', () => {
    const gone = rolesIn(programme, 'p-gone')!;
    expect(gone.person.name).toBe('Utmeldt');
    expect(gone.party).toBeUndefined();
  });
});
