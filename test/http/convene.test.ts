// Reminders to convene, over HTTP and the delivery worker: a body that meets quarterly gets, at
// the start of the quarter, one message to its chair and one to its secretary, each in their
// own language, listing the open vote; a second tick sends nothing more; an ad-hoc body none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const programme: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({ ...base, bodies: base.bodies.map((b) => ({ ...b, meets: 'quarterly' })) });
})();

const CHANNEL = '19:convene@thread.tacv2';
let clockNow = Date.UTC(2026, 11, 28, 9); // Monday 28 December 2026
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;

beforeAll(async () => {
  service = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  await chat.say(people.chair, 'hjelp', { locale: 'nb-NO' });
  await chat.say(people.office, 'help', { locale: 'en-GB' });
  await chat.say(people.office, '<at>Samspill</at> link styringsgruppen', { conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel' } });
});
afterAll(async () => service.stop());

const click = (from: Person, verb: string, data: Record<string, unknown>) => chat.click(from, verb, data);
const personal = (aad: string, text: string) => () =>
  service.connector.sent.filter((s) => s.conversationId === `a:personal-${aad}` && String(s.activity.text ?? '').includes(text));

describe('reminders to convene', () => {
  it('go to the chair and the secretary once per quarter, listing the open vote', async () => {
    const form = actionData(await click(people.office, 'idea.form', { programmeId: 'dsop' }), 'idea.register');
    const registered = await click(people.office, 'idea.register', { ...form, programmeId: 'dsop', title: 'Møtesak', description: 'Beskrivelse.', party: 'skatteetaten' });
    const number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))![1]!;
    await click(people.office, 'idea.prioritise', { programmeId: 'dsop', number, rank: '1' });
    await click(people.office, 'idea.qualify', { programmeId: 'dsop', number, assessment: 'Moden.', recommendation: 'Til BP1.' });
    const proposal = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    await click(people.office, 'gate.propose', { ...actionData(proposal, 'gate.propose'), deadlineDate: '2027-01-15', deadlineTime: '16:00' });

    // Q4 2026 opened before the test's first tick: that reminder goes out now, at once.
    await service.app.reminders.tick(clockNow);
    await waitFor(() => personal('aad-chair', '2026-Q4')().length > 0, 'the Q4 reminder to the chair');

    // 4 January 2027 is the first business day of Q1 (1 January is a holiday): 09:00 Oslo.
    clockNow = Date.UTC(2027, 0, 4, 8);
    await service.app.reminders.tick(clockNow);
    const chair = await waitFor(() => personal('aad-chair', '2027-Q1')()[0], 'the reminder to the chair');
    expect(chair.activity.text).toContain('Tid for å kalle inn Styringsgruppen (DSOP test): organet møtes hvert kvartal, og perioden 2027-Q1 har begynt.');
    expect(chair.activity.text).toContain(`Åpen avstemning: ${number} «Møtesak», frist 15. jan. 2027, 16:00`);
    const secretary = await waitFor(() => personal('aad-office', '2027-Q1')()[0], 'the reminder to the secretary');
    expect(secretary.activity.text).toContain('Time to convene Steering group (DSOP test): the body meets quarterly');
    expect(secretary.activity.text).toContain(`Open vote: ${number} "Møtesak"`);
    expect(personal('aad-member', 'convene')()).toHaveLength(0);

    await service.app.reminders.tick(clockNow + 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(personal('aad-chair', '2027-Q1')()).toHaveLength(1);
    expect(personal('aad-office', '2027-Q1')()).toHaveLength(1);
  });
});
