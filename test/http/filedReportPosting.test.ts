// Where a filed status report goes, over HTTP with the DSOP preset (§3.5/§4: the status report
// «tilgjengeliggjøres for alle deltakere»): the project leader's chat and the channel of the
// body that decides the project's next gate; in a phase restricted to the project's
// participants (planning, until BP3) not that channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGateDecision, assignProjectLeader, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import type { TransitionResult } from '../../src/features/ideas/domain/transition.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { SentActivity } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { dsopWithLeader } from '../support/reportingProject.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-reports';
const { programme, office, leader, chair } = dsopWithLeader(TENANT);

const CHANNEL = '19:topplederforum@thread.tacv2';
const key = { tenantId: TENANT, programmeId: 'dsop' };
const now = osloTime('2026-12-02', 10, 0);
const by = { id: 'aad-office', name: 'office' };

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;

type Step = (i: Idea) => TransitionResult;
const steps = (...gates: string[]): Step[] => [
  (i) => prioritise(programme, i, { by, at: now, rank: 1 }),
  (i) => qualify(programme, i, { by, at: now, assessment: 'Moden.', recommendation: 'Til BP1.' }),
  (i) => assignProjectLeader(programme, i, { by, at: now, person: 'aad-leader' }),
  ...gates.map((gate): Step => (i) => applyGateDecision(programme, i, { by, at: now, gate, adopted: true })),
];

async function project(title: string, gates: string[]): Promise<string> {
  const created = await ideas.register(key, `seed-${title}`, { prefix: 'DSOP', year: 2026 }, (number) =>
    register(programme, { number, title, description: `Om ${title}`, party: 'dnb', links: [], submittedBy: { id: 'aad-leader', name: 'leader' }, at: now }),
  );
  if (!created.ok) throw new Error('seed');
  const number = created.value.idea.number;
  for (const step of steps(...gates)) {
    const result = await ideas.apply(key, number, step);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
  return number;
}

const cardsIn = (conversationId: string) =>
  app.connector.sent
    .filter((s: SentActivity) => s.conversationId === conversationId && s.method === 'POST')
    .map((s) => (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content)
    .filter((c): c is Card => c !== undefined)
    .map(cardText);

async function file(number: string, progress: string) {
  const form = actionData((await chat.click(leader, 'report.form', { programmeId: 'dsop', scheduleId: 'statusrapport', periodKey: '2026-12', ideaNumber: number })), 'report.submit');
  const filed = await chat.click(leader, 'report.submit', {
    ...form,
    status: 'green',
    progress,
    result: 'false',
    completionDate: 'false',
    cost: 'false',
    nextMilestones: 'Januar.',
  });
  expect(cardText(filed)).toContain('The report is filed (version 1)');
}

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => now, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(app, TENANT);
  ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })));
  for (const p of [office, leader, chair]) await chat.say(p, 'help');
  const member = (p: typeof office) => ({ id: p.id, aadObjectId: p.aadObjectId, tenantId: TENANT, userRole: 'user' as const });
  app.connector.rosters.set(CHANNEL, [member(office), member(chair), member(leader)]);
  const linked = await chat.say(office, '<at>Samspill</at> link topplederforum', { conversation: { id: CHANNEL, conversationType: 'channel' } });
  expect(linked.text ?? cardText(linked.card)).toContain('is now linked to this channel');
}, 60_000);
afterAll(async () => app.stop());

describe('a filed status report', () => {
  it("reaches the project leader's chat and the channel of the body that decides the next gate", async () => {
    const number = await project('Konto', ['BP1']); // in konsept: BP2 is Topplederforum's
    await file(number, 'Konseptet er i rute.');
    await waitFor(() => cardsIn(CHANNEL).some((t) => t.includes('Konseptet er i rute.')), 'the report in the channel');
    await waitFor(() => cardsIn('a:personal-aad-leader').some((t) => t.includes('Konseptet er i rute.')), "the report in the leader's chat");
    expect(cardsIn(CHANNEL).find((t) => t.includes('Konseptet er i rute.'))).toContain(number);
  });

  it('in the planning phase stays with the participants: not posted to the channel', async () => {
    const number = await project('Planlagt', ['BP1', 'BP2']); // in planlegging: restricted until BP3
    await file(number, 'Planen skrives.');
    await waitFor(() => cardsIn('a:personal-aad-leader').some((t) => t.includes('Planen skrives.')), "the report in the leader's chat");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cardsIn(CHANNEL).some((t) => t.includes('Planen skrives.'))).toBe(false);
  });
});
