// The README's run command, end to end: main.ts with no storage configured starts its own
// Azurite, serves the demo programme, answers over HTTP, and stops cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { messageActivity } from '../support/activities.js';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub.js';

let bot: ChildProcess;
let connector: ConnectorStub;
let url: string;
let log = '';
const dataDir = mkdtempSync(join(tmpdir(), 'samspill-main-'));

beforeAll(async () => {
  connector = await startConnectorStub();
  // Port 0: the system picks a free one and the log says which. (Picking a free port here and
  // passing it on raced with the embedded Azurite, which may take the same port first.)
  bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SAMSPILL_DATA_DIR: dataDir, AZURE_STORAGE_CONNECTION_STRING: '', MicrosoftAppId: '', SAMSPILL_DRAIN_SECONDS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bot.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  bot.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!log.includes('Samspill is listening')) {
    if (Date.now() > deadline || bot.exitCode !== null) throw new Error(`bot did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const listening = log.split('\n').find((line) => line.includes('Samspill is listening'))!;
  url = (JSON.parse(listening) as { url: string }).url;
}, 40_000);

afterAll(async () => {
  if (bot.exitCode === null) bot.kill('SIGKILL');
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('runs with embedded storage and the demo programme, and says loudly that auth is off', async () => {
  expect(log).toContain(`"node":"${process.version}"`);
  expect(log).toContain('started embedded Azurite');
  expect(log).toContain('authentication is OFF');
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
});

it('answers "hjelp" through the serviceUrl and survives malformed JSON', async () => {
  const bad = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
  expect(bad.status).toBe(400);
  const activity = messageActivity(
    { serviceUrl: connector.url, tenantId: '00000000-0000-0000-0000-0000000000001', from: { id: '29:x', aadObjectId: 'nobody', name: 'N' }, locale: 'nb-NO' },
    'hjelp',
  );
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(res.status).toBe(200);
  const [sent] = await connector.waitFor(1);
  expect(JSON.stringify(sent?.activity)).toContain('Hva du kan gjøre');
});

it('stops cleanly on SIGTERM, taking its Azurite with it; /healthz says 503 from the first moment of draining', async () => {
  const exited = new Promise<number | null>((resolve) => bot.once('exit', resolve));
  bot.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const draining = await fetch(`${url}/healthz`);
  expect(draining.status).toBe(503);
  expect(await draining.json()).toEqual({ status: 'draining' });
  expect(await exited).toBe(0);
  expect(log).toContain('stopped');
  // Nothing the runtime calls deprecated (restify 11 on spdy printed DEP0111 for process.binding).
  expect(log).not.toMatch(/DeprecationWarning|DEP0\d{3}/);
});
