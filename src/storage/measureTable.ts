// Joint measures, deviation notices and final treatments in Table Storage.
// One partition per (tenant, programme). A measure, deviation or final treatment is created in
// one transaction with its submission receipt and the counter that numbers it, so a repeated
// submission creates nothing and numbers have no gaps.
//
// A final treatment holds a written feedback round: one state row plus one append-only row per
// written answer (feedbackRoundRows.ts).
import type { TableClient } from '@azure/data-tables';
import { FeedbackRoundRows } from './feedbackRoundRows.js';
import { createNumbered, jsonRows, numberedCount, type JsonRow, type NumberedRowFormat } from './numberedRows.js';
import type { ProgrammeKey } from '../app/ideas/ideaRepository.js';
import type { FinalTreatmentRepository } from '../app/measures/finalTreatment.js';
import type { MeasureRepository } from '../app/measures/measures.js';
import type { ListPage, PageRequest } from '../app/paging.js';
import { readPage } from './rangePage.js';
import { err, ok, type Result } from '../domain/idea/result.js';
import type { FinalTreatment, FinalTreatmentProblem, Step } from '../domain/measures/finalTreatment.js';
import type { Deviation, Measure, MeasureProblem, Recipient } from '../domain/measures/measures.js';
import { getEntityOrUndefined, keyPart, tenantPartition, updateWithETag, type Tables } from './tables.js';

export { fromJsonProperties, jsonProperties } from './feedbackRoundRows.js';

const TABLE = 'measures';

const partitionOf = (key: { tenantId: string; programmeId: string }) => tenantPartition(key.tenantId, key.programmeId);
const measureRow = (id: string) => `measure|${keyPart(id)}`;
const deviationRow = (id: string) => `deviation|${keyPart(id)}`;

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

export class MeasureTable implements MeasureRepository, FinalTreatmentRepository {
  private readonly treatments: FeedbackRoundRows<FinalTreatment>;

  constructor(private readonly tables: Tables) {
    this.treatments = new FeedbackRoundRows(() => this.table(), { state: 'finaltreatment', text: 'feedbacktext', series: 'finaltreatment' });
  }

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

  /**
   * One page of the measures in number order (T-001 … sorts as numbered up to T-999) (issue 25.2).
   * `total` is the measures' counter less one: the counter is the count row of the list, moved in
   * the transaction that creates each measure (numberedRows.ts) and never otherwise, as measures
   * are never deleted. One point read, whatever the number of measures.
   */
  async measurePage(key: ProgrammeKey, request: PageRequest): Promise<ListPage<Measure> & { total: number }> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const [read, total] = await Promise.all([readPage<JsonRow>(table, partitionKey, ['measure|'], request), numberedCount(table, partitionKey, 'measure')]);
    const first = read.rows[0]?.rowKey;
    return {
      items: read.rows.map((row) => JSON.parse(row.data) as Measure),
      total,
      ...(first !== undefined ? { first } : {}),
      ...(read.next !== undefined ? { next: read.next } : {}),
    };
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

  /** Creates a numbered row with its submission receipt and the counter (numberedRows.ts). */
  private async createNumbered<T, E>(
    series: string,
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<T, E> | Promise<Result<T, E>>,
    rowKeyOf: (value: T) => string,
    format: NumberedRowFormat<T> = {},
  ): Promise<Result<{ value: T; created: boolean }, E>> {
    return createNumbered(await this.table(), partitionOf(key), series, submissionKey, build, rowKeyOf, format);
  }

  async openFinalTreatment(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number, existing: FinalTreatment[]) => Result<FinalTreatment, FinalTreatmentProblem>,
  ): Promise<Result<{ treatment: FinalTreatment; created: boolean }, FinalTreatmentProblem>> {
    const result = await this.treatments.create(partitionOf(key), submissionKey, async (sequence) => build(sequence, await this.finalTreatments(key)));
    return result.ok ? ok({ treatment: result.value.value, created: result.value.created }) : result;
  }

  async finalTreatment(key: ProgrammeKey, id: string): Promise<FinalTreatment | undefined> {
    return this.treatments.get(partitionOf(key), id);
  }

  async finalTreatments(key: ProgrammeKey, options: { texts?: boolean } = {}): Promise<FinalTreatment[]> {
    return this.treatments.list(partitionOf(key), options);
  }

  changeFinalTreatment<S extends Step>(
    key: ProgrammeKey,
    id: string,
    change: (current: FinalTreatment) => Result<S, FinalTreatmentProblem>,
  ): Promise<Result<S, FinalTreatmentProblem | { code: 'treatment-not-found'; id: string }>> {
    return this.treatments.change<S, FinalTreatmentProblem | { code: 'treatment-not-found'; id: string }>(
      partitionOf(key),
      id,
      change,
      (step) => step.treatment,
      () => ({ code: 'treatment-not-found', id }),
    );
  }

  private async rows<T>(partitionKey: string, prefix: string): Promise<T[]> {
    return jsonRows<T>(await this.table(), partitionKey, prefix);
  }
}
