// The yearly revision of the agreement after a hearing (Digi Rogaland §8: «Alle endringer til
// denne avtale skal gjøres skriftlig, og revideres årlig. Styringsgruppen har mandat til å
// beslutte endringer i avtalen etter en høringsperiode hos alle medlemskommunene.»), end to end
// over HTTP with real Bot Framework activities, real in-memory Azurite, the real delivery worker
// and vote closer: the office opens a revision; each member municipality's representatives get
// the hearing card in their own language; answers replace earlier ones; parties that have not
// answered are reminded; the hearing closes at its deadline on the reminder ticker and the
// steering group's vote opens with the hearing summary on its card; the vote decides and the
// decision is on the revision and in the decision log. A second revision is closed early by the
// office. Refusals by role and invalid card data on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { AgreementRevisionTable } from '../../src/features/agreementRevision/storage/agreementRevisionTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const at = (date: string, hour = 9, minute = 0) => osloTime(date, hour, minute);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const siv: Person = { id: '29:sola', aadObjectId: 'aad-sola', name: 'Siv Sola' };

// Three member municipalities: Stavanger (the chair's), Sandnes (the member's) and Sola, which
// has no seat in the steering group; KS is a party too but no municipality, so it is not heard.
const digi: Programme = programmeSchema.parse({
  ...testProgramme(),
  id: 'digi',
  name: 'Digi Rogaland test',
  ideaPrefix: 'DIGI',
  parties: [
    { id: 'stavanger', name: 'Stavanger', kind: 'kommune', tenantIds: [TENANT] },
    { id: 'sandnes', name: 'Sandnes', kind: 'kommune', tenantIds: [TENANT] },
    { id: 'sola', name: 'Sola', kind: 'kommune', tenantIds: [TENANT] },
    { id: 'ks', name: 'KS Rogaland', kind: 'ks', tenantIds: [TENANT] },
  ],
  people: [
    { aadObjectId: 'aad-office', name: 'Ola Office', party: 'ks', roles: ['office'] },
    { aadObjectId: 'aad-chair', name: 'Kari Chair', party: 'stavanger' },
    { aadObjectId: 'aad-member', name: 'Per Member', party: 'sandnes' },
    { aadObjectId: 'aad-observer', name: 'Oda Observer', party: 'ks' },
    { aadObjectId: 'aad-sola', name: 'Siv Sola', party: 'sola' },
  ],
  agreementRevision: { body: 'styringsgruppen', among: { partyKind: 'kommune' }, hearingBusinessDays: 20, voteBusinessDays: 5 },
  // «revideres årlig»: the office is reminded in January.
  schedules: [
    {
      id: 'avtalerevisjon',
      name: { nb: 'Årlig revisjon av avtalen', en: 'Yearly revision of the agreement' },
      kind: 'agreement-revision',
      cadence: { kind: 'yearly', month: 1 },
      recipients: 'office',
      deadlineBusinessDays: 20,
      remindBusinessDaysBefore: [10],
    },
  ],
});
// A programme without the rule.
const dsop = testProgramme();

const CHANNEL = '19:styring-digi@thread.tacv2';
const inChannel = { conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel' as const } };
const key = { tenantId: TENANT, programmeId: 'digi' };
const nb = { locale: 'nb-NO' };
const en = { locale: 'en-US' };

let clockNow = at('2027-01-11', 10);
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let revisions: AgreementRevisionTable;
let votes: VoteTable;

const proactiveCards = (person: Person) =>
  service.connector.sent
    .filter((s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .flatMap((s) => (s.activity.attachments as { content: Card }[] | undefined)?.map((a) => a.content) ?? []);
const proactive = (person: Person) => proactiveCards(person).map(cardText);
const arrived = (person: Person, count: number, what: string) => waitFor(() => proactive(person).length >= count && proactive(person), what);
const channelCards = () =>
  service.connector.sent
    .filter((s) => s.conversationId === CHANNEL && (s.method === 'POST' || s.method === 'PUT'))
    .flatMap((s) => (s.activity.attachments as { content: Card }[] | undefined)?.map((a) => cardText(a.content)) ?? []);
const shown = async (person: Person, words: string, extra = {}) => {
  const reply = await chat.say(person, words, extra);
  return reply.card ? cardText(reply.card) : (reply.text ?? '');
};
const click = async (person: Person, verb: string, data: Record<string, unknown>, extra = {}) => cardText(await chat.click(person, verb, data, extra));

beforeAll(async () => {
  service = await startTestApp({ programmes: [digi, dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  revisions = new AgreementRevisionTable(tables);
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  // Personal chats known, each in the language used last: Per writes English.
  for (const person of [people.office, people.chair, siv, people.observer]) await chat.say(person, 'hjelp', nb);
  await chat.say(people.member, 'help', en);
}, 60_000);
afterAll(async () => service.stop());

describe('the yearly reminder', () => {
  it('reaches the office in January with the way to open the revision, once', async () => {
    // 1 January 2027 is a public holiday: the year's period opens Monday 4 January at 09:00.
    const first = await service.app.reminders.tick(at('2027-01-04', 9, 30));
    expect(first.queued.filter((k) => k.includes(':avtalerevisjon:2027-Y:'))).toEqual([`${TENANT}:digi:avtalerevisjon:2027-Y:aad-office:open`]);
    await service.app.reminders.tick(at('2027-01-04', 9, 31));
    const [card] = await arrived(people.office, 1, 'the office’s reminder');
    expect(card).toContain('Årlig revisjon av avtalen');
    expect(card).toContain('Avtalen revideres årlig (§8)');
    expect(actionData(proactiveCards(people.office)[0]!, 'agreementRevision.form')).toEqual({ programmeId: 'digi' });
    await sleep(300);
    expect(proactive(people.office)).toHaveLength(1);
    for (const person of [people.chair, people.member, siv]) expect(proactive(person)).toHaveLength(0);
  });
});

describe('opening the revision', () => {
  it('the office gets the form: the municipalities that will be asked and a hearing deadline 20 business days out', async () => {
    const { card } = await chat.say(people.office, 'avtalerevisjon ny digi', nb);
    const words = cardText(card);
    expect(words).toContain('Revisjon av avtalen – Digi Rogaland test');
    expect(words).toContain('etter en høringsperiode hos alle medlemskommunene');
    expect(words).toContain('Blir spurt: Stavanger, Sandnes, Sola');
    expect(JSON.stringify(card)).toContain('"value":"2027-02-08"');
    expect(actionData(card, 'agreementRevision.open')).toMatchObject({ programmeId: 'digi' });
  });

  it('refuses everyone but the office, and a programme without the rule', async () => {
    expect(await shown(people.member, 'new agreement revision digi', en)).toContain('Only the programme office can do this.');
    expect(await click(people.chair, 'agreementRevision.open', { programmeId: 'digi', submissionId: 'chair-form-1', changes: 'x', deadline: '2027-02-05' }, nb)).toContain(
      'Bare programkontoret kan gjøre dette.',
    );
    expect(await click(people.office, 'agreementRevision.form', { programmeId: 'dsop' }, en)).toContain('This programme has no yearly revision of the agreement after a hearing.');
    expect(await revisions.list(key)).toEqual([]);
  });

  it('gives the form back with the problems and the typed text kept; nothing is stored', async () => {
    const { card } = await chat.say(people.office, 'avtalerevisjon ny digi', nb);
    const form = actionData(card, 'agreementRevision.open');
    const bad = await chat.click(people.office, 'agreementRevision.open', { ...form, changes: '', link: 'http://ikke-sikker', deadline: 'neste fredag' }, nb);
    expect(cardText(bad)).toContain('Foreslåtte endringer i avtalen: må fylles ut');
    expect(cardText(bad)).toContain('Høringsfrist: har feil format');
    expect(JSON.stringify(bad)).toContain('"value":"http://ikke-sikker"');
    expect(actionData(bad, 'agreementRevision.open').submissionId).toBe(form.submissionId);
    const past = await click(people.office, 'agreementRevision.open', { ...form, changes: 'Punkt 4.2 endres.', deadline: '2027-01-11' }, en);
    expect(past).toContain('The deadline must be a day after today (11 Jan 2027 is not).');
    expect(await revisions.list(key)).toEqual([]);
  });

  it('opens once for a double submission and sends the hearing card to each municipality’s representatives, in their language', async () => {
    const { card } = await chat.say(people.office, 'avtalerevisjon ny digi', nb);
    const data = { ...actionData(card, 'agreementRevision.open'), changes: '§4.2: KS Rogaland får to plasser i styringsgruppen.', link: 'https://example.org/avtale-v3', deadline: '2027-02-05' };
    const [first, second] = await Promise.all([click(people.office, 'agreementRevision.open', data, nb), click(people.office, 'agreementRevision.open', data, nb)]);
    const both = `${first}\n${second}`;
    expect(both).toContain('Revisjon A-001 er sendt på høring. Høringskortet sendes til: Kari Chair (Stavanger), Per Member (Sandnes), Siv Sola (Sola).');
    expect(both).toContain('Skjemaet var allerede sendt: revisjon A-001.');
    expect(first).toContain('Revisjon A-001 av avtalen (2027)');
    expect(first).toContain('0 av 3 har svart');

    const [chairCard] = await arrived(people.chair, 1, 'Kari’s hearing card');
    expect(chairCard).toContain('Høring: Stavanger bes om skriftlig høringssvar på revisjonen av avtalen innen 5. feb. 2027.');
    expect(chairCard).toContain('§4.2: KS Rogaland får to plasser i styringsgruppen.');
    const [memberCard] = await arrived(people.member, 1, 'Per’s hearing card');
    expect(memberCard).toContain('Hearing: Sandnes is asked for a written answer on the revision of the agreement by 5 Feb 2027.');
    expect(JSON.stringify(proactiveCards(people.member)[0])).toContain('"label":"Hearing answer from Sandnes (at most 4000 characters)"');
    await arrived(siv, 1, 'Siv’s hearing card');
    await sleep(500); // a duplicate would have arrived by now
    for (const person of [people.chair, people.member, siv]) expect(proactive(person)).toHaveLength(1);
    expect(proactive(people.observer)).toHaveLength(0);
    expect(proactive(people.office)).toHaveLength(1); // the yearly reminder only
    expect(actionData(proactiveCards(people.member)[0]!, 'agreementRevision.answer')).toEqual({ programmeId: 'digi', revisionId: 'A-001' });
    const again = await click(people.office, 'agreementRevision.open', { ...data, submissionId: 'another-form-1' }, en);
    expect(again).toContain('Revision A-001 is already under way; a new one can be opened once it is decided.');
    expect((await revisions.list(key)).map((r) => r.id)).toEqual(['A-001']);
  });
});

describe('the hearing', () => {
  const ids = { programmeId: 'digi', revisionId: 'A-001' };

  it('stores one answer per municipality (the latest counts), refuses a party not heard and empty text', async () => {
    clockNow = at('2027-01-20', 11);
    expect(await click(people.member, 'agreementRevision.answer', { ...ids, text: 'Sandnes støtter forslaget.' }, en)).toContain('The hearing answer from Sandnes is saved (version 1).');
    expect(await click(people.member, 'agreementRevision.answer', { ...ids, text: 'Sandnes støtter forslaget, men ber om en evaluering i 2028.' }, en)).toContain('(version 2)');
    const empty = await click(people.chair, 'agreementRevision.answer', { ...ids, text: '   ' }, nb);
    expect(empty).toContain('Høringssvar: må fylles ut');
    expect(await click(people.chair, 'agreementRevision.answer', { ...ids, text: 'Stavanger har ingen merknader.' }, nb)).toContain('Høringssvaret fra Stavanger er lagret (versjon 1).');
    expect(await click(people.observer, 'agreementRevision.answer', { ...ids, text: 'KS mener…' }, nb)).toContain('Bare partene som er på høring, kan gi høringssvar.');
    expect(await click(people.outsider, 'agreementRevision.answer', { ...ids, text: 'Hei' }, nb)).toContain('Du er ikke deltaker i dette programmet.');
    const stored = (await revisions.get(key, 'A-001'))!;
    expect(stored.feedback.map((f) => [f.party, f.version, f.text])).toEqual([
      ['sandnes', 1, 'Sandnes støtter forslaget.'],
      ['sandnes', 2, 'Sandnes støtter forslaget, men ber om en evaluering i 2028.'],
      ['stavanger', 1, 'Stavanger har ingen merknader.'],
    ]);
    const card = await shown(people.member, 'agreement revision A-001 digi', en);
    expect(card).toContain('2 of 3 have answered');
    expect(card).toContain('Not answered: Sola');
    expect(card).toContain('Sandnes støtter forslaget, men ber om en evaluering i 2028.');
  });

  it('reminds only the municipality that has not answered, three business days before the deadline, once', async () => {
    clockNow = at('2027-02-02', 9, 30);
    await service.app.reminders.tick(clockNow);
    await service.app.reminders.tick(clockNow + 60_000);
    const [, reminder] = await arrived(siv, 2, 'Siv’s reminder');
    expect(reminder).toContain('Påminnelse: Sola har ikke gitt høringssvar. Fristen er 5. feb. 2027 (3 virkedager igjen).');
    await sleep(500);
    expect(proactive(siv)).toHaveLength(2);
    for (const person of [people.chair, people.member]) expect(proactive(person)).toHaveLength(1);
    // The year's revision went to hearing: its reminders (and the overdue one) have stopped.
    const report = await service.app.reminders.tick(at('2027-02-03', 9, 30));
    expect(report.queued.filter((k) => k.includes(':avtalerevisjon:'))).toEqual([]);
    expect(proactive(people.office)).toHaveLength(1);
  });

  it('takes no vote without the steering group’s channel: the hearing closes at its deadline and waits', async () => {
    clockNow = at('2027-02-08', 9, 5);
    await service.app.reminders.tick(clockNow);
    const closed = (await revisions.get(key, 'A-001'))!;
    expect(closed.hearingClosed).toMatchObject({ early: false, missing: ['sola'] });
    expect(closed.voteId).toBeUndefined();
    expect(await votes.list(key)).toEqual([]);
    // An old hearing card: refused on the case card as it is now, not on an error card.
    const late = await click(siv, 'agreementRevision.answer', { ...ids, text: 'Sola er for sent ute.' }, nb);
    expect(late).toContain('Høringen tar ikke imot svar lenger (Høringen er lukket; avstemningen i Styringsgruppen er ikke åpnet ennå).');
    expect(late).toContain('A-001');
    expect(late).not.toContain('Det gikk ikke');
  });

  it('the next tick after the channel is linked opens the steering group’s vote, with the hearing summary on its card', async () => {
    expect(await shown(people.office, '<at>Samspill</at> link digi styringsgruppen', inChannel)).toContain('is now linked to this channel');
    clockNow += 60_000;
    await service.app.reminders.tick(clockNow);
    const [vote] = await votes.list(key);
    expect(vote).toMatchObject({ ideaNumber: 'A-001', matter: { kind: 'agreement-revision', revisionId: 'A-001' }, body: 'styringsgruppen', deadline: at('2027-02-15', 16) });
    expect((await revisions.get(key, 'A-001'))!.voteId).toBe(vote!.id);
    const card = await waitFor(() => channelCards().find((c) => c.includes('A-001')), 'the vote card in the channel');
    expect(card).toContain('Revision of the agreement: A-001');
    expect(card).toContain('The hearing: 2 of 3 answered');
    expect(card).toContain('Sandnes');
    expect(card).toContain('Not answered: Sola');
    // A second tick opens nothing more.
    await service.app.reminders.tick(clockNow + 60_000);
    expect(await votes.list(key)).toHaveLength(1);
  });

  it('the vote decides: not adopted without consensus, recorded on the revision and in the decision log', async () => {
    const [vote] = await votes.list(key);
    const ref = { programmeId: 'digi', voteId: vote!.id };
    await click(people.chair, 'gate.vote', { ...ref, choice: 'for' });
    await click(people.member, 'gate.vote', { ...ref, choice: 'against', comment: 'Vent på evalueringen.' });
    clockNow = vote!.deadline + 1;
    await service.app.votes.closeDueVotes(clockNow);
    const decided = (await revisions.get(key, 'A-001'))!;
    expect(decided.decision).toMatchObject({ adopted: false, voteId: vote!.id });
    expect(decided.history.map((h) => h.event.kind)).toEqual(['opened', 'answer', 'answer', 'answer', 'hearing-closed', 'voting', 'decided']);
    const card = await shown(people.member, 'agreement revision A-001 digi', en);
    expect(card).toContain('Not adopted by Steering group');
    const log = await shown(people.office, 'beslutningslogg digi', nb);
    expect(log).toContain('A-001');
  });
});

describe('a second revision, closed early by the office', () => {
  it('opens, is answered by every municipality, closed by the office with the vote deadline, and adopted', async () => {
    const { card } = await chat.say(people.office, 'avtalerevisjon ny digi', nb);
    const opened = await click(people.office, 'agreementRevision.open', { ...actionData(card, 'agreementRevision.open'), changes: '§6: medlemsavgiften justeres.', deadline: '2027-03-31' }, nb);
    expect(opened).toContain('Revisjon A-002 er sendt på høring.');
    const ids = { programmeId: 'digi', revisionId: 'A-002' };
    for (const [person, words] of [[people.chair, 'Ja.'], [people.member, 'Yes.'], [siv, 'Ja.']] as const) {
      expect(await click(person, 'agreementRevision.answer', { ...ids, text: words }, nb)).toContain('lagret');
    }
    // Not the office: no close form, and the verb is refused.
    expect(await click(people.member, 'agreementRevision.show', ids, en)).not.toContain('Close the hearing and open the vote');
    const date = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
    expect(await click(people.chair, 'agreementRevision.close', { ...ids, deadlineDate: date, deadlineTime: '16:00' }, nb)).toContain('Bare programkontoret kan gjøre dette.');
    const form = await chat.click(people.office, 'agreementRevision.show', ids, nb);
    expect(cardText(form)).toContain('Lukk høringen og åpne avstemningen');
    const badTime = await click(people.office, 'agreementRevision.close', { ...actionData(form, 'agreementRevision.close'), deadlineDate: date, deadlineTime: 'snart' }, nb);
    expect(badTime).toContain('Klokkeslett: har feil format');
    expect((await revisions.get(key, 'A-002'))!.hearingClosed).toBeUndefined();
    const closed = await click(people.office, 'agreementRevision.close', { ...actionData(form, 'agreementRevision.close'), deadlineDate: date, deadlineTime: '16:00' }, nb);
    expect(closed).toContain('Høringen er lukket, og avstemningen i Styringsgruppen er åpnet.');
    expect(closed).toContain('Høringen lukket før fristen; ikke svart: ingen');
    const vote = (await votes.list(key)).find((v) => v.ideaNumber === 'A-002')!;
    const ref = { programmeId: 'digi', voteId: vote.id };
    await click(people.chair, 'gate.vote', { ...ref, choice: 'for' });
    await click(people.member, 'gate.vote', { ...ref, choice: 'for' });
    const result = await click(people.chair, 'gate.close', ref, en);
    expect(result).toContain('Revision A-002 of the agreement is adopted and recorded in its history.');
    expect((await revisions.get(key, 'A-002'))!.decision).toMatchObject({ adopted: true, voteId: vote.id });
    expect(await shown(people.office, 'avtalerevisjon digi', nb)).toContain('A-002 (2027): Vedtatt av Styringsgruppen');
  });
});
