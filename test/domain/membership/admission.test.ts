// Admitting a new party (DSOP §2.3): the application's checks, the criteria the office must
// explain before a vote, the decision applied once, and how admitted parties are laid over the
// programme file.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPreset } from '../../../src/platform/config/mergePreset.js';
import {
  admittedParty,
  decideApplication,
  fileApplication,
  formatApplicationId,
  mayPutToVote,
  partyIdFrom,
  unmetCriteria,
  withAdmitted,
  type ApplicationInput,
  type MembershipApplication,
} from '../../../src/features/membership/domain/admission.js';
import { programmeSchema, type Programme } from '../../../src/shared/programme/schema.js';
import { crossReferenceProblems } from '../../../src/shared/programme/crossReferences.js';
import { TENANT, testProgramme } from '../../support/fixtures.js';

const text = (nb: string, en = nb) => ({ nb, en });
const ids = ['toppleder', 'fast-deltakelse', 'aktiv-i-prosjekt', 'stotter-visjonen', 'ikke-underlagt'];
const programme: Programme = programmeSchema.parse({
  ...testProgramme(),
  membership: { admission: { body: 'styringsgruppen', criteria: ids.map((id) => ({ id, name: text(id) })) } },
});
const admission = programme.membership!.admission!;
const office = { id: 'aad-office', name: 'Ola Office' };
const AT = Date.UTC(2026, 10, 23, 9);

const input = (overrides: Partial<ApplicationInput> = {}): ApplicationInput => ({
  organisation: 'Statens vegvesen',
  tenantIds: [],
  representativeName: 'Vera',
  criteria: Object.fromEntries(ids.map((id) => [id, { met: true }])),
  by: office,
  at: AT,
  ...overrides,
});

function filed(overrides: Partial<ApplicationInput> = {}, sequence = 1): MembershipApplication {
  const made = fileApplication(programme, sequence, input(overrides));
  if (!made.ok) throw new Error(made.error.code);
  return made.value;
}

describe('the DSOP preset', () => {
  it('has the five criteria of §2.3, decided by Topplederforum by consensus', () => {
    const dsop = loadPreset('dsop').membership?.admission;
    expect(dsop?.body).toBe('topplederforum');
    expect(dsop?.rule).toEqual({ kind: 'consensus' });
    expect(dsop?.criteria.map((c) => c.id)).toEqual(ids);
    expect(dsop?.criteria[0]?.name.nb).toContain('Fortrinnsvis representert med toppleder');
  });

  it('is checked: the deciding body must exist and criteria ids be unique', () => {
    const broken = programmeSchema.parse({
      ...testProgramme(),
      membership: { admission: { body: 'nobody', criteria: [{ id: 'a', name: text('A') }, { id: 'a', name: text('B') }] } },
    });
    const problems = crossReferenceProblems(broken).map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(problems).toContain('membership.admission.body: unknown body "nobody"');
    expect(problems.some((p) => p.includes('"a" is used more than once'))).toBe(true);
  });
});

describe('filing an application', () => {
  it('numbers it and records every criterion, unmentioned ones as not met', () => {
    const app = filed({ criteria: { toppleder: { met: true, note: '  Direktøren  ' } } }, 12);
    expect(app.id).toBe('M-012');
    expect(app.status).toBe('filed');
    expect(app.criteria).toEqual({
      toppleder: { met: true, note: 'Direktøren' },
      'fast-deltakelse': { met: false, note: '' },
      'aktiv-i-prosjekt': { met: false, note: '' },
      'stotter-visjonen': { met: false, note: '' },
      'ikke-underlagt': { met: false, note: '' },
    });
    expect(Object.keys(filed({ criteria: { unknown: { met: true } } }).criteria)).toEqual(ids);
  });

  it('derives the party id from the name, Norwegian letters included', () => {
    expect(partyIdFrom('Statens vegvesen')).toBe('statens-vegvesen');
    expect(partyIdFrom('Nærings- og fiskeridepartementet')).toBe('naerings-og-fiskeridepartementet');
    expect(partyIdFrom('Bø kommune (Telemark)')).toBe('bo-kommune-telemark');
    expect(partyIdFrom('Åse & Søn AS')).toBe('ase-son-as');
    expect(filed({ partyId: 'vegvesenet' }).partyId).toBe('vegvesenet');
  });

  it('refuses what cannot become a party', () => {
    const problem = (o: Partial<ApplicationInput>) => {
      const made = fileApplication(programme, 1, input(o));
      return made.ok ? 'ok' : made.error.code === 'invalid' ? `invalid:${made.error.field}` : made.error.code;
    };
    expect(problem({ organisation: '   ' })).toBe('invalid:organisation');
    expect(problem({ organisation: '!!!' })).toBe('invalid:partyId');
    expect(problem({ partyId: 'Store Bokstaver' })).toBe('invalid:partyId');
    expect(problem({ representativeName: ' ' })).toBe('invalid:representative');
    expect(problem({ link: 'javascript:alert(1)' })).toBe('invalid:link');
    expect(problem({ link: 'ftp://x.example/a' })).toBe('invalid:link');
    expect(problem({ organisation: 'Skatteetaten' })).toBe('party-exists');
    expect(problem({ organisation: 'SKATTEETATEN' })).toBe('party-exists');
    expect(problem({ partyId: 'finans-norge' })).toBe('party-exists');
    expect(problem({ representativeId: 'aad-office' })).toBe('person-exists');
    expect(problem({ tenantIds: ['x'.repeat(65)] })).toBe('invalid:tenantIds');
    const without = fileApplication(testProgramme(), 1, input());
    expect(without.ok ? 'ok' : without.error.code).toBe('no-admission');
  });

  it('keeps tenant ids unique and the link normalised', () => {
    const app = filed({ tenantIds: [` ${TENANT} `, TENANT, ''], link: 'https://Docs.Example.org/a b' });
    expect(app.tenantIds).toEqual([TENANT]);
    expect(app.link).toBe('https://docs.example.org/a%20b');
  });
});

describe('putting it to the vote', () => {
  it('needs the office\'s reason when a criterion is not met', () => {
    const app = filed({ criteria: { toppleder: { met: true }, 'ikke-underlagt': { met: true } } });
    expect(unmetCriteria(admission, app)).toEqual(['fast-deltakelse', 'aktiv-i-prosjekt', 'stotter-visjonen']);
    expect(mayPutToVote(admission, app, '  ')).toEqual({ ok: false, error: { code: 'criteria-unmet-reason' } });
    expect(mayPutToVote(admission, app, 'Avtalt i møtet')).toEqual({ ok: true, value: { unmet: ['fast-deltakelse', 'aktiv-i-prosjekt', 'stotter-visjonen'] } });
    expect(mayPutToVote(admission, filed(), '')).toEqual({ ok: true, value: { unmet: [] } });
  });

  it('only once: an application being voted on or decided cannot go again', () => {
    for (const status of ['voting', 'admitted', 'rejected'] as const) {
      expect(mayPutToVote(admission, { ...filed(), status }, 'x')).toEqual({ ok: false, error: { code: 'not-filed', id: 'M-001', status } });
    }
  });

  it('the reason is required exactly when some criterion is unmet (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }), fc.string({ maxLength: 5 }), (met, reason) => {
        const app = filed({ criteria: Object.fromEntries(ids.map((id, i) => [id, { met: met[i]! }])) });
        const allowed = mayPutToVote(admission, app, reason);
        const unmet = ids.filter((_, i) => !met[i]);
        expect(allowed.ok).toBe(unmet.length === 0 || reason.trim() !== '');
        if (allowed.ok) expect(allowed.value.unmet).toEqual(unmet);
      }),
    );
  });
});

describe('the decision', () => {
  it('admits or rejects once; a second decision changes nothing', () => {
    const app = { ...filed(), status: 'voting' as const };
    const yes = decideApplication(app, { adopted: true, at: AT, voteId: 'v1' });
    expect(yes).toMatchObject({ status: 'admitted', decision: { adopted: true, voteId: 'v1' } });
    expect(decideApplication(yes, { adopted: false, at: AT + 1, voteId: 'v2' })).toBe(yes);
    expect(decideApplication(app, { adopted: false, at: AT, voteId: 'v1' }).status).toBe('rejected');
  });

  it('adds the party, and the representative with a seat in the deciding body only when their Entra id is known', () => {
    expect(admittedParty(filed({ tenantIds: [TENANT] }), 'styringsgruppen')).toEqual({
      party: { id: 'statens-vegvesen', name: 'Statens vegvesen', tenantIds: [TENANT] },
      people: [],
      seats: [],
    });
    const vera = admittedParty(filed({ representativeId: 'aad-vera' }), 'styringsgruppen');
    expect(vera.people).toEqual([{ aadObjectId: 'aad-vera', name: 'Vera', party: 'statens-vegvesen', roles: [] }]);
    expect(vera.seats).toEqual([{ body: 'styringsgruppen', person: 'aad-vera' }]);
  });
});

describe('admitted parties over the programme file', () => {
  // Built in each test, not when the file is collected: a broken fileApplication must fail the
  // tests, not stop the file from loading (which the mutation run counts as a surviving mutant).
  let vegvesen: ReturnType<typeof admittedParty>;
  beforeEach(() => {
    vegvesen = admittedParty(filed({ representativeId: 'aad-vera' }), 'styringsgruppen');
  });
  it('adds them after the file\'s parties and people, the representative as a member of the body, leaving the file untouched', () => {
    const served = withAdmitted(programme, [vegvesen]);
    expect(served.parties.map((p) => p.id)).toEqual(['skatteetaten', 'finans-norge', 'statens-vegvesen']);
    expect(served.people.at(-1)).toMatchObject({ aadObjectId: 'aad-vera', party: 'statens-vegvesen' });
    expect(served.bodies[0]?.members).toEqual(['aad-chair', 'aad-member', 'aad-vera']);
    expect(programme.parties).toHaveLength(2);
    expect(programme.bodies[0]?.members).toEqual(['aad-chair', 'aad-member']);
    expect(withAdmitted(programme, [])).toBe(programme);
    // A record without seats (or for an unknown body) adds no member.
    expect(withAdmitted(programme, [{ ...vegvesen, seats: undefined }]).bodies).toEqual(programme.bodies);
    expect(withAdmitted(programme, [{ ...vegvesen, seats: [{ body: 'nowhere', person: 'aad-vera' }] }]).bodies).toEqual(programme.bodies);
  });

  it('never overrides the file: a party or person the file has wins (property)', () => {
    const partyIds = fc.constantFrom('skatteetaten', 'finans-norge', 'ny-a', 'ny-b');
    const personIds = fc.constantFrom('aad-office', 'aad-member', 'aad-x', 'aad-y');
    const admitted = fc.array(
      fc.record({ party: partyIds, person: fc.option(personIds, { nil: undefined }) }).map(({ party, person }) => ({
        party: { id: party, name: `Navn ${party}`, tenantIds: [] },
        people: person ? [{ aadObjectId: person, name: `P ${person}`, party, roles: [] as 'office'[] }] : [],
        seats: person ? [{ body: 'styringsgruppen', person }] : [],
      })),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(admitted, (list) => {
        const served = withAdmitted(programme, list);
        // Every file party and person is still there, unchanged and first.
        expect(served.parties.slice(0, programme.parties.length)).toEqual(programme.parties);
        expect(served.people.slice(0, programme.people.length)).toEqual(programme.people);
        // No id twice, and every person's party exists.
        expect(new Set(served.parties.map((p) => p.id)).size).toBe(served.parties.length);
        expect(new Set(served.people.map((p) => p.aadObjectId)).size).toBe(served.people.length);
        for (const person of served.people) expect(served.parties.some((p) => p.id === person.party)).toBe(true);
        // The file's members keep their places; a seat goes only to a person the admission
        // added, once, and never to the body's observer or secretary.
        const body = served.bodies[0]!;
        const file = programme.bodies[0]!;
        expect(body.members.slice(0, file.members.length)).toEqual(file.members);
        expect(new Set(body.members).size).toBe(body.members.length);
        for (const joined of body.members.slice(file.members.length)) {
          expect(programme.people.some((p) => p.aadObjectId === joined)).toBe(false);
          expect(served.people.some((p) => p.aadObjectId === joined)).toBe(true);
        }
        expect(body.observers).toEqual(file.observers);
        expect(body.secretary).toBe(file.secretary);
      }),
    );
  });

  it('formats application ids with at least three digits', () => {
    expect([1, 42, 999, 1000].map(formatApplicationId)).toEqual(['M-001', 'M-042', 'M-999', 'M-1000']);
  });
});

describe('edges', () => {
  it('a party id from a name: accents dropped, punctuation and spaces one hyphen, none at the ends, at most 40 characters', () => {
    expect(partyIdFrom('  (Café Ørsta) — Åland  ')).toBe('cafe-orsta-aland');
    expect(partyIdFrom('Æøå ÆØÅ')).toBe('aeoa-aeoa');
    expect(partyIdFrom('--Kommune--')).toBe('kommune');
    const long = partyIdFrom('Direktoratet for forvaltning og økonomistyring i Norge');
    expect(long).toBe('direktoratet-for-forvaltning-og-okonomis');
    expect(long).toHaveLength(40);
    // Cut just after a word: the hyphen the cut leaves at the end goes too.
    expect(partyIdFrom(`${'a'.repeat(39)} bcd`)).toBe('a'.repeat(39));
    expect(partyIdFrom(`${'a'.repeat(38)}  b`)).toBe(`${'a'.repeat(38)}-b`);
  });

  it('an application is the trimmed input, with the representative’s id, the link and the notes only when given', () => {
    const app = fileApplication(programme, 3, input({
      organisation: '  Statens vegvesen ',
      partyId: ' vegvesen ',
      tenantIds: [' t-1 ', 't-2', '  ', 't-1'],
      representativeName: '  Vera Veg ',
      representativeId: ' aad-vera ',
      link: '  https://example.org/søknad ',
      criteria: { toppleder: { met: true, note: ' Direktøren ' }, 'fast-deltakelse': { met: false, note: ' Ikke ennå ' } },
    }));
    expect(app).toEqual({
      ok: true,
      value: {
        id: 'M-003',
        organisation: 'Statens vegvesen',
        partyId: 'vegvesen',
        tenantIds: ['t-1', 't-2'],
        representative: { name: 'Vera Veg', aadObjectId: 'aad-vera' },
        link: 'https://example.org/s%C3%B8knad',
        criteria: {
          toppleder: { met: true, note: 'Direktøren' },
          'fast-deltakelse': { met: false, note: 'Ikke ennå' },
          'aktiv-i-prosjekt': { met: false, note: '' },
          'stotter-visjonen': { met: false, note: '' },
          'ikke-underlagt': { met: false, note: '' },
        },
        filedBy: office,
        filedAt: AT,
        status: 'filed',
      },
    });
    const bare = filed({ partyId: '  ', representativeId: '  ', link: '   ' });
    expect(bare.partyId).toBe('statens-vegvesen');
    expect(bare.representative).toEqual({ name: 'Vera' });
    expect('link' in bare).toBe(false);
    expect('link' in filed()).toBe(false);
    expect(filed({ tenantIds: ['x'.repeat(64)] }).tenantIds).toEqual(['x'.repeat(64)]);
  });

  it('each refusal says what is wrong', () => {
    const error = (o: Partial<ApplicationInput>) => {
      const made = fileApplication(programme, 1, input(o));
      return made.ok ? undefined : made.error;
    };
    expect(error({ organisation: ' ' })).toEqual({ code: 'invalid', field: 'organisation', message: 'the organisation needs a name' });
    expect(error({ partyId: 'Vegvesen' })).toEqual({ code: 'invalid', field: 'partyId', message: 'lower-case letters, digits and hyphens' });
    expect(error({ partyId: '-vegvesen' })).toMatchObject({ field: 'partyId' });
    expect(error({ partyId: 'veg_vesen' })).toMatchObject({ field: 'partyId' });
    expect(error({ partyId: 'vegvesen!' })).toMatchObject({ field: 'partyId' });
    expect(error({ representativeName: '' })).toEqual({ code: 'invalid', field: 'representative', message: 'name the representative' });
    expect(error({ link: 'ikke en lenke' })).toEqual({ code: 'invalid', field: 'link', message: 'must be a web address' });
    expect(error({ tenantIds: ['x'.repeat(65)] })).toEqual({ code: 'invalid', field: 'tenantIds', message: 'not a tenant id' });
    expect(error({ representativeId: ' aad-chair ' })).toEqual({ code: 'person-exists', person: 'aad-chair' });
  });

  it('an organisation already a party by name is refused under any party id, whatever the case and spacing', () => {
    expect(fileApplication(programme, 1, input({ organisation: '  finans NORGE ', partyId: 'annen-id' }))).toEqual({ ok: false, error: { code: 'party-exists', partyId: 'annen-id' } });
    expect(fileApplication(programme, 1, input({ organisation: 'Finans Norge Vest', partyId: 'annen-id' })).ok).toBe(true);
    const spaced = programmeSchema.parse({ ...programme, parties: [{ id: 'nav', name: ' NAV ', tenantIds: [] }] });
    expect(fileApplication(spaced, 1, input({ organisation: 'nav', partyId: 'arbeid' }))).toEqual({ ok: false, error: { code: 'party-exists', partyId: 'arbeid' } });
  });

  it('only a criterion marked met counts as met', () => {
    const app = filed({ criteria: { toppleder: { met: true }, 'fast-deltakelse': { met: 'yes' as unknown as boolean } } });
    expect(unmetCriteria(admission, app)).toEqual(['fast-deltakelse', 'aktiv-i-prosjekt', 'stotter-visjonen', 'ikke-underlagt']);
    expect(unmetCriteria(admission, { criteria: {} })).toEqual(ids);
  });

  it('the decision is kept as given', () => {
    const app = { ...filed(), status: 'voting' as const, voteId: 'v1' };
    expect(decideApplication(app, { adopted: false, at: AT + 5, voteId: 'v1' })).toEqual({ ...app, status: 'rejected', decision: { adopted: false, at: AT + 5, voteId: 'v1' } });
  });

  it('a seat goes to the body it names only, once, and not to someone the body already has in another role', () => {
    const two = programmeSchema.parse({
      ...programme,
      bodies: [...programme.bodies, { id: 'au', name: text('AU'), rule: { kind: 'consensus' }, members: ['aad-chair'], observers: [] }],
    });
    const veraTwice = {
      ...admittedParty(filed({ representativeId: 'aad-vera' }), 'au'),
      seats: [{ body: 'au', person: 'aad-vera' }, { body: 'au', person: 'aad-vera' }],
    };
    const served = withAdmitted(two, [veraTwice]);
    expect(served.bodies[0]).toBe(two.bodies[0]);
    expect(served.bodies[1]?.members).toEqual(['aad-chair', 'aad-vera']);
    // Someone the body already names as observer or secretary (here: not yet in people) never
    // becomes a member through an admission record; neither does someone already in people.
    const named = programmeSchema.parse({ ...programme, bodies: [{ ...programme.bodies[0]!, observers: ['aad-observer', 'aad-ny-obs'], secretary: 'aad-ny-sekr' }] });
    for (const [file, person] of [[named, 'aad-ny-obs'], [named, 'aad-ny-sekr'], [programme, 'aad-observer']] as const) {
      const record = { party: { id: 'ny', name: 'Ny', tenantIds: [] }, people: [{ aadObjectId: person, name: person, party: 'ny', roles: [] as 'office'[] }], seats: [{ body: 'styringsgruppen', person }] };
      expect(withAdmitted(file, [record]).bodies[0]).toBe(file.bodies[0]);
    }
    // Someone already in the file (in no body) gets no seat from an admission record; of two
    // people a record adds, only the one its seat names joins.
    const office2 = { party: { id: 'ny', name: 'Ny', tenantIds: [] }, people: [{ aadObjectId: 'aad-office2', name: 'Siri', party: 'ny', roles: [] as 'office'[] }], seats: [{ body: 'styringsgruppen', person: 'aad-office2' }] };
    expect(withAdmitted(programme, [office2]).bodies[0]).toBe(programme.bodies[0]);
    const pair = {
      party: { id: 'ny', name: 'Ny', tenantIds: [] },
      people: ['aad-ny-1', 'aad-ny-2'].map((id) => ({ aadObjectId: id, name: id, party: 'ny', roles: [] as 'office'[] })),
      seats: [{ body: 'styringsgruppen', person: 'aad-ny-2' }],
    };
    expect(withAdmitted(programme, [pair]).bodies[0]?.members).toEqual(['aad-chair', 'aad-member', 'aad-ny-2']);
    // A record that adds someone cannot seat someone else the file already has.
    const seatsOther = { ...pair, seats: [{ body: 'styringsgruppen', person: 'aad-office2' }] };
    expect(withAdmitted(programme, [seatsOther]).bodies[0]).toBe(programme.bodies[0]);
    // A second record for a party already admitted adds nothing.
    const again = withAdmitted(programme, [vegvesenOf('aad-vera'), vegvesenOf('aad-vera2')]);
    expect(again.people.map((p) => p.aadObjectId).slice(-1)).toEqual(['aad-vera']);
    expect(again.bodies[0]?.members).toEqual(['aad-chair', 'aad-member', 'aad-vera']);
  });
});

function vegvesenOf(representativeId: string) {
  return admittedParty(filed({ representativeId }), 'styringsgruppen');
}
