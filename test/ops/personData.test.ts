// `npm run person -- export|erase <Entra object id>` against Azurite, as the operator runs it,
// after a programme's week of real rows: the export holds every row that names the member; the
// erasure leaves no row naming them (object id, Teams id, name) anywhere, deletes their personal
// chat reference, and keeps the decision record: their ballot still counts, as the pseudonym.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients, type StorageClients } from '../../src/platform/storage/connection.js';
import { ERASED_NAME } from '../../src/platform/storage/personData.js';
import { tableNames, tableRows, type TableRow } from '../../src/platform/storage/tableRows.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, people } from '../support/fixtures.js';
import { COMMAND_TEST_TIMEOUT_MS, runOperatorScript } from '../support/operatorCommand.js';
import { runProgrammeWeek, weekProgramme, type ProgrammeWeek } from '../support/programmeWeek.js';

let azurite: TestAzurite;
let clients: StorageClients;
let week: ProgrammeWeek;
const dir = mkdtempSync(join(tmpdir(), 'samspill-person-'));
const member = people.member; // aad-member, 29:member, "Per Member"

async function everyRow(): Promise<{ table: string; row: TableRow; text: string }[]> {
  const out: { table: string; row: TableRow; text: string }[] = [];
  for (const table of await tableNames(clients)) {
    for await (const row of tableRows(clients.table(table))) out.push({ table, row, text: JSON.stringify(row) });
  }
  return out;
}

/** Independent of the code under test: a plain search of each row's JSON, keys included. */
const namesMember = (text: string) => /aad-member(?![\w-])|29:member(?![\w-])|29%3Amember(?![\w-])|Per Member/.test(text);

beforeAll(async () => {
  azurite = await startTestAzurite();
  clients = storageClients({ kind: 'connection-string', connectionString: azurite.connectionString });
  week = await runProgrammeWeek(azurite);
}, 90_000);

afterAll(async () => {
  await azurite.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a person’s data by Entra object id', { timeout: COMMAND_TEST_TIMEOUT_MS }, () => {
  it('exports every row that names them, with the Teams id and name found in storage', async () => {
    const naming = (await everyRow()).filter((r) => namesMember(r.text));
    expect(new Set(naming.map((r) => r.table))).toEqual(new Set(['ballots', 'conversations', 'ideas', 'votes', 'deliveries', 'submissions']));
    const out = join(dir, 'export.json');
    const result = await runOperatorScript('person', ['export', member.aadObjectId, '--out', out], azurite.connectionString);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('aad-member in the storage of AZURE_STORAGE_CONNECTION_STRING: Teams ids 29:member; names "Per Member"');
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { person: { teamsIds: string[]; names: string[] }; tables: Record<string, Record<string, unknown>[]> };
    expect(exported.person).toMatchObject({ teamsIds: ['29:member'], names: ['Per Member'] });
    const exportedRows = Object.values(exported.tables).flat();
    expect(exportedRows).toHaveLength(naming.length);
    for (const row of exportedRows) expect(namesMember(JSON.stringify(row))).toBe(true);
    // Their ballot with its comment, readable (JSON shown as values).
    expect(JSON.stringify(exported.tables.ballots)).toContain('Per Member støtter dette.');
    expect(result.stdout).toContain(`Exported ${naming.length} rows`);
  });

  it('erase without --yes counts and changes nothing', async () => {
    const before = await everyRow();
    const dry = await runOperatorScript('person', ['erase', member.aadObjectId], azurite.connectionString);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/conversations: \d+ rows deleted \(the reference to their personal chat/);
    expect(dry.stdout).toMatch(/ballots: \d+ rows kept as erased-/);
    expect(dry.stdout).toContain('Nothing changed (dry run). Add --yes to erase.');
    expect(await everyRow()).toEqual(before);
  });

  it('erases: nothing names them afterwards; their ballot still counts as the pseudonym; others untouched', async () => {
    const before = await everyRow();
    const others = before.filter((r) => !namesMember(r.text));
    const result = await runOperatorScript('person', ['erase', member.aadObjectId, '--yes'], azurite.connectionString);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pseudonym = /Pseudonym (erased-[0-9a-f-]{36})/.exec(result.stdout)?.[1];
    expect(pseudonym).toBeDefined();

    const after = await everyRow();
    expect(after.filter((r) => namesMember(r.text)).map((r) => `${r.table} ${r.row.partitionKey} ${r.row.rowKey}`)).toEqual([]);
    // Every row that did not name them is exactly as it was.
    for (const other of others) expect(after.map((r) => r.text)).toContain(other.text);
    // Their personal chat reference is gone; the rows of the record are kept, pseudonymised.
    expect(after.filter((r) => r.table === 'conversations' && r.text.includes(pseudonym!))).toEqual(
      after.filter((r) => r.table === 'conversations' && r.text.includes(pseudonym!) && r.row.properties.kind?.value !== 'personal'),
    );
    expect(after.length).toBeLessThan(before.length);

    const votes = new VoteTable(new Tables(clients), { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
    const ref = { tenantId: TENANT, programmeId: weekProgramme.id, voteId: week.voteId };
    const ballots = await votes.ballots(ref);
    expect(ballots.map((b) => b.voter).sort()).toEqual(['aad-chair', pseudonym].sort());
    expect(ballots.find((b) => b.voter === pseudonym)).toMatchObject({ choice: 'for', comment: `${ERASED_NAME} støtter dette.` });
    expect((await votes.get(ref))?.status).toBe('open');

    // Erasing again finds nothing more to change.
    const again = await runOperatorScript('person', ['erase', member.aadObjectId, '--yes'], azurite.connectionString);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/rows (deleted|kept)/);
  });

  it('refuses a call without a verb and an object id', async () => {
    const result = await runOperatorScript('person', ['erase'], azurite.connectionString);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Usage: npm run person -- export <Entra object id>');
  });
});
