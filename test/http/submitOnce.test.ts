// Issue 22.9 over HTTP, with two instances of the service on one Azurite (the real delivery
// worker in each): the same card submission sent to both at once, and again later, stores one
// record and tells each person once. And every verb is classified: one that stores a record runs
// once per submission, one that only shows something is answered afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGateDecision, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import type { TransitionResult } from '../../src/features/ideas/domain/transition.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { ReportTable } from '../../src/features/reporting/storage/reportTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { guardedVerbs, receiptedVerbs, serialisedVerbs, showingVerbs } from '../../src/platform/routing/verbKinds.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { dsopWithLeader } from '../support/reportingProject.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-once';
const { programme, office, leader, chair } = dsopWithLeader(TENANT);

const key = { tenantId: TENANT, programmeId: 'dsop' };
const now = osloTime('2026-12-02', 10, 0);
const by = { id: 'aad-office', name: 'office' };

let first: TestApp;
let second: TestApp;
let viaFirst: ReturnType<typeof conversationWith>;
let viaSecond: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let reports: ReportTable;

/** An active project after BP1 without a leader. */
async function project(title: string): Promise<string> {
  const created = await ideas.register(key, `seed-${title}`, { prefix: 'DSOP', year: 2026 }, (number) =>
    register(programme, { number, title, description: `Om ${title}`, party: 'dnb', links: [], submittedBy: { id: 'aad-leader', name: 'leader' }, at: now }),
  );
  if (!created.ok) throw new Error('seed');
  const number = created.value.idea.number;
  const steps: ((i: Idea) => TransitionResult)[] = [
    (i) => prioritise(programme, i, { by, at: now, rank: 1 }),
    (i) => qualify(programme, i, { by, at: now, assessment: 'Moden.', recommendation: 'Til BP1.' }),
    (i) => applyGateDecision(programme, i, { by, at: now, gate: 'BP1', adopted: true }),
  ];
  for (const step of steps) {
    const result = await ideas.apply(key, number, step);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
  return number;
}

/** Proactive posts to a person's chat, as both instances' Connector stubs received them. */
const postsTo = (who: typeof office) =>
  [...first.connector.sent, ...second.connector.sent].filter(
    (s) => s.conversationId === `a:personal-${who.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)),
  );
const textsTo = (who: typeof office) => postsTo(who).map((s) => `${(s.activity.text as string | undefined) ?? ''}${cardText((s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content ?? {})}`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

beforeAll(async () => {
  const options = { programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => now, deliveryWorker: { idlePollMs: 100 } };
  first = await startTestApp(options);
  second = await startTestApp({ ...options, azurite: first.azurite });
  viaFirst = conversationWith(first, TENANT);
  viaSecond = conversationWith(second, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: first.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  reports = new ReportTable(tables);
  for (const p of [office, leader, chair]) await viaFirst.say(p, 'help');
}, 60_000);
afterAll(async () => {
  await second.stop();
  await first.stop();
});

describe('a card submission arriving twice', () => {
  it('naming a project leader: sent to both instances at once and again later, one history entry and one notice', async () => {
    const number = await project('Leder');
    const data = { programmeId: 'dsop', number, person: 'aad-leader' };
    const [a, b] = await Promise.all([viaFirst.click(office, 'idea.assignLeader', data), viaSecond.click(office, 'idea.assignLeader', data)]);
    // Both arrivals answer with the card the first one produced.
    expect(cardText(a)).toContain(`leader is project leader of ${number}.`);
    expect(cardText(b)).toBe(cardText(a));
    await waitFor(() => textsTo(leader).some((t) => t.includes(number)), 'the leader notice');
    const later = await viaFirst.click(office, 'idea.assignLeader', data);
    expect(cardText(later)).toBe(cardText(a));
    await settle();
    expect(textsTo(leader).filter((t) => t.includes(number))).toHaveLength(1);
    const history = await ideas.history(key, number);
    expect(history.filter((h) => JSON.stringify(h).includes('aad-leader') && h.by.id === 'aad-office')).toHaveLength(1);
  });

  it('recording a dispute: a double click records it once; a different one is recorded too', async () => {
    const number = await project('Tvist');
    const dispute = { programmeId: 'dsop', number, subject: 'API-format', dataOwner: 'skatteetaten', decision: 'REST' };
    await Promise.all([viaFirst.click(office, 'idea.recordDispute', dispute), viaSecond.click(office, 'idea.recordDispute', dispute), viaFirst.click(office, 'idea.recordDispute', dispute)]);
    expect((await ideas.get(key, number))?.disputes).toHaveLength(1);
    // Not every equal-looking click is a repeat: another dispute, then the first one's data
    // again after it, are new submissions.
    await viaSecond.click(office, 'idea.recordDispute', { ...dispute, subject: 'Tilgangsstyring' });
    await viaFirst.click(office, 'idea.recordDispute', dispute);
    expect((await ideas.get(key, number))?.disputes.map((d) => d.subject)).toEqual(['API-format', 'Tilgangsstyring', 'API-format']);
  });

  it('filing a status report: sent to both instances at once and again later, one version, each reader told once', async () => {
    const number = await project('Rapport');
    await viaFirst.click(office, 'idea.assignLeader', { programmeId: 'dsop', number, person: 'aad-leader' });
    const form = actionData(await viaFirst.click(leader, 'report.form', { programmeId: 'dsop', scheduleId: 'statusrapport', periodKey: '2026-12', ideaNumber: number }), 'report.submit');
    const data = { ...form, status: 'green', progress: `Rapport for ${number}.`, result: 'false', completionDate: 'false', cost: 'false', nextMilestones: 'Januar.' };
    const answers = await Promise.all([viaFirst.click(leader, 'report.submit', data), viaSecond.click(leader, 'report.submit', data)]);
    for (const answer of answers) expect(cardText(answer)).toContain('The report is filed (version 1)');
    await waitFor(() => textsTo(office).some((t) => t.includes(`Rapport for ${number}.`)), 'the report to the office');
    expect(cardText(await viaSecond.click(leader, 'report.submit', data))).toContain('The report is filed (version 1)');
    await settle();
    expect(await reports.history(key, 'statusrapport', '2026-12', number)).toHaveLength(1);
    for (const reader of [office, leader]) expect(textsTo(reader).filter((t) => t.includes(`Rapport for ${number}.`))).toHaveLength(1);
  });
});

describe('every verb is classified', () => {
  it('as one that stores a record (once per submission: by its receipt, the guard, or its handler under the guard) or one that only shows something', () => {
    const lists = [receiptedVerbs, guardedVerbs, serialisedVerbs, showingVerbs];
    expect(first.app.verbNames.filter((verb) => lists.filter((list) => list.has(verb)).length !== 1)).toEqual([]);
    expect(lists.flatMap((list) => [...list]).filter((verb) => !first.app.verbNames.includes(verb))).toEqual([]);
  });
});
