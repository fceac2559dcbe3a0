// Rows numbered in sequence (T-001, M-004 …): each is created in one transaction with its
// submission receipt and the counter that numbers it, so a repeated submission creates nothing
// and the numbers have no gaps.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { type Result, ok } from '../../shared/result.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf } from './tables.js';

const MAX_ATTEMPTS = 16;

export interface JsonRow {
  data: string;
}

const counterRow = (series: string) => `counter|${series}`;
const receiptRow = (series: string, submissionKey: string) => `submission|${series}|${keyPart(submissionKey)}`;
const isConflict = (error: unknown) => statusOf(error) === 412 || statusOf(error) === 409;

/** Rows whose key starts with the prefix: '}' sorts after every character keyPart emits. */
export const prefixFilter = (partitionKey: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${prefix}' and RowKey lt '${prefix}}'`;

export interface NumberedRowFormat<T> {
  /** Reads a stored value back (default: the JSON in `data`). */
  read?: (table: TableClient, partitionKey: string, rowKey: string) => Promise<T | undefined>;
  /** The row's properties (default: the value as JSON in `data`). */
  propertiesOf?: (value: T) => Record<string, unknown>;
  /** Rows created with the record in its transaction (e.g. its first history entry). */
  alongside?: (value: T) => ({ rowKey: string } & Record<string, unknown>)[];
  /** Further actions of the same transaction, read afresh each attempt (e.g. an index's rows and
   * a counts row under its own ETag: a conflict there retries like one on the counter). */
  more?: (value: T) => Promise<TransactionAction[]>;
  /** Where the submission receipt is kept (default `submission|<series>|<key>`), and how a
   * receipt written before `row` existed names its record's row. */
  receipt?: { rowKey: string; legacyRowOf?: (receipt: Record<string, unknown>) => string | undefined };
}

/**
 * Creates the next numbered row. `build` runs after the counter is read, so whatever it reads
 * (e.g. which treatments are under way) is guarded by the counter's ETag: a concurrent
 * creation makes this one retry with a fresh read.
 */
export async function createNumbered<T, P>(
  table: TableClient,
  partitionKey: string,
  series: string,
  submissionKey: string,
  build: (sequence: number) => Result<T, P> | Promise<Result<T, P>>,
  rowKeyOf: (value: T) => string,
  format: NumberedRowFormat<T> = {},
): Promise<Result<{ value: T; created: boolean }, P>> {
  const read =
    format.read ??
    (async (t: TableClient, pk: string, rk: string) => {
      const row = await getEntityOrUndefined<JsonRow>(t, pk, rk);
      return row && (JSON.parse(row.data) as T);
    });
  const propertiesOf = format.propertiesOf ?? ((value: T) => ({ data: JSON.stringify(value) }));
  const receiptKey = format.receipt?.rowKey ?? receiptRow(series, submissionKey);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const receipt = await getEntityOrUndefined<Record<string, unknown>>(table, partitionKey, receiptKey);
    const receiptRowKey = receipt && (typeof receipt.row === 'string' ? receipt.row : format.receipt?.legacyRowOf?.(receipt));
    if (receiptRowKey) {
      const existing = await read(table, partitionKey, receiptRowKey);
      if (existing) return ok({ value: existing, created: false });
    }
    const counter = await getEntityOrUndefined<{ next: number }>(table, partitionKey, counterRow(series));
    const sequence = counter?.next ?? 1;
    const built = await build(sequence);
    if (!built.ok) return built;
    const rowKey = rowKeyOf(built.value);
    const actions: TransactionAction[] = [
      counter
        ? ['update', { partitionKey, rowKey: counterRow(series), next: sequence + 1 }, 'Replace', { etag: counter.etag }]
        : ['create', { partitionKey, rowKey: counterRow(series), next: sequence + 1 }],
      ['create', { partitionKey, rowKey: receiptKey, row: rowKey }],
      ['create', { partitionKey, rowKey, ...propertiesOf(built.value) }],
      ...(format.alongside?.(built.value) ?? []).map((row): TransactionAction => ['create', { partitionKey, ...row }]),
      ...((await format.more?.(built.value)) ?? []),
    ];
    try {
      await table.submitTransaction(actions);
      return ok({ value: built.value, created: true });
    } catch (error) {
      if (isConflict(error)) continue; // the next attempt finds a concurrent duplicate's receipt
      // The transaction may have been stored and only its answer lost (a timeout): then its
      // receipt is there, and the record is handed back instead of an error.
      const stored = await getEntityOrUndefined<Record<string, unknown>>(table, partitionKey, receiptKey).catch(() => undefined);
      const existing = stored?.row === rowKey ? await read(table, partitionKey, rowKey).catch(() => undefined) : undefined;
      if (existing) return ok({ value: existing, created: false });
      throw error;
    }
  }
  throw new ConcurrencyConflictError(`${series} numbers: still conflicting after ${MAX_ATTEMPTS} attempts`);
}

/** How many rows of the series were created: its counter less one (0 before the first). */
export async function numberedCount(table: TableClient, partitionKey: string, series: string): Promise<number> {
  const counter = await getEntityOrUndefined<{ next?: number }>(table, partitionKey, counterRow(series));
  return typeof counter?.next === 'number' ? Math.max(0, counter.next - 1) : 0;
}

/** Every JSON row of the partition whose key starts with `prefix`. */
export async function jsonRows<T>(table: TableClient, partitionKey: string, prefix: string): Promise<T[]> {
  const out: T[] = [];
  const rows = table.listEntities<JsonRow>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } });
  for await (const row of rows) if (row.rowKey?.startsWith(prefix)) out.push(JSON.parse(row.data) as T);
  return out;
}
