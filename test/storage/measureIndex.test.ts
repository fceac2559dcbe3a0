// The rows kept under each measure (issue 25) against real Azurite: a page of measures reads its
// deviations and final treatments and no other measure's (rows counted as the service hands them
// over), a closed deviation's copy follows it, ids past T-999 keep their own rows, and the
// start-up migration gives rows stored the old way their copies and references, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableClient } from '@azure/data-tables';
import { ok } from '../../src/shared/result.js';
import { openFinalTreatment } from '../../src/features/measures/domain/finalTreatment.js';
import { closeDeviation, createMeasure, type Deviation, type Measure } from '../../src/features/measures/domain/measures.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { MeasureTable } from '../../src/features/measures/storage/measureTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const orgs = ['org-0', 'org-1'];
const programme: Programme = programmeSchema.parse({
  ...testProgramme(),
  id: 'skate',
  parties: orgs.map((id) => ({ id, name: id, tenantIds: [TENANT] })),
  people: [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'org-0', roles: ['office'] },
    { aadObjectId: 'aad-m1', name: 'Medlem 1', party: 'org-1' },
  ],
  bodies: [{ id: 'skate', name: { nb: 'Skate', en: 'Skate' }, rule: { kind: 'consensus' }, members: ['aad-m1'], decidedBy: { title: { nb: 'Direktør', en: 'Director' } } }],
});
const at = osloTime('2026-11-02', 10);
const office = { id: 'aad-office', name: 'Ola Office' };
let programmeCount = 0;
const freshKey = () => ({ tenantId: TENANT, programmeId: `skate-${++programmeCount}` });

let azurite: TestAzurite;
let tables: Tables;
let store: MeasureTable;
/** Rows the service handed over to `counted`'s queries. */
const reads = { rows: 0 };
let counted: MeasureTable;

const deviation = (measureId: string, sequence: number): Deviation => ({
  id: `A-${String(sequence).padStart(3, '0')}`,
  measureId,
  what: 'Kostnaden sprekker.',
  impact: 'Senere levering.',
  proposal: 'Nytt budsjett.',
  filedBy: { id: 'aad-m1', name: 'Medlem 1' },
  party: 'org-1',
  filedAt: at,
  recipients: [],
  status: 'open',
});

async function seedMeasures(key: { tenantId: string; programmeId: string }, count: number): Promise<Measure[]> {
  const out: Measure[] = [];
  for (let i = 1; i <= count; i++) {
    const made = await store.createMeasure(key, `m-${i}`, (n) => createMeasure(programme, n, { title: `Tiltak ${i}`, description: '', owners: ['aad-m1'], parties: ['org-1'], by: office, at }));
    if (!made.ok) throw new Error('measure');
    out.push(made.value.measure);
  }
  return out;
}

async function file(key: { tenantId: string; programmeId: string }, measureId: string, submission: string): Promise<Deviation> {
  const filed = await store.fileDeviation(key, submission, (sequence) => ok(deviation(measureId, sequence)));
  if (!filed.ok) throw new Error('deviation');
  return filed.value.deviation;
}

async function open(key: { tenantId: string; programmeId: string }, measure: Measure, submission: string) {
  const opened = await store.openFinalTreatment(key, submission, (sequence, existing) =>
    openFinalTreatment(programme, measure, existing, sequence, { part: '', request: 'Les sluttrapporten.', deadline: '2026-11-20', by: office, at }),
  );
  if (!opened.ok) throw new Error(opened.error.code);
  return opened.value.treatment;
}

/** A Tables whose table clients count the rows their queries hand over. */
function countingTables(real: Tables): Tables {
  const get = async (name: string) => {
    const table = await real.get(name);
    return new Proxy(table, {
      get(target, prop) {
        if (prop === 'listEntities') {
          return (options: Parameters<TableClient['listEntities']>[0]) => {
            const inner = target.listEntities(options);
            return {
              async *[Symbol.asyncIterator]() {
                for await (const row of inner) {
                  reads.rows++;
                  yield row;
                }
              },
              byPage: () => {
                throw new Error('not counted');
              },
            };
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { get } as unknown as Tables;
}

/** Deletes the rows kept under the measures and the migration's marker: the layout before issue 25. */
async function asStoredBefore(key: { tenantId: string; programmeId: string }): Promise<void> {
  const table = await tables.get('measures');
  const partitionKey = `${TENANT}|${key.programmeId}`;
  for await (const row of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } })) {
    const rowKey = row.rowKey ?? '';
    if (rowKey.startsWith('devof|') || rowKey.startsWith('ftof|') || rowKey === 'meta|index') await table.deleteEntity(partitionKey, rowKey);
  }
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  store = new MeasureTable(tables);
  counted = new MeasureTable(countingTables(tables));
});
afterAll(async () => azurite.stop());

describe('deviations and final treatments under their measure (issue 25)', () => {
  it("a page of measures reads its own deviations and treatments, not the other measures'", async () => {
    const key = freshKey();
    const measures = await seedMeasures(key, 25);
    for (let i = 0; i < 3; i++) await file(key, 'T-002', `on-2-${i}`);
    for (let i = 0; i < 6; i++) await file(key, i % 2 === 0 ? 'T-021' : 'T-025', `later-${i}`);
    await open(key, measures[1] as Measure, 'ft-2');
    for (const m of measures.slice(20)) await open(key, m, `ft-${m.id}`);
    const page = measures.slice(0, 20).map((m) => m.id);

    reads.rows = 0;
    const deviations = await counted.deviationsOf(key, page);
    expect(deviations.map((d) => d.measureId)).toEqual(['T-002', 'T-002', 'T-002']);
    expect(reads.rows).toBe(3);
    reads.rows = 0;
    const treatments = await counted.finalTreatmentsOf(key, page);
    expect(treatments.map((t) => t.measureId)).toEqual(['T-002']);
    // Its reference, then its state row: two rows, not the programme's six treatments.
    expect(reads.rows).toBe(2);
    expect((await store.deviationsOf(key, ['T-021'])).length).toBe(3);
    expect((await store.finalTreatmentsOf(key, ['T-021', 'T-025'])).map((t) => t.measureId)).toEqual(['T-021', 'T-025']);
    expect(await store.deviationsOf(key, [])).toEqual([]);
  });

  it("a closed deviation's copy is closed too; ids past T-999 keep their own rows", async () => {
    const key = freshKey();
    const filed = await file(key, 'T-100', 'a');
    await file(key, 'T-1000', 'b');
    await file(key, 'T-1001', 'c');
    const closed = await store.changeDeviation(key, filed.id, (d) => closeDeviation(d, { resolution: 'Løst.', by: office, at }));
    expect(closed.ok).toBe(true);
    expect((await store.deviationsOf(key, ['T-100'])).map((d) => d.status)).toEqual(['closed']);
    expect((await store.deviationsOf(key, ['T-100', 'T-1000'])).map((d) => d.measureId).sort()).toEqual(['T-100', 'T-1000']);
    expect((await store.deviationsOf(key, ['T-1001'])).map((d) => d.measureId)).toEqual(['T-1001']);
    expect((await store.deviations(key)).find((d) => d.id === filed.id)?.status).toBe('closed');
  });

  it('the start-up migration gives rows stored the old way their copies and references, once', async () => {
    const key = freshKey();
    const measures = await seedMeasures(key, 3);
    await file(key, 'T-001', 'a');
    await file(key, 'T-003', 'b');
    await open(key, measures[2] as Measure, 'ft');
    await asStoredBefore(key);
    expect(await store.deviationsOf(key, ['T-001', 'T-002', 'T-003'])).toEqual([]);
    expect(await store.finalTreatmentsOf(key, ['T-003'])).toEqual([]);

    expect(await store.migrateIndex(key)).toEqual({ measureRows: 3 });
    expect((await store.deviationsOf(key, ['T-001', 'T-002', 'T-003'])).map((d) => d.measureId)).toEqual(['T-001', 'T-003']);
    expect((await store.finalTreatmentsOf(key, ['T-003'])).map((t) => t.measureId)).toEqual(['T-003']);
    // Done: the next start reads the marker only; without the marker, nothing is missing.
    expect(await store.migrateIndex(key)).toEqual({ measureRows: 0 });
    const table = await tables.get('measures');
    await table.deleteEntity(`${TENANT}|${key.programmeId}`, 'meta|index');
    expect(await store.migrateIndex(key)).toEqual({ measureRows: 0 });
    // A programme without measures is marked done at once.
    expect(await store.migrateIndex(freshKey())).toEqual({ measureRows: 0 });
  });
});
