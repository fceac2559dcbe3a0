// Gate votes end to end over HTTP: real Bot Framework activities, real in-memory Azurite, the
// real delivery worker sending to a local Connector stub. Link a channel, open BP1 for a
// qualified idea, vote (members, observer, secretary, non-members), change and replay votes,
// close, see the outcome card replace the vote card and the idea advance, and the notices
// arrive in the right personal chats; the deadline closer; Skate's director; the decision log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/testApp.js';
import type { App } from '../../src/compose.js';
import { assignProjectLeader } from '../../src/features/ideas/domain/lifecycle.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { BodyChannelTable } from '../../src/features/votes/storage/bodyChannelTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables, tenantPartition } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import type { ActivityOptions, Person } from '../support/activities.js';
import type { TestAzurite } from '../support/azurite.js';
import type { ConnectorStub, SentActivity } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme, testProgrammeWithBp1Basis } from '../support/fixtures.js';

const text = (nb: string, en = nb) => ({ nb, en });
const director: Person = { id: '29:director', aadObjectId: 'aad-director', name: 'Dina Direktør' };
const everyone = { ...people, director };

/** The fixture programme with a decision basis on BP1, so missing deliverables can be tested. */
const dsop: Programme = testProgrammeWithBp1Basis();

/** A Skate-like programme: the body's vote is advice, a named director decides. */
const skate: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    id: 'skate',
    name: 'Skate test',
    ideaPrefix: 'SKATE',
    people: [...base.people, { aadObjectId: 'aad-director', name: 'Dina Direktør', party: 'skatteetaten' }],
    bodies: base.bodies.map((b) => ({ ...b, decidedBy: { person: 'aad-director', title: text('Difis direktør', 'The Director of Difi') } })),
  });
})();

/** Skate as the preset has it: the programme file names no director, so the office records the
 * director's decision on their behalf (seed 004 §6.4). */
const skateOnBehalf: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    id: 'skate-ob',
    name: 'Skate on behalf',
    ideaPrefix: 'SKOB',
    bodies: base.bodies.map((b) => ({ ...b, decidedBy: { title: text('Difis direktør', 'The Director of Difi') } })),
  });
})();

let clockNow = Date.UTC(2026, 10, 23, 9); // Monday 23 November 2026, 10:00 in Oslo
let azurite: TestAzurite;
let connector: ConnectorStub;
let app: App;
let ideas: IdeaTable;
let votes: VoteTable;
let channels: BodyChannelTable;

const CHANNEL_A = '19:styring-a@thread.tacv2';
const CHANNEL_B = '19:styring-b@thread.tacv2';
const CHANNEL_C = '19:styring-c@thread.tacv2';
const inThread = (channel: string, messageId = '1700000000001') => ({ id: `${channel};messageid=${messageId}`, conversationType: 'channel' as const });

let service: TestApp;
let chat: ReturnType<typeof conversationWith>;

beforeAll(async () => {
  service = await startTestApp({
    programmes: [dsop, skate, skateOnBehalf],
    env: { SAMSPILL_SCHEDULER: 'off' },
    now: () => clockNow,
    deliveryWorker: { idlePollMs: 100 },
  });
  ({ azurite, connector, app } = service);
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  ideas = new IdeaTable(tables);
  // The test reads storage as it is: no per-instance cache of its own.
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  channels = new BodyChannelTable(tables);
  // Everyone has a personal chat with the bot: it is where notices go, and it gives the bot
  // their Teams user id for the cards' refresh list.
  for (const person of Object.values(everyone)) await say(person, 'help');
});

afterAll(async () => service.stop());

const say = (from: Person, words: string, extra: Partial<ActivityOptions> = {}) => chat.say(from, words, extra);
const click = (from: Person, verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = {}) => chat.click(from, verb, data, extra);

const toChannel = (channel: string) => (s: SentActivity) => s.conversationId === channel;
const personalChat = (aad: string) => (s: SentActivity) => s.conversationId === `a:personal-${aad}`;
const key = { tenantId: TENANT, programmeId: 'dsop' };

async function qualifiedIdea(programmeId: string, title: string): Promise<string> {
  const form = actionData(await click(people.member, 'idea.form', { programmeId }), 'idea.register');
  const registered = await click(people.member, 'idea.register', {
    ...form,
    programmeId,
    title,
    description: 'Banker og etater deler kontoinformasjon, med «anførselstegn», komma og "sitat".',
    party: 'finans-norge',
  });
  const number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))?.[1];
  if (!number) throw new Error(`no idea number in ${cardText(registered)}`);
  await click(people.office, 'idea.prioritise', { programmeId, number, rank: '1' });
  await click(people.office, 'idea.qualify', { programmeId, number, assessment: 'Moden.', recommendation: 'Anbefales til BP1.' });
  return number;
}

/** The proposal form's data with a deadline a week from the test clock (at 16:00 Oslo time). */
function proposal(form: Card, fields: Record<string, unknown>) {
  const deadlineDate = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
  return { ...actionData(form, 'gate.propose'), deadlineDate, deadlineTime: '16:00', ...fields };
}

let number = '';
let voteId = '';

describe('linking a channel to a body', () => {
  it('refuses a member, and the command outside a channel', async () => {
    const member = await say(people.member, '<at>Samspill</at> koble til styringsgruppen', { conversation: inThread(CHANNEL_A), locale: 'nb-NO' });
    expect(member.text).toContain('Bare programkontoret eller sekretæren for Styringsgruppen');
    const personal = await say(people.office, 'link styringsgruppen');
    expect(personal.text).toContain('Do this in a team channel');
    const unknown = await say(people.office, '<at>Samspill</at> link topplederforum', { conversation: inThread(CHANNEL_A) });
    expect(unknown.text).toContain('I know no body called "topplederforum"');
    expect(await channels.get(key, 'styringsgruppen')).toBeUndefined();
  });

  it('links the channel for the office (secretary), and a second link moves it', async () => {
    const ambiguous = await say(people.office, '<at>Samspill</at> link styringsgruppen', { conversation: inThread(CHANNEL_B) });
    expect(ambiguous.text).toContain('"styringsgruppen" exists in several programmes (dsop, skate, skate-ob)');
    const first = await say(people.office, '<at>Samspill</at> link dsop styringsgruppen', { conversation: inThread(CHANNEL_B) });
    expect(first.text).toContain('Steering group (DSOP test) is now linked to this channel');
    const moved = await say(people.office, '<at>Samspill</at> koble til dsop styringsgruppen', { conversation: inThread(CHANNEL_A, '1700000000002'), locale: 'nb-NO' });
    expect(moved.text).toContain('Styringsgruppen (DSOP test) er nå koblet til denne kanalen');
    expect(moved.text).toContain('flyttet hit');
    expect(await channels.get(key, 'styringsgruppen')).toMatchObject({ conversationId: CHANNEL_A, language: 'nb' });
    // The channel now belongs to the programme for the disclosure guard; the old one no longer does.
    expect(await channels.programmesOf(TENANT, `${CHANNEL_A};messageid=42`)).toEqual(['dsop']);
    expect(await channels.programmesOf(TENANT, CHANNEL_B)).toEqual([]);
  });
});

describe('putting BP1 to a vote', () => {
  it('offers the office a button on a qualified idea, and the form lists the decision basis', async () => {
    number = await qualifiedIdea('dsop', 'Felles kontoinformasjon');
    const office = await click(people.office, 'idea.show', { programmeId: 'dsop', number });
    expect(actionData(office, 'gate.proposeForm')).toEqual({ programmeId: 'dsop', number });
    const member = await click(people.member, 'idea.show', { programmeId: 'dsop', number });
    expect(() => actionData(member, 'gate.proposeForm')).toThrow();
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    const shown = JSON.stringify(form);
    expect(shown).toContain('"id":"link.kvalifisering","label":"Qualification and recommendation (link)"');
    expect(shown).toContain('"id":"link.kost-nytte","label":"Simplified cost-benefit analysis (link)"');
    const refused = await click(people.member, 'gate.proposeForm', { programmeId: 'dsop', number });
    expect(cardText(refused)).toContain('Only the programme office can do this.');
  });

  it('refuses a missing deliverable unless overridden with a reason, and a past deadline', async () => {
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    const missing = await click(people.office, 'gate.propose', proposal(form, { 'link.kvalifisering': 'https://docs.example.org/kval' }));
    expect(cardText(missing)).toContain('The decision basis is missing: Simplified cost-benefit analysis');
    const noReason = await click(people.office, 'gate.propose', proposal(form, { 'link.kvalifisering': 'https://docs.example.org/kval', override: 'true' }));
    expect(cardText(noReason)).toContain('Say why the vote opens without the full decision basis');
    const badLink = await click(people.office, 'gate.propose', proposal(form, { 'link.kvalifisering': 'javascript:alert(1)', 'link.kost-nytte': 'x' }));
    expect(cardText(badLink)).toContain('is not a web address');
    const past = await click(
      people.office,
      'gate.propose',
      proposal(form, { 'link.kvalifisering': 'https://a.example/1', 'link.kost-nytte': 'https://a.example/2', deadlineDate: '2026-11-20' }),
    );
    expect(cardText(past)).toContain('at least an hour ahead');
    expect(await votes.list(key)).toEqual([]);
  });

  it('opens once per form, posts the card in the body channel, and refuses a second vote on the gate', async () => {
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    const data = proposal(form, {
      'link.kvalifisering': 'https://docs.example.org/kvalifisering',
      override: 'true',
      overrideReason: 'Kost/nytte legges fram muntlig i møtet.',
    });
    const before = connector.sent.length;
    const [first, second] = await Promise.all([click(people.office, 'gate.propose', data), click(people.office, 'gate.propose', data)]);
    expect([cardText(first), cardText(second)].join('\n')).toMatch(/is put to Steering group with the deadline/);
    expect([cardText(first), cardText(second)].join('\n')).toMatch(/already sent/);
    const stored = await votes.list(key);
    expect(stored).toHaveLength(1);
    const vote = stored[0]!;
    voteId = vote.id;
    expect(vote).toMatchObject({
      gate: 'BP1',
      body: 'styringsgruppen',
      status: 'open',
      budgetMatter: false,
      basis: [{ deliverable: 'kvalifisering', link: 'https://docs.example.org/kvalifisering' }, { deliverable: 'kost-nytte' }],
      override: { by: { id: 'aad-office' }, missing: ['kost-nytte'], reason: 'Kost/nytte legges fram muntlig i møtet.' },
      channel: { conversationId: CHANNEL_A, language: 'nb' },
    });
    // 30 November 16:00 in Oslo is 15:00 UTC.
    expect(vote.deadline).toBe(Date.UTC(2026, 10, 30, 15));

    const posted = await waitFor(() => connector.sent.slice(before).find((s) => toChannel(CHANNEL_A)(s) && s.method === 'POST'), 'the vote card');
    const card = (posted.activity.attachments as { content: Card }[])[0]!.content;
    const shown = cardText(card);
    expect(shown).toContain('Til avstemning i Styringsgruppen');
    expect(shown).toContain('BP1 Igangsetting av konseptfasen');
    expect(shown).toContain(`${number} Felles kontoinformasjon`);
    expect(shown).toContain('Konsensus: vedtatt når ingen stemmer mot');
    expect(shown).toContain('30. nov. 2026, 16:00');
    expect(shown).toContain('[Kvalifisering og anbefaling](https://docs.example.org/kvalifisering)');
    expect(shown).toContain('⚠ Forenklet kost-/nytteanalyse – mangler');
    expect(shown).toContain('Kost/nytte legges fram muntlig');
    expect(actionData(card, 'gate.vote')).toMatchObject({ programmeId: 'dsop', voteId, choice: 'for', after: 0 });
    // Per-user views: the refresh lists the chair, the secretary, the members and the observer.
    expect((card.refresh as { userIds: string[]; action: { verb: string } }).userIds).toEqual(['29:chair', '29:office', '29:member', '29:observer']);
    expect((card.refresh as { action: { verb: string } }).action.verb).toBe('gate.view');

    const again = await click(people.office, 'gate.propose', { ...data, submissionId: 'another-form-123' });
    expect(cardText(again)).toContain('A vote on this decision point is already running');
    expect(connector.sent.filter((s) => toChannel(CHANNEL_A)(s) && s.method === 'POST')).toHaveLength(1);
  });

  it('refuses to open when the body has no channel, telling the office to link one', async () => {
    const other = await qualifiedIdea('skate', 'Uten kanal');
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'skate', number: other });
    expect(cardText(form)).toContain('has no channel to vote in yet');
    const refused = await click(people.office, 'gate.propose', proposal(form, {}));
    expect(cardText(refused)).toContain('"@Samspill link styringsgruppen"');
  });
});

describe('voting', () => {
  const ref = () => ({ programmeId: 'dsop', voteId });
  const channel = () => ({ conversation: inThread(CHANNEL_A, '1700000000099') });

  it('records a member, shows them their own vote, and lets them change it', async () => {
    const first = await click(people.member, 'gate.vote', { ...ref(), choice: 'for', comment: 'Viktig, "helt" nødvendig' }, channel());
    expect(cardText(first)).toContain('Your vote is recorded: For.');
    expect(cardText(first)).toMatch(/Your vote: For \(23 Nov 2026, 10:00\)/);
    expect(actionData(first, 'gate.vote')).toMatchObject({ after: 1 });
    const changed = await click(people.member, 'gate.vote', { ...ref(), choice: 'against', after: 1 }, channel());
    expect(cardText(changed)).toContain('Your vote is changed to Against.');
    expect(actionData(changed, 'gate.vote')).toMatchObject({ after: 2 });
  });

  it('changes nothing on a replayed or duplicated click', async () => {
    const replay = { ...ref(), choice: 'against', after: 1 };
    const answers = await Promise.all(Array.from({ length: 5 }, () => click(people.member, 'gate.vote', replay, channel())));
    for (const answer of answers) expect(cardText(answer)).toContain('This click was already recorded; nothing changed.');
    expect(await votes.ballots({ ...key, voteId })).toHaveLength(2);
  });

  it('gives observers, the secretary and non-members a clear personal answer and records nothing', async () => {
    const observer = await click(people.observer, 'gate.vote', { ...ref(), choice: 'for' }, { ...channel(), locale: 'nb-NO' });
    expect(cardText(observer)).toContain('Du er observatør i Styringsgruppen og har ikke stemmerett.');
    expect(() => actionData(observer, 'gate.vote')).toThrow();
    const secretary = await click(people.office, 'gate.vote', { ...ref(), choice: 'for' }, channel());
    expect(cardText(secretary)).toContain('As secretary of Steering group you are not a member and do not vote.');
    expect(actionData(secretary, 'gate.close')).toEqual(ref());
    const office2 = await click(people.office2, 'gate.vote', { ...ref(), choice: 'for' }, channel());
    expect(cardText(office2)).toContain('Only the members of Steering group vote.');
    const outsider = await click(people.outsider, 'gate.vote', { ...ref(), choice: 'for' }, channel());
    expect(cardText(outsider)).toContain('You are not a participant in this programme.');
    const voters = (await votes.ballots({ ...key, voteId })).map((b) => b.voter);
    expect(new Set(voters)).toEqual(new Set(['aad-member']));
  });

  it('refreshes to each person their own view', async () => {
    const member = await click(people.member, 'gate.view', ref(), channel());
    expect(cardText(member)).toContain('Your vote: Against');
    const observer = await click(people.observer, 'gate.view', ref(), channel());
    expect(cardText(observer)).toContain('You are an observer in Steering group and have no vote.');
    const chair = await click(people.chair, 'gate.view', ref(), channel());
    expect(cardText(chair)).toContain('You have not voted yet.');
    expect(actionData(chair, 'gate.close')).toEqual(ref());
  });

  it('updates the shared card in the channel, coalesced, showing the latest state', async () => {
    expect(cardText(await click(people.member, 'gate.vote', { ...ref(), choice: 'for', after: 2 }, channel()))).toContain('Your vote is changed to For.');
    const chair = await click(people.chair, 'gate.vote', { ...ref(), choice: 'for', comment: 'Enig, men følg opp kost, nytte.' }, channel());
    expect(cardText(chair)).toContain('Your vote is recorded: For.');
    await app.votes.idle();
    const update = await waitFor(() => {
      const puts = connector.sent.filter((s) => toChannel(CHANNEL_A)(s) && s.method === 'PUT');
      const last = puts.at(-1);
      return last && cardText(last.activity).includes('2 av 2 medlemmer har stemt.') ? last : undefined;
    }, 'a channel card update showing both votes');
    const posted = connector.sent.find((s) => toChannel(CHANNEL_A)(s) && s.method === 'POST')!;
    expect(update.path).toContain('/activities/');
    // Updates replace the posted card (the stub answered the post with its activity id).
    expect(decodeURIComponent(update.path)).toMatch(/\/activities\/activity-\d+$/);
    expect(posted).toBeDefined();
    const puts = connector.sent.filter((s) => toChannel(CHANNEL_A)(s) && s.method === 'PUT');
    expect(puts.length).toBeLessThanOrEqual(4); // four ballots, coalesced
  });
});

describe('closing', () => {
  it('lets only the chair or the secretary close', async () => {
    const refused = await click(people.member, 'gate.close', { programmeId: 'dsop', voteId });
    expect(cardText(refused)).toContain('Only the chair or the secretary of Steering group can close the vote.');
    expect((await votes.get({ ...key, voteId }))?.status).toBe('open');
  });

  it('counts, replaces the card with the outcome, advances the idea and tells the project leader and the office', async () => {
    await ideas.apply(key, number, (idea) =>
      assignProjectLeader(dsop, idea, { by: { id: 'aad-office', name: 'Ola Office' }, at: clockNow, person: 'aad-chair' }),
    );
    const before = connector.sent.length;
    clockNow += 60 * 60_000;
    const closed = await click(people.chair, 'gate.close', { programmeId: 'dsop', voteId }, { locale: 'nb-NO' });
    const shown = cardText(closed);
    expect(shown).toContain('Avstemningen er lukket.');
    expect(shown).toContain('Vedtatt');
    expect(shown).toContain('Konsensus: 2 for, ingen mot');
    expect(shown).toContain(`${number} er flyttet til fasen Konsept.`);
    expect(shown).toMatch(/Per Member: \*\*For\*\*/);
    expect(shown).toMatch(/Kari Chair: \*\*For\*\* · 23\. nov\. 2026, 10:00 — Enig, men følg opp kost, nytte\./);

    const idea = await ideas.get(key, number);
    expect(idea).toMatchObject({ phase: 'konsept', status: 'active' });
    const history = await ideas.history(key, number);
    expect(history.at(-1)?.event).toMatchObject({ kind: 'gate-adopted', gate: 'BP1', decisionId: voteId });

    const outcome = await waitFor(
      () => connector.sent.slice(before).find((s) => toChannel(CHANNEL_A)(s) && s.method === 'PUT' && cardText(s.activity).includes('Vedtatt')),
      'the outcome card in the channel',
    );
    expect(cardText(outcome.activity)).toContain('Lukket');
    expect(cardText(outcome.activity)).toContain('Av Kari Chair');
    // Project leader (the chair here) and both office members are told, in their personal chats.
    for (const aad of ['aad-chair', 'aad-office', 'aad-office2']) {
      const notice = await waitFor(
        () => connector.sent.slice(before).find((s) => personalChat(aad)(s) && String(s.activity.text ?? '').includes('BP1')),
        `the notice to ${aad}`,
      );
      expect(notice.activity.text).toContain(`${number}`);
      expect(notice.activity.text).toMatch(/Adopted|Vedtatt/);
    }
    for (const aad of ['aad-member', 'aad-observer', 'aad-outsider']) {
      expect(connector.sent.slice(before).some((s) => personalChat(aad)(s) && String(s.activity.text ?? '').includes('BP1'))).toBe(false);
    }
    const stored = await votes.get({ ...key, voteId });
    expect(stored).toMatchObject({ status: 'closed', progress: { posted: true, outcomePosted: true, notified: true } });
  });

  it('shows the channel outcome card to each reader in the language of their own Teams (Universal Actions refresh)', async () => {
    const outcome = connector.sent.filter((s) => toChannel(CHANNEL_A)(s) && s.method === 'PUT' && cardText(s.activity).includes('Vedtatt')).at(-1)!;
    const shared = (outcome.activity.attachments as { content: Card }[])[0]!.content;
    // Posted in the language the channel was linked in; refreshed for the body's people.
    expect(cardText(shared)).toContain('Lukket');
    const refresh = shared.refresh as { userIds: string[]; action: { verb: string } };
    expect(refresh.action.verb).toBe('gate.view');
    expect(refresh.userIds).toEqual(['29:chair', '29:office', '29:member', '29:observer']);
    const inChannel = { conversation: inThread(CHANNEL_A, '1700000000099') };
    const english = await chat.refresh(people.member, shared, { ...inChannel, locale: 'en-US' });
    expect(cardText(english)).toContain('Adopted');
    expect(cardText(english)).toContain('Closed');
    expect(cardText(english)).not.toContain('Vedtatt');
    const norwegian = await chat.refresh(people.observer, shared, { ...inChannel, locale: 'nb-NO' });
    expect(cardText(norwegian)).toContain('Vedtatt');
    expect(cardText(norwegian)).not.toContain('Adopted');
    // The refreshed card keeps its refresh, so it stays each reader's own as the card changes.
    expect((english.refresh as { userIds: string[] }).userIds).toEqual(refresh.userIds);
    // In a channel of up to 60 people Teams refreshes for everyone: a channel member who is not
    // in the programme gets the channel's card in their language, not a refusal in its place.
    const outsider = await chat.refresh(people.outsider, shared, { ...inChannel, locale: 'en-GB' });
    expect(cardText(outsider)).toContain('Adopted');
    expect(cardText(outsider)).not.toContain('not a participant');
    expect(() => actionData(outsider, 'gate.vote')).toThrow();
    // Anywhere else (another channel, a personal chat) they are still refused.
    const elsewhere = await chat.refresh(people.outsider, shared, { conversation: inThread(CHANNEL_B), locale: 'en-GB' });
    expect(cardText(elsewhere)).toContain('You are not a participant in this programme.');
  });

  it('refuses votes after close, and closing again or the closer sends nothing more', async () => {
    const late = await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId, choice: 'against' });
    expect(cardText(late)).toContain('The vote is closed; the vote was not recorded.');
    const sent = connector.sent.length;
    expect(await app.votes.closeDueVotes(clockNow + 30 * 86_400_000)).toEqual({ closed: [], resumed: [], reminded: [], failed: [] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connector.sent.length).toBe(sent);
  });
});

describe('the deadline', () => {
  it('closes a vote at its deadline when the closer runs, and reports a rejection', async () => {
    const other = await qualifiedIdea('dsop', 'Fristsak');
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number: other });
    await click(people.office, 'gate.propose', proposal(form, { 'link.kvalifisering': 'https://a.example/1', 'link.kost-nytte': 'https://a.example/2' }));
    const vote = (await votes.list(key, { ideaNumber: other }))[0]!;
    await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: vote.id, choice: 'against', comment: 'For dyrt' });
    // A day before the deadline the chair, who has not voted, is reminded in their personal chat
    // (in the language of their last message there); the member who voted is not.
    const sweep = await app.votes.closeDueVotes(vote.deadline - 1);
    expect(sweep).toMatchObject({ closed: [] });
    expect(sweep.reminded).toContain(`${vote.id}:aad-chair`);
    expect(sweep.reminded).not.toContain(`${vote.id}:aad-member`);
    const reminder = await waitFor(
      () => connector.sent.find((s) => personalChat('aad-chair')(s) && String(s.activity.text ?? '').includes(`${other} "Fristsak"`)),
      'the reminder to the chair',
    );
    expect(reminder.activity.text).toContain('and you have not voted yet');
    expect(connector.sent.some((s) => personalChat('aad-member')(s) && String(s.activity.text ?? '').includes('Fristsak'))).toBe(false);
    const before = connector.sent.length;
    clockNow = vote.deadline + 5 * 60_000;
    const late = await click(people.chair, 'gate.vote', { programmeId: 'dsop', voteId: vote.id, choice: 'for' });
    expect(cardText(late)).toContain('The deadline for the vote has passed');
    expect(await app.votes.closeDueVotes(clockNow)).toMatchObject({ closed: [vote.id], failed: [] });
    const closed = await votes.get({ ...key, voteId: vote.id });
    expect(closed).toMatchObject({ status: 'closed', closing: { how: 'deadline', at: vote.deadline }, outcome: { status: 'rejected', reason: { code: 'objection' } } });
    expect(await ideas.get(key, other)).toMatchObject({ phase: 'ide', status: 'qualified' });
    const outcome = await waitFor(
      () => connector.sent.slice(before).find((s) => toChannel(CHANNEL_A)(s) && s.method === 'PUT' && cardText(s.activity).includes('Ikke vedtatt')),
      'the outcome card',
    );
    expect(cardText(outcome.activity)).toContain('Ikke konsensus: 1 mot, 0 for');
    expect(cardText(outcome.activity)).toContain('Ved fristen');
    expect(cardText(outcome.activity)).toContain('Stemte ikke: Kari Chair');
  });
});

describe("Skate: the body advises, the director decides", () => {
  it('records the advice, then only the director decides and only that moves the idea', async () => {
    const skateKey = { tenantId: TENANT, programmeId: 'skate' };
    await say(people.office, '<at>Samspill</at> link skate styringsgruppen', { conversation: inThread(CHANNEL_B) });
    const other = await qualifiedIdea('skate', 'Rådssak');
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'skate', number: other });
    await click(people.office, 'gate.propose', proposal(form, {}));
    const vote = (await votes.list(skateKey, { ideaNumber: other }))[0]!;
    const ref = { programmeId: 'skate', voteId: vote.id };
    await click(people.member, 'gate.vote', { ...ref, choice: 'for' });
    await click(people.chair, 'gate.vote', { ...ref, choice: 'for' });
    const early = await click(director, 'gate.decide', { ...ref, adopted: 'no' });
    expect(cardText(early)).toContain("The body's advice is not ready yet");
    const closed = await click(people.office, 'gate.close', ref);
    expect(cardText(closed)).toContain('Advice: adopt');
    expect(cardText(closed)).toContain('Awaiting the decision of The Director of Difi.');
    expect(await ideas.get(skateKey, other)).toMatchObject({ phase: 'ide' });

    const member = await click(people.member, 'gate.decide', { ...ref, adopted: 'yes' });
    expect(cardText(member)).toContain('Only The Director of Difi can record the decision');
    const view = await click(director, 'gate.view', ref);
    expect(actionData(view, 'gate.decide')).toMatchObject({ adopted: 'yes' });
    const before = connector.sent.length;
    const decided = await click(director, 'gate.decide', { ...ref, adopted: 'no', comment: 'Ikke i år.' });
    expect(cardText(decided)).toContain('The decision is recorded.');
    expect(cardText(decided)).toContain('The Director of Difi (Dina Direktør) decided');
    expect(cardText(decided)).toContain('against the advice');
    const stored = await votes.get({ ...skateKey, voteId: vote.id });
    expect(stored?.outcome).toMatchObject({ status: 'adopted' });
    expect(stored?.director).toMatchObject({ adopted: false, by: 'aad-director', comment: 'Ikke i år.' });
    expect(await ideas.get(skateKey, other)).toMatchObject({ phase: 'ide' });
    expect((await ideas.history(skateKey, other)).at(-1)?.event).toMatchObject({ kind: 'gate-rejected', decisionId: vote.id });
    const again = await click(director, 'gate.decide', { ...ref, adopted: 'yes' });
    expect(cardText(again)).toContain('already been recorded');
    await waitFor(
      () => connector.sent.slice(before).find((s) => toChannel(CHANNEL_B)(s) && s.method === 'PUT' && cardText(s.activity).includes('against the advice')),
      "the channel card with the director's decision",
    );
    await waitFor(
      () => connector.sent.slice(before).find((s) => personalChat('aad-office')(s) && String(s.activity.text ?? '').includes('against the advice')),
      'the notice of the decision',
    );
    const { text: csv } = await say(people.office, `decision log csv ${other}`);
    expect(csv!.split('\r\n')[1]).toMatch(/,rejected,Dina Direktør,[^,]+,no,/);
  });

  it("says who recorded the director's decision and that it was on their behalf, when the office did", async () => {
    const obKey = { tenantId: TENANT, programmeId: 'skate-ob' };
    await say(people.office, '<at>Samspill</at> link skate-ob styringsgruppen', { conversation: inThread(CHANNEL_C) });
    const idea = await qualifiedIdea('skate-ob', 'På vegne av');
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'skate-ob', number: idea });
    await click(people.office, 'gate.propose', proposal(form, {}));
    const vote = (await votes.list(obKey, { ideaNumber: idea }))[0]!;
    const ref = { programmeId: 'skate-ob', voteId: vote.id };
    await click(people.member, 'gate.vote', { ...ref, choice: 'for' });
    await click(people.office, 'gate.close', ref);
    const member = await click(people.member, 'gate.decide', { ...ref, adopted: 'yes' });
    expect(cardText(member)).toContain('Only The Director of Difi can record the decision');
    const decided = await click(people.office, 'gate.decide', { ...ref, adopted: 'yes' }, { locale: 'nb-NO' });
    expect(cardText(decided)).toContain('Ola Office på vegne av Difis direktør registrerte beslutningen');
    expect(cardText(decided)).not.toContain('Difis direktør (Ola Office)');
    expect((await votes.get({ ...obKey, voteId: vote.id }))?.director).toMatchObject({ adopted: true, by: 'aad-office', onBehalf: true });
    const { card } = await say(people.office, `decision log ${idea}`);
    expect(cardText(card)).toContain('Adopted (Ola Office on behalf of The Director of Difi,');
    const { text: csv } = await say(people.office, `decision log csv ${idea}`);
    expect(csv!.split('\r\n')[1]).toMatch(/,adopted,Ola Office,[^,]+,yes,/);
  });
});

describe('the decision log', () => {
  it('shows every vote of an idea with who voted what and when, changes included', async () => {
    const { card } = await say(people.observer, `beslutningslogg ${number}`, { locale: 'nb-NO' });
    const shown = cardText(card);
    expect(shown).toContain('Beslutningslogg – DSOP test');
    expect(shown).toContain(`BP1 Igangsetting av konseptfasen · ${number} «Felles kontoinformasjon» · Styringsgruppen`);
    expect(shown).toMatch(/Per Member: For – erstattet av en senere stemme — Viktig, "helt" nødvendig/);
    expect(shown).toMatch(/Per Member: Mot \(endret fra For\) – erstattet av en senere stemme/);
    expect(shown).toMatch(/Per Member: For \(endret fra Mot\)/);
    expect(shown).toContain('Konsensus: vedtatt når ingen stemmer mot');
    expect(shown).toContain('Konsensus: 2 for, ingen mot');
  });

  it('filters by body and refuses outsiders', async () => {
    const { card } = await say(people.member, 'decision log styringsgruppen');
    expect(cardText(card)).toContain('Fristsak');
    expect(cardText(card)).toContain('Felles kontoinformasjon');
    const outsider = await say(people.outsider, 'decision log');
    expect(outsider.text).toContain('You are not registered in any programme');
  });

  it('exports CSV with a header first and RFC 4180 quoting', async () => {
    const { text: csv } = await say(people.member, `decision log csv ${number}`);
    expect(csv).toBeDefined();
    const lines = csv!.split('\r\n');
    expect(lines[0]).toBe(
      'vote_id,idea,idea_title,gate,body,rule,budget_matter,opened_at,opened_by,deadline,closed_at,closed_by,outcome,reason,director_decision,director,director_at,director_on_behalf,voter_id,voter_name,choice,cast_at,changed_from,counted,comment,basis_override,dispute,dispute_subject,data_owner,data_owner_name,data_owner_decision,consumer_choices,recorded_by,recorded_at',
    );
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(4);
    // Every ballot, the first one with its comment quoted (comma and doubled quotes).
    expect(rows.some((r) => r.includes(',aad-member,Per Member,for,2026-11-23T10:00:00.000+01:00,,no,"Viktig, ""helt"" nødvendig",'))).toBe(true);
    expect(rows.some((r) => r.includes(',aad-member,Per Member,against,') && r.includes(',for,no,'))).toBe(true);
    expect(rows.some((r) => r.includes(',aad-chair,Kari Chair,for,') && r.includes(',yes,"Enig, men følg opp kost, nytte."'))).toBe(true);
    expect(rows.every((r) => r.startsWith(`${voteId},${number},Felles kontoinformasjon,BP1,styringsgruppen,`))).toBe(true);
  });
  it('shows a closed vote from its record: the ballots kept at the close, not a read of every ballot (issue 25.1)', async () => {
    const kept = (await votes.get({ ...key, voteId }))?.ballotLog;
    expect(kept).toEqual(await votes.ballots({ ...key, voteId }));
    // With the ballot rows gone the log still shows them: it did not read them.
    const ballots = await new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })).get('ballots');
    const partitionKey = tenantPartition(TENANT, 'dsop', voteId);
    for await (const row of ballots.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } })) await ballots.deleteEntity(partitionKey, row.rowKey ?? '');
    const shown = cardText((await say(people.observer, `beslutningslogg ${number}`, { locale: 'nb-NO' })).card);
    expect(shown).toMatch(/Per Member: For \(endret fra Mot\)/);
    expect(shown).toMatch(/Kari Chair: For/);
  });
});
