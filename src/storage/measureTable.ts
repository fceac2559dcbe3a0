// Joint measures and deviation notices in Table Storage.
// One partition per (tenant, programme). A measure or deviation is created in one transaction
// with its submission receipt and the counter that numbers it, so a repeated submission
// creates nothing and numbers have no gaps.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ProgrammeKey } from '../app/ideas/ideaRepository.js';
import type { MeasureRepository } from '../app/measures/measures.js';
import { err, ok, type Result } from '../domain/idea/result.js';
import type { Deviation, Measure, MeasureProblem, Recipient } from '../domain/measures/measures.js';
import {
  ConcurrencyConflictError,
  getEntityOrUndefined,
  keyPart,
  statusOf,
  tenantPartition,
  updateWithETag,
  type Tables,
} from './tables.js';

const TABLE = 'measures';
const MAX_ATTEMPTS = 16;

interface JsonRow {
  data: string;
}

const partitionOf = (key: { tenantId: string; programmeId: string }) => tenantPartition(key.tenantId, key.programmeId);
const measureRow = (id: string) => `measure|${keyPart(id)}`;
const deviationRow = (id: string) => `deviation|${keyPart(id)}`;
const counterRow = (series: string) => `counter|${series}`;
const receiptRow = (series: string, submissionKey: string) => `submission|${series}|${keyPart(submissionKey)}`;

const prefixFilter = (partitionKey: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${prefix}' and RowKey lt '${prefix}}'`;

const isConflict = (error: unknown) => statusOf(error) === 412 || statusOf(error) === 409;

/** A deviation notice for one recipient, as recorded for delivery. */
export interface PendingNotice {
  tenantId: string;
  programmeId: string;
  measure: { id: string; title: string };
  deviation: Deviation;
  recipient: Recipient;
  status: 'pending' | 'sent';
  recordedAt: number;
}

export class MeasureTable implements MeasureRepository {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async createMeasure(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<Measure, MeasureProblem>,
  ): Promise<Result<{ measure: Measure; created: boolean }, MeasureProblem>> {
    const result = await this.createNumbered('measure', key, submissionKey, build, (m) => measureRow(m.id));
    return result.ok ? ok({ measure: result.value.value, created: result.value.created }) : result;
  }

  async measures(key: ProgrammeKey): Promise<Measure[]> {
    return this.rows<Measure>(partitionOf(key), 'measure|');
  }

  async measure(key: ProgrammeKey, id: string): Promise<Measure | undefined> {
    const row = await getEntityOrUndefined<JsonRow>(await this.table(), partitionOf(key), measureRow(id));
    return row && (JSON.parse(row.data) as Measure);
  }

  async fileDeviation(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<Deviation, MeasureProblem>,
  ): Promise<Result<{ deviation: Deviation; created: boolean }, MeasureProblem>> {
    const result = await this.createNumbered('deviation', key, submissionKey, build, (d) => deviationRow(d.id));
    return result.ok ? ok({ deviation: result.value.value, created: result.value.created }) : result;
  }

  async deviations(key: ProgrammeKey): Promise<Deviation[]> {
    return this.rows<Deviation>(partitionOf(key), 'deviation|');
  }

  async changeDeviation(
    key: ProgrammeKey,
    id: string,
    change: (current: Deviation) => Result<Deviation, MeasureProblem>,
  ): Promise<Result<Deviation, MeasureProblem | { code: 'deviation-not-found'; id: string }>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const rowKey = deviationRow(id);
    if (!(await getEntityOrUndefined<JsonRow>(table, partitionKey, rowKey))) return err({ code: 'deviation-not-found', id });
    let outcome: Result<Deviation, MeasureProblem> | undefined;
    await updateWithETag<JsonRow>(table, partitionKey, rowKey, (current) => {
      outcome = change(JSON.parse(current.data) as Deviation);
      return outcome.ok ? { data: JSON.stringify(outcome.value) } : undefined;
    });
    if (!outcome) throw new Error(`deviation ${id}: no outcome`);
    return outcome;
  }

  /** Creates a numbered row with its submission receipt and the counter, in one transaction. */
  private async createNumbered<T>(
    series: string,
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<T, MeasureProblem>,
    rowKeyOf: (value: T) => string,
  ): Promise<Result<{ value: T; created: boolean }, MeasureProblem>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const receiptKey = receiptRow(series, submissionKey);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const receipt = await getEntityOrUndefined<{ row: string }>(table, partitionKey, receiptKey);
      if (receipt) {
        const existing = await getEntityOrUndefined<JsonRow>(table, partitionKey, receipt.row);
        if (existing) return ok({ value: JSON.parse(existing.data) as T, created: false });
      }
      const counter = await getEntityOrUndefined<{ next: number }>(table, partitionKey, counterRow(series));
      const sequence = counter?.next ?? 1;
      const built = build(sequence);
      if (!built.ok) return built;
      const rowKey = rowKeyOf(built.value);
      const actions: TransactionAction[] = [
        counter
          ? ['update', { partitionKey, rowKey: counterRow(series), next: sequence + 1 }, 'Replace', { etag: counter.etag }]
          : ['create', { partitionKey, rowKey: counterRow(series), next: sequence + 1 }],
        ['create', { partitionKey, rowKey: receiptKey, row: rowKey }],
        ['create', { partitionKey, rowKey, data: JSON.stringify(built.value) }],
      ];
      try {
        await table.submitTransaction(actions);
        return ok({ value: built.value, created: true });
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`${series} numbers: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  private async rows<T>(partitionKey: string, prefix: string): Promise<T[]> {
    const out: T[] = [];
    const rows = (await this.table()).listEntities<JsonRow>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } });
    for await (const row of rows) if (row.rowKey?.startsWith(prefix)) out.push(JSON.parse(row.data) as T);
    return out;
  }
}
