// Skate's final treatment of a measure (seed 004 §6) end to end over HTTP, with real Bot
// Framework activities, real in-memory Azurite and the real delivery worker sending to the
// Connector stub: the office opens the round, each organisation's Skate members get the feedback
// card in their own language, answers replace earlier ones, reminders and the escalation go out
// once each on the reminder ticker, then Skate's recommendation and the director's decision,
// all in the measure's history. Refusals by role and invalid card data on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { MeasureTable } from '../../src/features/measures/storage/measureTable.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { ok } from '../../src/shared/result.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import type { ConnectorStub } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const OTHER_TENANT = 'tenant-b';
const THIRD_TENANT = 'tenant-c';
const at = (date: string, hour = 9, minute = 0) => osloTime(date, hour, minute);
const text = (nb: string, en = nb) => ({ nb, en });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const who = (key: string, name: string): Person => ({ id: `29:${key}`, aadObjectId: `aad-${key}`, name });
const p = {
  office: who('office', 'Ola Office'),
  office2: who('office2', 'Siri Sekretariat'),
  chair: who('chair', 'Kari Chair'),
  member: who('member', 'Per Member'),
  nav: who('nav', 'Nina Nav'),
  observer: who('observer', 'Oda Observer'),
  director: who('director', 'Dina Direktør'),
  outsider: who('outsider', 'Ute Outsider'),
};

function skateProgramme(id: string, tenantId: string, director: string | undefined, prefix = ''): Programme {
  const aad = (person: Person) => `${prefix}${person.aadObjectId}`;
  return programmeSchema.parse({
    ...testProgramme(),
    id,
    name: `Skate ${id}`,
    ideaPrefix: 'SKATE',
    tenantId,
    parties: [
      { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [tenantId] },
      { id: 'finans-norge', name: 'Finans Norge', tenantIds: [tenantId] },
      { id: 'nav', name: 'NAV', tenantIds: [tenantId] },
      { id: 'digdir', name: 'Digdir', tenantIds: [tenantId] },
    ],
    people: [
      { aadObjectId: aad(p.office), name: p.office.name, party: 'digdir', roles: ['office'] },
      { aadObjectId: aad(p.office2), name: p.office2.name, party: 'digdir', roles: ['office'] },
      { aadObjectId: aad(p.chair), name: p.chair.name, party: 'skatteetaten' },
      { aadObjectId: aad(p.member), name: p.member.name, party: 'finans-norge' },
      { aadObjectId: aad(p.nav), name: p.nav.name, party: 'nav' },
      { aadObjectId: aad(p.observer), name: p.observer.name, party: 'digdir' },
      { aadObjectId: aad(p.director), name: p.director.name, party: 'digdir' },
    ],
    // Skate decides the gates, as in the preset (sluttbehandling: gjennomføring → sluttbehandlet).
    gates: testProgramme().gates.map((g) => ({ ...g, body: 'skate' })),
    bodies: [
      {
        id: 'skate',
        name: text('Skate'),
        rule: { kind: 'consensus' },
        members: [aad(p.chair), aad(p.member), aad(p.nav)],
        chair: aad(p.chair),
        observers: [aad(p.observer)],
        secretary: aad(p.office),
        decidedBy: { ...(director ? { person: director } : {}), title: text('Difis direktør', 'the Director of Difi') },
      },
    ],
  });
}

const skate = skateProgramme('skate', TENANT, 'aad-director');
// Another tenant where the programme file names no director: the office decides on their behalf.
const b = (person: Person): Person => ({ ...person, id: `29:b-${person.aadObjectId}`, aadObjectId: `b-${person.aadObjectId}` });
const skateB = skateProgramme('skateb', OTHER_TENANT, undefined, 'b-');
// A programme with no advisory body.
const dsop = testProgramme({ tenantId: THIRD_TENANT, parties: [{ id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [THIRD_TENANT] }, { id: 'finans-norge', name: 'Finans Norge', tenantIds: [THIRD_TENANT] }] });

let clockNow = at('2026-11-02', 10);
let service: TestApp;
let connector: ConnectorStub;
let chat: ReturnType<typeof conversationWith>;
let tables: Tables;
const nb = { locale: 'nb-NO' };
const en = { locale: 'en-US' };
const key = { tenantId: TENANT, programmeId: 'skate' };
const ids = { programmeId: 'skate', treatmentId: 'S-001' };

/** Proactive messages (not replies) in a person's personal chat: cards and texts. */
const proactive = (person: Person) =>
  connector.sent
    .filter((s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .map((s) => {
      const card = (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content;
      return card ? cardText(card) : String(s.activity.text ?? '');
    });
const proactiveCards = (person: Person) =>
  connector.sent
    .filter((s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .flatMap((s) => (s.activity.attachments as { content: Card }[] | undefined)?.map((a) => a.content) ?? []);
const arrived = (person: Person, count: number, what: string) => waitFor(() => proactive(person).length >= count && proactive(person), what);

const shown = async (person: Person, words: string, extra = {}) => {
  const reply = await chat.say(person, words, extra);
  return reply.card ? cardText(reply.card) : (reply.text ?? '');
};
const click = async (person: Person, verb: string, data: Record<string, unknown>, extra = {}) => cardText(await chat.click(person, verb, data, extra));
const stored = async () => (await new MeasureTable(tables).finalTreatment(key, 'S-001'))!;

beforeAll(async () => {
  service = await startTestApp({ programmes: [skate, skateB, dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  connector = service.connector;
  chat = conversationWith(service, TENANT);
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  // Their personal chats are known, with the language each used last. The director and Oda's
  // observer seat do not matter for the round; Siri writes English.
  for (const person of [p.office, p.chair, p.nav]) await chat.say(person, 'hjelp', nb);
  for (const person of [p.office2, p.member, p.director, p.observer]) await chat.say(person, 'help', en);
  // The measure to treat, created by the office through its own form.
  const { card } = await chat.say(p.office, 'tiltak ny', nb);
  const created = await click(p.office, 'measure.create', {
    ...actionData(card, 'measure.create'),
    title: 'Felles datakatalog',
    description: 'Katalog over offentlige data.',
    owners: 'aad-member',
    parties: 'finans-norge,nav',
  });
  expect(created).toContain('T-001');
}, 60_000);
afterAll(async () => service.stop());

describe('opening the final treatment', () => {
  it('the office gets the form: who will be asked, the measure, a suggested deadline ten business days out', async () => {
    const { card } = await chat.say(p.office, 'sluttbehandling ny', nb);
    const words = cardText(card);
    expect(words).toContain('Ny sluttbehandling – Skate skate');
    expect(words).toContain('skriftlig tilbakemeldingsrunde i Skate-virksomhetene');
    expect(words).toContain('Blir spurt: Skatteetaten (Kari Chair); Finans Norge (Per Member); NAV (Nina Nav)');
    expect(words).toContain('T-001 Felles datakatalog');
    expect(JSON.stringify(card)).toContain('"id":"deadline"');
    expect(JSON.stringify(card)).toContain('"value":"2026-11-16"');
    expect(actionData(card, 'finalTreatment.open')).toMatchObject({ programmeId: 'skate' });
  });

  it('refuses everyone but the office, in their language', async () => {
    expect(await shown(p.member, 'new final treatment', en)).toContain('Only the programme office can do this.');
    expect(await shown(p.director, 'sluttbehandling ny', nb)).toContain('Bare programkontoret kan gjøre dette.');
    expect(await click(p.chair, 'finalTreatment.open', { programmeId: 'skate', submissionId: 'chair-form-1', measureId: 'T-001', request: 'x', deadline: '2026-11-20' })).toContain(
      'Only the programme office can do this.',
    );
    expect(await new MeasureTable(tables).finalTreatments(key)).toEqual([]);
  });

  it('gives the form back with the problems and the typed text kept; nothing is stored', async () => {
    const { card } = await chat.say(p.office, 'sluttbehandling ny', nb);
    const form = actionData(card, 'finalTreatment.open');
    const missing = await chat.click(p.office, 'finalTreatment.open', { ...form, measureId: 'T-001', part: 'Pilotdelen', request: '', deadline: 'neste fredag' }, nb);
    expect(cardText(missing)).toContain('Hva virksomhetene bes om å gi tilbakemelding på: må fylles ut');
    expect(cardText(missing)).toContain('Frist for skriftlig tilbakemelding: har feil format');
    expect(JSON.stringify(missing)).toContain('"value":"Pilotdelen"');
    expect(actionData(missing, 'finalTreatment.open').submissionId).toBe(form.submissionId);
    const past = cardText(await chat.click(p.office, 'finalTreatment.open', { ...form, measureId: 'T-001', request: 'Les rapporten.', deadline: '2026-11-02' }, en));
    expect(past).toContain('The deadline must be a day after today (2 Nov 2026 is not).');
    expect(past).toContain('Les rapporten.');
    expect(await click(p.office, 'finalTreatment.open', { ...form, measureId: 'T-404', request: 'x', deadline: '2026-11-20' })).toContain('There is no measure T-404.');
    expect(await new MeasureTable(tables).finalTreatments(key)).toEqual([]);
  });

  it('opens once for a double submission and sends the feedback card to each organisation’s Skate members, in their language', async () => {
    const { card } = await chat.say(p.office, 'sluttbehandling ny T-001', nb);
    const data = { ...actionData(card, 'finalTreatment.open'), measureId: 'T-001', part: '', request: 'Sluttrapporten ligger på Skates samhandlingsområde.', deadline: '2026-11-20' };
    const [first, second] = await Promise.all([click(p.office, 'finalTreatment.open', data, nb), click(p.office, 'finalTreatment.open', data, nb)]);
    const both = `${first}\n${second}`;
    expect(both).toContain('Sluttbehandling S-001 er åpnet. Tilbakemeldingskortet sendes til: Kari Chair (Skatteetaten), Per Member (Finans Norge), Nina Nav (NAV).');
    expect(both).toContain('Skjemaet var allerede sendt: sluttbehandling S-001.');
    expect(first).toContain('Sluttbehandling S-001 – T-001 Felles datakatalog');
    expect(first).toContain('0 av 3 virksomheter');

    const [chairCard] = await arrived(p.chair, 1, 'Kari’s feedback card');
    expect(chairCard).toContain('Ny sluttbehandling: Skatteetaten bes om skriftlig tilbakemelding innen 20. nov. 2026.');
    expect(chairCard).toContain('Sluttrapporten ligger på Skates samhandlingsområde.');
    const [memberCard] = await arrived(p.member, 1, 'Per’s feedback card');
    expect(memberCard).toContain('New final treatment: Finans Norge is asked for written feedback by 20 Nov 2026.');
    expect(JSON.stringify(proactiveCards(p.member)[0])).toContain('"label":"Feedback from Finans Norge (at most 4000 characters)"');
    await arrived(p.nav, 1, 'Nina’s feedback card');
    await sleep(500); // a duplicate would have arrived by now
    for (const person of [p.chair, p.member, p.nav]) expect(proactive(person)).toHaveLength(1);
    for (const person of [p.office, p.office2, p.observer, p.director]) expect(proactive(person)).toHaveLength(0);
    expect(actionData(proactiveCards(p.member)[0], 'finalTreatment.feedback')).toEqual(ids);
    expect((await new MeasureTable(tables).finalTreatments(key)).map((t) => t.id)).toEqual(['S-001']);
  });

  it('a second treatment of the same measure is refused while one is under way', async () => {
    const { card } = await chat.say(p.office, 'sluttbehandling ny', nb);
    const again = await click(p.office, 'finalTreatment.open', { ...actionData(card, 'finalTreatment.open'), measureId: 'T-001', request: 'x', deadline: '2026-11-27' });
    expect(again).toContain('This is already in final treatment (S-001).');
  });
});

describe('written feedback', () => {
  it('an organisation answers from its card; a later answer replaces the earlier one; the same again changes nothing', async () => {
    clockNow = at('2026-11-05', 11);
    const form = actionData(proactiveCards(p.member)[0], 'finalTreatment.feedback');
    expect(await click(p.member, 'finalTreatment.feedback', { ...form, text: 'Vi støtter leveransen.' }, en)).toContain('The feedback from Finans Norge is recorded (version 1).');
    const second = await click(p.member, 'finalTreatment.feedback', { ...form, text: 'Vi støtter leveransen, med en merknad om metadata.' }, en);
    expect(second).toContain('The feedback from Finans Norge is recorded (version 2).');
    expect(second).toContain('Current answer from Finans Norge: version 2');
    expect(await click(p.member, 'finalTreatment.feedback', { ...form, text: 'Vi støtter leveransen, med en merknad om metadata.' }, en)).toContain(
      'The feedback was already recorded like that (version 2).',
    );
    expect(await click(p.nav, 'finalTreatment.feedback', { ...form, text: 'NAV har ingen innvendinger.' }, nb)).toContain('Tilbakemeldingen fra NAV er registrert (versjon 1).');
    const t = await stored();
    expect(t.feedback.map((f) => [f.party, f.version, f.by.id])).toEqual([
      ['finans-norge', 1, 'aad-member'],
      ['finans-norge', 2, 'aad-member'],
      ['nav', 1, 'aad-nav'],
    ]);
  });

  it('invalid text gets the card back with the problem, in the reader’s language; nothing is stored', async () => {
    const before = await stored();
    const empty = await chat.click(p.nav, 'finalTreatment.feedback', { ...ids, text: '   ' }, nb);
    expect(cardText(empty)).toContain('Teksten: må fylles ut');
    const tooLong = await chat.click(p.nav, 'finalTreatment.feedback', { ...ids, text: 'x'.repeat(4001) }, en);
    expect(cardText(tooLong)).toContain('The text: at most 4000 characters');
    expect(JSON.stringify(tooLong)).toContain('x'.repeat(4000)); // what was typed is kept (to the field's limit)
    expect(await click(p.nav, 'finalTreatment.feedback', { programmeId: 'skate', treatmentId: 'nope', text: 'x' }, en)).toContain('Some fields need correcting');
    expect(await stored()).toEqual(before);
  });

  it('only people of the asked organisations answer', async () => {
    for (const person of [p.observer, p.office, p.director]) {
      expect(await click(person, 'finalTreatment.feedback', { ...ids, text: 'Svar.' }, en)).toContain('Only the organisations asked in the final treatment can give feedback');
    }
    expect(await click(p.outsider, 'finalTreatment.feedback', { ...ids, text: 'Svar.' }, en)).toContain('You are not a participant in this programme.');
    expect(await click(p.observer, 'finalTreatment.feedbackForm', ids, nb)).toContain('Bare virksomhetene som er spurt');
    expect((await stored()).feedback).toHaveLength(3);
  });

  it('everyone in the programme sees the case; the give-feedback button only for an asked organisation', async () => {
    const forNav = await chat.click(p.nav, 'finalTreatment.show', ids, nb);
    expect(actionData(forNav, 'finalTreatment.feedbackForm')).toEqual(ids);
    expect(cardText(forNav)).toContain('2 av 3 virksomheter');
    expect(cardText(forNav)).toContain('NAV har ingen innvendinger.');
    expect(cardText(forNav)).toContain('Har ikke svart');
    const forObserver = await chat.click(p.observer, 'finalTreatment.show', ids, en);
    expect(() => actionData(forObserver, 'finalTreatment.feedbackForm')).toThrow();
    expect(() => actionData(forObserver, 'finalTreatment.recommend')).toThrow();
    expect(cardText(forObserver)).toContain('Written feedback round under way');
  });
});

describe('chasing on the reminder ticker', () => {
  it('reminds only the organisation that has not answered, 3 and 1 business days before, once each', async () => {
    clockNow = at('2026-11-17');
    await service.app.reminders.tick(clockNow);
    await service.app.reminders.tick(clockNow + 60_000);
    const [, reminder] = await arrived(p.chair, 2, 'Kari’s first reminder');
    expect(reminder).toContain('Påminnelse: Skatteetaten har ikke gitt skriftlig tilbakemelding. Fristen er 20. nov. 2026 (3 virkedager igjen).');
    clockNow = at('2026-11-19', 9, 30);
    await service.app.reminders.tick(clockNow);
    await service.app.reminders.tick(at('2026-11-20', 16));
    const [, , last] = await arrived(p.chair, 3, 'Kari’s second reminder');
    expect(last).toContain('(1 virkedag igjen)');
    await sleep(500);
    expect(proactive(p.chair)).toHaveLength(3);
    expect(proactive(p.member)).toHaveLength(1);
    expect(proactive(p.nav)).toHaveLength(1);
    expect(proactive(p.office)).toHaveLength(0);
  });

  it('the office cannot record the recommendation while the round is open; the card says why and keeps the text', async () => {
    clockNow = at('2026-11-20', 12);
    const card = await chat.click(p.office, 'finalTreatment.show', ids, nb);
    expect(cardText(card)).toContain('Skates anbefaling kan registreres når fristen (20. nov. 2026) er ute eller alle har svart.');
    expect(() => actionData(card, 'finalTreatment.recommend')).toThrow();
    const early = await click(p.office, 'finalTreatment.recommend', { ...ids, verdict: 'in-accordance', consensus: 'true', text: 'For tidlig.' }, nb);
    expect(early).toContain('Tilbakemeldingsrunden pågår til og med 20. nov. 2026. Disse har ikke svart ennå: Skatteetaten.');
    expect(early).toContain('For tidlig.');
    expect((await stored()).recommendation).toBeUndefined();
  });

  it('once overdue, each office person gets one escalation naming who is missing, in their language', async () => {
    clockNow = at('2026-11-23');
    await service.app.reminders.tick(clockNow);
    await service.app.reminders.tick(at('2026-11-23', 14));
    await service.app.reminders.tick(at('2026-11-24'));
    const [toOla] = await arrived(p.office, 1, 'Ola’s escalation');
    expect(toOla).toContain('Sluttbehandling S-001: fristen er ute');
    expect(toOla).toContain('Disse har ikke svart: Skatteetaten.');
    const [toSiri] = await arrived(p.office2, 1, 'Siri’s escalation');
    expect(toSiri).toContain('Final treatment S-001: the deadline has passed');
    expect(toSiri).toContain('These have not answered: Skatteetaten.');
    expect(actionData(proactiveCards(p.office)[0], 'finalTreatment.show')).toEqual(ids);
    await sleep(500);
    expect(proactive(p.office)).toHaveLength(1);
    expect(proactive(p.office2)).toHaveLength(1);
    expect(proactive(p.chair)).toHaveLength(3); // no reminder after the deadline
  });

  it('a late answer is still taken, and marked late', async () => {
    clockNow = at('2026-11-23', 10);
    expect(await click(p.chair, 'finalTreatment.feedback', { ...ids, text: 'Skatteetaten slutter seg til.' }, nb)).toContain(
      'Tilbakemeldingen fra Skatteetaten er registrert (versjon 1). Den kom etter fristen og er merket slik.',
    );
    expect((await stored()).feedback.at(-1)).toMatchObject({ party: 'skatteetaten', late: true });
  });
});

describe("Skate's recommendation and the director's decision", () => {
  it('only the office records the recommendation; invalid data comes back with the problems and the text kept', async () => {
    clockNow = at('2026-11-25', 10);
    expect(await click(p.chair, 'finalTreatment.recommend', { ...ids, verdict: 'in-accordance', text: 'x' }, en)).toContain('Only the programme office can do this.');
    const invalid = await chat.click(p.office, 'finalTreatment.recommend', { ...ids, verdict: 'kanskje', consensus: 'true', text: 'Beholdt begrunnelse.' }, nb);
    expect(cardText(invalid)).toContain('Har tiltaket levert i samsvar med strategiens målbilde, innhold og forventninger?: er ikke et av valgene');
    expect(cardText(invalid)).toContain('Beholdt begrunnelse.');
    expect(await click(p.director, 'finalTreatment.decide', { ...ids, verdict: 'in-accordance', text: 'For tidlig.' }, en)).toContain(
      "Skate's recommendation is not recorded yet",
    );
    expect((await stored()).recommendation).toBeUndefined();
  });

  it('the office records it; it goes to the measure owner and the director', async () => {
    const card = await chat.click(p.office, 'finalTreatment.show', ids, nb);
    const form = actionData(card, 'finalTreatment.recommend');
    const done = await click(
      p.office,
      'finalTreatment.recommend',
      { ...form, verdict: 'in-accordance', consensus: 'false', text: 'Skate anbefaler at tiltaket godkjennes, med merknaden fra Finans Norge.', auTreatment: 'AU-møte 18. november.' },
      nb,
    );
    expect(done).toContain('Skates anbefaling er registrert og sendes til tiltakseierne og Difis direktør.');
    expect(done).toContain('Tiltaket har levert i samsvar med digitaliseringsstrategiens målbilde, innhold og forventninger.');
    expect(done).toContain('Skate kom ikke til konsensus.');
    expect(done).toContain('AU-behandling: AU-møte 18. november.');
    expect(done).toContain('Venter på beslutning fra Difis direktør');
    // Dina last wrote in Bokmål (above), Per in English: each gets their own language.
    const toDirector = await waitFor(() => proactive(p.director).find((m) => m.includes('Skates anbefaling i sluttbehandling S-001')), 'the director’s notice');
    expect(toDirector).toContain('Skates beslutning er en anbefaling til tiltakseier og Difis direktør.');
    const toOwner = await waitFor(() => proactive(p.member).find((m) => m.includes("Skate's recommendation in final treatment S-001")), 'the owner’s notice');
    expect(toOwner).toContain("Skate's decision is a recommendation to the measure owner and the Director of Difi.");
    expect(await click(p.office, 'finalTreatment.recommend', { ...form, verdict: 'in-accordance', text: 'Igjen.' }, en)).toContain("Skate's recommendation is already recorded.");
    expect(await click(p.nav, 'finalTreatment.feedback', { ...ids, text: 'For sent.' }, en)).toContain("The feedback round is closed: Skate's recommendation is recorded.");
  });

  it('only the named director decides — not the office — and the decision says whether it follows Skate', async () => {
    expect(await click(p.office, 'finalTreatment.decide', { ...ids, verdict: 'in-accordance', text: 'x' }, nb)).toContain('Bare Difis direktør kan registrere den endelige beslutningen.');
    const card = await chat.click(p.director, 'finalTreatment.show', ids, en);
    const form = actionData(card, 'finalTreatment.decide');
    const empty = await chat.click(p.director, 'finalTreatment.decide', { ...form, verdict: 'not-in-accordance', text: '' }, en);
    expect(cardText(empty)).toContain('The decision and its reasons: is required');
    clockNow = at('2026-11-26', 10);
    const done = await click(p.director, 'finalTreatment.decide', { ...form, verdict: 'not-in-accordance', text: 'Metadata mangler; tiltaket må levere dem før det avsluttes.' }, en);
    expect(done).toContain('The final decision is recorded and is being sent to the measure owners and the programme office.');
    expect(done).toContain('Final decision – the Director of Difi');
    expect(done).toContain("Departs from Skate's recommendation.");
    expect(done).toContain('Decided');
    const toOla = await waitFor(() => proactive(p.office).find((m) => m.includes('Endelig beslutning i sluttbehandling S-001')), 'Ola’s notice');
    expect(toOla).toContain('Tiltaket har ikke levert i samsvar');
    expect(toOla).toContain('Avviker fra Skates anbefaling.');
    await waitFor(() => proactive(p.office2).find((m) => m.includes('Final decision in final treatment S-001')), 'Siri’s notice');
    await waitFor(() => proactive(p.member).find((m) => m.includes('Final decision in final treatment S-001')), 'the owner’s notice');
    expect(await click(p.director, 'finalTreatment.decide', { ...form, verdict: 'in-accordance', text: 'Igjen.' }, en)).toContain('The final decision is already recorded.');
    // The office's old case card: moving the deadline or cancelling a decided case is refused
    // on the case as it is now.
    const stale = [
      ['finalTreatment.deadline', { deadline: '2026-12-18' }, "The feedback round is closed: Skate's recommendation is recorded."],
      ['finalTreatment.cancel', { reason: 'Åpnet ved en feil.' }, 'The final decision is already recorded.'],
    ] as const;
    for (const [verb, fields, why] of stale) {
      const old = await click(p.office, verb, { ...ids, ...fields }, en);
      expect(old).toContain(why);
      expect(old).toMatch(/Final treatment S-001[^]*Stage\nDecided/);
      expect(old).not.toContain('That did not work');
    }
  });

  it('every step is in the measure’s history, on the case card and the measure list', async () => {
    const t = await stored();
    expect(t.history.map((h) => [h.event.kind, h.by.id])).toEqual([
      ['opened', 'aad-office'],
      ['feedback', 'aad-member'],
      ['feedback', 'aad-member'],
      ['feedback', 'aad-nav'],
      ['feedback', 'aad-chair'],
      ['recommended', 'aad-office'],
      ['decided', 'aad-director'],
    ]);
    const card = await shown(p.observer, 'sluttbehandling S-001', nb);
    expect(card).toMatch(
      /Ola Office: Sluttbehandling åpnet \(Hele tiltaket\); frist 20\. nov\. 2026; spurt: Skatteetaten, Finans Norge, NAV[\s\S]*Per Member: Skriftlig tilbakemelding fra Finans Norge \(versjon 1\)[\s\S]*Per Member: Skriftlig tilbakemelding fra Finans Norge \(versjon 2\)[\s\S]*Nina Nav: Skriftlig tilbakemelding fra NAV \(versjon 1\)[\s\S]*Kari Chair: Skriftlig tilbakemelding fra Skatteetaten \(versjon 1\) – etter fristen[\s\S]*Ola Office: Skates anbefaling registrert: levert i samsvar med strategien[\s\S]*Dina Direktør: Endelig beslutning: ikke levert i samsvar med strategien\. Avviker fra Skates anbefaling\./,
    );
    const list = await shown(p.member, 'measures', en);
    expect(list).toContain('T-001 Felles datakatalog');
    expect(list).toContain('Final treatment S-001 (The whole measure): Decided');
    expect(list).toMatch(/– \d+ Nov 2026, Dina Direktør: Final decision: not delivered in line with the strategy\./);
    const overview = await shown(p.member, 'final treatments', en);
    expect(overview).toContain('S-001 · T-001 Felles datakatalog · Decided');
  });

  it('after the decision a new treatment of the measure may be opened', async () => {
    const { card } = await chat.say(p.office, 'new final treatment', en);
    const opened = await click(p.office, 'finalTreatment.open', { ...actionData(card, 'finalTreatment.open'), measureId: 'T-001', request: 'Metadata levert.', deadline: '2026-12-10' }, en);
    expect(opened).toContain('Final treatment S-002 is open.');
    expect(await click(p.office, 'finalTreatment.cancel', { programmeId: 'skate', treatmentId: 'S-002', reason: '' }, en)).toContain('Why it is cancelled: is required');
    expect(await click(p.member, 'finalTreatment.cancel', { programmeId: 'skate', treatmentId: 'S-002', reason: 'x' }, en)).toContain('Only the programme office can do this.');
    const moved = await click(p.office, 'finalTreatment.deadline', { programmeId: 'skate', treatmentId: 'S-002', deadline: '2026-12-17' }, en);
    expect(moved).toContain('The deadline is now 17 Dec 2026.');
    const cancelled = await click(p.office, 'finalTreatment.cancel', { programmeId: 'skate', treatmentId: 'S-002', reason: 'Åpnet ved en feil.' }, en);
    expect(cancelled).toContain('The final treatment is cancelled.');
    expect(cancelled).toContain('Cancelled');
    expect((await new MeasureTable(tables).finalTreatment(key, 'S-002'))?.history.map((h) => h.event.kind)).toEqual(['opened', 'deadline-changed', 'cancelled']);
  });
});

describe('a programme that names no director', () => {
  it('the office records the decision on the director’s behalf, and the director cannot', async () => {
    clockNow = at('2026-11-02', 10);
    const other = conversationWith(service, OTHER_TENANT);
    const [office, chair, member, nav, director] = [p.office, p.chair, p.member, p.nav, p.director].map(b) as [Person, Person, Person, Person, Person];
    const { card: measureForm } = await other.say(office, 'new measure', en);
    await other.click(office, 'measure.create', { ...actionData(measureForm, 'measure.create'), title: 'Eksempeltiltak', owners: member.aadObjectId, parties: 'nav' }, en);
    const { card } = await other.say(office, 'new final treatment', en);
    const opened = cardText(await other.click(office, 'finalTreatment.open', { ...actionData(card, 'finalTreatment.open'), measureId: 'T-001', request: 'Les.', deadline: '2026-11-20' }, en));
    expect(opened).toContain('Final treatment S-001 is open.');
    const bIds = { programmeId: 'skateb', treatmentId: 'S-001' };
    for (const person of [chair, member, nav]) await other.click(person, 'finalTreatment.feedback', { ...bIds, text: `Svar fra ${person.name}` }, en);
    // Everyone answered: the recommendation may come before the deadline.
    const recommended = cardText(await other.click(office, 'finalTreatment.recommend', { ...bIds, verdict: 'in-accordance', consensus: 'true', text: 'Godkjennes.' }, en));
    expect(recommended).toContain("Skate's recommendation is recorded");
    expect(recommended).toContain('Skate reached consensus.');
    const forOffice = await other.click(office, 'finalTreatment.show', bIds, en);
    expect(cardText(forOffice)).toContain('The programme file names no person as the Director of Difi, so the programme office records the decision on their behalf.');
    expect(cardText(await other.click(director, 'finalTreatment.decide', { ...bIds, verdict: 'in-accordance', text: 'x' }, en))).toContain(
      'Only the Director of Difi – or the programme office on their behalf – can record the final decision.',
    );
    const decided = cardText(await other.click(office, 'finalTreatment.decide', { ...actionData(forOffice, 'finalTreatment.decide'), verdict: 'in-accordance', text: 'Godkjent.' }, en));
    expect(decided).toContain("Follows Skate's recommendation.");
    expect(decided).toMatch(/Recorded .* by Ola Office on behalf of the Director of Difi/);
    const t = await new MeasureTable(tables).finalTreatment({ tenantId: OTHER_TENANT, programmeId: 'skateb' }, 'S-001');
    expect(t?.decision).toMatchObject({ onBehalf: true, followsRecommendation: true, by: { id: office.aadObjectId } });
    // Tenant A's treatment is not reachable from tenant B.
    expect(cardText(await other.click(office, 'finalTreatment.show', ids, en))).toContain('The programme "skate" does not exist here.');
  });

  it('a programme without an advisory body says it has no final treatment', async () => {
    const third = conversationWith(service, THIRD_TENANT);
    expect(cardText((await third.say(p.office, 'sluttbehandling ny', nb)).card)).toContain('Programmet har ikke noe rådgivende organ');
    expect(cardText(await third.click(p.member, 'finalTreatment.list', { programmeId: 'dsop' }, en))).toContain('no advisory body');
  });
});

describe('a Skate project is a measure too', () => {
  it('its final treatment is opened by the project number, and the director\'s decision is the project\'s final gate', async () => {
    // The strategy's measures also run through the portfolio: a project led by Per, standing
    // before its final gate (BP2 here, sluttbehandling in the preset).
    const ideas = new IdeaTable(tables);
    const made = await ideas.register(key, 'seed-project', { prefix: 'SKATE', year: 2026 }, (number) => {
      const r = register(skate, {
        number,
        title: 'Felles innloggingsløsning',
        description: 'Et tiltak i strategien.',
        party: 'finans-norge',
        links: [],
        submittedBy: { id: 'aad-member', name: p.member.name },
        at: clockNow,
      });
      return r.ok ? ok({ idea: { ...r.value.idea, status: 'active' as const, phase: 'konsept', projectLeader: 'aad-member' }, history: r.value.history }) : r;
    });
    if (!made.ok) throw new Error('seed');
    const number = made.value.idea.number;

    const { card } = await chat.say(p.office, `new final treatment ${number}`, en);
    expect(JSON.stringify(card)).toContain(`"title":"${number} Felles innloggingsløsning"`);
    const refused = await click(p.office, 'finalTreatment.open', { ...actionData(card!, 'finalTreatment.open'), measureId: 'X-1', request: 'x', deadline: '2026-12-18' }, en);
    expect(refused).toContain('Measure: is invalid');
    expect(refused).not.toContain('is open');
    const opened = await click(p.office, 'finalTreatment.open', { ...actionData(card!, 'finalTreatment.open'), measureId: number.toLowerCase(), request: 'Er tiltaket levert?', deadline: '2026-12-18' }, en);
    expect(opened).toContain('is open');
    expect(opened).toContain('Felles innloggingsløsning');
    const treatment = (await new MeasureTable(tables).finalTreatments(key)).find((t) => t.measureId === number)!;
    expect(treatment).toMatchObject({ measureId: number, deadline: '2026-12-18', feedback: [] });
    const ref = { programmeId: 'skate', treatmentId: treatment.id };

    // The round ends; Skate recommends; the director decides the project delivered.
    clockNow = at('2026-12-21', 10);
    const shown = await chat.click(p.office, 'finalTreatment.show', ref, en);
    await click(p.office, 'finalTreatment.recommend', { ...actionData(shown, 'finalTreatment.recommend'), verdict: 'in-accordance', consensus: 'true', text: 'Levert.', auTreatment: '' }, en);
    expect((await ideas.get(key, number))?.phase).toBe('konsept');
    const forDirector = await chat.click(p.director, 'finalTreatment.show', ref, en);
    await click(p.director, 'finalTreatment.decide', { ...actionData(forDirector, 'finalTreatment.decide'), verdict: 'in-accordance', text: 'Levert i samsvar med strategien.' }, en);
    expect(await ideas.get(key, number)).toMatchObject({ phase: 'forvaltning', status: 'completed' });
    const history = await ideas.history(key, number);
    expect(history.filter((h) => h.event.kind === 'gate-adopted')).toEqual([
      expect.objectContaining({ by: { id: 'aad-director', name: p.director.name }, event: expect.objectContaining({ gate: 'BP2', decisionId: treatment.id }) }),
    ]);
    // The sweep's repeat (it carries decisions over after a crash) changes nothing.
    await service.app.reminders.tick(clockNow);
    expect((await ideas.history(key, number)).filter((h) => h.event.kind === 'gate-adopted')).toHaveLength(1);
  });
});
