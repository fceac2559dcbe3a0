// Joint measures, deviation notices and final treatments in Table Storage.
// One partition per (tenant, programme). A measure, deviation or final treatment is created in
// one transaction with its submission receipt and the counter that numbers it, so a repeated
// submission creates nothing and numbers have no gaps.
//
// A final treatment is one row (its state and history) plus one append-only row per written
// answer: answers are up to 4,000 characters each from every Skate organisation, more than one
// table property (64 KiB) holds. A step updates the state row under its ETag and creates the
// new answer's row in the same transaction, so a step is all or nothing and no concurrent step
// is lost. The state row's JSON is split over as many properties as it needs.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { createNumbered, jsonRows, prefixFilter, type JsonRow, type NumberedRowFormat } from './numberedRows.js';
import type { ProgrammeKey } from '../app/ideas/ideaRepository.js';
import type { FinalTreatmentRepository } from '../app/measures/finalTreatment.js';
import type { MeasureRepository } from '../app/measures/measures.js';
import { err, ok, type Result } from '../domain/idea/result.js';
import type { FinalTreatment, FinalTreatmentProblem, Step } from '../domain/measures/finalTreatment.js';
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


const partitionOf = (key: { tenantId: string; programmeId: string }) => tenantPartition(key.tenantId, key.programmeId);
const measureRow = (id: string) => `measure|${keyPart(id)}`;
const deviationRow = (id: string) => `deviation|${keyPart(id)}`;
const treatmentRow = (id: string) => `finaltreatment|${keyPart(id)}`;
const feedbackTextPrefix = (id: string) => `feedbacktext|${keyPart(id)}|`;
const feedbackTextRow = (id: string, party: string, version: number) => `${feedbackTextPrefix(id)}${keyPart(party)}|${String(version).padStart(3, '0')}`;

/** A table string property holds 64 KiB (32 K UTF-16 units); JSON longer than a chunk is split
 * over `data`, `data1`, `data2`, … (an entity holds 1 MiB). */
const CHUNK = 30_000;

export function jsonProperties(value: unknown): Record<string, string> {
  const json = JSON.stringify(value);
  const out: Record<string, string> = {};
  for (let start = 0, i = 0; start < json.length || i === 0; i++) {
    let end = Math.min(start + CHUNK, json.length);
    // Never split a surrogate pair between two properties.
    if (end < json.length && /[\uD800-\uDBFF]/.test(json[end - 1] ?? '')) end--;
    out[i === 0 ? 'data' : `data${i}`] = json.slice(start, end);
    start = end;
  }
  return out;
}

export function fromJsonProperties<T>(row: Record<string, unknown>): T {
  let json = typeof row.data === 'string' ? row.data : '';
  for (let i = 1; typeof row[`data${i}`] === 'string'; i++) json += row[`data${i}`] as string;
  return JSON.parse(json) as T;
}

/** The state row keeps the answers without their text (that is in the answers' own rows). */
const withoutTexts = (t: FinalTreatment) => ({ ...t, feedback: t.feedback.map(({ text: _text, ...rest }) => rest) });


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

export class MeasureTable implements MeasureRepository, FinalTreatmentRepository {
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
    const result = await this.createNumbered(
      'finaltreatment',
      key,
      submissionKey,
      async (sequence) => build(sequence, await this.finalTreatments(key)),
      (t) => treatmentRow(t.id),
      { read: (table, partitionKey, rowKey) => this.readTreatment(table, partitionKey, rowKey), propertiesOf: (t) => jsonProperties(withoutTexts(t)) },
    );
    return result.ok ? ok({ treatment: result.value.value, created: result.value.created }) : result;
  }

  async finalTreatment(key: ProgrammeKey, id: string): Promise<FinalTreatment | undefined> {
    return this.readTreatment(await this.table(), partitionOf(key), treatmentRow(id));
  }

  async finalTreatments(key: ProgrammeKey, options: { texts?: boolean } = {}): Promise<FinalTreatment[]> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const [states, texts] = await Promise.all([
      this.rawRows(table, partitionKey, 'finaltreatment|'),
      options.texts === false ? [] : this.rawRows(table, partitionKey, 'feedbacktext|'),
    ]);
    const textOf = new Map(texts.map((row) => [row.rowKey ?? '', typeof row.text === 'string' ? row.text : '']));
    return states.map((row) => this.withTexts(fromJsonProperties<FinalTreatment>(row), textOf));
  }

  async changeFinalTreatment<S extends Step>(
    key: ProgrammeKey,
    id: string,
    change: (current: FinalTreatment) => Result<S, FinalTreatmentProblem>,
  ): Promise<Result<S, FinalTreatmentProblem | { code: 'treatment-not-found'; id: string }>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const rowKey = treatmentRow(id);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const state = await getEntityOrUndefined<Record<string, unknown>>(table, partitionKey, rowKey);
      if (!state) return err({ code: 'treatment-not-found', id });
      const current = await this.assemble(table, partitionKey, state);
      const outcome = change(current);
      if (!outcome.ok || !outcome.value.changed) return outcome;
      const next = outcome.value.treatment;
      const known = new Set(current.feedback.map((f) => `${f.party}|${f.version}`));
      const actions: TransactionAction[] = [
        ['update', { partitionKey, rowKey, ...jsonProperties(withoutTexts(next)) }, 'Replace', { etag: state.etag }],
        ...next.feedback
          .filter((f) => !known.has(`${f.party}|${f.version}`))
          .map((f): TransactionAction => ['create', { partitionKey, rowKey: feedbackTextRow(id, f.party, f.version), text: f.text }]),
      ];
      try {
        await table.submitTransaction(actions);
        return outcome;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`final treatment ${id}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  private async readTreatment(table: TableClient, partitionKey: string, rowKey: string): Promise<FinalTreatment | undefined> {
    const state = await getEntityOrUndefined<Record<string, unknown>>(table, partitionKey, rowKey);
    return state && this.assemble(table, partitionKey, state);
  }

  private async assemble(table: TableClient, partitionKey: string, state: Record<string, unknown>): Promise<FinalTreatment> {
    const treatment = fromJsonProperties<FinalTreatment>(state);
    const texts = await this.rawRows(table, partitionKey, feedbackTextPrefix(treatment.id));
    return this.withTexts(treatment, new Map(texts.map((row) => [row.rowKey ?? '', typeof row.text === 'string' ? row.text : ''])));
  }

  private withTexts(t: FinalTreatment, textOf: ReadonlyMap<string, string>): FinalTreatment {
    return { ...t, feedback: t.feedback.map((f) => ({ ...f, text: textOf.get(feedbackTextRow(t.id, f.party, f.version)) ?? '' })) };
  }

  private async rawRows(table: TableClient, partitionKey: string, prefix: string): Promise<(Record<string, unknown> & { rowKey?: string })[]> {
    const out: (Record<string, unknown> & { rowKey?: string })[] = [];
    for await (const row of table.listEntities<Record<string, unknown>>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } })) {
      if (row.rowKey?.startsWith(prefix)) out.push(row);
    }
    return out;
  }

  private async rows<T>(partitionKey: string, prefix: string): Promise<T[]> {
    return jsonRows<T>(await this.table(), partitionKey, prefix);
  }
}
