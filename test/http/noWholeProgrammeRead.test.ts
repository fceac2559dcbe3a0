// One turn's cost does not grow with the programme (issue 25.1): `report`, `deadlines` (a leader
// and the office), `roadmap` and `checklist` read the index rows of the lists they need (a
// leader's projects, the active ones, the open projects' phases) and the ideas they name, never
// the whole `idea|` range of the programme's partition. Over HTTP, with a proxy in front of
// Azurite's table endpoint recording every storage request of the turn; a direct read of every
// idea through the same proxy shows what is looked for. The same for the measures card (a page's
// deviations and final treatments, never the programme's) and for the reminder tick's background
// jobs (reminders and the checklist handover: the active ideas' index; the convene reminder: the
// ideas its matters name) and Skate's samlesak (the active ideas and those that reported).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { ok } from '../../src/shared/result.js';
import { createMeasure, type Deviation } from '../../src/features/measures/domain/measures.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { checklistHandoverKey } from '../../src/features/checklist/app/checklistDelivery.js';
import { conveneKey } from '../../src/features/meetings/app/convene.js';
import { DeliveryLedger } from '../../src/platform/delivery/deliveryLedger.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { MeasureTable } from '../../src/features/measures/storage/measureTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { type TestAzurite } from '../support/azurite.js';
import { cardText, conversationWith } from '../support/conversation.js';
import type { FaultProxy } from '../support/faultProxy.js';
import { startProxiedService } from '../support/proxiedService.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { monthlyStatusReport, seedActiveProject } from '../support/reportingProject.js';
import { skatePeople, skateSamlesakProgramme } from '../support/skateSamlesak.js';
import type { TestApp } from '../support/testApp.js';

// The steering group meets quarterly, so the tick's convene reminder is due too (Q4 has begun).
const programme = testProgramme({ schedules: [monthlyStatusReport()], bodies: testProgramme().bodies.map((b) => ({ ...b, meets: 'quarterly' as const })) });
const key = { tenantId: TENANT, programmeId: programme.id };
const SKATE_TENANT = 'tenant-nowhole-skate';
const skate = skateSamlesakProgramme(SKATE_TENANT);
const now = Date.UTC(2026, 10, 3, 9); // a business day early in a reporting month

let azurite: TestAzurite;
let proxy: FaultProxy;
let service: TestApp;
let proxied: string;
let chat: ReturnType<typeof conversationWith>;
let skateChat: ReturnType<typeof conversationWith>;
let skateProject: string;
let project: string;
let proxiedIdeas: IdeaTable;
let proxiedMeasures: MeasureTable;

/** A storage request that reads the programme's every idea row: the `idea|` range query. */
const readsEveryIdea = () => readsRange('idea|');
/** A storage request that reads every row of a kind in the programme's partition: the `<prefix>` range query. */
const readsRange = (prefix: string) => proxy.seen.some((r) => decodeURIComponent(r.path).includes(`RowKey lt '${prefix}}'`));
/** Every deviation, final treatment or treatment answer of the programme. */
const readsEveryMeasureRecord = () => ['deviation|', 'finaltreatment|', 'feedbacktext|'].some(readsRange);

beforeAll(async () => {
  ({ azurite, proxy, service, proxiedConnectionString: proxied } = await startProxiedService({ programmes: [programme, skate], now: () => now }));
  chat = conversationWith(service, TENANT);
  skateChat = conversationWith(service, SKATE_TENANT);
  const ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
  proxiedIdeas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: proxied })));
  proxiedMeasures = new MeasureTable(new Tables(storageClients({ kind: 'connection-string', connectionString: proxied })));
  // A programme with many registered ideas beside one active project led by Per.
  for (let i = 0; i < 30; i++) {
    const created = await ideas.register(key, `seed-${i}`, { prefix: programme.ideaPrefix, year: 2026 }, (number) =>
      register(programme, { number, title: `Idé ${i}`, description: 'Registrert.', party: 'finans-norge', links: [], submittedBy: { id: people.member.aadObjectId, name: people.member.name }, at: now }),
    );
    if (!created.ok) throw new Error('seed');
  }
  project = await seedActiveProject(ideas, programme, people.member, now - 30 * 86_400_000, 'seed-project');
  // Skate: registered ideas beside one measure run as a project.
  const skateKey = { tenantId: SKATE_TENANT, programmeId: skate.id };
  for (let i = 0; i < 10; i++) {
    const created = await ideas.register(skateKey, `skate-seed-${i}`, { prefix: skate.ideaPrefix, year: 2026 }, (number) =>
      register(skate, { number, title: `Skate-idé ${i}`, description: 'Registrert.', party: 'nav', links: [], submittedBy: { id: skatePeople.owner.aadObjectId, name: skatePeople.owner.name }, at: now }),
    );
    if (!created.ok) throw new Error('seed skate');
  }
  skateProject = await seedActiveProject(ideas, skate, skatePeople.owner, now - 30 * 86_400_000, 'skate-project');
  // More joint measures than one card shows, with open deviations on both pages.
  const measures = new MeasureTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
  const by = { id: people.office.aadObjectId, name: people.office.name };
  const party = programme.parties[0]?.id ?? '';
  for (let i = 1; i <= 23; i++) {
    const made = await measures.createMeasure(key, `seed-measure-${i}`, (sequence) =>
      createMeasure(programme, sequence, { title: `Tiltak ${i}`, description: '', owners: [people.member.aadObjectId], parties: [party], by, at: now }),
    );
    if (!made.ok) throw new Error('seed measure');
  }
  for (const [i, measureId] of ['T-002', 'T-021', 'T-022', 'T-022'].entries()) {
    const deviation = (sequence: number): Deviation => ({
      id: `A-${String(sequence).padStart(3, '0')}`,
      measureId,
      what: 'Forsinket.',
      impact: 'Senere levering.',
      proposal: 'Ny plan.',
      filedBy: by,
      party,
      filedAt: now,
      recipients: [],
      status: 'open',
    });
    if (!(await measures.fileDeviation(key, `seed-deviation-${i}`, (sequence) => ok(deviation(sequence)))).ok) throw new Error('seed deviation');
  }
  // The start-up index migration read the (then empty) programme once; a turn first makes sure it is done.
  await chat.say(people.office, 'help');
});
afterAll(() => service.stop());

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

describe('the measures card and the background jobs read what they need, not the programme (issue 25)', () => {
  it('the detector sees a read of every deviation and final treatment (the old way)', async () => {
    proxy.seen.splice(0);
    expect((await proxiedMeasures.deviations(key)).length).toBe(4);
    expect(readsRange('deviation|')).toBe(true);
    proxy.seen.splice(0);
    await proxiedMeasures.finalTreatments(key);
    expect(readsRange('finaltreatment|')).toBe(true);
  });

  it("measures shows a page with its measures' open deviations, read from those measures only", async () => {
    const text = await turn(people.office, 'measures');
    expect(text).toContain('T-002');
    expect(text).not.toContain('T-021');
    // T-002's one deviation; page 2's three are not on this card.
    expect(text.match(/Open deviations: 1/g)?.length).toBe(1);
    expect(text).not.toMatch(/Open deviations: [2-9]/);
    expect(readsEveryMeasureRecord()).toBe(false);
  });

  it("the reminder tick (reminders, the checklist handover, the convene reminder) reads no more than the active ideas' index", async () => {
    proxy.seen.splice(0);
    const report = await service.app.reminders.tick(now);
    expect(readsEveryIdea()).toBe(false);
    // Each job did its work: the leader's report reminder, the project's checklist, the chair's convene reminder.
    expect(report.failedProgrammes).toEqual([]);
    expect(report.queued.some((k) => k.includes(people.member.aadObjectId))).toBe(true);
    const ledger = new DeliveryLedger(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
    expect(await ledger.find(TENANT, checklistHandoverKey(key, project, people.member.aadObjectId))).toBeDefined();
    expect(await ledger.find(TENANT, conveneKey(key, 'styringsgruppen', '2026-Q4', people.chair.aadObjectId))).toBeDefined();
  });

  it("the samlesak, compiled when the office opens it, reads the active ideas' index and the ideas that reported", async () => {
    proxy.seen.splice(0);
    const text = cardText(await skateChat.click(skatePeople.office, 'samlesak.show', { programmeId: skate.id }));
    expect(text).toContain(skateProject);
    expect(text).not.toContain('Skate-idé');
    expect(readsEveryIdea()).toBe(false);
  });
});
