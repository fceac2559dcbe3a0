// The collaboration checklist (Difi, seed 002) reaching project leaders, over HTTP with real
// activities, real in-memory Azurite behind a fault proxy, and the real delivery worker sending
// to the local Connector stub. When a project starts its leader gets the checklist card in their
// personal chat, in their language, once however many instances tick; a new leader gets it too;
// the office can send it again on purpose; one programme's storage failing keeps nobody else
// waiting; and the idea card shows the progress to those who may see the project's material.
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/compose.js';
import { readEnv } from '../../src/platform/config/env.js';
import { applyGateDecision, assignProjectLeader, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { TransitionResult } from '../../src/features/ideas/domain/transition.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import { azuriteConnectionString, storageClients } from '../../src/platform/storage/connection.js';
import { DeliveryLedger } from '../../src/platform/delivery/deliveryLedger.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import { startTestAzurite } from '../support/azurite.js';
import { startConnectorStub } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, waitFor, type Card } from '../support/conversation.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import type { TestApp } from '../support/testApp.js';
import { systemClock } from '../../src/shared/clocks.js';

const now = Date.UTC(2026, 10, 23, 9);
const nb = { locale: 'nb-NO' };
const en = { locale: 'en-US' };

// The concept phase is for the project's participants (as DSOP's planning phase): Ute, of
// another party and in no body, is in the programme but not in the project.
const base = testProgramme();
const dsopPeople = [...base.people, { aadObjectId: people.outsider.aadObjectId, name: people.outsider.name, party: 'finans-norge', roles: [] }];
const phases = base.phases.map((p) => (p.id === 'konsept' ? { ...p, restrictedToParticipants: true } : p));
const dsop: Programme = testProgramme({ people: dsopPeople, phases });
// Listed first: its storage fails in one test, and the sweep must still reach DSOP's leaders.
const broken: Programme = testProgramme({ id: 'brokenprog', name: 'Broken test', ideaPrefix: 'BRK' });

let service: TestApp;
let proxy: FaultProxy;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let ledger: DeliveryLedger;
const logged: Record<string, unknown>[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const office = { id: people.office.aadObjectId, name: people.office.name };
let project = '';
let qualifiedOnly = '';
let registeredOnly = '';
let brokenProject = '';

async function seed(programme: Programme, submission: string, title: string, steps: ((i: Idea) => TransitionResult)[]): Promise<string> {
  const key = { tenantId: TENANT, programmeId: programme.id };
  const made = await ideas.register(key, submission, { prefix: programme.ideaPrefix, year: 2026 }, (number) =>
    register(programme, { number, title, description: 'Felles innbyggerdialog.', party: 'skatteetaten', links: [], submittedBy: office, at: now }),
  );
  if (!made.ok) throw new Error('register');
  for (const step of steps) {
    const result = await ideas.apply(key, made.value.idea.number, step);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
  return made.value.idea.number;
}

const by = { by: office, at: now };
const toQualified = (programme: Programme, leader: string) => [
  (i: Idea) => prioritise(programme, i, { rank: 1, ...by }),
  (i: Idea) => qualify(programme, i, { assessment: 'Moden.', recommendation: 'Anbefales.', ...by }),
  (i: Idea) => assignProjectLeader(programme, i, { person: leader, ...by }),
];
const started = (programme: Programme) => (i: Idea) => applyGateDecision(programme, i, { gate: 'BP1', adopted: true, ...by });

beforeAll(async () => {
  const azurite = await startTestAzurite();
  const tablePort = Number(/TableEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(azurite.connectionString)?.[1]);
  const queuePort = Number(/QueueEndpoint=http:\/\/127\.0\.0\.1:(\d+)/.exec(azurite.connectionString)?.[1]);
  proxy = await startFaultProxy({ host: '127.0.0.1', port: tablePort });
  const connector = await startConnectorStub();
  // The service's error log, to see that a failing programme is reported.
  const errors = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logged.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = createApp({ wallClock: systemClock,
    env: readEnv({ LOG_LEVEL: 'silent', SAMSPILL_SCHEDULER: 'off' }),
    programmes: [broken, dsop],
    storage: {
      kind: 'connection-string',
      connectionString: azuriteConnectionString('127.0.0.1', proxy.port, queuePort),
      // A failing request gives up quickly.
      requests: { maxRetries: 1, retryDelayInMs: 20, maxRetryDelayInMs: 50, tryTimeoutInMs: 2_000 },
    },
    log: pino({ level: 'error' }, errors),
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
    async stop() {
      await app.stop();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await proxy.close();
      await connector.close();
      await azurite.stop();
    },
  };
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  ideas = new IdeaTable(tables);
  ledger = new DeliveryLedger(tables);

  // Per writes Norwegian, Kari and Siri English; the bot keeps each one's personal chat.
  await chat.say(people.member, 'hjelp', nb);
  await chat.say(people.chair, 'help', en);
  await chat.say(people.office2, 'help', en);
  project = await seed(dsop, 'sub-1', 'Felles chatbot', [...toQualified(dsop, people.member.aadObjectId), started(dsop)]);
  qualifiedOnly = await seed(dsop, 'sub-2', 'Klar til start', toQualified(dsop, people.chair.aadObjectId));
  registeredOnly = await seed(dsop, 'sub-3', 'Bare registrert', []);
  brokenProject = await seed(broken, 'sub-4', 'Annet program', [...toQualified(broken, people.chair.aadObjectId), started(broken)]);
}, 60_000);

afterAll(async () => service?.stop());

/** Cards the bot sent into a person's chat by itself (not replies). */
const proactive = (person: Person): Card[] =>
  service.connector.sent
    .filter((s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .map((s) => (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content ?? {});

const tick = () => service.app.reminders.tick(now);

/** Every toggle of a checklist card with its value. */
const toggles = (card: Card) =>
  Object.fromEntries(
    [...JSON.stringify(card).matchAll(/"id":"(item\.[^"]+)","title":"(?:[^"\\]|\\.)*","value":"(true|false)"/g)].map((m) => [m[1]!, m[2]!]),
  );

describe('when a project starts', () => {
  it('its leader gets the checklist in their chat, in their language; a programme whose storage fails holds up nobody else', async () => {
    proxy.set({ kind: 'status', status: 503 }, (_method, path) => decodeURIComponent(path).includes('brokenprog'));
    try {
      await tick();
      const [card] = await waitFor(() => proactive(people.member).length > 0 && proactive(people.member), 'Per’s checklist');
      const shown = cardText(card);
      expect(shown).toContain(`Prosjektet ${project} har startet. Her er samarbeidssjekklisten fra Difis veiledning`);
      expect(shown).toContain(`${project} Felles chatbot · Prosjektleder: Per Member`);
      expect(shown).toContain('0 av 22 punkter (0 %)');
      expect(shown).toContain('1. Menneskers behov skal settes i sentrum.');
      expect(actionData(card, 'checklist.tick')).toEqual({ programmeId: 'dsop', number: project, seen: '' });
      expect(() => actionData(card, 'checklist.send')).toThrow();
      expect(logged).toContainEqual(expect.objectContaining({ programmeId: 'brokenprog', msg: 'checklist: handover sweep failed' }));
      // The card says what it shows, for the disclosure guard at send time.
      const job = (await ledger.get(TENANT, `${TENANT}:dsop:checklist:${project}:${people.member.aadObjectId}`))?.job;
      expect(job?.discloses.map((d) => [d.kind, 'idea' in d ? d.idea.number : ''])).toEqual([
        ['idea', project],
        ['idea-documents', project],
      ]);
    } finally {
      proxy.heal();
    }
    // Kari leads the other programme's project: once its storage answers, her checklist goes out,
    // in English. Her qualified DSOP project has not started, so nothing for that.
    await tick();
    const [kari] = await waitFor(() => proactive(people.chair).length > 0 && proactive(people.chair), 'Kari’s checklist');
    expect(cardText(kari)).toContain(`Project ${brokenProject} has started. Here is the collaboration checklist from Difi’s guidance`);
    expect(cardText(kari)).toContain('0 of 22 items (0%)');
    await sleep(500);
    expect(proactive(people.chair)).toHaveLength(1);
  });

  it('however often and on however many instances the ticker runs, each leader has it once', async () => {
    await Promise.all([tick(), tick(), tick()]);
    await tick();
    await sleep(800); // a duplicate would have arrived by now
    expect(proactive(people.member)).toHaveLength(1);
    expect(proactive(people.chair)).toHaveLength(1);
    expect(proactive(people.office)).toHaveLength(0);
  });

  it('the leader ticks it from the card in their chat', async () => {
    const [card] = proactive(people.member);
    const data = {
      ...actionData(card, 'checklist.tick'),
      ...toggles(card!),
      'item.starte-sammen.brukerperspektiv.brukerbehov': 'true',
      'item.prinsipp.1': 'true',
    };
    const saved = cardText(await chat.click(people.member, 'checklist.tick', data, nb));
    expect(saved).toContain('Lagret (2 endret).');
    expect(saved).toContain('2 av 22 punkter (9 %)');
  });

  it('a project that starts later, and a new project leader, get it too; the previous leader gets nothing more', async () => {
    const key = { tenantId: TENANT, programmeId: 'dsop' };
    await ideas.apply(key, qualifiedOnly, started(dsop));
    await ideas.apply(key, project, (i) => assignProjectLeader(dsop, i, { person: people.office2.aadObjectId, ...by }));
    await tick();
    const kari = await waitFor(() => proactive(people.chair).length === 2 && proactive(people.chair), 'Kari’s second checklist');
    expect(cardText(kari[1])).toContain(`Project ${qualifiedOnly} has started.`);
    const [siri] = await waitFor(() => proactive(people.office2).length > 0 && proactive(people.office2), 'Siri’s checklist');
    // The new leader sees the project as it stands: Per's ticks are kept.
    expect(cardText(siri)).toContain(`Project ${project} has started.`);
    expect(cardText(siri)).toContain('2 of 22 items (9%)');
    await tick();
    await sleep(500);
    expect(proactive(people.member)).toHaveLength(1);
    expect(proactive(people.office2)).toHaveLength(1);
    expect(proactive(people.chair)).toHaveLength(2);
  });
});

describe('the office sends it again', () => {
  it('on purpose: the leader gets the checklist as it stands; a double click of the same card sends once', async () => {
    const card = await chat.click(people.office, 'checklist.show', { programmeId: 'dsop', number: qualifiedOnly }, nb);
    const send = actionData(card, 'checklist.send');
    const [first, again] = await Promise.all([
      chat.click(people.office, 'checklist.send', send, nb),
      chat.click(people.office, 'checklist.send', send, nb),
    ]);
    for (const answer of [first, again]) expect(cardText(answer)).toContain('Sjekklisten er lagt klar til Kari Chair og sendes i den personlige chatten.');
    const kari = await waitFor(() => proactive(people.chair).length === 3 && proactive(people.chair), 'the resent checklist');
    expect(cardText(kari[2])).toContain(`Ola Office of the programme office has sent you the collaboration checklist for ${qualifiedOnly}.`);
    await sleep(800);
    expect(proactive(people.chair)).toHaveLength(3);

    // The card the office got back is a fresh one: sending from it is another deliberate resend.
    await chat.click(people.office, 'checklist.send', actionData(first, 'checklist.send'));
    await waitFor(() => proactive(people.chair).length === 4, 'the second resend');
  });

  it('only the office, only for a started project with a leader, and only with the card’s own key', async () => {
    const send = (who: Person, number: string, requestKey = 'c3f0b9a2-7d5e-4f7a-9c61-2b8e4d1f0a77') =>
      chat.click(who, 'checklist.send', { programmeId: 'dsop', number, requestKey });
    const leaderCard = await chat.click(people.chair, 'checklist.show', { programmeId: 'dsop', number: qualifiedOnly });
    expect(() => actionData(leaderCard, 'checklist.send')).toThrow();
    expect(cardText(await send(people.chair, qualifiedOnly))).toContain('Only the programme office can do this.');
    expect(cardText(await send(people.office, registeredOnly))).toContain(`The checklist is sent when the project starts; ${registeredOnly} is registered.`);
    expect(cardText(await send(people.office, qualifiedOnly, 'x'))).toContain('Some fields need correcting');
    expect(cardText(await send(people.office, qualifiedOnly, 'a b c d e f g h'))).toContain('Some fields need correcting');
    await sleep(500);
    expect(proactive(people.chair)).toHaveLength(4);
  });
});

describe('progress on the idea card', () => {
  const ideaCard = async (who: Person, number: string, locale: { locale: string }) => cardText((await chat.say(who, `idé ${number}`, locale)).card);

  it('shows how far the project has come, in the reader’s language, to the leader and the office', async () => {
    expect(await ideaCard(people.office2, project, nb)).toMatch(/Samarbeidssjekkliste\n2 av 22 punkter \(9 %\)/);
    expect(await ideaCard(people.office, project, en)).toMatch(/Collaboration checklist\n2 of 22 items \(9%\)/);
    expect(await ideaCard(people.office, qualifiedOnly, en)).toMatch(/Collaboration checklist\n0 of 22 items \(0%\)/);
  });

  it('to the project’s participants, not to someone outside it while its material is theirs; not before it is a project', async () => {
    expect(await ideaCard(people.observer, project, en)).toMatch(/Collaboration checklist\n2 of 22 items \(9%\)/);
    const outsider = await ideaCard(people.outsider, project, en);
    expect(outsider).toContain('Felles chatbot');
    expect(outsider).not.toContain('Collaboration checklist');
    expect(await ideaCard(people.office, registeredOnly, en)).not.toContain('Collaboration checklist');
  });
});
