// Status reports in Table Storage. Table `reports`, one partition per (tenant, programme):
//   report|<schedule>|<period>|<idea>          the current version (JSON); changed only under its ETag
//   history|<schedule>|<period>|<idea>|<ver>   every version ever filed, never changed
//   submission|<person>|<submission id>       the form card's submission that filed a version
//   byidea|<idea>|<newest first>|<schedule>|<period>   an idea's reports, newest filing first
//                                              (issue 25.2: `rapporter <nr>` reads one page)
//   cnt|byidea|<idea>|                         how many reports the idea has: moved in the
//                                              transaction of its first filing (countRows.ts)
// The current row, its history row and the submission's receipt are written in one
// transaction, so a version is never half-stored, two concurrent corrections cannot both
// become version n, and one submission files at most one version however often it arrives.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { FilingDecision, ReportProblem, ReportRepository, SavedReport, StatusReport } from '../app/ports.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import { ok, type Result } from '../../../shared/result.js';
import { moveCount, readCount, rebuildCounts, type CountRow } from '../../../platform/storage/countRows.js';
import { readPage, scanPages, jsonListPage } from '../../../platform/storage/rangePage.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'reports';
const MAX_ATTEMPTS = 8;

interface ReportRow {
  data: string;
  version: number;
}

const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const periodPrefix = (scheduleId: string, periodKey: string) => `report|${keyPart(scheduleId)}|${keyPart(periodKey)}|`;
const reportRow = (scheduleId: string, periodKey: string, idea: string) => `${periodPrefix(scheduleId, periodKey)}${keyPart(idea)}`;
const historyPrefix = (scheduleId: string, periodKey: string, idea: string) =>
  `history|${keyPart(scheduleId)}|${keyPart(periodKey)}|${keyPart(idea)}|`;
const receiptRow = (submissionKey: string) => `submission|${keyPart(submissionKey)}`;
/** Row keys count down from the first filing, so a plain listing is newest first. */
const newestFirst = (at: number) => String(9_999_999_999_999 - at).padStart(13, '0');
const ideaPrefix = (idea: string) => `byidea|${keyPart(idea)}|`;
/** The count row of an idea's reports: `cnt|` and the range it counts. */
const countRow = (prefix: string) => `cnt|${prefix}`;
/** The idea's index row of a report: the current version, keyed by the first filing (stable across corrections). */
const ideaRow = (report: StatusReport) => `${ideaPrefix(report.ideaNumber)}${newestFirst(report.filedAt)}|${keyPart(report.scheduleId)}|${keyPart(report.periodKey)}`;
/** Index rows written per transaction by the migration (a transaction holds at most 100). */
const MIGRATION_BATCH = 100;

/** Rows whose key starts with the prefix: '}' sorts after every character keyPart emits. */
const prefixFilter = (partitionKey: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${prefix}' and RowKey lt '${prefix}}'`;

const isConflict = (error: unknown) => {
  const status = statusOf(error);
  return status === 409 || status === 412;
};

export class ReportTable implements ReportRepository {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async get(key: ProgrammeKey, scheduleId: string, periodKey: string, ideaNumber: string): Promise<StatusReport | undefined> {
    const row = await getEntityOrUndefined<ReportRow>(await this.table(), partitionOf(key), reportRow(scheduleId, periodKey, ideaNumber));
    return row ? (JSON.parse(row.data) as StatusReport) : undefined;
  }

  forPeriod(key: ProgrammeKey, scheduleId: string, periodKey: string): Promise<StatusReport[]> {
    return this.rows(partitionOf(key), periodPrefix(scheduleId, periodKey));
  }

  async ofIdea(key: ProgrammeKey, scheduleId: string, ideaNumber: string): Promise<StatusReport[]> {
    const all = await this.rows(partitionOf(key), `report|${keyPart(scheduleId)}|`);
    return all.filter((r) => r.ideaNumber === ideaNumber);
  }

  /** One page of the idea's reports (every schedule), newest filing first, from its index rows. */
  async pageOfIdea(key: ProgrammeKey, ideaNumber: string, request: PageRequest): Promise<ListPage<StatusReport> & { total: number }> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const prefix = ideaPrefix(ideaNumber);
    const [read, total] = await Promise.all([readPage<ReportRow>(table, partitionKey, [prefix], request), readCount(table, partitionKey, countRow(prefix)).then((c) => c.n)]);
    return jsonListPage<StatusReport>(read, total);
  }

  /**
   * Start-up migration: every current report gets its idea's index row (reports filed before the
   * index existed), or a fresher one where the row is behind. Idempotent; writes nothing when
   * all is indexed. Reads the index keys with their versions, then the reports, a page at a time.
   */
  async migrateIndex(key: ProgrammeKey): Promise<{ indexed: number; recounted?: number }> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const indexed = new Map<string, number>();
    for await (const page of scanPages<{ version: number }>(table, partitionKey, 'byidea|', ['PartitionKey', 'RowKey', 'version'])) {
      for (const row of page) indexed.set(row.rowKey ?? '', row.version);
    }
    let written = 0;
    for await (const page of scanPages<ReportRow>(table, partitionKey, 'report|')) {
      const missing = page.filter((row) => indexed.get(ideaRow(JSON.parse(row.data) as StatusReport)) !== row.version);
      for (let i = 0; i < missing.length; i += MIGRATION_BATCH) {
        const batch = missing.slice(i, i + MIGRATION_BATCH);
        await table.submitTransaction(
          batch.map((row): TransactionAction => ['upsert', { partitionKey, rowKey: ideaRow(JSON.parse(row.data) as StatusReport), data: row.data, version: row.version }, 'Replace']),
        );
        written += batch.length;
      }
    }
    // Then each idea's count row, from the index keys (keys only; rewritten only where it is off).
    const recounted = await rebuildCounts(table, partitionKey, countRow('byidea|'), async () => {
      const counts = new Map<string, number>();
      for await (const page of scanPages(table, partitionKey, 'byidea|', ['PartitionKey', 'RowKey'])) {
        for (const row of page) {
          const idea = (row.rowKey ?? '').split('|')[1] ?? '';
          const rowKey = countRow(`byidea|${idea}|`);
          counts.set(rowKey, (counts.get(rowKey) ?? 0) + 1);
        }
      }
      return counts;
    });
    return { indexed: written, ...(recounted > 0 ? { recounted } : {}) };
  }

  history(key: ProgrammeKey, scheduleId: string, periodKey: string, ideaNumber: string): Promise<StatusReport[]> {
    return this.rows(partitionOf(key), historyPrefix(scheduleId, periodKey, ideaNumber));
  }

  async save(
    key: ProgrammeKey,
    ref: { scheduleId: string; periodKey: string; ideaNumber: string },
    submissionKey: string | undefined,
    decide: (current: StatusReport | undefined) => Result<FilingDecision, ReportProblem>,
  ): Promise<Result<SavedReport, ReportProblem>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const rowKey = reportRow(ref.scheduleId, ref.periodKey, ref.ideaNumber);
    const receiptKey = submissionKey === undefined ? undefined : receiptRow(submissionKey);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // The row before the receipt: both are written in one transaction, so a row this
      // submission wrote is never seen without its receipt.
      const row = await getEntityOrUndefined<ReportRow>(table, partitionKey, rowKey);
      const repeated = receiptKey && (await this.receipted(table, partitionKey, receiptKey));
      if (repeated) return ok({ report: repeated, outcome: 'repeated' });
      const result = decide(row ? (JSON.parse(row.data) as StatusReport) : undefined);
      if (!result.ok) return result;
      const { report } = result.value;
      if (result.value.kind === 'unchanged') return ok({ report, outcome: 'unchanged' });
      // A first filing adds the idea's index row (a correction replaces it): its count moves with it.
      const count: CountRow | undefined = row ? undefined : await readCount(table, partitionKey, countRow(ideaPrefix(report.ideaNumber)));
      const data = JSON.stringify(report);
      const current = { partitionKey, rowKey, data, version: report.version };
      const historyKey = `${historyPrefix(ref.scheduleId, ref.periodKey, ref.ideaNumber)}${String(report.version).padStart(6, '0')}`;
      const actions: TransactionAction[] = [
        row ? ['update', current, 'Replace', { etag: row.etag }] : ['create', current],
        ['create', { partitionKey, rowKey: historyKey, data, version: report.version }],
        // The idea's index row holds the current version too (issue 25.2).
        ['upsert', { partitionKey, rowKey: ideaRow(report), data, version: report.version }, 'Replace'],
        ...(count ? [moveCount(partitionKey, count, 1)] : []),
        // The receipt is written with the version: either both exist or neither.
        ...(receiptKey ? [['create', { partitionKey, rowKey: receiptKey, row: historyKey }] satisfies TransactionAction] : []),
      ];
      try {
        await table.submitTransaction(actions);
        return ok({ report, outcome: 'filed' });
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`report ${rowKey}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  /** The version a submission filed, if its receipt exists. */
  private async receipted(table: TableClient, partitionKey: string, receiptKey: string): Promise<StatusReport | undefined> {
    const receipt = await getEntityOrUndefined<{ row: string }>(table, partitionKey, receiptKey);
    const version = receipt && (await getEntityOrUndefined<ReportRow>(table, partitionKey, receipt.row));
    return version ? (JSON.parse(version.data) as StatusReport) : undefined;
  }

  private async rows(partitionKey: string, prefix: string): Promise<StatusReport[]> {
    const table = await this.table();
    const out: StatusReport[] = [];
    const rows = table.listEntities<ReportRow>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } });
    for await (const row of rows) if (row.rowKey?.startsWith(prefix)) out.push(JSON.parse(row.data) as StatusReport);
    return out;
  }
}
