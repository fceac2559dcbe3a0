// `npm run backup` and `npm run restore` against Azurite, run as the operator runs them: a
// programme's week of real rows (and a row of every property type), backed up, every table
// emptied (one dropped), restored, and every row back with its exact type. A tampered file and
// a restore over live rows are refused and write nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients, type StorageClients } from '../../src/platform/storage/connection.js';
import { entityOf, tableNames, tableRows, type TableRow } from '../../src/platform/storage/tableRows.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT } from '../support/fixtures.js';
import { COMMAND_TEST_TIMEOUT_MS, runOperatorScript } from '../support/operatorCommand.js';
import { runProgrammeWeek, weekProgramme, type ProgrammeWeek } from '../support/programmeWeek.js';

let azurite: TestAzurite;
let clients: StorageClients;
let week: ProgrammeWeek;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'samspill-backup-'));
  dirs.push(dir);
  return dir;
};

/** Every table's rows, typed. */
async function snapshot(): Promise<Record<string, TableRow[]>> {
  const out: Record<string, TableRow[]> = {};
  for (const name of await tableNames(clients)) {
    out[name] = [];
    for await (const row of tableRows(clients.table(name))) out[name].push(row);
  }
  return out;
}

async function emptyEveryTable(): Promise<void> {
  for (const name of await tableNames(clients)) {
    const table = clients.table(name);
    for await (const row of tableRows(table)) await table.deleteEntity(row.partitionKey, row.rowKey);
  }
}

const everyType: TableRow = {
  partitionKey: 'tenant-a|types',
  rowKey: 'row|æøå «sitat»',
  properties: {
    text: { type: 'String', value: 'Linje én\nLinje "to" – 😀' },
    yes: { type: 'Boolean', value: true },
    small: { type: 'Int32', value: -42 },
    wholeDouble: { type: 'Double', value: 1_764_000_000_000 },
    fraction: { type: 'Double', value: 0.1 },
    notANumber: { type: 'Double', value: 'NaN' },
    big: { type: 'Int64', value: '9007199254740993' },
    when: { type: 'DateTime', value: '2026-11-23T09:00:00.000Z' },
    id: { type: 'Guid', value: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
    bytes: { type: 'Binary', value: Buffer.from([0, 1, 254, 255]).toString('base64') },
  },
};

beforeAll(async () => {
  azurite = await startTestAzurite();
  clients = storageClients({ kind: 'connection-string', connectionString: azurite.connectionString });
  week = await runProgrammeWeek(azurite);
  const types = clients.table('typecheck');
  await types.createTable();
  await types.createEntity(entityOf(everyType));
}, 90_000);

afterAll(async () => {
  await azurite.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', { timeout: COMMAND_TEST_TIMEOUT_MS }, () => {
  it('gives back every row of every table, with its type, after the tables were emptied', async () => {
    const before = await snapshot();
    for (const table of ['conversations', 'ideas', 'votes', 'ballots', 'deliveries', 'bodyChannels', 'typecheck']) {
      expect(before[table]?.length ?? 0, table).toBeGreaterThan(0);
    }
    expect(before.typecheck).toEqual([everyType]);

    const dir = tempDir();
    const backup = await runOperatorScript('backup', ['--out', dir], azurite.connectionString);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { tables: { name: string; file: string; rows: number; sha256: string }[] };
    expect(manifest.tables.map((t) => t.name)).toEqual(Object.keys(before).sort());
    for (const t of manifest.tables) {
      const file = readFileSync(join(dir, t.file));
      expect(createHash('sha256').update(file).digest('hex'), t.name).toBe(t.sha256);
      expect(t.rows, t.name).toBe(before[t.name]!.length);
      expect(backup.stdout).toContain(`${t.name}: ${t.rows} rows, sha256 ${t.sha256}`);
    }

    await emptyEveryTable();
    await clients.table('ballots').deleteTable();
    const emptied = await snapshot();
    expect(Object.values(emptied).every((rows) => rows.length === 0)).toBe(true);
    expect(Object.keys(emptied)).not.toContain('ballots');

    const restore = await runOperatorScript('restore', ['--from', dir], azurite.connectionString);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`Restored ${manifest.tables.length} tables`));
    expect(await snapshot()).toEqual(before);

    // The service reads it back as it wrote it: the vote and its two ballots, and the vote is
    // still found by the closer's Double filter on its deadline.
    const votes = new VoteTable(new Tables(clients), { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
    const ref = { tenantId: TENANT, programmeId: weekProgramme.id, voteId: week.voteId };
    expect((await votes.get(ref))?.status).toBe('open');
    expect(await votes.ballots(ref)).toHaveLength(2);
    const due = clients.table('votes').listEntities({ queryOptions: { filter: `deadline le ${Date.UTC(2027, 0, 1)}.0` } });
    const dueKeys: string[] = [];
    for await (const row of due) dueKeys.push(row.rowKey!);
    expect(dueKeys.some((k) => k.startsWith('vote|'))).toBe(true);
  });

  it('refuses to restore over tables that hold rows, unless --overwrite', async () => {
    const dir = tempDir();
    expect((await runOperatorScript('backup', ['--out', dir], azurite.connectionString)).code).toBe(0);
    const refused = await runOperatorScript('restore', ['--from', dir], azurite.connectionString);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/these tables already hold rows: .*ideas.*--overwrite/);
    const before = await snapshot();
    const overwritten = await runOperatorScript('restore', ['--from', dir, '--overwrite'], azurite.connectionString);
    expect(overwritten.code).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a backup whose file does not match its checksum, before writing anything', async () => {
    const dir = tempDir();
    expect((await runOperatorScript('backup', ['--out', dir], azurite.connectionString)).code).toBe(0);
    const ideasFile = join(dir, 'tables', 'ideas.jsonl');
    writeFileSync(ideasFile, readFileSync(ideasFile, 'utf8').replace('Felles kontoinformasjon', 'Felles kontoinformasjoN'));
    await emptyEveryTable();
    const refused = await runOperatorScript('restore', ['--from', dir], azurite.connectionString);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tables\/ideas\.jsonl: checksum or row count differs from the manifest/);
    expect(Object.values(await snapshot()).every((rows) => rows.length === 0)).toBe(true);
    const missing = await runOperatorScript('restore', [], azurite.connectionString);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Name the backup folder');
  });
});

describe('typed rows', () => {
  const value = fc.oneof(
    fc.string().map((v) => ({ type: 'String' as const, value: v })),
    fc.boolean().map((v) => ({ type: 'Boolean' as const, value: v })),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((v) => ({ type: 'Int32' as const, value: v })),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)).map((v) => ({ type: 'Double' as const, value: v })),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v) => ({ type: 'Int64' as const, value: v.toString() })),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((v) => ({ type: 'DateTime' as const, value: v.toISOString() })),
  );
  const name = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/);

  it('read back exactly as written, whatever the types and values', async () => {
    const table = clients.table('typeproperty');
    await table.createTable();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, value, { maxKeys: 6 }), async (properties) => {
        const row: TableRow = { partitionKey: 'p', rowKey: `r${n++}`, properties };
        await table.createEntity(entityOf(row));
        const read: TableRow[] = [];
        for await (const r of tableRows(table, `RowKey eq '${row.rowKey}'`)) read.push(r);
        expect(read).toEqual([row]);
      }),
      { numRuns: 40 },
    );
  });
});
