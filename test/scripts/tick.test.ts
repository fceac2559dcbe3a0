// `npm run tick -- --at 2026-12-09` run as an operator runs it, in its own process, against
// Azurite (issue 24.9): refused unless the deployment is marked staging; on staging it plans that
// day's reminders into the delivery ledger and queue (sending is left to the deployment's own
// instances); a second run finds them already planned; a bad date is refused with the usage.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { DeliveryLedger } from '../../src/platform/delivery/deliveryLedger.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { monthlyStatusReport, seedActiveProject } from '../support/reportingProject.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const base = testProgramme();
const programme: Programme = programmeSchema.parse({
  ...base,
  // A programme file must say each body's quorum.
  bodies: base.bodies.map((b) => ({ ...b, rule: { ...b.rule, quorum: { majorityOfMembers: true } } })),
  schedules: [monthlyStatusReport()],
});

let azurite: TestAzurite;
let dir: string;
let file: string;
let ledger: DeliveryLedger;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function tick(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules/.bin/tsx'),
      ['scripts/tick.ts', ...args],
      // Only what an operator would set: no bot identity (the tick only enqueues).
      { cwd: root, env: { PATH: process.env.PATH ?? '', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, SAMSPILL_PROGRAMMES: file, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  dir = await mkdtemp(join(tmpdir(), 'samspill-tick-'));
  file = join(dir, 'programme.json');
  await writeFile(file, JSON.stringify(programme));
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  ledger = new DeliveryLedger(tables);
  // Per leads an active project, so December's report is his to file.
  await seedActiveProject(new IdeaTable(tables), programme, people.member, osloTime('2026-11-16', 9));
}, 60_000);
afterAll(async () => {
  await azurite.stop();
  await rm(dir, { recursive: true, force: true });
});

const overdueKey = `${TENANT}:dsop:statusrapport:2026-12:${people.member.aadObjectId}:overdue`;
const escalationKey = (office: string) => `${TENANT}:dsop:statusrapport:2026-12:escalation:${office}`;

// Each run starts a process (tsx, the app, storage): slow on a busy machine.
describe('npm run tick -- --at', { timeout: 120_000 }, () => {
  it('is refused unless the deployment is marked staging, and plans nothing', async () => {
    // Unset means production: the safe side.
    const run = await tick(['--at', '2026-12-09'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Refused: the tick for a chosen date runs only against a staging deployment (SAMSPILL_DEPLOYMENT=staging)');
    expect(await ledger.find(TENANT, overdueKey)).toBeUndefined();
  });

  it('on staging, plans 9 December\'s reminders at 09:00 Oslo: the overdue reminder and the escalation to each office person', async () => {
    const run = await tick(['--at', '2026-12-09'], { SAMSPILL_DEPLOYMENT: 'staging' });
    expect(run.stderr.slice(0, 600)).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { osloTime: string; reminders: { queued: string[]; duplicates: number }; failedProgrammes: string[] };
    expect(out.osloTime).toBe('2026-12-09T09:00');
    expect(out.reminders.queued.sort()).toEqual([overdueKey, escalationKey('aad-office'), escalationKey('aad-office2')].sort());
    expect(out.failedProgrammes).toEqual([]);
    // In the ledger for the deployment's instances to send; this process sent nothing.
    for (const key of out.reminders.queued) expect((await ledger.find(TENANT, key))?.state, key).toBe('queued');
  });

  it('a second run for the same day finds everything already planned', async () => {
    const run = await tick(['--at=2026-12-09T10:15'], { SAMSPILL_DEPLOYMENT: 'staging' });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { osloTime: string; reminders: { queued: string[]; duplicates: number } };
    expect(out.osloTime).toBe('2026-12-09T10:15');
    expect(out.reminders).toEqual({ queued: [], duplicates: 3 });
  });

  it('a missing or bad date is refused with the usage', async () => {
    for (const args of [[], ['--at', '2026-02-30']]) {
      const run = await tick(args, { SAMSPILL_DEPLOYMENT: 'staging' });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('usage: npm run tick -- --at YYYY-MM-DD[THH:mm]');
    }
  });
});
