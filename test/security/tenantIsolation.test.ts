// Two tenants run a programme with the same id ("dsop", same idea prefix, same year, so the same
// idea numbers). Everything tenant A registers stays in tenant A: tenant B's users, whatever
// they send over HTTP and whatever aadObjectId they carry, can neither read, list, assess,
// prioritise, qualify nor stop it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { translate } from '../../src/platform/i18n/messages.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT_B = 'tenant-b';
const now = Date.UTC(2026, 2, 10, 9);

/** Tenant B's own DSOP programme. Its office person carries the same aadObjectId as tenant A's
 * office (a clash no one should be able to exploit); its member is someone else. */
const programmeB = testProgramme({
  tenantId: TENANT_B,
  name: 'DSOP B',
  parties: [
    { id: 'skatteetaten', name: 'Skatteetaten B', tenantIds: [TENANT_B] },
    { id: 'finans-norge', name: 'Finans Norge B', tenantIds: [TENANT_B] },
  ],
  people: [
    { aadObjectId: 'aad-office', name: 'Berit B-Office', party: 'skatteetaten', roles: ['office'] },
    { aadObjectId: 'aad-b-chair', name: 'Bjørn B-Chair', party: 'skatteetaten', roles: [] },
    { aadObjectId: 'aad-b-member', name: 'Bente B-Member', party: 'finans-norge', roles: [] },
  ],
  bodies: [
    {
      id: 'styringsgruppen',
      name: { nb: 'Styringsgruppen B', en: 'Steering group B' },
      rule: { kind: 'consensus' },
      members: ['aad-b-chair', 'aad-b-member'],
      chair: 'aad-b-chair',
      observers: [],
      secretary: 'aad-office',
      meets: 'ad-hoc',
    },
  ],
});

const b = {
  /** Office in B, with the aadObjectId of A's office. */
  office: { id: '29:b-office', aadObjectId: 'aad-office', name: 'Berit B-Office' },
  chair: { id: '29:b-chair', aadObjectId: 'aad-b-chair', name: 'Bjørn B-Chair' },
  member: { id: '29:b-member', aadObjectId: 'aad-b-member', name: 'Bente B-Member' },
  /** Not in B's programme, but carries the aadObjectId of A's member who submitted the ideas. */
  forgedSubmitter: { id: '29:forged', aadObjectId: people.member.aadObjectId, name: people.member.name },
  /** Carries A's chair's id: not in B's programme either. */
  forgedChair: { id: '29:forged-chair', aadObjectId: people.chair.aadObjectId, name: people.chair.name },
} satisfies Record<string, Person>;

/** Words that exist only in tenant A's ideas; none may ever reach tenant B. */
const SECRET = 'AAA-HEMMELIG';
const ideasOfA = [
  { title: `${SECRET} kontoinformasjon`, description: `Konfidensiell beskrivelse ${SECRET} nummer én.`, party: 'finans-norge' },
  { title: `${SECRET} eiendomsdata`, description: `Konfidensiell beskrivelse ${SECRET} nummer to.`, party: 'skatteetaten' },
];

let app: TestApp;
let chatA: ReturnType<typeof conversationWith>;
let chatB: ReturnType<typeof conversationWith>;
let store: IdeaTable;
const keyA = { tenantId: TENANT, programmeId: 'dsop' };
const keyB = { tenantId: TENANT_B, programmeId: 'dsop' };
/** Tenant A's idea numbers: [registered and assessed, prioritised]. */
let numbersA: string[] = [];
/** Everything stored for A, to compare after B's attempts. */
let snapshotA: unknown;

const snapshot = async () => {
  const ideas = (await store.list(keyA)).sort((x, y) => x.number.localeCompare(y.number));
  return {
    ideas,
    history: await Promise.all(ideas.map((i) => store.history(keyA, i.number))),
    assessments: await store.assessments(keyA),
  };
};

const register = async (chat: typeof chatA, who: Person, fields: Record<string, string>) => {
  const { card } = await chat.say(who, 'new idea');
  const form = actionData(card, 'idea.register');
  return chat.click(who, 'idea.register', { ...form, ...fields });
};

beforeAll(async () => {
  app = await startTestApp({ programmes: [testProgramme(), programmeB], now: () => now });
  chatA = conversationWith(app, TENANT);
  chatB = conversationWith(app, TENANT_B);
  store = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })));

  for (const idea of ideasOfA) await register(chatA, people.member, idea);
  numbersA = (await store.list(keyA)).map((i) => i.number).sort();
  expect(numbersA).toEqual(['DSOP-2026-001', 'DSOP-2026-002']);
  const [first, second] = numbersA as [string, string];
  await chatA.click(people.office, 'idea.assess', { programmeId: 'dsop', number: first, 'score.nytteverdi': '4', 'score.gjennomforbarhet': '3', comment: `${SECRET} vurdering` });
  await chatA.click(people.office, 'idea.prioritise', { programmeId: 'dsop', number: second, rank: '1' });
  // Tenant A itself sees all of it: the secret is there to be leaked.
  expect(cardText((await chatA.say(people.member, 'my ideas')).card)).toContain(SECRET);
  expect(cardText((await chatA.say(people.office, 'ranking')).card)).toContain(SECRET);
  expect(cardText((await chatA.say(people.member, 'prioritised list')).card)).toContain(SECRET);
  expect(cardText(await chatA.click(people.member, 'idea.show', { programmeId: 'dsop', number: first }))).toContain(SECRET);
  snapshotA = await snapshot();
});
afterAll(async () => app.stop());

const everyoneInB = Object.entries(b) as [keyof typeof b, Person][];

/** What B gets back: a message's card or text, or an invoke's card, as the text a reader sees. */
const said = async (who: Person, text: string) => {
  const reply = await chatB.say(who, text);
  return reply.card ? cardText(reply.card) : (reply.text ?? '');
};

describe('reading tenant A\'s ideas from tenant B', () => {
  it.each(everyoneInB)('%s cannot open A\'s ideas by number, by button or by command', async (_who, who) => {
    for (const number of numbersA) {
      const card = cardText(await chatB.click(who, 'idea.show', { programmeId: 'dsop', number }));
      expect(card).not.toContain(SECRET);
      expect(card).toMatch(/There is no idea numbered|You are not a participant/);
      const byCommand = await said(who, `idea ${number}`);
      expect(byCommand).not.toContain(SECRET);
      expect(byCommand).toContain(translate('en', 'ideaError.not-found', { number }));
    }
  });

  it.each(everyoneInB)('%s sees none of A\'s ideas in my ideas, the portfolio, the ranking or the prioritised list', async (_who, who) => {
    for (const command of ['my ideas', 'portfolio', 'ranking', 'prioritised list']) {
      const text = await said(who, command);
      expect(text, command).not.toContain(SECRET);
      expect(text, command).not.toMatch(/DSOP-2026-00[12]/);
    }
    for (const verb of ['portfolio.show', 'ranking.show', 'prioritised.show']) {
      const text = cardText(await chatB.click(who, verb, { programmeId: 'dsop' }));
      expect(text, verb).not.toContain(SECRET);
      expect(text, verb).not.toMatch(/DSOP-2026-00[12]/);
    }
  });

  it('B\'s members see their own, empty programme (so the refusals above are not blanket errors)', async () => {
    expect(await said(b.member, 'my ideas')).toContain(translate('en', 'list.mineEmpty'));
    const portfolio = cardText(await chatB.click(b.member, 'portfolio.show', { programmeId: 'dsop' }));
    expect(portfolio).toContain('DSOP B');
    expect(portfolio).toContain(translate('en', 'list.portfolioSummary', { total: 0 }));
    expect(cardText(await chatB.click(b.office, 'ranking.show', { programmeId: 'dsop' }))).toContain(translate('en', 'list.rankingEmpty'));
    expect(cardText(await chatB.click(b.member, 'prioritised.show', { programmeId: 'dsop' }))).toContain(translate('en', 'list.prioritisedEmpty'));
  });

  it('a forged aadObjectId of A\'s submitter gets "not registered", not A\'s ideas', async () => {
    expect(await said(b.forgedSubmitter, 'my ideas')).not.toContain(SECRET);
    expect(await said(b.forgedSubmitter, 'portfolio')).toBe(translate('en', 'help.noProgramme'));
    const card = cardText(await chatB.click(b.forgedSubmitter, 'portfolio.show', { programmeId: 'dsop' }));
    expect(card).toContain(translate('en', 'ideaError.forbidden.member'));
  });
});

describe('changing tenant A\'s ideas from tenant B', () => {
  const attempts = (number: string) =>
    [
      ['idea.assess', { programmeId: 'dsop', number, 'score.nytteverdi': '1', 'score.gjennomforbarhet': '1', comment: 'from B' }],
      ['idea.prioritise', { programmeId: 'dsop', number, rank: '1' }],
      ['idea.qualify', { programmeId: 'dsop', number, assessment: 'Kvalifisert fra B.', recommendation: 'Anbefalt fra B.' }],
      ['idea.stop', { programmeId: 'dsop', number, lessonsLearned: 'Stoppet fra tenant B.' }],
    ] as const;

  it.each(everyoneInB)('%s cannot assess, prioritise, qualify or stop them, and nothing of A changes', async (_who, who) => {
    for (const number of numbersA) {
      for (const [verb, data] of attempts(number)) {
        const text = cardText(await chatB.click(who, verb, data));
        expect(text, `${verb} ${number}`).not.toContain(SECRET);
        expect(text, `${verb} ${number}`).toMatch(/There is no idea numbered|You are not a participant|Only the programme office/);
      }
    }
    expect(await snapshot()).toEqual(snapshotA);
    expect(await store.list(keyB)).toEqual([]);
  });

  it('B\'s office, with the same aadObjectId as A\'s office, acts only on B\'s own idea of the same number', async () => {
    const card = await register(chatB, b.member, { title: 'B sin egen idé', description: 'Bare for tenant B.', party: 'finans-norge' });
    expect(cardText(card)).toContain('Registered as DSOP-2026-001');
    const [number] = numbersA as [string];
    const shown = cardText(await chatB.click(b.office, 'idea.show', { programmeId: 'dsop', number }));
    expect(shown).toContain('B sin egen idé');
    expect(shown).not.toContain(SECRET);
    await chatB.click(b.office, 'idea.prioritise', { programmeId: 'dsop', number, rank: '3' });
    await chatB.click(b.office, 'idea.stop', { programmeId: 'dsop', number, lessonsLearned: 'Stoppet i tenant B.' });
    expect(await store.get(keyB, number)).toMatchObject({ title: 'B sin egen idé', status: 'stopped' });
    // A's idea with the same number is exactly as it was.
    expect(await snapshot()).toEqual(snapshotA);
    // And A still does not see B's.
    expect(cardText((await chatA.say(people.member, 'portfolio')).card)).not.toContain('B sin egen idé');
  });

  it('a forged identity registering with A\'s programme id from tenant B is refused, and nothing lands in A or B', async () => {
    const forged = await chatB.click(b.forgedChair, 'idea.register', {
      programmeId: 'dsop',
      submissionId: 'forged-submission-1',
      title: 'Smuglet inn',
      description: 'Forsøk på å skrive i tenant A.',
      party: 'skatteetaten',
    });
    expect(cardText(forged)).toContain(translate('en', 'ideaError.forbidden.member'));
    expect(await snapshot()).toEqual(snapshotA);
    expect((await store.list(keyB)).map((i) => i.title)).toEqual(['B sin egen idé']);
  });
});
