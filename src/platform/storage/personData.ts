// One person's data across every table, by Entra object id: the export (GDPR Art. 15) and the
// erasure (Art. 17) behind `npm run person` (docs/operations.md, README "Personal data").
//
// Erasure keeps the decision record whole: a row that names the person is not deleted but
// pseudonymised (their ids become one new pseudonym, their names "slettet medlem / erased
// member"), so a ballot still counts once, a vote keeps its electorate, the idea its history and
// the audit log its entries. Only rows that serve nothing but reaching the person are deleted:
// their personal chat's conversation reference. Run it with the service stopped: the writes are
// not conditional, and a turn in between could write the person back.
import { randomUUID } from 'node:crypto';
import type { StorageClients } from './connection.js';
import { identifiersIn, mentions, pseudonymise, type PersonIdentifiers, type Replacement } from './personRows.js';
import { entityOf, tableNames, tableRows, type TableRow, type TypedValue } from './tableRows.js';
import { keyPart } from './tables.js';

export const ERASED_NAME = 'slettet medlem / erased member';
export const PERSON_EXPORT_FORMAT = 'samspill-person/1';

/** Rows deleted rather than pseudonymised, each with the reason (the README lists them). */
const deletedRows: { table: string; why: string; applies: (row: TableRow, person: PersonIdentifiers) => boolean }[] = [
  {
    table: 'conversations',
    why: 'the reference to their personal chat with the bot only serves to reach them',
    applies: (row, person) => row.properties.kind?.value === 'personal' && row.properties.userAadObjectId?.value === person.aadObjectId,
  },
  {
    table: 'submissions',
    why: 'the claim of their latest card submission per verb, with its answer, only serves to answer a repeat of it',
    applies: (row, person) => row.rowKey.startsWith(`${keyPart(person.aadObjectId)}|`),
  },
];

/** The person's ids and names: the object id, with the Teams ids and names stored with it. */
export async function personIdentifiers(clients: StorageClients, aadObjectId: string, knownNames: readonly string[] = []): Promise<PersonIdentifiers> {
  const teamsIds = new Set<string>();
  const names = new Set(knownNames.filter((n) => n.trim() !== ''));
  const bare: PersonIdentifiers = { aadObjectId, teamsIds: [], names: [] };
  for (const name of await tableNames(clients)) {
    for await (const row of tableRows(clients.table(name))) {
      if (!mentions(row, bare)) continue;
      const found = identifiersIn(row, aadObjectId);
      found.teamsIds.forEach((id) => teamsIds.add(id));
      found.names.forEach((n) => names.add(n));
    }
  }
  return { aadObjectId, teamsIds: [...teamsIds].sort(), names: [...names].sort() };
}

async function* rowsNaming(clients: StorageClients, person: PersonIdentifiers): AsyncGenerator<{ table: string; row: TableRow }> {
  for (const table of await tableNames(clients)) {
    for await (const row of tableRows(clients.table(table))) if (mentions(row, person)) yield { table, row };
  }
}

/** A row as a person reads it: JSON in a property shown as the value it holds. */
function readable(row: TableRow): Record<string, unknown> {
  const out: Record<string, unknown> = { partitionKey: row.partitionKey, rowKey: row.rowKey };
  for (const [name, p] of Object.entries(row.properties)) out[name] = readableValue(p);
  return out;
}

function readableValue(p: TypedValue): unknown {
  if (p.type !== 'String' || !/^\s*[[{]/.test(p.value)) return p.value;
  try {
    return JSON.parse(p.value) as unknown;
  } catch {
    return p.value;
  }
}

export interface PersonExport {
  format: typeof PERSON_EXPORT_FORMAT;
  exportedAt: string;
  person: PersonIdentifiers;
  /** Per table, every row that names them, as stored (split JSON shown in its parts). */
  tables: Record<string, Record<string, unknown>[]>;
}

export async function exportPerson(clients: StorageClients, person: PersonIdentifiers, at: Date): Promise<PersonExport> {
  const tables: PersonExport['tables'] = {};
  for await (const { table, row } of rowsNaming(clients, person)) (tables[table] ??= []).push(readable(row));
  return { format: PERSON_EXPORT_FORMAT, exportedAt: at.toISOString(), person, tables };
}

export interface ErasureReport {
  pseudonym: string;
  /** Rows deleted, per table, with the reason. */
  deleted: { table: string; rows: number; why: string }[];
  /** Rows kept with the pseudonym and the erased name, per table. */
  pseudonymised: { table: string; rows: number }[];
}

export interface ErasureOptions {
  /** Count what would change and change nothing. */
  dryRun?: boolean;
  /** The pseudonym (default: "erased-" and a random UUID, so it cannot be traced back). */
  pseudonym?: string;
}

export async function erasePerson(clients: StorageClients, person: PersonIdentifiers, options: ErasureOptions = {}): Promise<ErasureReport> {
  const replacement: Replacement = { id: options.pseudonym ?? `erased-${randomUUID()}`, name: ERASED_NAME };
  // Collected first: rows are rewritten (and re-keyed) only after every table has been read.
  const found: { table: string; row: TableRow }[] = [];
  for await (const hit of rowsNaming(clients, person)) found.push(hit);
  const deleted = new Map<string, { rows: number; why: string }>();
  const kept = new Map<string, number>();
  for (const { table, row } of found) {
    const client = clients.table(table);
    const rule = deletedRows.find((r) => r.table === table && r.applies(row, person));
    if (rule) {
      deleted.set(table, { rows: (deleted.get(table)?.rows ?? 0) + 1, why: rule.why });
      if (!options.dryRun) await client.deleteEntity(row.partitionKey, row.rowKey);
      continue;
    }
    kept.set(table, (kept.get(table) ?? 0) + 1);
    if (options.dryRun) continue;
    const next = pseudonymise(row, person, replacement);
    // Written before the old row goes: a crash in between leaves both, and a re-run erases the old.
    await client.upsertEntity(entityOf(next), 'Replace');
    if (next.partitionKey !== row.partitionKey || next.rowKey !== row.rowKey) await client.deleteEntity(row.partitionKey, row.rowKey);
  }
  return {
    pseudonym: replacement.id,
    deleted: [...deleted].map(([table, d]) => ({ table, ...d })),
    pseudonymised: [...kept].map(([table, rows]) => ({ table, rows })),
  };
}
