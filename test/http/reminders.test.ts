// Reminders and status reports end to end over HTTP: real activities, real in-memory Azurite
// (tables + queue), the real delivery worker sending to the local Connector stub. A month's
// tick delivers one reminder with the report form per project leader; a second tick (another
// instance) adds nothing; `rapporter` opens the form; a deviation without corrective actions is
// refused in the reader's language; a filed report stops the chasing; the overdue escalation
// reaches each office person once; `frister` shows the office who is late and who cannot be
// reached; Skate's form asks about last quarter's decision only when there was a report; the
// period a card offers follows the schedule and the Oslo date (Skate's Q4 is not offered in December).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';
import type { App } from '../../src/compose.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { ok } from '../../src/shared/result.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import type { TestAzurite } from '../support/azurite.js';
import type { ConnectorStub } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';

const at = (date: string, hour = 9, minute = 0) => osloTime(date, hour, minute);
const text = (nb: string, en = nb) => ({ nb, en });

const dsop: Programme = programmeSchema.parse({
  ...testProgramme(),
  schedules: [
    {
      id: 'statusrapport',
      name: text('Månedlig statusrapport', 'Monthly status report'),
      kind: 'status-report',
      cadence: { kind: 'monthly', exceptMonths: [7] },
      recipients: 'project-leaders',
      deadlineBusinessDays: 5,
      remindBusinessDaysBefore: [3, 1],
    },
  ],
});
const skate: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    id: 'skate',
    name: 'Skate test',
    ideaPrefix: 'SKATE',
    bodies: base.bodies.map((b) => ({ ...b, decidedBy: { title: text('Difis direktør', 'The Director of Difi') } })),
    schedules: [
      {
        id: 'kvartalsrapport',
        name: text('Kvartalsrapport', 'Quarterly report'),
        kind: 'status-report',
        cadence: { kind: 'quarterly' },
        recipients: 'measure-owners',
        deadlineBusinessDays: 10,
        remindBusinessDaysBefore: [5, 1],
      },
    ],
  });
})();

let clockNow = at('2026-11-30', 12);
let azurite: TestAzurite;
let connector: ConnectorStub;
let app: App;
let ideas: IdeaTable;

let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (from: Person, words: string) => chat.say(from, words);
const click = (from: Person, verb: string, data: Record<string, unknown>, locale = 'en-US') => chat.click(from, verb, data, { locale });

/** The collaboration checklist every project leader gets when a project starts (the same
 * ticker sends it; test/http/checklist.test.ts covers it). */
const isChecklist = (card: Card) => JSON.stringify(card).includes('"verb":"checklist.');

/** Proactive cards (not replies) in a person's chat, the checklist hand-over left out. */
const proactive = (person: Person) =>
  connector.sent
    .filter((s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .map((s) => (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content ?? {})
    .filter((card) => !isChecklist(card));

async function seed(programme: Programme, n: number, leader: Person, started: number): Promise<string> {
  const result = await ideas.register({ tenantId: TENANT, programmeId: programme.id }, `seed-${n}`, { prefix: programme.ideaPrefix, year: 2026 }, (num) => {
    const r = register(programme, {
      number: num,
      title: `Prosjekt ${programme.id} ${n}`,
      description: 'Et prosjekt.',
      party: 'skatteetaten',
      links: [],
      submittedBy: { id: leader.aadObjectId, name: leader.name },
      at: started,
    });
    if (!r.ok) return r;
    return ok({ idea: { ...r.value.idea, status: 'active', phase: 'konsept', phaseStartedAt: started, projectLeader: leader.aadObjectId }, history: r.value.history });
  });
  if (!result.ok) throw new Error('seed');
  return result.value.idea.number;
}

let perIdea: string;
let kariIdea: string;
let observerIdea: string;

beforeAll(async () => {
  service = await startTestApp({
    programmes: [dsop, skate],
    env: { SAMSPILL_SCHEDULER: 'off' },
    now: () => clockNow,
    deliveryWorker: { idlePollMs: 100 },
  });
  ({ azurite, connector, app } = service);
  chat = conversationWith(service, TENANT);
  ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
  // Everyone but Oda has a personal chat with the bot.
  for (const person of [people.office, people.office2, people.member]) await say(person, 'help');
  // Kari writes Bokmål: her reminders are in Bokmål, Per's in English (Teams sends no locale
  // with proactive messages, so the last personal message decides).
  await chat.say(people.chair, 'hjelp', { locale: 'nb-NO' });
  perIdea = await seed(dsop, 1, people.member, at('2026-11-16'));
  kariIdea = await seed(dsop, 2, people.chair, at('2026-11-16'));
  observerIdea = await seed(dsop, 3, people.observer, at('2026-11-16'));
}, 60_000);

afterAll(async () => service.stop());

describe('reminders and reports over HTTP', () => {
  it("a month's tick delivers one reminder with the form per project leader; a second tick none", async () => {
    clockNow = at('2026-12-01');
    const first = await app.reminders.tick(clockNow);
    expect(first.queued).toHaveLength(3);
    const [perCard] = await waitFor(() => proactive(people.member).length === 1 && proactive(people.member), 'Per’s reminder');
    const [kariCard] = await waitFor(() => proactive(people.chair).length === 1 && proactive(people.chair), 'Kari’s reminder');
    expect(cardText(perCard)).toContain(perIdea);
    expect(cardText(perCard)).toContain('It is time for the monthly status report for 2026-12.');
    expect(cardText(kariCard)).toContain('Det er tid for månedlig statusrapport for 2026-12.');
    expect(actionData(perCard, 'report.submit')).toMatchObject({ programmeId: 'dsop', scheduleId: 'statusrapport', periodKey: '2026-12', ideaNumber: perIdea });

    const second = await app.reminders.tick(clockNow + 5_000);
    expect(second.queued).toEqual([]);
    expect(second.duplicates).toBe(3);
    await sleep(500);
    expect(proactive(people.member)).toHaveLength(1);
    expect(proactive(people.chair)).toHaveLength(1);
    expect(proactive(people.office)).toHaveLength(0);
  });

  it('rapporter opens the form; corrective actions are required with a deviation, in the reader’s language', async () => {
    clockNow = at('2026-12-02', 10);
    const { card } = await say(people.member, 'report');
    const data = actionData(card, 'report.submit');
    expect(data.ideaNumber).toBe(perIdea);
    const form = { ...data, status: 'red', progress: 'Godt i gang.', result: 'false', completionDate: 'true', completionDateText: 'To uker.', cost: 'false', nextMilestones: 'Januar.' };
    const refusedEn = await click(people.member, 'report.submit', form);
    expect(cardText(refusedEn)).toContain('Corrective actions are required when you have marked a significant deviation.');
    expect(cardText(refusedEn)).toContain('To uker.'); // what was typed is kept
    const refusedNb = await click(people.member, 'report.submit', form, 'nb-NO');
    expect(cardText(refusedNb)).toContain('Korrigerende tiltak må fylles ut når du har krysset av for et vesentlig avvik.');
    // The form's own check lists every problem at once: a blank progress field does not hide the
    // missing corrective actions until the next try (reportHandlers.ts, before the filing rule).
    const twoProblems = cardText(await click(people.member, 'report.submit', { ...form, progress: '' }));
    expect(twoProblems).toContain('Corrective actions are required when you have marked a significant deviation.');
    expect(twoProblems).toContain('Progress since the last report: is required');
    // Kari cannot file Per's report.
    expect(cardText(await click(people.chair, 'report.submit', { ...form, correctiveActions: 'Mer folk.' }))).toContain('Only the project leader');

    const filed = await click(people.member, 'report.submit', { ...form, correctiveActions: 'Mer folk.' });
    expect(cardText(filed)).toContain('The report is filed (version 1)');
    // The filed report is posted to Per's chat (he is both submitter and project leader).
    await waitFor(() => proactive(people.member).length === 2, 'the filed report');
    expect(cardText(proactive(people.member)[1])).toContain('Mer folk.');
  });

  it('a filed report stops the chasing', async () => {
    clockNow = at('2026-12-03');
    const tick = await app.reminders.tick(clockNow);
    expect(tick.queued.sort()).toEqual(
      [people.chair, people.observer].map((p) => `${TENANT}:dsop:statusrapport:2026-12:${p.aadObjectId}:remind:3`).sort(),
    );
    await waitFor(() => proactive(people.chair).length === 2, 'Kari’s second reminder');
    await sleep(300);
    expect(proactive(people.member)).toHaveLength(2);
  });

  it('after the deadline each office person gets one escalation, however often the bot ticks', async () => {
    clockNow = at('2026-12-09');
    await app.reminders.tick(clockNow);
    await app.reminders.tick(at('2026-12-09', 14));
    await app.reminders.tick(at('2026-12-10'));
    // The office also has Per's filed report (DSOP §3.5: reported to the programme office).
    const filedReport = (card: Card) => cardText(card).startsWith('Status report 2026-12:');
    const escalations = (office: Person) => proactive(office).filter((c) => !filedReport(c));
    for (const office of [people.office, people.office2]) {
      const [escalation] = await waitFor(() => escalations(office).length === 1 && escalations(office), 'the escalation');
      await waitFor(() => proactive(office).filter(filedReport).length === 1, 'Per’s filed report');
      expect(cardText(escalation)).toContain('Kari Chair');
      expect(cardText(escalation)).toContain(kariIdea);
      expect(cardText(escalation)).not.toContain('Per Member');
    }
    await sleep(500);
    expect(escalations(people.office)).toHaveLength(1);
    expect(escalations(people.office2)).toHaveLength(1);
    expect(proactive(people.chair)).toHaveLength(3); // open, remind:3, overdue
  });

  it('frister shows the office who is late and who cannot be reached; a project leader only their own', async () => {
    clockNow = at('2026-12-10', 12);
    const office = cardText((await say(people.office, 'deadlines')).card);
    expect(office).toContain('Late: Kari Chair');
    // Oda never wrote to the bot: her reminders wait for her first contact, and the office says so.
    expect(office).toContain('waiting for first contact');
    expect(office).toContain('Oda Observer: has not written to Samspill yet');
    expect(office).not.toContain('install');
    expect(office).not.toContain('Late: Per Member');
    // Per filed December's report on time; its deadline (8 Dec) has passed, so his deadlines
    // show the next period, January, not December's (issue 24.6).
    const per = cardText((await say(people.member, 'frister')).card);
    expect(per).toContain('Monthly status report 2027-01');
    expect(per).toMatch(/Opens 4 Jan(uary)? 2027, due 11 Jan(uary)? 2027/);
    expect(per).not.toContain('2026-12');
    expect(per).not.toContain('Kari Chair');
    expect(per).not.toContain('first contact');
  });

  it('a person who writes to the bot for the first time gets what waited for them at once, once, and the office no longer lists them', async () => {
    clockNow = at('2026-12-10', 13);
    expect(proactive(people.observer)).toHaveLength(0);
    await say(people.observer, 'help');
    const waited = await waitFor(() => proactive(people.observer).length >= 1 && proactive(people.observer), 'what waited for Oda');
    expect(waited.some((card) => cardText(card).includes(observerIdea))).toBe(true);
    await sleep(1_000); // the rest of what waited
    const delivered = proactive(people.observer).length;
    await say(people.observer, 'help'); // a second chat sends nothing more
    await sleep(500);
    expect(proactive(people.observer)).toHaveLength(delivered);
    const office = cardText((await say(people.office, 'deadlines')).card);
    expect(office).not.toContain('Oda Observer: has not written to Samspill yet');
  });

  it("Skate's form asks whether last quarter's decision was followed only when there was a report", async () => {
    clockNow = at('2026-12-10', 12);
    const skateIdea = await seed(skate, 1, people.member, at('2026-11-16'));
    const ref = { programmeId: 'skate', scheduleId: 'kvartalsrapport', periodKey: '2026-Q4', ideaNumber: skateIdea };
    const q4 = await click(people.member, 'report.form', ref);
    expect(JSON.stringify(q4)).not.toContain('"previousDecision"');
    const filed = await click(people.member, 'report.submit', {
      ...ref,
      status: 'green',
      progress: 'I rute.',
      result: 'false',
      completionDate: 'false',
      cost: 'false',
      nextMilestones: 'Pilot.',
    });
    expect(cardText(filed)).toContain('The report is filed (version 1)');
    clockNow = at('2027-01-05', 12);
    const q1 = await click(people.member, 'report.form', { ...ref, periodKey: '2027-Q1' });
    expect(JSON.stringify(q1)).toContain('"previousDecision"');
    expect(JSON.stringify(q1)).toContain("Was last quarter's Skate decision followed?");
  });
  it("Skate's Q4 report (due 15 Oct) is not offered in December: the card offers Q1, not open yet (issue 24.6)", async () => {
    const owner = people.office2;
    const idea = await seed(skate, 2, owner, at('2026-09-01'));
    const formOf = async () => (await say(owner, 'reports')).card!;
    clockNow = at('2026-10-15', 23, 30);
    const due = await formOf();
    expect(cardText(due)).toMatch(new RegExp(`${idea} · period 2026-Q4 · due 15 Oct(ober)? 2026`));
    expect(actionData(due, 'report.submit')).toMatchObject({ periodKey: '2026-Q4' });
    clockNow = at('2026-10-20', 12);
    const late = await formOf();
    expect(cardText(late)).toMatch(/period 2026-Q4 · it was due 15 Oct(ober)? 2026, and the report is late/);
    expect(actionData(late, 'report.submit')).toMatchObject({ periodKey: '2026-Q4' });
    // December, Oslo date: Q4's deadline is long past; the card names Q1 2027, when it opens and
    // when it is due, and has no form to send yet.
    clockNow = at('2026-12-07', 10);
    const december = await formOf();
    const shown = cardText(december);
    expect(shown).toMatch(/the next period 2027-Q1 opens 4 Jan(uary)? 2027 · due 18 Jan(uary)? 2027/);
    expect(shown).not.toContain('2026-Q4');
    expect(shown).not.toMatch(/15 Oct/);
    expect(JSON.stringify(december)).not.toContain('"report.submit"');
    const frister = cardText((await chat.say(owner, 'frister', { locale: 'nb-NO' })).card);
    expect(frister).toContain('Kvartalsrapport 2027-Q1');
    expect(frister).toMatch(/Åpner 4\. jan(uar|\.)? 2027, frist 18\. jan(uar|\.)? 2027/);
    expect(frister).not.toContain('2026-Q4');
  });
});
