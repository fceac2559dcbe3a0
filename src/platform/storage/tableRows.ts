// Every row of every table, read with each property's exact Table Storage type, and written back
// the same. Backup/restore and a person's export/erasure go over all tables this way, so a table
// added later is covered without a change here.
//
// Why not the SDK's own typed listing: the service writes a whole Double as `5.0` with no type
// annotation, and JSON.parse (the SDK's too) makes that the integer 5, which the SDK then calls
// Int32. A restored vote's `deadline` would become an Int32, and the closer's filter
// (`deadline le 1.7e12`, a Double) would no longer find it. So the page's raw JSON is re-read
// here with the number's source text (JSON.parse's reviver context, Node ≥ 21).
import type { TableClient, TableEntity } from '@azure/data-tables';
import type { StorageClients } from './connection.js';

export type EdmType = 'String' | 'Boolean' | 'Int32' | 'Double' | 'Int64' | 'DateTime' | 'Guid' | 'Binary';

/** A property as stored: Int64, DateTime, Guid and Binary values are strings (their wire form). */
export type TypedValue =
  | { type: 'String' | 'Int64' | 'DateTime' | 'Guid' | 'Binary'; value: string }
  | { type: 'Boolean'; value: boolean }
  | { type: 'Int32' | 'Double'; value: number | string };

export interface TableRow {
  partitionKey: string;
  rowKey: string;
  properties: Record<string, TypedValue>;
}

/** Stands in for a JSON number while a page is parsed, keeping how the service wrote it. */
class NumberSource {
  constructor(readonly source: string) {}
}

const EDM = /^Edm\.(String|Boolean|Int32|Double|Int64|DateTime|Guid|Binary)$/;

/** One entity of a query page's raw JSON, with every property typed. */
export function typedRow(raw: Record<string, unknown>): TableRow {
  const properties: Record<string, TypedValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'PartitionKey' || name === 'RowKey' || name === 'Timestamp' || name.startsWith('odata.') || name.includes('@odata.')) continue;
    const annotated = raw[`${name}@odata.type`];
    const plain = value instanceof NumberSource ? value.source : value;
    if (typeof annotated === 'string') {
      const type = EDM.exec(annotated)?.[1] as EdmType | undefined;
      if (!type) throw new Error(`property ${name}: unknown type ${annotated}`);
      properties[name] = typed(type, plain);
    } else if (value instanceof NumberSource) {
      // What the service infers for an unannotated number on write: Int32 for an integer, else Double.
      properties[name] = { type: /[.eE]/.test(value.source) ? 'Double' : 'Int32', value: Number(value.source) };
    } else if (typeof value === 'boolean') {
      properties[name] = { type: 'Boolean', value };
    } else if (typeof value === 'string') {
      properties[name] = { type: 'String', value };
    } else {
      throw new Error(`property ${name}: unexpected value ${JSON.stringify(value)}`);
    }
  }
  return { partitionKey: String(raw.PartitionKey), rowKey: String(raw.RowKey), properties };
}

function typed(type: EdmType, value: unknown): TypedValue {
  if (type === 'Boolean') return { type, value: value === true || value === 'true' };
  if (type === 'Int32' || type === 'Double') {
    // A Double may be "NaN", "Infinity" or "-Infinity", which JSON has no number for.
    const number = Number(value);
    return { type, value: Number.isFinite(number) ? number : String(value) };
  }
  return { type, value: String(value) };
}

/** Parses a query page's body, keeping each number's source text. */
export function parsePage(body: string): Record<string, unknown>[] {
  const parsed = JSON.parse(body, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && context?.source !== undefined ? new NumberSource(context.source) : value,
  ) as { value?: Record<string, unknown>[] };
  return parsed.value ?? [];
}

/** Every row of a table, typed, page by page (1,000 rows a page, the service's maximum). */
export async function* tableRows(table: TableClient, filter?: string): AsyncGenerator<TableRow> {
  let body: string | undefined;
  const pages = table
    .listEntities({
      ...(filter ? { queryOptions: { filter } } : {}),
      onResponse: (response) => {
        body = response.bodyAsText ?? undefined;
      },
    })
    .byPage({ maxPageSize: 1_000 });
  for await (const page of pages) {
    if (body === undefined) throw new Error(`${table.tableName}: a query page came without its body`);
    const raw = parsePage(body);
    if (raw.length !== page.length) throw new Error(`${table.tableName}: a page of ${page.length} rows read as ${raw.length}`);
    body = undefined;
    for (const entity of raw) yield typedRow(entity);
  }
}

/** The row as the SDK writes it, each property with its type. */
export function entityOf(row: TableRow): TableEntity<Record<string, unknown>> {
  const entity: TableEntity<Record<string, unknown>> = { partitionKey: row.partitionKey, rowKey: row.rowKey };
  for (const [name, property] of Object.entries(row.properties)) {
    // Strings, booleans and Int32 go unannotated (the service infers exactly these types).
    entity[name] = property.type === 'String' || property.type === 'Boolean' || (property.type === 'Int32' && typeof property.value === 'number') ? property.value : property;
  }
  return entity;
}

/** The names of every table in the account, sorted. */
export async function tableNames(clients: StorageClients): Promise<string[]> {
  const names: string[] = [];
  for await (const table of clients.service().listTables()) if (table.name) names.push(table.name);
  return names.sort();
}
