// Joint measures and deviation notices (KMD–KS §2.1, §6): who may report, who is told, the
// consultation meeting's agenda.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  closeDeviation,
  compareIds,
  consultationAgenda,
  createMeasure,
  deviationRecipients,
  fileDeviation,
  formatDeviationId,
  formatMeasureId,
  mayFileDeviation,
  type Deviation,
  type Measure,
} from '../../../src/features/measures/domain/measures.js';
import { testProgramme } from '../../support/fixtures.js';

const text = (nb: string) => ({ nb, en: nb });
// KMD and KS, plus a third party with nobody in the measure.
const programme = testProgramme({
  parties: [
    { id: 'kmd', name: 'KMD', tenantIds: ['t'] },
    { id: 'ks', name: 'KS', tenantIds: ['t'] },
    { id: 'digdir', name: 'Digdir', tenantIds: ['t'] },
  ],
  people: [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'kmd', roles: ['office'] },
    { aadObjectId: 'aad-office2', name: 'Siri Sekretariat', party: 'digdir', roles: ['office'] },
    { aadObjectId: 'aad-chair', name: 'Kari KMD', party: 'kmd', roles: [] },
    { aadObjectId: 'aad-member', name: 'Per KS', party: 'ks', roles: [] },
    { aadObjectId: 'aad-ks2', name: 'Kristin KS', party: 'ks', roles: [] },
    { aadObjectId: 'aad-observer', name: 'Dag Digdir', party: 'digdir', roles: [] },
  ],
  bodies: [{ id: 'konsultasjon', name: text('Konsultasjonsmøtet'), rule: { kind: 'consensus' }, meets: 'ad-hoc', members: ['aad-chair', 'aad-member'], chair: 'aad-chair', observers: [] }],
});
const by = { id: 'aad-office', name: 'Ola Office' };

function measure(over: Partial<Parameters<typeof createMeasure>[2]> = {}, sequence = 1): Measure {
  const result = createMeasure(programme, sequence, { title: 'Sammenhengende tjenester', description: '', owners: ['aad-chair'], parties: ['kmd', 'ks'], by, at: 1, ...over });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('measures', () => {
  it('get readable ids and need a title, an owner and a known party', () => {
    expect(measure().id).toBe('T-001');
    expect(measure({}, 12).id).toBe('T-012');
    const bad = (over: Parameters<typeof measure>[0]) => createMeasure(programme, 1, { title: 'x', description: '', owners: ['aad-chair'], parties: ['ks'], by, at: 1, ...over });
    expect(bad({ title: '  ' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'title' } });
    expect(bad({ owners: [] })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'owners' } });
    expect(bad({ parties: [' '] })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'parties' } });
    expect(bad({ owners: ['aad-nobody'] })).toEqual({ ok: false, error: { code: 'unknown-person', person: 'aad-nobody' } });
    expect(bad({ parties: ['nasa'] })).toEqual({ ok: false, error: { code: 'unknown-party', party: 'nasa' } });
    expect(bad({ owners: ['aad-chair', 'aad-chair'] }).ok && measure({ owners: ['aad-chair', 'aad-chair'] }).owners).toEqual(['aad-chair']);
  });
});

describe('deviation notices', () => {
  // Created in each test, not when the file is collected: a broken createMeasure must fail the
  // tests, not stop the file from loading (which the mutation run counts as a surviving mutant).
  let m: Measure;
  beforeEach(() => {
    m = measure();
  });

  it('may be filed by the measure’s parties, its owners and the office, not by others', () => {
    expect(mayFileDeviation(programme, m, 'aad-member')).toBe(true);
    expect(mayFileDeviation(programme, m, 'aad-chair')).toBe(true);
    expect(mayFileDeviation(programme, m, 'aad-office2')).toBe(true);
    expect(mayFileDeviation(programme, m, 'aad-observer')).toBe(false);
    expect(mayFileDeviation(programme, m, 'aad-stranger')).toBe(false);
  });

  it('go to the other parties of the measure (and its owners), never back to the filer’s own party', () => {
    expect(deviationRecipients(programme, m, 'aad-member').map((r) => [r.person.name, r.party, r.as])).toEqual([
      ['Kari KMD', 'kmd', 'party'],
      ['Ola Office', 'kmd', 'party'],
    ]);
    expect(deviationRecipients(programme, m, 'aad-chair').map((r) => r.person.name)).toEqual(['Kristin KS', 'Per KS']);
    // An owner from the filer's own party is still told (the owner answers for the measure).
    const ownedByKs = measure({ owners: ['aad-ks2'] });
    expect(deviationRecipients(programme, ownedByKs, 'aad-member').map((r) => [r.person.name, r.as])).toEqual([
      ['Kari KMD', 'party'],
      ['Ola Office', 'party'],
      ['Kristin KS', 'owner'],
    ]);
  });

  it('need what happened, its impact and a proposed solution; they start open', () => {
    const filed = fileDeviation(programme, m, 3, { what: 'Forsinket', impact: 'Tre måneder', proposal: 'Ny plan', by: { id: 'aad-member', name: 'Per KS' }, at: 5 });
    expect(filed).toMatchObject({ ok: true, value: { id: 'A-003', measureId: 'T-001', party: 'ks', status: 'open' } });
    expect(fileDeviation(programme, m, 1, { what: 'x', impact: ' ', proposal: 'y', by: { id: 'aad-member', name: 'Per' }, at: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: 'impact' },
    });
    expect(fileDeviation(programme, m, 1, { what: 'x', impact: 'y', proposal: 'z', by: { id: 'aad-observer', name: 'Dag' }, at: 5 })).toEqual({
      ok: false,
      error: { code: 'not-a-party-of-measure', measureId: 'T-001' },
    });
  });

  it('are closed once, with how they were handled', () => {
    const filed = fileDeviation(programme, m, 1, { what: 'x', impact: 'y', proposal: 'z', by: { id: 'aad-member', name: 'Per' }, at: 5 });
    if (!filed.ok) throw new Error('filed');
    const closed = closeDeviation(filed.value, { resolution: 'Tatt i konsultasjonsmøtet.', by, at: 9 });
    expect(closed).toMatchObject({ ok: true, value: { status: 'closed', closed: { resolution: 'Tatt i konsultasjonsmøtet.', at: 9 } } });
    if (!closed.ok) throw new Error('closed');
    expect(closeDeviation(closed.value, { resolution: 'igjen', by, at: 10 })).toEqual({ ok: false, error: { code: 'already-closed', deviationId: 'A-001' } });
    expect(closeDeviation(filed.value, { resolution: ' ', by, at: 10 }).ok).toBe(false);
  });

  it('the consultation agenda lists open deviations per measure, oldest first', () => {
    const m2 = measure({}, 2);
    const dev = (id: string, measureId: string, at: number, status: Deviation['status'] = 'open') =>
      ({ id, measureId, at, filedAt: at, status }) as unknown as Deviation;
    const agenda = consultationAgenda([m2, m], [dev('A-002', 'T-001', 20), dev('A-001', 'T-001', 10), dev('A-003', 'T-002', 5, 'closed')]);
    expect(agenda.map((g) => [g.measure.id, g.deviations.map((d) => d.id)])).toEqual([['T-001', ['A-001', 'A-002']]]);
  });

  it('never notify the filer, and notify only the measure’s other parties and its owners', () => {
    const ids = programme.people.map((p) => p.aadObjectId);
    fc.assert(
      fc.property(
        fc.subarray(['kmd', 'ks', 'digdir'], { minLength: 1 }),
        fc.subarray(ids, { minLength: 1 }),
        fc.constantFrom(...ids),
        (parties, owners, filer) => {
          const mx = measure({ parties, owners });
          const filerParty = programme.people.find((p) => p.aadObjectId === filer)!.party;
          const recipients = deviationRecipients(programme, mx, filer);
          expect(recipients.some((r) => r.person.id === filer)).toBe(false);
          expect(new Set(recipients.map((r) => r.person.id)).size).toBe(recipients.length);
          for (const r of recipients) {
            const isOwner = owners.includes(r.person.id);
            const otherParty = parties.includes(r.party) && r.party !== filerParty;
            expect(isOwner || otherParty).toBe(true);
          }
          // Everyone of another party of the measure is told.
          for (const p of programme.people) {
            if (p.aadObjectId !== filer && parties.includes(p.party) && p.party !== filerParty) {
              expect(recipients.some((r) => r.person.id === p.aadObjectId)).toBe(true);
            }
          }
        },
      ),
    );
  });
});

describe('edges', () => {
  const per = { id: 'aad-member', name: 'Per KS' };

  it('ids are numbered with three digits at least, and ordered by the number, then the text', () => {
    expect([formatMeasureId(7), formatMeasureId(1234), formatDeviationId(42)]).toEqual(['T-007', 'T-1234', 'A-042']);
    expect(['T-1000', 'T-010', 'T-999', 'T-002'].sort(compareIds)).toEqual(['T-002', 'T-010', 'T-999', 'T-1000']);
    expect(compareIds('T-1000', 'T-999')).toBeGreaterThan(0);
    expect(compareIds('T-003', 'T-005')).toBe(-2);
    expect([compareIds('A-001', 'T-001'), compareIds('T-001', 'A-001'), compareIds('T-001', 'T-001')]).toEqual([-1, 1, 0]);
  });

  it('a measure: text trimmed, owners and parties trimmed, blanks dropped, each once; every refusal says why', () => {
    const made = measure({ title: '  Felles tiltak ', description: ' Om tiltaket. ', owners: [' aad-chair ', '', 'aad-member', 'aad-chair'], parties: [' ks', 'kmd ', ' ', 'ks'] });
    expect(made).toEqual({
      id: 'T-001',
      title: 'Felles tiltak',
      description: 'Om tiltaket.',
      owners: ['aad-chair', 'aad-member'],
      parties: ['ks', 'kmd'],
      createdBy: by,
      createdAt: 1,
    });
    const bad = (over: Parameters<typeof measure>[0]) => createMeasure(programme, 1, { title: 'x', description: '', owners: ['aad-chair'], parties: ['ks'], by, at: 1, ...over });
    expect(bad({ title: '' })).toEqual({ ok: false, error: { code: 'invalid', field: 'title', message: 'the measure needs a title' } });
    expect(bad({ owners: [' '] })).toEqual({ ok: false, error: { code: 'invalid', field: 'owners', message: 'the measure needs at least one owner' } });
    expect(bad({ parties: [] })).toEqual({ ok: false, error: { code: 'invalid', field: 'parties', message: 'the measure needs at least one party' } });
    expect(bad({ owners: ['aad-chair', 'aad-gone', 'aad-also-gone'] })).toEqual({ ok: false, error: { code: 'unknown-person', person: 'aad-gone' } });
    expect(bad({ parties: ['ks', 'nasa', 'esa'] })).toEqual({ ok: false, error: { code: 'unknown-party', party: 'nasa' } });
  });

  it('an owner outside the measure’s parties may file; so may a party member who owns nothing', () => {
    const ksOnly = measure({ parties: ['ks'], owners: ['aad-chair'] });
    expect(mayFileDeviation(programme, ksOnly, 'aad-chair')).toBe(true);
    expect(mayFileDeviation(programme, ksOnly, 'aad-ks2')).toBe(true);
    expect(mayFileDeviation(programme, ksOnly, 'aad-observer')).toBe(false);
  });

  it('recipients are sorted by party, then name; an owner who is also of another party is told as a party member; an owner not in people is skipped', () => {
    const m = measure({ parties: ['kmd', 'ks', 'digdir'], owners: ['aad-chair'] });
    expect(deviationRecipients(programme, m, 'aad-member').map((r) => [r.party, r.person.name, r.as])).toEqual([
      ['digdir', 'Dag Digdir', 'party'],
      ['digdir', 'Siri Sekretariat', 'party'],
      ['kmd', 'Kari KMD', 'party'],
      ['kmd', 'Ola Office', 'party'],
    ]);
    const ghostOwned = { ...measure({ parties: ['ks'] }), owners: ['aad-gone', 'aad-chair'] };
    expect(deviationRecipients(programme, ghostOwned, 'aad-member')).toEqual([{ person: { id: 'aad-chair', name: 'Kari KMD' }, party: 'kmd', as: 'owner' }]);
    expect(deviationRecipients(programme, ghostOwned, 'aad-chair').map((r) => r.person.id)).toEqual(['aad-ks2', 'aad-member']);
  });

  it('a filer who is not in people (removed from the file) leaves everyone of the measure’s parties to be told', () => {
    expect(deviationRecipients(programme, measure({ parties: ['ks'], owners: ['aad-chair'] }), 'aad-gone').map((r) => [r.person.id, r.as])).toEqual([
      ['aad-chair', 'owner'],
      ['aad-ks2', 'party'],
      ['aad-member', 'party'],
    ]);
  });

  it('a notice: texts trimmed, filed by whom and when, its recipients fixed; a missing field is named', () => {
    const m = measure();
    const filed = fileDeviation(programme, m, 7, { what: ' Forsinket ', impact: ' Tre måneder ', proposal: ' Ny plan ', by: per, at: 5 });
    expect(filed).toEqual({
      ok: true,
      value: {
        id: 'A-007',
        measureId: 'T-001',
        what: 'Forsinket',
        impact: 'Tre måneder',
        proposal: 'Ny plan',
        filedBy: per,
        party: 'ks',
        filedAt: 5,
        recipients: deviationRecipients(programme, m, 'aad-member'),
        status: 'open',
      },
    });
    for (const field of ['what', 'impact', 'proposal'] as const) {
      const input = { what: 'x', impact: 'y', proposal: 'z', by: per, at: 5, [field]: '  ' };
      expect(fileDeviation(programme, m, 1, input)).toEqual({ ok: false, error: { code: 'invalid', field, message: `the notice needs "${field}"` } });
    }
  });

  it('closing keeps who, when and the trimmed resolution; a blank one is refused with a reason', () => {
    const filed = fileDeviation(programme, measure(), 1, { what: 'x', impact: 'y', proposal: 'z', by: per, at: 5 });
    if (!filed.ok) throw new Error('filed');
    expect(closeDeviation(filed.value, { resolution: '  Løst. ', by, at: 9 })).toEqual({ ok: true, value: { ...filed.value, status: 'closed', closed: { by, at: 9, resolution: 'Løst.' } } });
    expect(closeDeviation(filed.value, { resolution: ' ', by, at: 9 })).toEqual({ ok: false, error: { code: 'invalid', field: 'resolution', message: 'say how it was resolved' } });
  });

  it('the agenda orders measures by number (T-010 after T-002), and notices filed at the same time by number', () => {
    const dev = (id: string, measureId: string, filedAt: number) => ({ id, measureId, filedAt, status: 'open' }) as unknown as Deviation;
    const m2 = measure({}, 2);
    const m10 = measure({}, 10);
    const agenda = consultationAgenda([m10, m2], [dev('A-010', 'T-010', 5), dev('A-009', 'T-010', 5), dev('A-003', 'T-002', 9), dev('A-001', 'T-002', 1)]);
    expect(agenda.map((g) => [g.measure.id, g.deviations.map((d) => d.id)])).toEqual([
      ['T-002', ['A-001', 'A-003']],
      ['T-010', ['A-009', 'A-010']],
    ]);
    expect(consultationAgenda([m2], [])).toEqual([]);
  });
});
