// BP1's decision basis when the office has written the qualification on the idea card (DSOP
// §4.1; the DSOP preset's BP1 marks it `recorded: qualification`), over HTTP with real
// activities, in-memory Azurite and the delivery worker posting to the Connector stub: the form
// names it instead of asking for a link, a link an old form still sends for it is not used, the
// vote card in the channel says who wrote it when, and the idea card the office gets back (and
// sees while the vote runs) keeps the project's checklist line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '../../src/shared/programme/schema.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { actionData, cardText, conversationWith, waitFor, type Card } from '../support/conversation.js';
import { TENANT, people, testProgrammeWithBp1Basis } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const programme: Programme = testProgrammeWithBp1Basis({ recordedQualification: true });
const clockNow = Date.UTC(2026, 10, 23, 9); // Monday 23 November 2026, 10:00 in Oslo
const CHANNEL = '19:styring-bp1@thread.tacv2';
const inChannel = { conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel' as const } };
const key = { tenantId: TENANT, programmeId: programme.id };

let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let votes: VoteTable;
let number = '';

beforeAll(async () => {
  service = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  votes = new VoteTable(new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString })), {
    recordMaxAgeMs: -1,
    progressMaxAgeMs: -1,
  });
  for (const person of [people.office, people.member, people.chair]) await chat.say(person, 'help');
  const linked = await chat.say(people.office, '<at>Samspill</at> link styringsgruppen', inChannel);
  expect(linked.text).toContain('is now linked to this channel');

  const form = actionData(await chat.click(people.member, 'idea.form', { programmeId: programme.id }), 'idea.register');
  const registered = await chat.click(people.member, 'idea.register', {
    ...form,
    programmeId: programme.id,
    title: 'Felles kontoinformasjon',
    description: 'Banker og etater deler kontoinformasjon.',
    party: 'finans-norge',
  });
  number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))?.[1] ?? '';
  await chat.click(people.office, 'idea.prioritise', { programmeId: programme.id, number, rank: '1' });
  const qualified = await chat.click(people.office, 'idea.qualify', { programmeId: programme.id, number, assessment: 'Moden.', recommendation: 'Anbefales til BP1.' });
  expect(cardText(qualified)).toContain('Anbefales til BP1.');
}, 60_000);

afterAll(async () => service?.stop());

describe('BP1 with the qualification written on the idea card', () => {
  it('names the qualification on the form, with who wrote it when, and asks a link only for the rest', async () => {
    const form = await chat.click(people.office, 'gate.proposeForm', { programmeId: programme.id, number });
    const shown = cardText(form);
    expect(shown).toContain('Qualification and recommendation: written on the idea card by Ola Office on 23 Nov 2026');
    const fields = JSON.stringify(form);
    expect(fields).toContain('"id":"link.kost-nytte","label":"Simplified cost-benefit analysis (link)"');
    expect(fields).not.toContain('link.kvalifisering');
    expect(fields).not.toContain('Qualification and recommendation (link)');
    const norwegian = cardText(await chat.click(people.office, 'gate.proposeForm', { programmeId: programme.id, number }, { locale: 'nb-NO' }));
    expect(norwegian).toContain('Kvalifisering og anbefaling: skrevet på idékortet av Ola Office 23. nov. 2026');
  });

  it('opens the vote without a link for it, ignores one an old form sends, and the vote card says who wrote it', async () => {
    const form = await chat.click(people.office, 'gate.proposeForm', { programmeId: programme.id, number });
    const before = service.connector.sent.length;
    const answer = await chat.click(people.office, 'gate.propose', {
      ...actionData(form, 'gate.propose'),
      deadlineDate: '2026-11-30',
      deadlineTime: '16:00',
      'link.kost-nytte': 'https://docs.example.org/kost-nytte',
      // What a form drawn before the preset marked the qualification as recorded still sends.
      'link.kvalifisering': 'https://old.example.org/kvalifisering',
    });
    expect(cardText(answer)).toMatch(/is put to Steering group with the deadline/);
    // The idea card the office gets back keeps the project's checklist line.
    expect(cardText(answer)).toMatch(/Collaboration checklist\n0 of \d+ items \(0%\)/);
    const [vote] = await votes.list(key);
    expect(vote?.basis).toEqual([
      { deliverable: 'kvalifisering', recorded: { kind: 'qualification', by: { id: people.office.aadObjectId, name: people.office.name }, at: clockNow } },
      { deliverable: 'kost-nytte', link: 'https://docs.example.org/kost-nytte' },
    ]);
    expect(vote?.override).toBeUndefined();

    const posted = await waitFor(
      () => service.connector.sent.slice(before).find((s) => s.conversationId === CHANNEL && s.method === 'POST'),
      'the vote card in the channel',
    );
    const card = cardText((posted.activity.attachments as { content: Card }[])[0]!.content);
    expect(card).toContain('✅ Qualification and recommendation: written on the idea card by Ola Office on 23 Nov 2026');
    expect(card).toContain('✅ [Simplified cost-benefit analysis](https://docs.example.org/kost-nytte)');
    expect(card).not.toContain('old.example.org');
  });

  it('keeps the checklist line on the idea card while the vote runs', async () => {
    const shown = cardText(await chat.click(people.office, 'idea.show', { programmeId: programme.id, number }));
    expect(shown).toContain('BP1');
    expect(shown).toMatch(/Collaboration checklist\n0 of \d+ items \(0%\)/);
  });
});
