// `kommende` / `upcoming` over HTTP against Azurite (issue 24.9): the office sees what the next
// ticks will send and to whom (the month's notice, the reminders before the deadline, the overdue
// reminder and the escalation to the office, the convene notice), and what the preview lists for
// a tick is what that tick then sends; what is sent leaves the list; others are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import { conversationWith, waitFor, type Card } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { monthlyStatusReport, seedActiveProject } from '../support/reportingProject.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const at = (date: string, hour = 9, minute = 0) => osloTime(date, hour, minute);
const text = (nb: string, en = nb) => ({ nb, en });

const programme: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    bodies: base.bodies.map((b) => ({ ...b, meets: 'monthly' })),
    schedules: [monthlyStatusReport(text('månedlig statusrapport', 'monthly status report'))],
  });
})();

let clockNow = at('2026-11-30', 12);
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;

/** The card as records: each record's title and its lines. */
function records(card: Card): { title: string; lines: string[] }[] {
  return (card.body as { type: string; items?: { text: string }[] }[])
    .filter((e) => e.type === 'Container' && e.items)
    .map((c) => ({ title: c.items![0]!.text, lines: c.items!.slice(1).map((i) => i.text) }));
}

const upcoming = async (who: Person = people.office, words = 'upcoming') => {
  const reply = await chat.say(who, words);
  if (!reply.card) throw new Error(`no card: ${reply.text}`);
  return reply.card;
};

/** Proactive messages (not replies) that reached a person's chat; the collaboration checklist a
 * new project leader gets on the same ticker is not among what `upcoming` lists (README). */
const proactiveTo = (person: Person) =>
  service.connector.sent.filter(
    (s) =>
      s.conversationId === `a:personal-${person.aadObjectId}` &&
      s.method === 'POST' &&
      /\/activities\/?$/.test(decodeURIComponent(s.path)) &&
      !JSON.stringify(s.activity).includes('"verb":"checklist.'),
  );

beforeAll(async () => {
  service = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  for (const person of [people.office, people.office2, people.chair, people.member, people.observer]) await chat.say(person, 'help');
  // Per leads an active project: he reports monthly.
  const ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString })));
  await seedActiveProject(ideas, programme, people.member, at('2026-11-16'));
}, 60_000);
afterAll(async () => service.stop());

describe('upcoming', () => {
  it('lists, per tick, what will be sent and to whom: notice, reminders, overdue, escalation, convene', async () => {
    clockNow = at('2026-11-30', 12);
    const list = records(await upcoming());
    const find = (title: RegExp) => list.find((r) => title.test(r.title));
    // December opens on Tuesday 1 December; its report is due Tuesday 8 December.
    const opening = find(/^1 Dec(ember)? 2026.*09:00 · DSOP test$/);
    expect(opening?.lines).toEqual(
      expect.arrayContaining(['Notice of the monthly status report 2026-12 → Per Member', 'Convene: Steering group is due to meet (2026-12) → Kari Chair, Ola Office']),
    );
    expect(find(/^3 Dec(ember)? 2026.*09:00/)?.lines).toEqual(['Reminder of the monthly status report 2026-12 → Per Member']);
    expect(find(/^7 Dec(ember)? 2026.*09:00/)?.lines).toEqual(['Reminder of the monthly status report 2026-12 → Per Member']);
    expect(find(/^9 Dec(ember)? 2026.*09:00/)?.lines).toEqual([
      'Overdue: monthly status report 2026-12 → Per Member',
      'To the office: who is missing the monthly status report 2026-12 → Ola Office, Siri Sekretariat',
    ]);
    // Nothing on days without a tick that sends (2 December, the weekend).
    expect(find(/^2 Dec/)).toBeUndefined();
    expect(find(/^5 Dec/)).toBeUndefined();
  });

  it('what it lists for a tick is what that tick sends, and once sent it is no longer listed', async () => {
    clockNow = at('2026-11-30', 12);
    const listed = records(await upcoming()).find((r) => /^1 Dec/.test(r.title))!;
    const recipients = listed.lines.flatMap((l) => l.split(' → ')[1]!.split(', '));
    const before = new Map([people.member, people.chair, people.office].map((p) => [p, proactiveTo(p).length]));
    clockNow = at('2026-12-01', 9);
    await service.app.reminders.tick(clockNow);
    for (const person of [people.member, people.chair, people.office]) {
      const expected = recipients.filter((name) => name === person.name).length;
      await waitFor(() => proactiveTo(person).length >= before.get(person)! + expected, `${expected} message(s) to ${person.name}`);
    }
    // Nobody the preview did not name got anything from that tick.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(proactiveTo(people.observer)).toHaveLength(0);
    expect(proactiveTo(people.office2)).toHaveLength(0);
    for (const person of [people.member, people.chair, people.office]) {
      expect(proactiveTo(person).length - before.get(person)!, person.name).toBe(recipients.filter((name) => name === person.name).length);
    }
    // A minute later the office's list starts with 3 December: 1 December's messages went out.
    clockNow = at('2026-12-01', 9, 1);
    const after = records(await upcoming());
    expect(after[0]?.title).toMatch(/^3 Dec/);
  });

  it('looks as far ahead as asked, in Bokmål too; refuses a bad number and anyone but the office', async () => {
    clockNow = at('2026-12-01', 10);
    const card = (await chat.say(people.office, 'kommende 40', { locale: 'nb-NO' })).card!;
    const titles = records(card).map((r) => r.title);
    // January's notice (4 January 2027) is inside 40 days, not inside the default 14.
    expect(titles.some((t) => /^4\. jan/.test(t))).toBe(true);
    expect(records(await upcoming()).some((r) => /^4 Jan/.test(r.title))).toBe(false);
    expect(JSON.stringify(card)).toContain('Varsel om månedlig statusrapport 2027-01 → Per Member');
    expect((await chat.say(people.office, 'upcoming 400')).text).toBe('Type "upcoming" or "upcoming <days>", with 1 to 62 days.');
    expect((await chat.say(people.member, 'upcoming')).text).toBe('Only the programme office can see the upcoming messages.');
    expect((await chat.say(people.member, 'kommende', { locale: 'nb-NO' })).text).toBe('Bare programkontoret kan se kommende utsendinger.');
  });
});
