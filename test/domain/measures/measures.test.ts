// Joint measures and deviation notices (KMD–KS §2.1, §6): who may report, who is told, the
// consultation meeting's agenda.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closeDeviation,
  consultationAgenda,
  createMeasure,
  deviationRecipients,
  fileDeviation,
  mayFileDeviation,
  type Deviation,
  type Measure,
} from '../../../src/domain/measures/measures.js';
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
  const m = measure();

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
