// The KMD–KS preset (seed 001) served over HTTP: a joint measure runs through the portfolio, its
// card shows its status (phase), its owner is asked for the quarterly short status
// («Kort status på gjennomføring av tiltak», §6) and files it, and the consultation meeting's
// channel (the body that decides the next gate) receives it.
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
import { presetProgramme } from '../support/presetProgramme.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-kmd-ks';
const person = (name: string) => ({ id: `29:${name}`, aadObjectId: `aad-${name}`, name });
const office = person('office');
const owner = person('owner');
const ks = person('ks');

const programme = presetProgramme('kmd-ks', {
  id: 'kmd-ks',
  name: 'KMD–KS',
  ideaPrefix: 'KMDKS',
  tenantId: TENANT,
  parties: { kmd: 'KMD', ks: 'KS' },
  people: [
    { aadObjectId: 'aad-office', name: 'office', party: 'kmd', roles: ['office'] },
    { aadObjectId: 'aad-owner', name: 'owner', party: 'kmd' },
    { aadObjectId: 'aad-ks', name: 'ks', party: 'ks' },
  ],
  // Members appointed by both parties (§2.1).
  seats: { members: ['aad-owner', 'aad-ks'], chair: 'aad-ks', secretary: 'aad-office' },
});

const CHANNEL = '19:konsultasjon@thread.tacv2';
const key = { tenantId: TENANT, programmeId: 'kmd-ks' };
let now = osloTime('2026-10-01', 9, 0);
const by = { id: 'aad-office', name: 'office' };
let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let number = '';

type Step = (i: Idea) => TransitionResult;
const cardsIn = (conversationId: string) =>
  app.connector.sent
    .filter((s: SentActivity) => s.conversationId === conversationId && s.method === 'POST')
    .map((s) => (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content)
    .filter((c): c is Card => c !== undefined);

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => now, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(app, TENANT);
  ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })));
  for (const p of [office, owner, ks]) await chat.say(p, 'help');
  const member = (p: typeof office) => ({ id: p.id, aadObjectId: p.aadObjectId, tenantId: TENANT, userRole: 'user' as const });
  app.connector.rosters.set(CHANNEL, [member(office), member(owner), member(ks)]);
  await chat.say(office, '<at>Samspill</at> link konsultasjonsmote', { conversation: { id: CHANNEL, conversationType: 'channel' } });
  const created = await ideas.register(key, 'seed-1', { prefix: 'KMDKS', year: 2026 }, (n) =>
    register(programme, { number: n, title: 'Sammenhengende tjenester', description: 'Livshendelser.', party: 'kmd', links: [], submittedBy: by, at: now }),
  );
  if (!created.ok) throw new Error('seed');
  number = created.value.idea.number;
  const steps: Step[] = [
    (i) => prioritise(programme, i, { by, at: now, rank: 1 }),
    (i) => qualify(programme, i, { by, at: now, assessment: 'Felles tiltak.', recommendation: 'Start.' }),
    (i) => assignProjectLeader(programme, i, { by, at: now, person: 'aad-owner' }),
    (i) => applyGateDecision(programme, i, { by, at: now, gate: 'oppstart', adopted: true }),
  ];
  for (const step of steps) {
    const r = await ideas.apply(key, number, step);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
}, 60_000);
afterAll(async () => app.stop());

describe('the KMD–KS preset over HTTP', () => {
  it("shows a measure's status and asks its owner for the short status, which the consultation meeting receives", async () => {
    const shown = cardText((await chat.say(ks, `idea ${number}`)).card);
    expect(shown).toContain('Sammenhengende tjenester');
    expect(shown).toContain('Being carried out');
    expect(cardText((await chat.say(ks, `idé ${number}`, { locale: 'nb-NO' })).card)).toContain('Under gjennomføring');

    const tick = await app.app.reminders.tick(now);
    expect(tick.queued).toEqual([`${TENANT}:kmd-ks:tiltaksstatus:2026-Q4:aad-owner:open`]);
    const reminder = await waitFor(() => cardsIn('a:personal-aad-owner').find((c) => JSON.stringify(c).includes('report.submit')), 'the reminder');
    expect(cardText(reminder)).toContain(number);
    expect(cardText(reminder)).toContain('Short status of the measures');

    now = osloTime('2026-10-02', 10, 0);
    const form = actionData((await chat.click(owner, 'report.form', { programmeId: 'kmd-ks', scheduleId: 'tiltaksstatus', periodKey: '2026-Q4', ideaNumber: number })), 'report.submit');
    const filed = await chat.click(owner, 'report.submit', { ...form, status: 'yellow', progress: 'To av sju livshendelser er i gang.', result: 'false', completionDate: 'false', cost: 'false', nextMilestones: 'Pilot.' });
    expect(cardText(filed)).toContain('The report is filed (version 1)');
    await waitFor(() => cardsIn(CHANNEL).some((c) => cardText(c).includes('To av sju livshendelser er i gang.')), 'the status in the consultation meeting');
  });
});
