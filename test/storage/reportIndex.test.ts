// Each idea's index of its filed reports (issue 25.2) against real Azurite: written with the
// report in one transaction and moved to the current version by a correction (one row per
// report, never two); reports filed before the index existed get their rows from the start-up
// migration, which is idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/features/reporting/app/report.js';
import { ok } from '../../src/shared/result.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { ReportTable } from '../../src/features/reporting/storage/reportTable.js';
import { tenantPartition, Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let tables: Tables;
let reports: ReportTable;
const key = { tenantId: 'tenant-report-index', programmeId: 'dsop' };
const at = Date.UTC(2026, 0, 5, 9);
const report = (idea: string, periodKey: string, version = 1): StatusReport => ({
  programmeId: 'dsop',
  scheduleId: 'statusrapport',
  periodKey,
  ideaNumber: idea,
  ideaTitle: 'Prosjekt',
  content: {
    status: 'green',
    progress: `v${version}`,
    deviations: { result: { deviates: false, text: '' }, completionDate: { deviates: false, text: '' }, cost: { deviates: false, text: '' } },
    correctiveActions: '',
    nextMilestones: '',
  },
  author: { id: 'aad-leader', name: 'leader' },
  version,
  filedAt: at,
  updatedAt: at + version,
});
const save = (r: StatusReport) => reports.save(key, { scheduleId: r.scheduleId, periodKey: r.periodKey, ideaNumber: r.ideaNumber }, undefined, () => ok({ kind: 'new-version', report: r }));

beforeAll(async () => {
  azurite = await startTestAzurite();
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  reports = new ReportTable(tables);
});
afterAll(async () => azurite.stop());

describe("an idea's report index", () => {
  it('holds the current version: a correction leaves one row, with the corrected text', async () => {
    await save(report('DSOP-2026-001', '2026-01'));
    await save(report('DSOP-2026-001', '2026-01', 2));
    const page = await reports.pageOfIdea(key, 'DSOP-2026-001', { size: 10 });
    expect(page.total).toBe(1);
    expect(page.items.map((r) => r.content.progress)).toEqual(['v2']);
  });

  it('the migration indexes a report whose row is missing, once', async () => {
    await save(report('DSOP-2026-002', '2026-01'));
    const table = await tables.get('reports');
    const partitionKey = tenantPartition(key.tenantId, key.programmeId);
    // As data written before the index: drop the index rows of this idea, and their count row.
    for await (const row of table.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } })) {
      if (row.rowKey?.startsWith('byidea|DSOP-2026-002|') || row.rowKey?.startsWith('cnt|byidea|DSOP-2026-002|')) await table.deleteEntity(partitionKey, row.rowKey);
    }
    expect((await reports.pageOfIdea(key, 'DSOP-2026-002', { size: 10 })).total).toBe(0);
    expect(await reports.migrateIndex(key)).toEqual({ indexed: 1, recounted: 1 });
    expect((await reports.pageOfIdea(key, 'DSOP-2026-002', { size: 10 })).total).toBe(1);
    expect((await reports.pageOfIdea(key, 'DSOP-2026-002', { size: 10 })).items.map((r) => r.periodKey)).toEqual(['2026-01']);
    expect(await reports.migrateIndex(key)).toEqual({ indexed: 0 });
  });
});
