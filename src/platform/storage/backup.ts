// Backup and restore of every table (`npm run backup` / `npm run restore`, docs/operations.md).
// Zone-redundant storage survives a lost data centre, not a wrong write or a deleted table; a
// backup is files an operator keeps elsewhere.
//
// A backup is a folder: manifest.json (format, when, and per table its file, row count and
// SHA-256) and tables/<name>.jsonl (one row a line, every property with its type). Restore checks
// every file against the manifest before it writes anything, and refuses tables that already
// hold rows unless told to overwrite (then each row is replaced; rows the backup lacks stay).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { StorageClients } from './connection.js';
import { entityOf, tableNames, tableRows, type TableRow } from './tableRows.js';

export const BACKUP_FORMAT = 'samspill-tables/1';

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  takenAt: z.string(),
  tables: z.array(z.object({ name: z.string().regex(/^[A-Za-z][A-Za-z0-9]{2,62}$/), file: z.string(), rows: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

const typedValueSchema = z.union([
  z.object({ type: z.enum(['String', 'Int64', 'DateTime', 'Guid', 'Binary']), value: z.string() }),
  z.object({ type: z.literal('Boolean'), value: z.boolean() }),
  z.object({ type: z.enum(['Int32', 'Double']), value: z.union([z.number(), z.string()]) }),
]);
const rowSchema = z.object({ partitionKey: z.string(), rowKey: z.string(), properties: z.record(z.string(), typedValueSchema) });

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Writes every table of the account into `dir`; returns the manifest it wrote. */
export async function backupTables(clients: StorageClients, dir: string, takenAt: Date): Promise<BackupManifest> {
  await mkdir(join(dir, 'tables'), { recursive: true });
  const tables: BackupManifest['tables'] = [];
  for (const name of await tableNames(clients)) {
    const file = `tables/${name}.jsonl`;
    const hash = createHash('sha256');
    const out = createWriteStream(join(dir, file));
    let rows = 0;
    for await (const row of tableRows(clients.table(name))) {
      const line = `${JSON.stringify(row)}\n`;
      hash.update(line);
      if (!out.write(line)) await once(out, 'drain');
      rows++;
    }
    out.end();
    await once(out, 'finish');
    tables.push({ name, file, rows, sha256: hash.digest('hex') });
  }
  const manifest: BackupManifest = { format: BACKUP_FORMAT, takenAt: takenAt.toISOString(), tables };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads the manifest and checks every table file's checksum and row count against it. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
  } catch (error) {
    throw new BackupError(`${join(dir, 'manifest.json')}: not a Samspill backup manifest (${(error as Error).message})`);
  }
  for (const table of manifest.tables) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const line of lines(join(dir, table.file))) {
      hash.update(`${line}\n`);
      rows++;
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== table.sha256 || rows !== table.rows) {
      throw new BackupError(`${table.file}: checksum or row count differs from the manifest (${rows} rows, sha256 ${sha256}; manifest: ${table.rows} rows, ${table.sha256})`);
    }
  }
  return manifest;
}

export interface RestoreOptions {
  /** Write into tables that already hold rows, replacing rows with the same keys. */
  overwrite?: boolean;
}

export interface RestoreReport {
  tables: { name: string; rows: number }[];
}

/** Restores a verified backup: every table created if missing and every row written. */
export async function restoreTables(clients: StorageClients, dir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const manifest = await verifyBackup(dir);
  if (!options.overwrite) {
    const existing = new Set(await tableNames(clients));
    const notEmpty: string[] = [];
    for (const { name } of manifest.tables) {
      if (existing.has(name) && !(await isEmpty(clients.table(name)))) notEmpty.push(name);
    }
    if (notEmpty.length > 0) {
      throw new BackupError(`these tables already hold rows: ${notEmpty.join(', ')}. Restore into empty storage, or pass --overwrite to replace rows with the backup's.`);
    }
  }
  const report: RestoreReport = { tables: [] };
  for (const { name, file, rows } of manifest.tables) {
    const table = clients.table(name);
    await table.createTable();
    const batch = new PartitionBatches(table, options.overwrite === true);
    let line = 0;
    for await (const text of lines(join(dir, file))) {
      line++;
      const parsed = rowSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new BackupError(`${file}:${line}: not a table row (${parsed.error.issues[0]?.message})`);
      await batch.add(parsed.data as TableRow);
    }
    await batch.flush();
    report.tables.push({ name, rows });
  }
  return report;
}

async function isEmpty(table: TableClient): Promise<boolean> {
  for await (const page of table.listEntities({ queryOptions: { select: ['RowKey'] } }).byPage({ maxPageSize: 1 })) return page.length === 0;
  return true;
}

/** Lines of a file, without their newline. */
async function* lines(path: string): AsyncGenerator<string> {
  const reader = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of reader) if (line !== '') yield line;
}

/** Writes rows in transactions: one partition each, at most 100 rows and about 2 MB (the
 * service takes 100 operations and 4 MiB per transaction). */
class PartitionBatches {
  private partitionKey: string | undefined;
  private actions: TransactionAction[] = [];
  private bytes = 0;

  constructor(
    private readonly table: TableClient,
    private readonly overwrite: boolean,
  ) {}

  async add(row: TableRow): Promise<void> {
    const size = JSON.stringify(row).length * 2;
    if (row.partitionKey !== this.partitionKey || this.actions.length === 100 || this.bytes + size > 2_000_000) await this.flush();
    this.partitionKey = row.partitionKey;
    const entity = entityOf(row);
    this.actions.push(this.overwrite ? ['upsert', entity, 'Replace'] : ['create', entity]);
    this.bytes += size;
  }

  async flush(): Promise<void> {
    if (this.actions.length > 0) await this.table.submitTransaction(this.actions);
    this.actions = [];
    this.bytes = 0;
  }
}
