// The paged lists' count rows against real Azurite (issue 25): the decision log's lists, the
// audit log, the NDA register and an idea's reports keep their totals in count rows moved in
// the transaction of the row they count, so concurrent writes leave them exact; rows written
// before the count rows (no count row, or one from an older layout) are counted by the
// start-up pass, which is idempotent and exact beside concurrent writes.
import type { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, NdaRecord } from '../../src/features/confidentiality/app/ports.js';
import type { StatusReport } from '../../src/features/reporting/app/report.js';
import { ok } from '../../src/shared/result.js';
import { AuditTable } from '../../src/features/confidentiality/storage/auditTable.js';
import { azuriteConnectionString, storageClients } from '../../src/platform/storage/connection.js';
import { NdaTable } from '../../src/features/confidentiality/storage/ndaTable.js';
import { scanPages } from '../../src/platform/storage/rangePage.js';
import { ReportTable } from '../../src/features/reporting/storage/reportTable.js';
import { Tables, tenantPartition } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { startFaultProxy } from '../support/faultProxy.js';
import { TENANT, testProgramme } from '../support/fixtures.js';
import { openTestVote } from '../support/openTestVote.js';

let azurite: TestAzurite;
let tables: Tables;
const at = Date.UTC(2026, 10, 22, 12);

beforeAll(async () => {
  azurite = await startTestAzurite();
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
});
afterAll(async () => azurite.stop());

const entry = (programmeId: string, i: number): AuditEntry => ({
  tenantId: TENANT,
  programmeId,
  at: at + i,
  actor: { id: 'aad-office', name: `Revisor ${i}` },
  conversation: { id: 'c', kind: 'personal' },
  decision: 'refused',
  items: [],
});

async function deleteRange(table: TableClient, partitionKey: string, prefix: string): Promise<number> {
  let n = 0;
  for await (const page of scanPages(table, partitionKey, prefix, ['PartitionKey', 'RowKey'])) for (const row of page) (await table.deleteEntity(partitionKey, row.rowKey ?? ''), n++);
  return n;
}

describe('the audit log count (sharded)', () => {
  it('two instances appending at once leave the count exact', async () => {
    const [a, b] = [new AuditTable(tables), new AuditTable(tables)];
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).append(entry('burst', i))));
    expect((await a.page(TENANT, 'burst', { size: 5 })).total).toBe(60);
    // The entries themselves: sixty, read a page at a time.
    let seen = 0;
    for await (const page of scanPages(await tables.get('audit'), tenantPartition(TENANT, 'burst'), '')) seen += page.length;
    expect(seen).toBe(60);
  });

  it('an append stays one request: a shard is read only at its first use by an instance', async () => {
    const tablePort = Number(/TableEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(azurite.connectionString)?.[1]);
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: tablePort });
    try {
      const proxied = new Tables(storageClients({ kind: 'connection-string', connectionString: azuriteConnectionString('127.0.0.1', proxy.port, tablePort) }));
      const audit = new AuditTable(proxied);
      await audit.append(entry('hot', 0)); // the table is made once per process
      proxy.seen.splice(0);
      for (let i = 1; i <= 40; i++) await audit.append(entry('hot', i));
      const transactions = proxy.seen.filter((r) => r.method === 'POST' && r.path.includes('$batch')).length;
      const reads = proxy.seen.filter((r) => r.method === 'GET').length;
      expect(transactions).toBe(40);
      expect(reads).toBeLessThanOrEqual(15); // each of the other shards once at most, never per append
      expect(proxy.seen).toHaveLength(transactions + reads);
      expect((await audit.page(TENANT, 'hot', { size: 5 })).total).toBe(41);
    } finally {
      await proxy.close();
    }
  });

  it('entries written before the count rows are counted once by the start-up pass, and a second run changes nothing', async () => {
    const raw = await tables.get('audit');
    const partitionKey = tenantPartition(TENANT, 'legacy');
    // As the code before the count rows wrote them: the entry alone.
    for (let i = 0; i < 7; i++) await raw.createEntity({ partitionKey, rowKey: `${String(9_999_999_999_999 - at - i).padStart(13, '0')}|legacy-${i}`, data: JSON.stringify(entry('legacy', i)) });
    const audit = new AuditTable(tables);
    await audit.append(entry('legacy', 100)); // today's code, before the pass ran
    expect((await audit.page(TENANT, 'legacy', { size: 5 })).total).toBe(1);
    expect(await audit.migrateCounts(TENANT, 'legacy')).toEqual({ recounted: 1 });
    expect((await audit.page(TENANT, 'legacy', { size: 5 })).total).toBe(8);
    expect(await audit.migrateCounts(TENANT, 'legacy')).toEqual({ recounted: 0 });
    await audit.append(entry('legacy', 101));
    expect((await audit.page(TENANT, 'legacy', { size: 5 })).total).toBe(9);
  });

  it('a count from an older layout, or with a shard missing, is rebuilt; appends during the pass are counted', async () => {
    const raw = await tables.get('audit');
    const partitionKey = tenantPartition(TENANT, 'older');
    const audit = new AuditTable(tables);
    for (let i = 0; i < 10; i++) await audit.append(entry('older', i));
    await audit.migrateCounts(TENANT, 'older');
    // A wrong count under an older version of the layout, and a shard gone.
    await raw.upsertEntity({ partitionKey, rowKey: '~meta|count', version: 0 }, 'Replace');
    await raw.upsertEntity({ partitionKey, rowKey: '~cnt|00', n: 999 }, 'Replace');
    await raw.deleteEntity(partitionKey, '~cnt|07').catch(() => undefined);
    const during = Promise.all(Array.from({ length: 20 }, (_, i) => audit.append(entry('older', 50 + i))));
    await audit.migrateCounts(TENANT, 'older');
    await during;
    expect((await audit.page(TENANT, 'older', { size: 5 })).total).toBe(30);
  });
});

describe('the NDA register count', () => {
  const nda = (person: string, signedOn: string): NdaRecord => ({
    tenantId: TENANT,
    programmeId: 'ndas',
    person: { id: person, name: person },
    covers: [],
    scope: 'Alt.',
    handling: 'Forsiktig.',
    signedOn,
    recordedBy: { id: 'aad-office', name: 'office' },
    recordedAt: at,
  });

  it('concurrent records of new people each count once; a new declaration of a person counts nothing', async () => {
    const [a, b] = [new NdaTable(tables), new NdaTable(tables)];
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).record(nda(`aad-person-${i}`, '2026-12-01'))));
    await Promise.all([a.record(nda('aad-person-3', '2026-12-02')), b.record(nda('aad-person-3', '2026-12-03'))]);
    const page = await a.page(TENANT, 'ndas', { size: 20 });
    expect(page.total).toBe(12);
    expect(page.items).toHaveLength(12);
    expect((await a.list(TENANT, 'ndas')).map((r) => r.person.id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `aad-person-${i}`).sort());
  });

  it('people recorded before the count row are counted by the start-up pass, once', async () => {
    const raw = await tables.get('ndas');
    const partitionKey = tenantPartition(TENANT, 'ndas-legacy');
    for (let i = 0; i < 4; i++) await raw.upsertEntity({ partitionKey, rowKey: `aad-old-${i}`, data: JSON.stringify({ ...nda(`aad-old-${i}`, '2026-01-01'), programmeId: 'ndas-legacy' }) }, 'Replace');
    const ndas = new NdaTable(tables);
    expect((await ndas.page(TENANT, 'ndas-legacy', { size: 20 })).total).toBe(0);
    expect(await ndas.migrateCounts(TENANT, 'ndas-legacy')).toEqual({ recounted: 1 });
    expect(await ndas.migrateCounts(TENANT, 'ndas-legacy')).toEqual({ recounted: 0 });
    await ndas.record({ ...nda('aad-new', '2026-12-01'), programmeId: 'ndas-legacy' });
    expect((await ndas.page(TENANT, 'ndas-legacy', { size: 20 })).total).toBe(5);
  });
});

describe("the decision log's counts", () => {
  it('votes of different ideas opened at once leave every list count exact', async () => {
    const programme = testProgramme({ id: 'counted' });
    const key = { tenantId: TENANT, programmeId: programme.id };
    const votes = [new VoteTable(tables, { recordMaxAgeMs: -1 }), new VoteTable(tables, { recordMaxAgeMs: -1 })];
    await Promise.all(Array.from({ length: 10 }, (_, n) => openTestVote(votes[n % 2]!, programme, n + 1, at + n * 1_000)));
    const body = programme.bodies[0]?.id ?? '';
    expect((await votes[0]!.page(key, {}, { size: 5 })).total).toBe(10);
    expect((await votes[0]!.page(key, { body }, { size: 5 })).total).toBe(10);
    expect((await votes[1]!.page(key, { ideaNumber: 'DSOP-2026-003' }, { size: 5 })).total).toBe(1);
  });

  it('forty votes opened at once on two instances all open (they contend for the same count rows; the scale benchmark seeding 1,000 votes 16 at once, casts beside them, ran out of tries with a 50 ms backoff)', async () => {
    const programme = testProgramme({ id: 'crowded' });
    const key = { tenantId: TENANT, programmeId: programme.id };
    const votes = [new VoteTable(tables, { recordMaxAgeMs: -1 }), new VoteTable(tables, { recordMaxAgeMs: -1 })];
    await Promise.all(Array.from({ length: 40 }, (_, n) => openTestVote(votes[n % 2]!, programme, n + 1, at + n * 1_000)));
    expect((await votes[0]!.page(key, {}, { size: 5 })).total).toBe(40);
  }, 60_000);

  it('count rows missing (votes opened before them) are rebuilt by the start-up migration; a second run changes nothing', async () => {
    const programme = testProgramme({ id: 'uncounted' });
    const key = { tenantId: TENANT, programmeId: programme.id };
    const votes = new VoteTable(tables, { recordMaxAgeMs: -1 });
    for (let n = 1; n <= 6; n++) await openTestVote(votes, programme, n, at + n * 1_000);
    const raw = await tables.get('votes');
    const partitionKey = tenantPartition(TENANT, programme.id);
    // As the code of index version 1 left the partition: index rows, no count rows.
    expect(await deleteRange(raw, partitionKey, 'vote~cnt|')).toBe(8); // all, the body, six ideas
    await raw.upsertEntity({ partitionKey, rowKey: 'meta|voteIndex', version: 1 }, 'Replace');
    expect((await votes.page(key, {}, { size: 5 })).total).toBe(0); // uncounted (a card's pages still prove 6)
    await openTestVote(votes, programme, 7, at + 7_000);
    expect(await votes.migrateIndex(key)).toEqual({ written: 7, recounted: 8 });
    expect((await votes.page(key, {}, { size: 5 })).total).toBe(7);
    expect((await votes.page(key, { ideaNumber: 'DSOP-2026-002' }, { size: 5 })).total).toBe(1);
    expect(await votes.migrateIndex(key)).toEqual({ written: 0 });
  });
});

describe("an idea's reports count", () => {
  const report = (periodKey: string): StatusReport => ({
    programmeId: 'dsop',
    scheduleId: 'statusrapport',
    periodKey,
    ideaNumber: 'DSOP-2026-009',
    ideaTitle: 'Prosjekt',
    content: {
      status: 'green',
      progress: periodKey,
      deviations: { result: { deviates: false, text: '' }, completionDate: { deviates: false, text: '' }, cost: { deviates: false, text: '' } },
      correctiveActions: '',
      nextMilestones: '',
    },
    author: { id: 'aad-leader', name: 'leader' },
    version: 1,
    filedAt: at + Number(periodKey.slice(-2)),
    updatedAt: at,
  });

  it('first filings of different periods at once each count once; a correction counts nothing', async () => {
    const key = { tenantId: 'tenant-count-reports', programmeId: 'dsop' };
    const [a, b] = [new ReportTable(tables), new ReportTable(tables)];
    const save = (t: ReportTable, r: StatusReport) => t.save(key, { scheduleId: r.scheduleId, periodKey: r.periodKey, ideaNumber: r.ideaNumber }, undefined, () => ok({ kind: 'new-version', report: r }));
    await Promise.all(Array.from({ length: 8 }, (_, i) => save(i % 2 ? a : b, report(`2026-${String(i + 1).padStart(2, '0')}`))));
    await save(a, { ...report('2026-01'), version: 2 });
    expect((await a.pageOfIdea(key, 'DSOP-2026-009', { size: 3 })).total).toBe(8);
  });
});
