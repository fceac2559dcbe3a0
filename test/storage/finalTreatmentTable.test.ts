// Final treatments in the measure table against real Azurite: opened once per submission and
// one at a time per measure even when two offices race, answers from every organisation at once
// with none lost (ETag + transaction), full-length answers beyond one table property, tenant
// separation; and the JSON chunking the state row uses.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { giveFeedback, openFinalTreatment, type FinalTreatment } from '../../src/features/measures/domain/finalTreatment.js';
import { createMeasure, type Measure } from '../../src/features/measures/domain/measures.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { fromJsonProperties, jsonProperties, MeasureTable } from '../../src/features/measures/storage/measureTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const orgs = Array.from({ length: 12 }, (_, i) => `org-${i}`);
const programme: Programme = programmeSchema.parse({
  ...testProgramme(),
  id: 'skate',
  parties: orgs.map((id) => ({ id, name: id, tenantIds: [TENANT] })),
  people: [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'org-0', roles: ['office'] },
    { aadObjectId: 'aad-office2', name: 'Siri Sekretariat', party: 'org-0', roles: ['office'] },
    ...orgs.map((party, i) => ({ aadObjectId: `aad-m${i}`, name: `Medlem ${i}`, party })),
  ],
  bodies: [
    {
      id: 'skate',
      name: { nb: 'Skate', en: 'Skate' },
      rule: { kind: 'consensus' },
      members: orgs.map((_, i) => `aad-m${i}`),
      decidedBy: { title: { nb: 'Difis direktør', en: 'The Director of Difi' } },
    },
  ],
});
const key = { tenantId: TENANT, programmeId: 'skate' };
const at = osloTime('2026-11-02', 10);
const office = { id: 'aad-office', name: 'Ola Office' };

let azurite: TestAzurite;
let table: MeasureTable;
let measure: Measure;

const opening = (submission: string, by = office, part = '') =>
  table.openFinalTreatment(key, submission, (sequence, existing) =>
    openFinalTreatment(programme, measure, existing, sequence, { part, request: 'Les sluttrapporten.', deadline: '2026-11-20', by, at }),
  );

beforeAll(async () => {
  azurite = await startTestAzurite();
  table = new MeasureTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
  const made = await table.createMeasure(key, 'm-1', (n) => createMeasure(programme, n, { title: 'Datakatalog', description: '', owners: ['aad-m1'], parties: ['org-1'], by: office, at }));
  if (!made.ok) throw new Error('measure');
  measure = made.value.measure;
});
afterAll(async () => azurite.stop());

describe('final treatments in Table Storage', () => {
  it('opens once per submission, and only one treatment of a measure at a time when two offices race', async () => {
    const [a, b] = await Promise.all([opening('sub-a'), opening('sub-a')]);
    expect([a, b].map((r) => r.ok && r.value.treatment.id)).toEqual(['S-001', 'S-001']);
    expect([a, b].map((r) => r.ok && r.value.created).sort()).toEqual([false, true]);
    const [c, d] = await Promise.all([opening('sub-c', office, 'Del 1'), opening('sub-d', { id: 'aad-office2', name: 'Siri Sekretariat' }, 'del 1')]);
    const results = [c, d].map((r) => (r.ok ? r.value.treatment.id : r.error.code)).sort();
    expect(results).toEqual(['S-002', 'already-open']);
    expect((await table.finalTreatments(key)).map((t) => t.id).sort()).toEqual(['S-001', 'S-002']);
  });

  it('every organisation answers at once at full length: no answer is lost, each in its own row', async () => {
    const answer = (i: number, words: string) =>
      table.changeFinalTreatment(key, 'S-001', (current) => giveFeedback(programme, current, { text: words, by: { id: `aad-m${i}`, name: `Medlem ${i}` }, at: at + i }));
    const long = (i: number) => `${i} ${'Æ🙂ø'.repeat(1332)}`.slice(0, 4000);
    const results = await Promise.all(orgs.map((_, i) => answer(i, long(i))));
    expect(results.every((r) => r.ok && r.value.changed)).toBe(true);
    await answer(3, 'Ny versjon fra org-3.');
    const stored = (await table.finalTreatment(key, 'S-001')) as FinalTreatment;
    expect(stored.feedback).toHaveLength(orgs.length + 1);
    expect(stored.history).toHaveLength(1 + orgs.length + 1);
    for (const [i] of orgs.entries()) {
      const versions = stored.feedback.filter((f) => f.party === `org-${i}`);
      expect(versions[0]?.text).toBe(long(i));
    }
    expect(stored.feedback.filter((f) => f.party === 'org-3').map((f) => [f.version, f.text.slice(0, 10)])).toEqual([
      [1, long(3).slice(0, 10)],
      [2, 'Ny versjon'],
    ]);
    // The list reads the same texts; without them, the same state and history.
    expect((await table.finalTreatments(key)).find((t) => t.id === 'S-001')).toEqual(stored);
    const bare = (await table.finalTreatments(key, { texts: false })).find((t) => t.id === 'S-001');
    expect(bare).toEqual({ ...stored, feedback: stored.feedback.map((f) => ({ ...f, text: '' })) });
  });

  it('a refused or unchanged step writes nothing; an unknown id is reported', async () => {
    const before = await table.finalTreatment(key, 'S-001');
    const same = await table.changeFinalTreatment(key, 'S-001', (current) => giveFeedback(programme, current, { text: 'Ny versjon fra org-3.', by: { id: 'aad-m3', name: 'Medlem 3' }, at: at + 99 }));
    expect(same.ok && same.value.changed).toBe(false);
    const refused = await table.changeFinalTreatment(key, 'S-001', (current) => giveFeedback(programme, current, { text: 'x', by: { id: 'aad-nobody', name: 'Nobody' }, at: at + 99 }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    expect(await table.finalTreatment(key, 'S-001')).toEqual(before);
    expect(await table.changeFinalTreatment(key, 'S-404', (current) => giveFeedback(programme, current, { text: 'x', by: office, at }))).toEqual({
      ok: false,
      error: { code: 'treatment-not-found', id: 'S-404' },
    });
  });

  it('keeps tenants apart', async () => {
    expect(await table.finalTreatments({ tenantId: 'tenant-other', programmeId: 'skate' })).toEqual([]);
    expect(await table.finalTreatment({ tenantId: 'tenant-other', programmeId: 'skate' }, 'S-001')).toBeUndefined();
  });
});

describe('JSON over several table properties', () => {
  it('round-trips anything, in chunks a table property holds, never splitting a surrogate pair', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 2000 }), { maxLength: 60 }), (value) => {
        const properties = jsonProperties(value);
        expect(fromJsonProperties(properties)).toEqual(value);
        for (const chunk of Object.values(properties)) {
          expect(chunk.length).toBeLessThanOrEqual(30_000);
          expect(/[\uD800-\uDBFF]$/.test(chunk)).toBe(false);
        }
      }),
      { numRuns: 50 },
    );
    const big = { text: '🙂'.repeat(40_000) };
    const properties = jsonProperties(big);
    expect(Object.keys(properties)).toEqual(['data', 'data1', 'data2']);
    expect(fromJsonProperties(properties)).toEqual(big);
  });
});
