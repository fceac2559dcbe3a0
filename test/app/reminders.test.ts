// Reminder planning against real (in-memory) Azurite tables and queue, with the real delivery
// worker sending through botbuilder to the limiting Connector stub: one reminder per project
// leader per event, nothing extra from a second instance ticking at the same time, a filed
// report stops the chasing, the overdue escalation goes out once, July has no DSOP reminder,
// phase-length warnings, and the office sees who waits for their first contact with the bot.
import { StoredChatLanguage } from '../../src/platform/outbound/recipientLanguage.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryLog } from '../../src/shared/delivery.js';
import { runReminderTick, type ReminderDeps, type TickReport } from '../../src/features/reporting/app/reminders.js';
import { SweepScheduler } from '../../src/platform/scheduler/sweepScheduler.js';
import { fileReport, type ReportDeps } from '../../src/features/reporting/app/fileReport.js';
import type { ReportContent } from '../../src/features/reporting/app/report.js';
import { deadlines, myReports } from '../../src/features/reporting/app/reportQueries.js';
import type { RequestContext } from '../../src/shared/requestContext.js';
import { ok } from '../../src/shared/result.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { rolesIn } from '../../src/shared/programme/roles.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { QueuedDelivery } from '../../src/platform/delivery/queuedDelivery.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { ReportTable } from '../../src/features/reporting/storage/reportTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { CardRenderer } from '../../src/platform/cards/cardRenderer.js';
import type { DeliveryWorker } from '../../src/platform/delivery/deliveryWorker.js';
import { ReportCards } from '../../src/features/reporting/teams/reportCards.js';
import { startHarness, waitUntil, type Harness } from '../delivery/harness.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

const at = (date: string, hour = 9, minute = 0) => osloTime(date, hour, minute);

/** DSOP's schedule on the fixture programme; Per and Kari lead projects, Oda too but she never
 * opened a chat with the bot. */
const programme: Programme = programmeSchema.parse({
  ...testProgramme(),
  schedules: [
    {
      id: 'statusrapport',
      name: { nb: 'Månedlig statusrapport', en: 'Monthly status report' },
      kind: 'status-report',
      cadence: { kind: 'monthly', exceptMonths: [7] },
      recipients: 'project-leaders',
      deadlineBusinessDays: 5,
      remindBusinessDaysBefore: [3, 1],
    },
  ],
});
const OFFICE = ['aad-office', 'aad-office2'];
const LEADERS = ['aad-member', 'aad-chair'];
const UNREACHABLE = 'aad-observer';

let h: Harness;
let worker: DeliveryWorker;
let ideas: IdeaTable;
let reports: ReportTable;
let reportCards: ReportCards;

/** One bot instance: its own Delivery adapter and planner over the shared storage. */
const instance = (): ReminderDeps => ({
  programmes: [programme],
  ideas,
  reports,
  delivery: new QueuedDelivery(h.ledger, h.queue, { now: () => Date.now() }),
  cards: reportCards,
  languages: new StoredChatLanguage(h.conversations),
});

const personal = (aad: string) => `a:personal-${aad}`;
const delivered = (aad: string) => h.stub.deliveriesTo(personal(aad));
const cardsTo = (aad: string) =>
  h.stub.accepted
    .filter((r) => r.conversationId === personal(aad))
    .map((r) => JSON.stringify((r.activity as { attachments?: { content: unknown }[] }).attachments?.[0]?.content ?? {}));

async function settle(report: TickReport): Promise<void> {
  await waitUntil(
    async () => {
      const records = await Promise.all(report.queued.map((k) => h.ledger.find(TENANT, k)));
      // Sent, failed, or waiting for the person's first contact (no chat with the bot yet).
      return records.every((r) => r?.state === 'sent' || r?.state === 'failed' || r?.waitingSince !== undefined);
    },
    20_000,
    'deliveries to settle',
  );
}

async function activeIdea(n: number, leader: string, phaseStartedAt: number): Promise<string> {
  const number = `DSOP-2026-${String(n).padStart(3, '0')}`;
  const result = await ideas.register({ tenantId: TENANT, programmeId: programme.id }, `seed-${n}`, { prefix: 'DSOP', year: 2026 }, (num) => {
    const r = register(programme, {
      number: num,
      title: `Prosjekt ${n}`,
      description: 'Et prosjekt i konseptfasen.',
      party: 'skatteetaten',
      links: [],
      submittedBy: { id: leader, name: leader },
      at: phaseStartedAt,
    });
    if (!r.ok) return r;
    return ok({ idea: { ...r.value.idea, status: 'active', phase: 'konsept', phaseStartedAt, projectLeader: leader }, history: r.value.history });
  });
  if (!result.ok) throw new Error('seed idea');
  expect(result.value.idea.number).toBe(number);
  return number;
}

function ctx(person: string, now: number): RequestContext {
  return {
    language: 'en',
    actor: { tenantId: TENANT, aadObjectId: person, name: person },
    conversation: { id: personal(person), kind: 'personal' },
    tenantProgrammes: [programme],
    memberships: [rolesIn(programme, person)!],
    now,
  };
}

const content: ReportContent = {
  status: 'yellow',
  progress: 'Konseptet er ferdig beskrevet.',
  deviations: {
    result: { deviates: false, text: '' },
    completionDate: { deviates: true, text: 'To uker forsinket.' },
    cost: { deviates: false, text: '' },
  },
  correctiveActions: 'Flere ressurser fra Skatteetaten.',
  nextMilestones: 'Kost-nytte i januar.',
};

const ideaOf: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({}, [programme]);
  const tables = new Tables(h.clients);
  ideas = new IdeaTable(tables);
  reports = new ReportTable(tables);
  reportCards = new ReportCards(new CardRenderer());
  for (const person of [...LEADERS, ...OFFICE]) await h.personal(person);
  const started = at('2026-11-16');
  ideaOf['aad-member'] = await activeIdea(1, 'aad-member', started);
  ideaOf['aad-chair'] = await activeIdea(2, 'aad-chair', started);
  ideaOf[UNREACHABLE] = await activeIdea(3, UNREACHABLE, started);
  worker = h.worker();
  worker.start();
}, 60_000);

afterAll(async () => {
  expect(h.turnErrors).toEqual([]);
  await h.stop();
});

describe('reminders over the real delivery worker', () => {
  it('a month opening sends one reminder with the report form to each project leader', async () => {
    const now = at('2026-12-01'); // Tuesday, first business day of December, 09:00 Oslo
    const report = await runReminderTick(instance(), now);
    expect(report.failedProgrammes).toEqual([]);
    expect(report.queued.sort()).toEqual(
      [...LEADERS, UNREACHABLE].map((p) => `${TENANT}:dsop:statusrapport:2026-12:${p}:open`).sort(),
    );
    await settle(report);
    for (const leader of LEADERS) {
      expect(delivered(leader)).toBe(1);
      const [card] = cardsTo(leader);
      expect(card).toContain('report.submit');
      expect(card).toContain(ideaOf[leader]);
    }
    // Nobody else got anything; Oda's reminder waits for her first contact (she never wrote to the bot).
    for (const person of OFFICE) expect(delivered(person)).toBe(0);
    const oda = await h.ledger.find(TENANT, `${TENANT}:dsop:statusrapport:2026-12:${UNREACHABLE}:open`);
    expect(oda).toMatchObject({ state: 'queued', waitingSince: expect.any(Number) });
    expect(oda?.outcome).toBeUndefined();
  });

  it('a second instance ticking at the same time sends nothing more', async () => {
    const now = at('2026-12-01');
    const [a, b] = await Promise.all([runReminderTick(instance(), now), runReminderTick(instance(), now + 1_000)]);
    expect([...a.queued, ...b.queued]).toEqual([]);
    expect(a.duplicates + b.duplicates).toBe(6);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const leader of LEADERS) expect(delivered(leader)).toBe(1);
  });

  it('the office sees who is missing and who waits for their first contact with the bot', async () => {
    const log: DeliveryLog = h.ledger;
    const [dsop] = await deadlines({ ideas, reports, deliveryLog: log }, ctx('aad-office', at('2026-12-02')));
    expect(dsop?.isOffice).toBe(true);
    expect(dsop?.schedules[0]?.missing?.map((m) => m.person).sort()).toEqual([...LEADERS, UNREACHABLE].sort());
    expect(dsop?.waiting?.map((u) => u.person)).toEqual([UNREACHABLE]);
    expect(dsop?.unreachable).toEqual([]); // not given up: the wait is 30 days
    // A project leader sees their own report only, and no failures.
    const [mine] = await deadlines({ ideas, reports, deliveryLog: log }, ctx('aad-member', at('2026-12-02')));
    expect(mine?.isOffice).toBe(false);
    expect(mine?.schedules[0]?.mine.map((m) => m.idea.number)).toEqual([ideaOf['aad-member']]);
    expect(mine?.unreachable).toBeUndefined();
    expect(mine?.waiting).toBeUndefined();
  });

  it('a filed report is posted to the project leader and stops the chasing', async () => {
    const deps: ReportDeps = { ideas, reports, delivery: instance().delivery, channels: { get: async () => undefined }, cards: reportCards, languages: new StoredChatLanguage(h.conversations) };
    const ref = { programmeId: 'dsop', scheduleId: 'statusrapport', periodKey: '2026-12', ideaNumber: ideaOf['aad-member']! };
    // Someone else cannot file it; the project leader can, and may correct it.
    const refused = await fileReport(deps, ctx('aad-chair', at('2026-12-02', 10)), ref, content);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-project-leader' } });
    const filed = await fileReport(deps, ctx('aad-member', at('2026-12-02', 10)), ref, content);
    // The leader (who filed it) and each office person (DSOP §3.5: reported «til programkontoret»).
    expect(filed).toMatchObject({ ok: true, value: { report: { version: 1 }, posted: 1 + OFFICE.length } });
    const corrected = await fileReport(deps, ctx('aad-member', at('2026-12-02', 11)), ref, { ...content, status: 'green' });
    expect(corrected).toMatchObject({ ok: true, value: { report: { version: 2, filedAt: at('2026-12-02', 10) } } });
    expect((await reports.history({ tenantId: TENANT, programmeId: 'dsop' }, 'statusrapport', '2026-12', ref.ideaNumber)).map((r) => r.version)).toEqual([
      1, 2,
    ]);
    await waitUntil(() => delivered('aad-member') === 3, 10_000, 'the filed report');
    expect(cardsTo('aad-member')[1]).toContain('Konseptet er ferdig beskrevet.');
    expect((await myReports({ ideas, reports }, ctx('aad-member', at('2026-12-02', 12))))[0]?.report?.version).toBe(2);

    // Three business days before the deadline (Thursday 3 December): Kari is reminded, Per is not.
    const report = await runReminderTick(instance(), at('2026-12-03'));
    expect(report.queued.sort()).toEqual(
      ['aad-chair', UNREACHABLE].map((p) => `${TENANT}:dsop:statusrapport:2026-12:${p}:remind:3`).sort(),
    );
    await settle(report);
    expect(delivered('aad-chair')).toBe(2);
    expect(delivered('aad-member')).toBe(3);
  });

  it('corrections end when the period closes', async () => {
    const deps: ReportDeps = { ideas, reports, delivery: instance().delivery, channels: { get: async () => undefined }, cards: reportCards, languages: new StoredChatLanguage(h.conversations) };
    const ref = { programmeId: 'dsop', scheduleId: 'statusrapport', periodKey: '2026-12', ideaNumber: ideaOf['aad-member']! };
    const late = await fileReport(deps, ctx('aad-member', at('2027-01-04', 10)), ref, content);
    expect(late).toMatchObject({ ok: false, error: { code: 'period-closed' } });
  });

  it('after the deadline the late are reminded and the office gets one escalation each, once', async () => {
    // Deadline: Tuesday 8 December (5 business days after 1 December); overdue Wednesday 9th.
    const first = await runReminderTick(instance(), at('2026-12-09'));
    const second = await runReminderTick(instance(), at('2026-12-09', 15));
    const third = await runReminderTick(instance(), at('2026-12-10'));
    expect(first.queued.sort()).toEqual(
      [
        `${TENANT}:dsop:statusrapport:2026-12:aad-chair:overdue`,
        `${TENANT}:dsop:statusrapport:2026-12:${UNREACHABLE}:overdue`,
        ...OFFICE.map((o) => `${TENANT}:dsop:statusrapport:2026-12:escalation:${o}`),
      ].sort(),
    );
    expect([...second.queued, ...third.queued]).toEqual([]);
    await settle(first);
    for (const office of OFFICE) {
      // Per's filed report (both versions) and the one escalation.
      const escalations = cardsTo(office).filter((c) => !c.includes('Konseptet er ferdig beskrevet.'));
      expect(escalations).toHaveLength(1);
      expect(cardsTo(office).length - escalations.length).toBe(2);
      const [card] = escalations;
      expect(card).toContain('Kari Chair');
      expect(card).toContain('Oda Observer');
      expect(card).not.toContain('Per Member'); // Per filed
    }
    expect(delivered('aad-chair')).toBe(3);
  });

  it('warns the project leader and the office when a phase exceeds its guideline, once', async () => {
    // The projects entered the concept phase on 16 November 2026; the guideline is 3 months.
    const now = at('2027-02-16');
    const first = await runReminderTick(instance(), now);
    const phaseKeys = first.queued.filter((k) => k.includes(':phase:'));
    const expected = Object.values(ideaOf).flatMap((n) => {
      const leader = Object.keys(ideaOf).find((p) => ideaOf[p] === n)!;
      return [leader, ...OFFICE].map((p) => `${TENANT}:dsop:${n}:konsept:phase:${at('2026-11-16')}:exceeded:${p}`);
    });
    expect(phaseKeys.sort()).toEqual(expected.sort());
    const again = await runReminderTick(instance(), now + 60_000);
    expect(again.queued.filter((k) => k.includes(':phase:'))).toEqual([]);
  });
  it('July has no DSOP reminder: June runs on until August opens', async () => {
    const isReport = (k: string) => k.includes(':statusrapport:');
    const queued: string[] = [];
    // June's events (catching up at the end of June), then every business morning of July.
    queued.push(...(await runReminderTick(instance(), at('2027-06-30'))).queued.filter(isReport));
    const june = queued.length;
    expect(june).toBeGreaterThan(0);
    expect(queued.every((k) => k.includes(':2027-06:'))).toBe(true);
    for (let day = 1; day <= 31; day++) {
      const date = `2027-07-${String(day).padStart(2, '0')}`;
      for (const hour of [9, 13]) queued.push(...(await runReminderTick(instance(), at(date, hour))).queued.filter(isReport));
    }
    expect(queued.length).toBe(june);
    // August opens on Monday 2 August.
    const august = await runReminderTick(instance(), at('2027-08-02'));
    expect(august.queued.filter((k) => !isReport(k))).toEqual([]);
    expect(august.queued.filter((k) => k.endsWith(':open'))).toHaveLength(3);
    expect(august.queued.every((k) => k.includes(':2027-08:'))).toBe(true);
  });

});

describe('the scheduler', () => {
  it('ticks at once and on its interval, never overlapping, and stops cleanly', async () => {
    const ticks: number[] = [];
    let running = 0;
    let overlapped = false;
    const scheduler = new SweepScheduler(
      [
        {
          name: 'reminders',
          run: async (now) => {
            running++;
            if (running > 1) overlapped = true;
            ticks.push(now);
            await new Promise((resolve) => setTimeout(resolve, 30));
            running--;
          },
        },
      ],
      { now: () => 42 },
      { error: () => undefined },
      10,
    );
    scheduler.start();
    scheduler.start(); // idempotent
    await new Promise((resolve) => setTimeout(resolve, 150));
    await scheduler.stop();
    const count = ticks.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(ticks.every((t) => t === 42)).toBe(true);
    expect(overlapped).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ticks.length).toBe(count);
  });

  it('runs every sweep in order; a failing one is logged by name and the others still run', async () => {
    const ran: string[] = [];
    const logged: string[] = [];
    const scheduler = new SweepScheduler(
      [
        { name: 'reminders', run: async (now) => (ran.push('reminders'), { at: now }) },
        { name: 'hearings', run: async () => (ran.push('hearings'), Promise.reject(new Error('storage down'))) },
        { name: 'convening', run: async () => (ran.push('convening'), 'done') },
      ],
      { now: () => 7 },
      { error: (details, message) => logged.push(`${String(details['sweep'])}: ${message}`) },
    );
    const outcome = await scheduler.tick(7);
    expect(ran).toEqual(['reminders', 'hearings', 'convening']);
    expect([...outcome.results]).toEqual([
      ['reminders', { at: 7 }],
      ['convening', 'done'],
    ]);
    expect(outcome.failed.map((f) => [f.name, (f.error as Error).message])).toEqual([['hearings', 'storage down']]);
    expect(logged).toEqual(['hearings: hearings: sweep failed; the next tick retries']);
  });

  it('refuses two sweeps of one name at start', () => {
    const sweep = { name: 'reminders', run: async () => undefined };
    expect(() => new SweepScheduler([sweep, { ...sweep }], { now: () => 0 }, { error: () => undefined })).toThrow('The sweep "reminders" is registered twice');
  });
});
