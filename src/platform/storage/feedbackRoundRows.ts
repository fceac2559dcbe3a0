// The rows of records that hold a written feedback round (hearing/feedbackRound.ts): one state
// row (the record and its history, the answers without their text) plus one append-only row per
// written answer: answers are up to 4,000 characters each from every party asked, more than one
// table property (64 KiB) holds. A step updates the state row under its ETag and creates the new
// answers' rows in the same transaction, so a step is all or nothing and no concurrent step is
// lost. The state row's JSON is split over as many properties as it needs. Skate's final
// treatments (measureTable.ts) and Digi Rogaland's agreement revisions (agreementRevisionTable.ts)
// are stored this way.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { FeedbackVersion } from '../../shared/feedbackRound.js';
import { err, type Result } from '../../shared/result.js';
import { rowsByKey } from './rowsByKey.js';
import { createNumbered, prefixFilter } from './numberedRows.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf } from './tables.js';

const MAX_ATTEMPTS = 16;

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

const isConflict = (error: unknown) => statusOf(error) === 412 || statusOf(error) === 409;

type Row = Record<string, unknown> & { rowKey?: string };

/** What names a kind of record's rows: `<state>|<id>`, `<text>|<id>|<party>|<version>`, and the
 * numbering series. */
export interface RoundRowNames {
  state: string;
  text: string;
  series: string;
}

export class FeedbackRoundRows<T extends { id: string; feedback: FeedbackVersion[] }> {
  constructor(
    private readonly table: () => Promise<TableClient>,
    private readonly names: RoundRowNames,
  ) {}

  private stateRow = (id: string) => `${this.names.state}|${keyPart(id)}`;
  private textPrefix = (id: string) => `${this.names.text}|${keyPart(id)}|`;
  private textRow = (id: string, party: string, version: number) => `${this.textPrefix(id)}${keyPart(party)}|${String(version).padStart(3, '0')}`;
  /** The state row keeps the answers without their text (that is in the answers' own rows). */
  private withoutTexts = (value: T) => ({ ...value, feedback: value.feedback.map(({ text: _text, ...rest }) => rest) });

  /** Creates the next numbered record once per submission key; `build` reads what it needs
   * under the numbering counter's ETag. `alongside`: rows created with it in its transaction
   * (e.g. an index row). */
  async create<E>(
    partitionKey: string,
    submissionKey: string,
    build: (sequence: number) => Promise<Result<T, E>>,
    alongside?: (value: T) => ({ rowKey: string } & Record<string, unknown>)[],
  ): Promise<Result<{ value: T; created: boolean }, E>> {
    return createNumbered(await this.table(), partitionKey, this.names.series, submissionKey, build, (value) => this.stateRow(value.id), {
      read: (table, pk, rk) => this.read(table, pk, rk),
      propertiesOf: (value) => jsonProperties(this.withoutTexts(value)),
      ...(alongside ? { alongside } : {}),
    });
  }

  async get(partitionKey: string, id: string): Promise<T | undefined> {
    return this.read(await this.table(), partitionKey, this.stateRow(id));
  }

  /** Every record; `texts: false` leaves the answers' texts empty (''). */
  async list(partitionKey: string, options: { texts?: boolean } = {}): Promise<T[]> {
    const table = await this.table();
    const [states, texts] = await Promise.all([
      this.rawRows(table, partitionKey, `${this.names.state}|`),
      options.texts === false ? [] : this.rawRows(table, partitionKey, `${this.names.text}|`),
    ]);
    const textOf = new Map(texts.map((row) => [row.rowKey ?? '', typeof row.text === 'string' ? row.text : '']));
    return states.map((row) => this.withTexts(fromJsonProperties<T>(row), textOf));
  }

  /** The records of these ids that exist, in the order asked, with the answers' texts empty
   * (''): their state rows only, 12 to a query (rowsByKey.ts). */
  async statesOf(partitionKey: string, ids: readonly string[]): Promise<T[]> {
    const found = await rowsByKey<Record<string, unknown>>(await this.table(), partitionKey, ids.map(this.stateRow));
    return ids.flatMap((id) => {
      const row = found.get(this.stateRow(id));
      return row ? [this.withTexts(fromJsonProperties<T>(row), new Map())] : [];
    });
  }

  /** Applies a pure step under the state row's ETag (re-applied on a conflict). */
  async change<S extends { changed: boolean }, E>(
    partitionKey: string,
    id: string,
    change: (current: T) => Result<S, E>,
    valueOf: (step: S) => T,
    notFound: () => E,
  ): Promise<Result<S, E>> {
    const table = await this.table();
    const rowKey = this.stateRow(id);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const state = await getEntityOrUndefined<Record<string, unknown>>(table, partitionKey, rowKey);
      if (!state) return err(notFound());
      const current = await this.assemble(table, partitionKey, state);
      const outcome = change(current);
      if (!outcome.ok || !outcome.value.changed) return outcome;
      const next = valueOf(outcome.value);
      const known = new Set(current.feedback.map((f) => `${f.party}|${f.version}`));
      const actions: TransactionAction[] = [
        ['update', { partitionKey, rowKey, ...jsonProperties(this.withoutTexts(next)) }, 'Replace', { etag: state.etag }],
        ...next.feedback
          .filter((f) => !known.has(`${f.party}|${f.version}`))
          .map((f): TransactionAction => ['create', { partitionKey, rowKey: this.textRow(id, f.party, f.version), text: f.text }]),
      ];
      try {
        await table.submitTransaction(actions);
        return outcome;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`${this.names.state} ${id}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  private async read(table: TableClient, partitionKey: string, rowKey: string): Promise<T | undefined> {
    const state = await getEntityOrUndefined<Record<string, unknown>>(table, partitionKey, rowKey);
    return state && this.assemble(table, partitionKey, state);
  }

  private async assemble(table: TableClient, partitionKey: string, state: Record<string, unknown>): Promise<T> {
    const value = fromJsonProperties<T>(state);
    const texts = await this.rawRows(table, partitionKey, this.textPrefix(value.id));
    return this.withTexts(value, new Map(texts.map((row) => [row.rowKey ?? '', typeof row.text === 'string' ? row.text : ''])));
  }

  private withTexts(value: T, textOf: ReadonlyMap<string, string>): T {
    return { ...value, feedback: value.feedback.map((f) => ({ ...f, text: textOf.get(this.textRow(value.id, f.party, f.version)) ?? '' })) };
  }

  private async rawRows(table: TableClient, partitionKey: string, prefix: string): Promise<Row[]> {
    const out: Row[] = [];
    for await (const row of table.listEntities<Record<string, unknown>>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } })) {
      if (row.rowKey?.startsWith(prefix)) out.push(row);
    }
    return out;
  }
}
