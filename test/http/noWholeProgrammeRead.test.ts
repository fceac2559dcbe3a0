// One turn's cost does not grow with the programme (issue 25.1): `report`, `deadlines` (a leader
// and the office), `roadmap` and `checklist` read the index rows of the lists they need (a
// leader's projects, the active ones, the open projects' phases) and the ideas they name, never
// the whole `idea|` range of the programme's partition. Over HTTP, with a proxy in front of
// Azurite's table endpoint recording every storage request of the turn; a direct read of every
// idea through the same proxy shows what is looked for.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { readEnv } from '../../src/config/env.js';
import { register } from '../../src/domain/idea/lifecycle.js';
import { azuriteConnectionString, storageClients } from '../../src/storage/connection.js';
import { IdeaTable } from '../../src/storage/ideaTable.js';
import { Tables } from '../../src/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub.js';
import { cardText, conversationWith } from '../support/conversation.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { monthlyStatusReport, seedActiveProject } from '../support/reportingProject.js';
import type { TestApp } from '../support/testApp.js';
import { systemClock } from '../../src/shared/clocks.js';

const programme = testProgramme({ schedules: [monthlyStatusReport()] });
const key = { tenantId: TENANT, programmeId: programme.id };
const now = Date.UTC(2026, 10, 3, 9); // a business day early in a reporting month

let azurite: TestAzurite;
let proxy: FaultProxy;
let connector: ConnectorStub;
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let project: string;
let proxiedIdeas: IdeaTable;

/** A storage request that reads the programme's every idea row: the `idea|` range query. */
const readsEveryIdea = () => proxy.seen.some((r) => decodeURIComponent(r.path).includes("RowKey lt 'idea|}'"));

beforeAll(async () => {
  azurite = await startTestAzurite();
  const tablePort = Number(/TableEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(azurite.connectionString)?.[1]);
  const queuePort = Number(/QueueEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(azurite.connectionString)?.[1]);
  proxy = await startFaultProxy({ host: '127.0.0.1', port: tablePort });
  connector = await startConnectorStub();
  const proxied = azuriteConnectionString('127.0.0.1', proxy.port, queuePort);
  const app = createApp({ wallClock: systemClock,
    env: readEnv({ LOG_LEVEL: 'silent', SAMSPILL_SCHEDULER: 'off' }),
    programmes: [programme],
    storage: { kind: 'connection-string', connectionString: proxied },
    log: pino({ level: 'silent' }),
    clock: { now: () => now },
    deliveryWorker: { idlePollMs: 100 },
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  service = {
    app,
    url,
    connector,
    azurite,
    post: (activity) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }),
    stop: async () => undefined,
  };
  chat = conversationWith(service, TENANT);
  const ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
  proxiedIdeas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: proxied })));
  // A programme with many registered ideas beside one active project led by Per.
  for (let i = 0; i < 30; i++) {
    const created = await ideas.register(key, `seed-${i}`, { prefix: programme.ideaPrefix, year: 2026 }, (number) =>
      register(programme, { number, title: `Idé ${i}`, description: 'Registrert.', party: 'finans-norge', links: [], submittedBy: { id: people.member.aadObjectId, name: people.member.name }, at: now }),
    );
    if (!created.ok) throw new Error('seed');
  }
  project = await seedActiveProject(ideas, programme, people.member, now - 30 * 86_400_000, 'seed-project');
  // The start-up index migration read the (then empty) programme once; a turn first makes sure it is done.
  await chat.say(people.office, 'help');
});
afterAll(async () => {
  await service.app.stop();
  await new Promise<void>((resolve) => service.app.server.close(() => resolve()));
  await proxy.close();
  await connector.close();
  await azurite.stop();
});

/** Says the command and returns its reply's text, with the storage requests of that turn recorded afresh. */
async function turn(who: typeof people.member, text: string): Promise<string> {
  proxy.seen.splice(0);
  const reply = await chat.say(who, text);
  return reply.text ?? cardText(reply.card);
}

describe('a turn reads what it shows, not the programme (issue 25.1)', () => {
  it('the detector sees a read of every idea (the old way)', async () => {
    proxy.seen.splice(0);
    expect((await proxiedIdeas.list(key)).length).toBe(31);
    expect(readsEveryIdea()).toBe(true);
  });

  it('report (the leader\'s forms) and deadlines (leader and office) read the leader\'s and the active projects\' index', async () => {
    expect(await turn(people.member, 'report')).toContain(project);
    expect(readsEveryIdea()).toBe(false);
    expect(await turn(people.member, 'deadlines')).toContain(project);
    expect(readsEveryIdea()).toBe(false);
    expect(await turn(people.office, 'deadlines')).toContain(people.member.name);
    expect(readsEveryIdea()).toBe(false);
  });

  it('roadmap reads the open projects\' phases, and checklist the leader\'s or the office\'s projects', async () => {
    expect(await turn(people.office, 'roadmap')).toContain(project);
    expect(readsEveryIdea()).toBe(false);
    expect(await turn(people.member, 'checklist')).toContain(project);
    expect(readsEveryIdea()).toBe(false);
    expect(await turn(people.office, 'checklist')).toContain(project);
    expect(readsEveryIdea()).toBe(false);
  });
});
