// For tests of Skate's quarterly samlesak (seed 004 §5): the Skate preset with AU and Skate
// seated apart (so a Skate member is not an AU member), a named director or none, and measure
// owners; projects seeded straight into storage as active with their owner as project leader.
import { loadPreset } from '../../src/platform/config/mergePreset.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import type { Person } from './activities.js';

/** The people of the samlesak tests, by role; `prefix` gives another programme (tenant) people
 * of its own, so no personal chat is shared between tenants. */
export function skatePeopleWith(prefix = '') {
  const who = (key: string, name: string): Person => ({ id: `29:${prefix}${key}`, aadObjectId: `${prefix}aad-${key}`, name });
  return {
    office: who('sl-office', 'Sigrid Sekretariat'),
    au1: who('sl-au1', 'Aud Arbeidsutvalg'),
    au2: who('sl-au2', 'Arne Arbeidsutvalg'),
    skate: who('sl-skate', 'Siv Skatemedlem'),
    director: who('sl-director', 'Dina Direktør'),
    owner: who('sl-owner', 'Tor Tiltakseier'),
    owner2: who('sl-owner2', 'Toril Tiltakseier'),
    outsider: who('sl-outsider', 'Ulf Utenfor'),
  };
}
export const skatePeople = skatePeopleWith();

/** Skate from its preset in `tenantId`. `director`: the decider named in the file (else the
 * office records decisions on the director's behalf). */
export function skateSamlesakProgramme(tenantId: string, { id = 'skate', director = true, prefix = '' } = {}): Programme {
  const governance = loadPreset('skate');
  const p = skatePeopleWith(prefix);
  const aad = (person: Person) => person.aadObjectId;
  return programmeSchema.parse({
    ...governance,
    id,
    name: `Skate ${id}`,
    ideaPrefix: 'SKATE',
    tenantId,
    parties: [
      { id: 'digdir', name: 'Digdir', tenantIds: [tenantId] },
      { id: 'nav', name: 'NAV', tenantIds: [tenantId] },
      { id: 'kartverket', name: 'Kartverket', tenantIds: [tenantId] },
    ],
    people: [
      { aadObjectId: aad(p.office), name: p.office.name, party: 'digdir', roles: ['office'] },
      { aadObjectId: aad(p.au1), name: p.au1.name, party: 'nav' },
      { aadObjectId: aad(p.au2), name: p.au2.name, party: 'digdir' },
      { aadObjectId: aad(p.skate), name: p.skate.name, party: 'nav' },
      { aadObjectId: aad(p.director), name: p.director.name, party: 'digdir' },
      { aadObjectId: aad(p.owner), name: p.owner.name, party: 'kartverket' },
      { aadObjectId: aad(p.owner2), name: p.owner2.name, party: 'nav' },
      { aadObjectId: aad(p.outsider), name: p.outsider.name, party: 'nav' },
    ],
    bodies: governance.bodies.map((b) =>
      b.id === 'au'
        ? { ...b, members: [aad(p.au1), aad(p.au2)], chair: aad(p.au1), secretary: aad(p.office) }
        : { ...b, members: [aad(p.skate)], chair: aad(p.skate), secretary: aad(p.office), decidedBy: { ...b.decidedBy!, ...(director ? { person: aad(p.director) } : {}) } },
    ),
  });
}
