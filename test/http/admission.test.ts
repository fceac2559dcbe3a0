// Admitting a new party (DSOP §2.3) end to end over HTTP: real activities, real in-memory
// Azurite, the real delivery worker and vote closer. The office registers an application with
// the criteria assessed (bad input comes back on the form, nothing stored), puts it to the
// body's vote (an unmet criterion needs a reason), the body votes in its channel, and an
// adopted application adds the party and its representative to the configuration store: the
// representative is recognised at once, and by a restarted service reading the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { ApplicationTable } from '../../src/features/membership/storage/applicationTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { PartyRegistryTable } from '../../src/features/membership/storage/partyRegistryTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import type { Person } from '../support/activities.js';
import type { SentActivity } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const text = (nb: string, en = nb) => ({ nb, en });
const criteria = [
  { id: 'toppleder', name: text('Representert med toppleder', 'Represented by the top leader') },
  { id: 'fast-deltakelse', name: text('Deltar fast i PMO og styringsgruppen', 'Takes part regularly in the PMO and the steering group') },
  { id: 'ikke-underlagt', name: text('Ikke underlagt et annet deltagende organ', 'Not subordinate to another participating body') },
];
const dsop: Programme = programmeSchema.parse({
  ...testProgramme(),
  membership: { admission: { body: 'styringsgruppen', rule: { kind: 'consensus' }, criteria } },
});
const newRep: Person = { id: '29:newrep', aadObjectId: 'aad-newrep', name: 'Vera Vegdirektør' };
const CHANNEL = '19:styring@thread.tacv2';
const inChannel = { conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel' as const } };
const key = { tenantId: TENANT, programmeId: 'dsop' };

let clockNow = Date.UTC(2026, 10, 23, 9);
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let applications: ApplicationTable;
let registry: PartyRegistryTable;
let votes: VoteTable;

beforeAll(async () => {
  service = await startTestApp({ programmes: [dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  applications = new ApplicationTable(tables);
  registry = new PartyRegistryTable(tables);
  // The test reads storage as it is: no per-instance cache of its own.
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  for (const person of [people.office, people.chair, people.member, newRep]) await chat.say(person, 'help');
});

afterAll(async () => service.stop());

const deadlineDate = () => new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
const toChannel = (s: SentActivity) => s.conversationId === CHANNEL;

async function file(from: Person, fields: Record<string, unknown>, locale = 'en-US'): Promise<Card> {
  const form = await chat.click(from, 'admission.form', { programmeId: 'dsop' }, { locale });
  return chat.click(from, 'admission.file', { ...actionData(form, 'admission.file'), ...fields }, { locale });
}

let applicationId = '';

describe('registering an application', () => {
  it('shows members the (empty) list without the office buttons, and refuses them the form', async () => {
    const list = await chat.say(people.member, 'opptak', { locale: 'nb-NO' });
    expect(cardText(list.card!)).toContain('Søknader om å bli aktør – DSOP test');
    expect(cardText(list.card!)).toContain('Ingen søknader er registrert.');
    expect(() => actionData(list.card!, 'admission.form')).toThrow();
    const refused = await chat.click(people.member, 'admission.form', { programmeId: 'dsop' });
    expect(cardText(refused)).toContain('Only the programme office can do this.');
    const forged = await chat.click(people.member, 'admission.file', {
      programmeId: 'dsop',
      submissionId: 'forged-12345678',
      organisation: 'Snikeren AS',
      representative: 'Snik',
    });
    expect(cardText(forged)).toContain('Only the programme office can do this.');
    expect(await applications.list(key)).toEqual([]);
  });

  it('gives the form back with the problems when input is missing or wrong, storing nothing', async () => {
    const office = await chat.say(people.office, 'admission');
    const form = await chat.click(people.office, 'admission.form', actionData(office.card!, 'admission.form'));
    const shown = JSON.stringify(form);
    for (const c of criteria) expect(shown).toContain(`"id":"met.${c.id}"`);
    const missing = await chat.click(people.office, 'admission.file', { ...actionData(form, 'admission.file'), organisation: '', representative: 'X' });
    expect(cardText(missing)).toContain('Organisation');
    expect(JSON.stringify(missing)).toContain('"id":"met.toppleder"');
    const exists = await file(people.office, { organisation: 'Skatteetaten', representative: 'Noen' }, 'nb-NO');
    expect(cardText(exists)).toContain('er allerede aktør i programmet');
    const badLink = await file(people.office, { organisation: 'Statens vegvesen', representative: 'Vera', link: 'javascript:alert(1)' });
    expect(cardText(badLink)).toContain('The link must be a web address');
    // The criteria fields are checked too: a note too long for the card, a toggle that is no toggle.
    const badCriteria = await file(people.office, { organisation: 'Statens vegvesen', representative: 'Vera', 'note.toppleder': 'x'.repeat(1001), 'met.ikke-underlagt': 'kanskje' });
    expect(cardText(badCriteria)).toContain('Represented by the top leader – What the assessment rests on: at most 1000 characters');
    expect(cardText(badCriteria)).toContain('Not subordinate to another participating body – Met: is invalid');
    expect(JSON.stringify(badCriteria)).toContain('"id":"organisation"');
    expect(await applications.list(key)).toEqual([]);
  });

  it('registers the application once per form, with every criterion as assessed', async () => {
    const form = await chat.click(people.office, 'admission.form', { programmeId: 'dsop' }, { locale: 'nb-NO' });
    const data = {
      ...actionData(form, 'admission.file'),
      organisation: 'Statens vegvesen',
      representative: 'Vera Vegdirektør',
      representativeId: 'aad-newrep',
      tenantIds: `${TENANT}, 11111111-2222-3333-4444-555555555555`,
      link: 'https://docs.example.org/soknad-vegvesen',
      'met.toppleder': 'true',
      'note.toppleder': 'Vegdirektøren møter selv.',
      'met.fast-deltakelse': 'false',
      'note.fast-deltakelse': 'Fra neste kvartal.',
      'met.ikke-underlagt': 'true',
    };
    const [first, second] = await Promise.all([
      chat.click(people.office, 'admission.file', data, { locale: 'nb-NO' }),
      chat.click(people.office, 'admission.file', data, { locale: 'nb-NO' }),
    ]);
    expect([cardText(first), cardText(second)].join('\n')).toContain('Søknaden fra Statens vegvesen er registrert som M-001');
    expect([cardText(first), cardText(second)].join('\n')).toContain('allerede sendt: M-001');
    const stored = await applications.list(key);
    expect(stored).toHaveLength(1);
    applicationId = stored[0]!.id;
    expect(stored[0]).toMatchObject({
      id: 'M-001',
      organisation: 'Statens vegvesen',
      partyId: 'statens-vegvesen',
      tenantIds: [TENANT, '11111111-2222-3333-4444-555555555555'],
      representative: { name: 'Vera Vegdirektør', aadObjectId: 'aad-newrep' },
      status: 'filed',
      criteria: {
        toppleder: { met: true, note: 'Vegdirektøren møter selv.' },
        'fast-deltakelse': { met: false, note: 'Fra neste kvartal.' },
        'ikke-underlagt': { met: true, note: '' },
      },
    });
    expect(cardText(first)).toContain('Kriterier oppfylt: 2 av 3');
  });
});

describe('the vote', () => {
  it('warns when the body has no channel, and asks a reason for the unmet criterion', async () => {
    const form = await chat.click(people.office, 'admission.proposeForm', { programmeId: 'dsop', applicationId });
    expect(cardText(form)).toContain('Steering group has no channel to vote in yet');
    expect(cardText(form)).toContain('❌ Takes part regularly in the PMO and the steering group – not met');
    const linked = await chat.say(people.office, '<at>Samspill</at> link styringsgruppen', inChannel);
    expect(linked.text).toContain('is now linked to this channel');
    const again = await chat.click(people.office, 'admission.proposeForm', { programmeId: 'dsop', applicationId });
    const noReason = await chat.click(people.office, 'admission.propose', { ...actionData(again, 'admission.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00' });
    expect(cardText(noReason)).toContain('Give a reason for putting the application to the vote anyway');
    const member = await chat.click(people.member, 'admission.propose', { ...actionData(again, 'admission.propose'), deadlineDate: deadlineDate(), reason: 'x' });
    expect(cardText(member)).toContain('Only the programme office can do this.');
    expect(await votes.list(key)).toEqual([]);
  });

  it('opens one vote in the body channel showing the criteria, and the office sees it on the list', async () => {
    const form = await chat.click(people.office, 'admission.proposeForm', { programmeId: 'dsop', applicationId });
    const data = { ...actionData(form, 'admission.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00', reason: 'Deltakelsen er avtalt fra januar.' };
    const before = service.connector.sent.length;
    const opened = await chat.click(people.office, 'admission.propose', data);
    expect(cardText(opened)).toContain('Application M-001 is put to Steering group with the deadline');
    const repeated = await chat.click(people.office, 'admission.propose', data);
    expect(cardText(repeated)).toContain('Application M-001 is already put to the vote');
    const stored = await votes.list(key);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      matter: { kind: 'admission', applicationId },
      body: 'styringsgruppen',
      rule: { kind: 'consensus' },
      override: { missing: ['fast-deltakelse'], reason: 'Deltakelsen er avtalt fra januar.' },
    });
    expect(await applications.get(key, applicationId)).toMatchObject({ status: 'voting', voteId: stored[0]!.id });

    const posted = await waitFor(() => service.connector.sent.slice(before).find((s) => toChannel(s) && s.method === 'POST'), 'the vote card');
    const shown = cardText((posted.activity.attachments as { content: Card }[])[0]!.content);
    // The channel was linked in English, so its shared card is in English.
    expect(shown).toContain('Admission of a new party: Statens vegvesen');
    expect(shown).toContain('Representative in Steering group: Vera Vegdirektør');
    expect(shown).toContain('✅ Represented by the top leader — Vegdirektøren møter selv.');
    expect(shown).toContain('❌ Takes part regularly in the PMO and the steering group – not met');
    expect(shown).toContain('[The application](https://docs.example.org/soknad-vegvesen)');
    expect(shown).toContain('Deltakelsen er avtalt fra januar.');
  });

  it('adopted: the party and its representative join the programme at once, with the record kept', async () => {
    const [vote] = await votes.list(key);
    const ref = { programmeId: 'dsop', voteId: vote!.id };
    const notYet = await chat.say(newRep, 'help');
    expect(cardText(notYet.card!)).toContain('You are not registered in any programme');
    await chat.click(people.chair, 'gate.vote', { ...ref, choice: 'for' });
    await chat.click(people.member, 'gate.vote', { ...ref, choice: 'for' });
    const closed = await chat.click(people.chair, 'gate.close', ref);
    expect(cardText(closed)).toContain('Statens vegvesen is admitted as a party of DSOP test.');

    expect(await applications.get(key, applicationId)).toMatchObject({ status: 'admitted', decision: { adopted: true, voteId: vote!.id } });
    const admitted = await registry.admitted(key);
    expect(admitted).toEqual([
      expect.objectContaining({
        party: { id: 'statens-vegvesen', name: 'Statens vegvesen', tenantIds: [TENANT, '11111111-2222-3333-4444-555555555555'] },
        people: [{ aadObjectId: 'aad-newrep', name: 'Vera Vegdirektør', party: 'statens-vegvesen', roles: [] }],
        seats: [{ body: 'styringsgruppen', person: 'aad-newrep' }],
        applicationId,
        voteId: vote!.id,
        decidedBy: { id: 'aad-chair', name: 'Kari Chair' },
      }),
    ]);
    // The representative is a participant now, and sits in the body that admitted the party.
    const now = await chat.say(newRep, 'help');
    expect(cardText(now.card!)).toContain('Participant (Statens vegvesen)');
    expect(cardText(now.card!)).toContain('Member of Steering group');
    const list = await chat.say(people.member, 'admission');
    expect(cardText(list.card!)).toContain('M-001 Statens vegvesen · admitted');
    expect(cardText(list.card!)).toContain('Statens vegvesen (statens-vegvesen) – decided');
    // The office is told in its personal chat.
    await waitFor(
      () => service.connector.sent.find((s) => s.conversationId === 'a:personal-aad-office' && String(s.activity.text ?? '').includes('Statens vegvesen')),
      'the notice to the office',
    );
    // A second application for the same organisation is refused: it is a party now.
    const again = await file(people.office, { organisation: 'Statens vegvesen', representative: 'Noen' });
    expect(cardText(again)).toContain('"statens-vegvesen" is already a party of the programme');
  });

  it('rejected: a vote against keeps the applicant out', async () => {
    const filed = await file(people.office, {
      organisation: 'Lille Etat',
      representative: 'Lise',
      'met.toppleder': 'true',
      'met.fast-deltakelse': 'true',
      'met.ikke-underlagt': 'true',
    });
    expect(cardText(filed)).toContain('registered as M-002');
    const form = await chat.click(people.office, 'admission.proposeForm', { programmeId: 'dsop', applicationId: 'M-002' });
    expect(JSON.stringify(form)).not.toContain('"id":"reason"');
    await chat.click(people.office, 'admission.propose', { ...actionData(form, 'admission.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00' });
    const vote = (await votes.list(key)).find((v) => v.matter?.kind === 'admission' && v.matter.applicationId === 'M-002')!;
    await chat.click(people.chair, 'gate.vote', { programmeId: 'dsop', voteId: vote.id, choice: 'for' });
    await chat.click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: vote.id, choice: 'against', comment: 'Underlagt departementet.' });
    // The deadline passes: the closer counts.
    clockNow = vote.deadline + 1;
    await service.app.votes.closeDueVotes(clockNow);
    expect(await applications.get(key, 'M-002')).toMatchObject({ status: 'rejected', decision: { adopted: false } });
    expect((await registry.admitted(key)).map((r) => r.party.id)).toEqual(['statens-vegvesen']);
    // The office's old proposal form, sent again after the decision: refused on the list as it
    // is now, with why; no second vote.
    const before = (await votes.list(key)).length;
    const old = await chat.click(people.office, 'admission.propose', { ...actionData(form, 'admission.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00' });
    expect(cardText(old)).toMatch(/Application M-002 cannot be put to the vote now \(it is [^)]+\)\./);
    expect(cardText(old)).toContain('M-002');
    expect(JSON.stringify(old)).toContain('"style":"attention"');
    expect(cardText(old)).not.toContain('That did not work');
    expect(await votes.list(key)).toHaveLength(before);
  });
});

describe('after a restart', () => {
  it('a new instance on the same storage serves the admitted party from the configuration store', async () => {
    const restarted = await startTestApp({ programmes: [dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, azurite: service.azurite });
    try {
      await restarted.app.ready;
      const reply = await conversationWith(restarted, TENANT).say(newRep, 'hjelp', { locale: 'nb-NO' });
      expect(cardText(reply.card!)).toContain('Deltaker (Statens vegvesen)');
      expect(cardText(reply.card!)).toContain('Medlem av Styringsgruppen');
    } finally {
      await restarted.stop();
    }
  });
});
