// Ideas end to end over HTTP with real Bot Framework activities and real Azurite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';

let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let store: IdeaTable;
const key = { tenantId: TENANT, programmeId: 'dsop' };
const now = Date.UTC(2026, 10, 22, 10);

beforeAll(async () => {
  app = await startTestApp({ programmes: [testProgramme()], now: () => now });
  chat = conversationWith(app, TENANT);
  store = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })));
});
afterAll(async () => app.stop());

const form = async (who = people.member) => {
  const { card } = await chat.say(who, 'ny idé', { locale: 'nb-NO' });
  return actionData(card, 'idea.register');
};

const submit = async (fields: Record<string, unknown>, who = people.member, locale = 'nb-NO') =>
  chat.click(who, 'idea.register', { ...(await form(who)), ...fields }, { locale });

/** Idea numbers can have gaps (a losing duplicate burns one), so tests find ideas by title. */
const numberOf = async (title: string) => {
  const idea = (await store.list(key)).find((i) => i.title === title);
  if (!idea) throw new Error(`no idea titled ${title}`);
  return idea.number;
};

const valid = { title: 'Felles kontoinformasjon', description: 'Banker og etater deler kontoinformasjon.', party: 'finans-norge' };

describe('registering', () => {
  it('opens a form, registers without assessment and confirms with a readable number', async () => {
    const card = await submit({ ...valid, expectedBenefit: 'Mindre manuelt arbeid', links: 'https://example.org/spec' });
    const text = cardText(card);
    expect(text).toContain('Registrert som DSOP-2026-001');
    expect(text).toContain('Felles kontoinformasjon');
    expect(text).not.toContain('Vektet poengsum');
    const stored = await store.get(key, 'DSOP-2026-001');
    expect(stored).toMatchObject({ status: 'registered', phase: 'ide', party: 'finans-norge', links: ['https://example.org/spec'] });
    expect(await store.assessments(key, 'DSOP-2026-001')).toEqual([]);
  });

  it('stores one idea when the same card is submitted twice', async () => {
    const data = { ...(await form()), ...valid, title: 'Dobbeltklikk' };
    const [first, second] = await Promise.all([chat.click(people.member, 'idea.register', data), chat.click(people.member, 'idea.register', data)]);
    const all = await store.list(key);
    expect(all.filter((i) => i.title === 'Dobbeltklikk')).toHaveLength(1);
    expect([cardText(first), cardText(second)].join('\n')).toMatch(/already sent|allerede sendt/);
  });

  it.each([
    ['missing title', { title: '' }, 'Tittel (høyst 120 tegn): må fylles ut'],
    ['10,000-char description', { description: 'x'.repeat(10_000) }, 'Beskrivelse: høyst 4000 tegn'],
    ['unknown party', { party: 'nasa' }, 'ukjent aktør'],
  ])('refuses %s with a localised message, keeps the input and stores nothing', async (_name, change, message) => {
    const before = (await store.list(key)).length;
    const card = await submit({ ...valid, title: 'Ugyldig', ...change });
    expect(cardText(card)).toContain(message);
    expect(cardText(card)).toContain('Rett dette og send igjen');
    expect((await store.list(key)).length).toBe(before);
  });

  it('refuses a person outside the programme', async () => {
    const card = await chat.click(people.outsider, 'idea.register', { ...valid, programmeId: 'dsop', submissionId: 'abcdefgh-1' });
    expect(cardText(card)).toContain('You are not a participant in this programme.');
  });
});

describe('browsing', () => {
  it('shows my ideas and the portfolio with a chart', async () => {
    const { card: mine } = await chat.say(people.member, 'my ideas');
    expect(cardText(mine)).toContain('Felles kontoinformasjon');
    expect(cardText(mine)).toContain('Registered · Idea');
    const { card: portfolio } = await chat.say(people.observer, 'portefølje', { locale: 'nb-NO' });
    expect(cardText(portfolio)).toContain('Felles kontoinformasjon');
    const chart = JSON.stringify(portfolio);
    expect(chart).toContain('Chart.VerticalBar');
    expect(chart).toMatch(/"x":"Idé","y":\d+/);
  });

  it('pages a large portfolio: 20 a page, its place in the list, Previous and Next', async () => {
    for (let i = 0; i < 22; i++) await submit({ ...valid, title: `Idé nummer ${i}` }, people.chair);
    const total = (await store.list(key)).length;
    expect(total).toBeGreaterThan(20);
    expect(total).toBeLessThanOrEqual(40);
    const first = await chat.click(people.member, 'portfolio.show', { programmeId: 'dsop' });
    expect(cardText(first)).toContain(`1–20 of ${total}`);
    const next = actionData(first, 'portfolio.show');
    expect(next).toMatchObject({ programmeId: 'dsop', cursor: { offset: 20 } });
    const second = await chat.click(people.member, 'portfolio.show', next);
    expect(cardText(second)).toContain(`21–${total} of ${total}`);
    // Newest first: the chair's last idea opens the list, the first ones registered end it.
    expect(cardText(first).indexOf('Idé nummer 21')).toBeGreaterThan(-1);
    expect(cardText(second)).toContain('Felles kontoinformasjon');
    const back = await chat.click(people.member, 'portfolio.show', actionData(second, 'portfolio.show'));
    expect(cardText(back)).toBe(cardText(first));
    const nb = await chat.click(people.member, 'portfolio.show', next, { locale: 'nb-NO' });
    expect(cardText(nb)).toContain(`21–${total} av ${total}`);
  });

  it("pages a person's own ideas, and refuses a cursor the bot never sent with a localised message", async () => {
    const { card } = await chat.say(people.chair, 'my ideas');
    expect(cardText(card)).toContain('1–20 of 22');
    const second = await chat.click(people.chair, 'mine.show', actionData(card, 'mine.show'));
    expect(cardText(second)).toContain('21–22 of 22');
    expect(cardText(second)).toContain('Idé nummer 0');
    const tampered = await chat.click(people.chair, 'mine.show', { programmeId: 'dsop', cursor: { offset: -5, back: 'x' } });
    expect(cardText(tampered)).toMatch(/correcting|rettes/);
    // A start key from another list stays inside this one: the first page of the chair's ideas.
    const foreign = await chat.click(people.chair, 'mine.show', { programmeId: 'dsop', cursor: { start: 'ix|sub|aad-member|', offset: 20, back: [] } });
    expect(cardText(foreign)).not.toContain('Felles kontoinformasjon');
  });
});

describe('assessing, ranking, prioritising, qualifying, stopping', () => {
  it('takes scores from two assessors, ranks by weighted score and flags disagreement', async () => {
    await chat.click(people.office, 'idea.assess', { programmeId: 'dsop', number: 'DSOP-2026-001', 'score.nytteverdi': '5', 'score.gjennomforbarhet': '5', comment: '' });
    const card = await chat.click(people.office2, 'idea.assess', {
      programmeId: 'dsop',
      number: 'DSOP-2026-001',
      'score.nytteverdi': '1',
      'score.gjennomforbarhet': '4',
      comment: 'Usikker',
    });
    const text = cardText(card);
    expect(text).toContain('Weighted score 3.75 (2 assessments)');
    expect(text).toContain('Large disagreement on Benefit');
    const second = await numberOf('Idé nummer 0');
    const unassessed = await numberOf('Idé nummer 1');
    await chat.click(people.office, 'idea.assess', { programmeId: 'dsop', number: second, 'score.nytteverdi': '2', 'score.gjennomforbarhet': '2' });
    const ranking = cardText((await chat.say(people.office, 'ranking')).card);
    expect(ranking.indexOf('DSOP-2026-001')).toBeGreaterThan(-1);
    expect(ranking.indexOf('DSOP-2026-001')).toBeLessThan(ranking.indexOf(second));
    expect(ranking.indexOf(second)).toBeLessThan(ranking.indexOf(unassessed));
  });

  it('refuses an assessment from a non-office member, and a score of 7', async () => {
    const refused = await chat.click(people.member, 'idea.assess', { programmeId: 'dsop', number: 'DSOP-2026-001', 'score.nytteverdi': '3', 'score.gjennomforbarhet': '3' });
    expect(cardText(refused)).toContain('Only the programme office can do this.');
    const number = await numberOf('Idé nummer 0');
    const seven = await chat.click(people.office, 'idea.assess', { programmeId: 'dsop', number, 'score.nytteverdi': '7', 'score.gjennomforbarhet': '3' }, { locale: 'nb-NO' });
    expect(cardText(seven)).toContain('Poengene må være hele tall fra 1 til 5');
    const stored = await store.assessments(key, number);
    expect(stored.map((a) => a.scores.nytteverdi)).toEqual([2]);
  });

  it('prioritises and qualifies; the prioritised list carries the label first', async () => {
    const ref = { programmeId: 'dsop', number: 'DSOP-2026-001' };
    expect(cardText(await chat.click(people.office, 'idea.prioritise', { ...ref, rank: '1' }))).toContain('Prioritised');
    const qualified = await chat.click(people.office, 'idea.qualify', { ...ref, assessment: 'Moden og viktig.', recommendation: 'Anbefales til BP1.' });
    expect(cardText(qualified)).toContain('Anbefales til BP1.');
    expect(await store.get(key, 'DSOP-2026-001')).toMatchObject({ status: 'qualified', rank: 1 });
    const { card } = await chat.say(people.member, 'prioritised list');
    const body = (card as { body: { items: { text: string }[] }[] }).body;
    expect(body[0]?.items[0]?.text).toBe(testProgramme().confidentiality.prioritisedListLabel.nb);
    expect(cardText(card)).toContain('DSOP-2026-001');
  });

  it('refuses to stop without lessons learned, then stops with them and shows them', async () => {
    const ref = { programmeId: 'dsop', number: await numberOf('Idé nummer 0') };
    const refused = await chat.click(people.office, 'idea.stop', { ...ref, lessonsLearned: 'nope' }, { locale: 'nb-NO' });
    expect(cardText(refused)).toContain('skriv minst én hel setning');
    const stopped = await chat.click(people.office, 'idea.stop', { ...ref, lessonsLearned: 'Behovet var allerede dekket av en annen løsning.' });
    expect(cardText(stopped)).toContain('Stopped – lessons learned');
    expect(cardText(stopped)).toContain('Behovet var allerede dekket');
    const history = await store.history(key, ref.number);
    expect(history.map((h) => h.event.kind)).toEqual(['registered', 'stopped']);
    const other = await numberOf('Idé nummer 1');
    expect(cardText(await chat.click(people.member, 'idea.stop', { programmeId: 'dsop', number: other, lessonsLearned: 'Det er nok.' }))).toContain(
      'Only the programme office or the chair',
    );
  });

  it('shows an idea with its history by command', async () => {
    const { card } = await chat.say(people.member, 'idé dsop-2026-001', { locale: 'nb-NO' });
    const text = cardText(card);
    expect(text).toContain('Historikk');
    expect(text).toContain('Ola Office kvalifiserte idéen');
    expect(text).not.toContain('Vurderinger (bare synlig');
  });
});
