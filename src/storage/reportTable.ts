// Status reports in Table Storage. Table `reports`, one partition per (tenant, programme):
//   report|<schedule>|<period>|<idea>          the current version (JSON); changed only under its ETag
//   history|<schedule>|<period>|<idea>|<ver>   every version ever filed, never changed
//   submission|<person>|<submission id>       the form card's submission that filed a version
// The current row, its history row and the submission's receipt are written in one
// transaction, so a version is never half-stored, two concurrent corrections cannot both
// become version n, and one submission files at most one version however often it arrives.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ProgrammeKey } from '../app/ideas/ideaRepository.js';
import type { FilingDecision, ReportProblem, ReportRepository, SavedReport, StatusReport } from '../app/reports/report.js';
import { ok, type Result } from '../domain/idea/result.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from './tables.js';

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
      const data = JSON.stringify(report);
      const current = { partitionKey, rowKey, data, version: report.version };
      const historyKey = `${historyPrefix(ref.scheduleId, ref.periodKey, ref.ideaNumber)}${String(report.version).padStart(6, '0')}`;
      const actions: TransactionAction[] = [
        row ? ['update', current, 'Replace', { etag: row.etag }] : ['create', current],
        ['create', { partitionKey, rowKey: historyKey, data, version: report.version }],
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
