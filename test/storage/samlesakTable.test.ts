// Samlesaker in Table Storage against real Azurite: two first openings make one case, two AU
// members assessing at once both land (ETag), thirty measures' full-length texts outgrow one
// property and come back whole, and another programme's key sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessMeasure, compileSamlesak, type SamlesakItem } from '../../src/features/reporting/domain/samlesak.js';
import { periodByKey } from '../../src/shared/schedule/period.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { SamlesakTable } from '../../src/features/reporting/storage/samlesakTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { skatePeople as p, skateSamlesakProgramme } from '../support/skateSamlesak.js';

const programme = skateSamlesakProgramme('t-store');
const schedule = programme.schedules.find((s) => s.id === 'kvartalsrapport')!;
const period = periodByKey(schedule, '2026-Q4')!;
const at = period.deadline + 1;
const key = { tenantId: 't-store', programmeId: programme.id };
const ref = (person: typeof p.office) => ({ id: person.aadObjectId, name: person.name });
const items: SamlesakItem[] = Array.from({ length: 30 }, (_, i) => ({ measureId: `T-${String(i + 1).padStart(3, '0')}`, title: `Tiltak ${i + 1}`, kind: 'joint', owners: [p.owner.aadObjectId] }));
const long = 'Æ'.repeat(2000);

let azurite: TestAzurite;
let table: SamlesakTable;

beforeAll(async () => {
  azurite = await startTestAzurite();
  table = new SamlesakTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
});
afterAll(async () => azurite.stop());

const compile = (by = p.office) => table.change(key, schedule.id, period.key, (current) => compileSamlesak(programme, current, { scheduleId: schedule.id, period, items, by: ref(by), at }));
/** One AU member working through their measures, one after the other. */
async function assessAll(by: typeof p.au1, ids: string[]) {
  const out = [];
  for (const measureId of ids) {
    out.push(
      await table.change(key, schedule.id, period.key, (current) =>
        assessMeasure(programme, current!, { measureId, status: 'yellow', assessment: long, recommendation: long, reason: '', by: ref(by), at }),
      ),
    );
  }
  return out;
}

describe('samlesaker in Table Storage', () => {
  it('two first openings at once make one case', async () => {
    const [a, b] = await Promise.all([compile(p.office), compile(p.au1)]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const stored = await table.get(key, schedule.id, period.key);
    expect(stored?.history).toHaveLength(1);
    expect(stored?.items).toHaveLength(30);
  });

  it('two members assessing at once both land, every assessment, at full length beyond one table property', async () => {
    const half = items.slice(0, 15).map((i) => i.measureId);
    const rest = items.slice(15).map((i) => i.measureId);
    const results = await Promise.all([assessAll(p.au1, half), assessAll(p.au2, rest)]);
    expect(results.flat().every((r) => r.ok)).toBe(true);
    const stored = (await table.get(key, schedule.id, period.key))!;
    expect(Object.keys(stored.assessments).sort()).toEqual(items.map((i) => i.measureId));
    expect(stored.assessments['T-030']?.assessment).toBe(long);
    expect(JSON.stringify(stored).length).toBeGreaterThan(64 * 1024);
  }, 60_000);

  it('another programme sees none of it', async () => {
    expect(await table.get({ tenantId: 't-store', programmeId: 'other' }, schedule.id, period.key)).toBeUndefined();
    expect(await table.get({ tenantId: 't-other', programmeId: programme.id }, schedule.id, period.key)).toBeUndefined();
  });
});
