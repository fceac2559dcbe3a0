// `npm run tenant -- forget-conversations <tenant>` against Azurite, after a party person chatted
// with the bot from the party's own tenant: refused while a programme file names the tenant;
// once the file no longer does, a dry run counts, --yes deletes exactly that tenant's
// conversation references (in the host's partitions and its own) and leaves the host tenant's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { tableRows, type TableRow } from '../../src/platform/storage/tableRows.js';
import type { Person } from '../support/activities.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { conversationWith } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { COMMAND_TEST_TIMEOUT_MS, runOperatorScript } from '../support/operatorCommand.js';
import { startTestApp } from '../support/testApp.js';

const TENANT_FN = 'tenant-finans-norge';
const rep: Person = { id: '29:fn-rep', aadObjectId: 'aad-fn-rep', name: 'Frida Finans' };
const base = testProgramme();
const withParty = (tenantIds: string[]): Programme =>
  programmeSchema.parse({
    ...base,
    parties: base.parties.map((p) => (p.id === 'finans-norge' ? { ...p, tenantIds } : p)),
    people: [...base.people, { aadObjectId: rep.aadObjectId, name: rep.name, party: 'finans-norge', roles: [] }],
  });

/** As a programme file: a file must give every body a quorum (the schema alone does not ask). */
const asFile = (programme: Programme) => ({ ...programme, bodies: programme.bodies.map((b) => ({ ...b, rule: { ...b.rule, quorum: { majorityOfMembers: true } } })) });

let azurite: TestAzurite;
const dir = mkdtempSync(join(tmpdir(), 'samspill-tenant-'));
const stillNamed = join(dir, 'still-named.json');
const removed = join(dir, 'removed.json');

async function conversationRows(): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of tableRows(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }).table('conversations'))) rows.push(row);
  return rows;
}
const inTenant = (row: TableRow, tenant: string) => (JSON.parse(String(row.properties.reference?.value)) as { conversation: { tenantId: string } }).conversation.tenantId === tenant;

beforeAll(async () => {
  azurite = await startTestAzurite();
  const programme = withParty([TENANT, TENANT_FN]);
  const service = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, azurite });
  try {
    await conversationWith(service, TENANT).say(people.office, 'help');
    await conversationWith(service, TENANT_FN).say(rep, 'help');
  } finally {
    await service.stop();
  }
  writeFileSync(stillNamed, JSON.stringify(asFile(programme)));
  writeFileSync(removed, JSON.stringify(asFile(withParty([TENANT]))));
}, 60_000);

afterAll(async () => {
  await azurite.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('forgetting a departed party tenant’s conversations', { timeout: COMMAND_TEST_TIMEOUT_MS }, () => {
  it('is refused while a programme file still names the tenant', async () => {
    const result = await runOperatorScript('tenant', ['forget-conversations', TENANT_FN, '--yes'], azurite.connectionString, { SAMSPILL_PROGRAMMES: stillNamed });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Tenant ${TENANT_FN} is still named by programme dsop`);
    expect((await conversationRows()).filter((r) => inTenant(r, TENANT_FN)).length).toBeGreaterThan(0);
  });

  it('counts on a dry run, then deletes only that tenant’s references', async () => {
    const before = await conversationRows();
    const theirs = before.filter((r) => inTenant(r, TENANT_FN));
    // The conversation row and the personal row, in the host's partitions and in the tenant's own.
    expect(theirs.map((r) => r.partitionKey).sort()).toEqual([`${TENANT}|conversation`, `${TENANT}|personal`, `${TENANT_FN}|conversation`, `${TENANT_FN}|personal`]);

    const dry = await runOperatorScript('tenant', ['forget-conversations', TENANT_FN], azurite.connectionString, { SAMSPILL_PROGRAMMES: removed });
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`4 conversation references of tenant ${TENANT_FN}`);
    expect(dry.stdout).toContain('Nothing changed (dry run)');
    expect(await conversationRows()).toEqual(before);

    const done = await runOperatorScript('tenant', ['forget-conversations', TENANT_FN, '--yes'], azurite.connectionString, { SAMSPILL_PROGRAMMES: removed });
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`Deleted 4 conversation references of tenant ${TENANT_FN}`);
    expect(await conversationRows()).toEqual(before.filter((r) => !inTenant(r, TENANT_FN)));
  });
});
