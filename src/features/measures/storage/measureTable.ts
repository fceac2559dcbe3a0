// Joint measures, deviation notices and final treatments in Table Storage.
// One partition per (tenant, programme). A measure, deviation or final treatment is created in
// one transaction with its submission receipt and the counter that numbers it, so a repeated
// submission creates nothing and numbers have no gaps.
//
// A final treatment holds a written feedback round: one state row plus one append-only row per
// written answer (feedbackRoundRows.ts).
//
// The measures card shows a page of measures with their deviations and final treatments, so
// both are also kept under their measure (issue 25): each deviation's copy at
// `devof|<measure>!<deviation>` (written with the deviation, in the same transaction, on filing and
// on every change) and each final treatment's reference at `ftof|<measure>!<treatment>` (written
// with it when it opens; a treatment's measure never changes). '!' sorts before every character
// keyPart emits, so these rows are in the measures' own key order: a page of measures, one
// contiguous range of `measure|` rows, has its deviations in one range query and its treatments'
// references in another (then the state rows by key, 14 a query), however many the programme
// holds. Rows written before this get their copies and references from the start-up migration
// (`migrateIndex`, idempotent, done once per programme: a marker row remembers it).
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { FeedbackRoundRows } from '../../../platform/storage/feedbackRoundRows.js';
import { createNumbered, jsonRows, numberedCount, type JsonRow, type NumberedRowFormat } from '../../../platform/storage/numberedRows.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { FinalTreatmentRepository, MeasureRepository } from '../app/ports.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import { readPage, scanPages, jsonListPage } from '../../../platform/storage/rangePage.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { FinalTreatment, FinalTreatmentProblem, Step } from '../domain/finalTreatment.js';
import type { Deviation, Measure, MeasureProblem, Recipient } from '../domain/measures.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

export { fromJsonProperties, jsonProperties } from '../../../platform/storage/feedbackRoundRows.js';

const TABLE = 'measures';

const partitionOf = (key: { tenantId: string; programmeId: string }) => tenantPartition(key.tenantId, key.programmeId);
const measureRow = (id: string) => `measure|${keyPart(id)}`;
const deviationRow = (id: string) => `deviation|${keyPart(id)}`;
const DEVIATIONS_BY_MEASURE = 'devof|';
const TREATMENTS_BY_MEASURE = 'ftof|';
const byMeasureRow = (prefix: string, measureId: string, id: string) => `${prefix}${keyPart(measureId)}!${keyPart(id)}`;
const deviationCopyRow = (d: Deviation) => byMeasureRow(DEVIATIONS_BY_MEASURE, d.measureId, d.id);
const treatmentRefRow = (t: FinalTreatment) => byMeasureRow(TREATMENTS_BY_MEASURE, t.measureId, t.id);
/** Marks a programme whose rows the migration gave their copies and references. */
const INDEX_ROW = 'meta|index';
/** Bump when the layout of the rows under the measures changes: the migration then runs again. */
const MEASURE_INDEX_VERSION = 1;
const MAX_ATTEMPTS = 8;
/** Rows an entity-group transaction takes. */
const TRANSACTION_ROWS = 100;

interface TreatmentRefRow {
  treatment: string;
}

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
    return jsonListPage<Measure>(read, total);
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
    const result = await this.createNumbered('deviation', key, submissionKey, build, (d) => deviationRow(d.id), {
      alongside: (d) => [{ rowKey: deviationCopyRow(d), data: JSON.stringify(d) }],
    });
    return result.ok ? ok({ deviation: result.value.value, created: result.value.created }) : result;
  }

  async deviations(key: ProgrammeKey): Promise<Deviation[]> {
    return this.rows<Deviation>(partitionOf(key), 'deviation|');
  }

  /** The deviations of these measures, by measure: one range query over their copies. */
  async deviationsOf(key: ProgrammeKey, measureIds: readonly string[]): Promise<Deviation[]> {
    const rows = await this.underMeasures<JsonRow>(partitionOf(key), DEVIATIONS_BY_MEASURE, measureIds);
    return rows.map((row) => JSON.parse(row.data) as Deviation);
  }

  /**
   * The rows under these measures (`<prefix><measure>!…`) in one range query, from the first
   * measure's to the last's in key order. A page of measures is contiguous in that order, so the
   * range holds exactly theirs; for other ids the rows of measures between them are read and
   * left out.
   */
  private async underMeasures<R extends object>(partitionKey: string, prefix: string, measureIds: readonly string[]): Promise<R[]> {
    const wanted = new Set(measureIds.map(keyPart));
    const sorted = [...wanted].sort();
    const first = sorted[0];
    const last = sorted.at(-1);
    if (first === undefined || last === undefined) return [];
    // '"' is the character after '!': the end of the last measure's rows.
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${`${prefix}${first}!`} and RowKey lt ${`${prefix}${last}"`}`;
    const out: R[] = [];
    for await (const row of (await this.table()).listEntities<R>({ queryOptions: { filter } })) {
      const measure = row.rowKey?.startsWith(prefix) ? row.rowKey.slice(prefix.length, row.rowKey.indexOf('!')) : undefined;
      if (row.partitionKey === partitionKey && measure !== undefined && wanted.has(measure)) out.push(row);
    }
    return out;
  }

  async changeDeviation(
    key: ProgrammeKey,
    id: string,
    change: (current: Deviation) => Result<Deviation, MeasureProblem>,
  ): Promise<Result<Deviation, MeasureProblem | { code: 'deviation-not-found'; id: string }>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const rowKey = deviationRow(id);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await getEntityOrUndefined<JsonRow>(table, partitionKey, rowKey);
      if (!current) return err({ code: 'deviation-not-found', id });
      const outcome = change(JSON.parse(current.data) as Deviation);
      if (!outcome.ok) return outcome;
      const data = JSON.stringify(outcome.value);
      // The deviation under its ETag and its copy under the measure, together.
      const actions: TransactionAction[] = [
        ['update', { partitionKey, rowKey, data }, 'Replace', { etag: current.etag }],
        ['upsert', { partitionKey, rowKey: deviationCopyRow(outcome.value), data }, 'Replace'],
      ];
      try {
        await table.submitTransaction(actions);
        return outcome;
      } catch (error) {
        if (statusOf(error) !== 412) throw error;
      }
    }
    throw new ConcurrencyConflictError(`deviation ${id}: still conflicting after ${MAX_ATTEMPTS} attempts`);
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
    const result = await this.treatments.create(
      partitionOf(key),
      submissionKey,
      // Whether one of the measure is under way needs the states, not the answers' texts.
      async (sequence) => build(sequence, await this.finalTreatments(key, { texts: false })),
      (t) => [{ rowKey: treatmentRefRow(t), treatment: t.id }],
    );
    return result.ok ? ok({ treatment: result.value.value, created: result.value.created }) : result;
  }

  async finalTreatment(key: ProgrammeKey, id: string): Promise<FinalTreatment | undefined> {
    return this.treatments.get(partitionOf(key), id);
  }

  async finalTreatments(key: ProgrammeKey, options: { texts?: boolean } = {}): Promise<FinalTreatment[]> {
    return this.treatments.list(partitionOf(key), options);
  }

  /** The treatments of these measures, answers' texts empty: their references' range, then their state rows by key. */
  async finalTreatmentsOf(key: ProgrammeKey, measureIds: readonly string[]): Promise<FinalTreatment[]> {
    const partitionKey = partitionOf(key);
    const refs = await this.underMeasures<TreatmentRefRow>(partitionKey, TREATMENTS_BY_MEASURE, measureIds);
    return this.treatments.statesOf(partitionKey, refs.map((r) => r.treatment));
  }

  /**
   * The start-up migration (issue 25): each deviation and final treatment stored before they
   * were kept under their measure gets its copy or reference. Idempotent; a marker row makes the
   * next start one read. A copy is only created, never overwritten, so a deviation changed
   * meanwhile (whose change writes the copy) keeps the newer one.
   */
  async migrateIndex(key: ProgrammeKey): Promise<{ measureRows: number }> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const marker = await getEntityOrUndefined<{ version: number }>(table, partitionKey, INDEX_ROW);
    if ((marker?.version ?? 0) >= MEASURE_INDEX_VERSION) return { measureRows: 0 };
    const present = new Set<string>();
    for (const prefix of [DEVIATIONS_BY_MEASURE, TREATMENTS_BY_MEASURE]) {
      for await (const page of scanPages(table, partitionKey, prefix, ['PartitionKey', 'RowKey'])) for (const row of page) present.add(row.rowKey ?? '');
    }
    const missing: ({ rowKey: string } & Record<string, unknown>)[] = [];
    for await (const page of scanPages<JsonRow>(table, partitionKey, 'deviation|')) {
      for (const row of page) {
        const rowKey = deviationCopyRow(JSON.parse(row.data) as Deviation);
        if (!present.has(rowKey)) missing.push({ rowKey, data: row.data });
      }
    }
    for (const t of await this.treatments.list(partitionKey, { texts: false })) {
      if (!present.has(treatmentRefRow(t))) missing.push({ rowKey: treatmentRefRow(t), treatment: t.id });
    }
    for (let i = 0; i < missing.length; i += TRANSACTION_ROWS) {
      const batch = missing.slice(i, i + TRANSACTION_ROWS);
      try {
        await table.submitTransaction(batch.map((row): TransactionAction => ['create', { partitionKey, ...row }]));
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
        // One was written meanwhile (a change of that deviation): the others one by one.
        for (const row of batch) {
          await table.createEntity({ partitionKey, ...row }).catch((e: unknown) => {
            if (statusOf(e) !== 409) throw e;
          });
        }
      }
    }
    await table.upsertEntity({ partitionKey, rowKey: INDEX_ROW, version: MEASURE_INDEX_VERSION }, 'Replace');
    return { measureRows: missing.length };
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
