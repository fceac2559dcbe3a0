// Retiring a party in DSOP over HTTP (seed 000 §3.1: «Det til enhver tid "sittende"
// Topplederforum … takker av aktører som ikke lenger er aktive i programmet»): the office
// proposes with `avtakking <aktør>`, Topplederforum votes in its channel through the gate-vote
// machinery, and only an adopted vote records the retirement, effective the day of the decision;
// the office cannot retire a party alone. Real activities, real Azurite, the Connector stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { WithdrawalTable } from '../../src/features/membership/storage/withdrawalTable.js';
import { cardText, conversationWith, waitFor, type Card } from '../support/conversation.js';
import { presetProgramme } from '../support/presetProgramme.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT = 'tenant-retire';
const person = (name: string) => ({ id: `29:${name}`, aadObjectId: `aad-${name}`, name });
const office = person('Ola Office');
const chair = person('Kari Chair');
const dnb = person('Dina DNB');
const nav = person('Nils NAV');

const programme = presetProgramme('dsop', {
  id: 'dsop',
  name: 'DSOP',
  ideaPrefix: 'DSOP',
  tenantId: TENANT,
  parties: { skatteetaten: 'Skatteetaten', dnb: 'DNB', nav: 'NAV', bits: 'Bits' },
  people: [
    { aadObjectId: office.aadObjectId, name: office.name, party: 'skatteetaten', roles: ['office'] },
    { aadObjectId: chair.aadObjectId, name: chair.name, party: 'skatteetaten' },
    { aadObjectId: dnb.aadObjectId, name: dnb.name, party: 'dnb' },
    { aadObjectId: nav.aadObjectId, name: nav.name, party: 'nav' },
  ],
  seats: { members: [chair.aadObjectId, dnb.aadObjectId, nav.aadObjectId], chair: chair.aadObjectId, secretary: office.aadObjectId },
});

const FORUM = '19:topplederforum@thread.tacv2';
const inForum = { conversation: { id: FORUM, conversationType: 'channel' as const } };
const key = { tenantId: TENANT, programmeId: 'dsop' };
const clockNow = Date.UTC(2026, 11, 7, 9); // Monday 7 December 2026, 10:00 in Oslo
let app: TestApp;
let chat: ReturnType<typeof conversationWith>;
let votes: VoteTable;
let withdrawals: WithdrawalTable;

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(app, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  withdrawals = new WithdrawalTable(tables);
  await chat.say(office, '<at>Samspill</at> link topplederforum', { conversation: { id: `${FORUM};messageid=1`, conversationType: 'channel' } });
});
afterAll(async () => app.stop());

const retirementVotes = async (party: string) => (await votes.list(key, { ideaNumber: `retire-${party}` })).filter((v) => v.matter?.kind === 'retirement');
const forumCards = () =>
  app.connector.sent
    .filter((s) => s.conversationId === FORUM && s.activity.attachments)
    .map((s) => (s.activity.attachments as { content: Card }[])[0]!.content);

describe('retiring a party is Topplederforum’s decision (DSOP §3.1)', () => {
  it('the office proposes: the retirement goes to Topplederforum’s vote and nothing is recorded yet', async () => {
    const proposed = await chat.say(office, 'avtakking DNB', { locale: 'nb-NO' });
    expect(proposed.text).toContain('Avtakking av DNB er lagt fram for Topplederforum til avstemning');
    expect(proposed.text).toContain('Programkontoret kan ikke takke av en aktør alene');
    const [vote, ...more] = await retirementVotes('dnb');
    expect(more).toEqual([]);
    expect(vote).toMatchObject({
      body: 'topplederforum',
      matter: { kind: 'retirement', partyId: 'dnb' },
      status: 'open',
      rule: { kind: 'consensus' },
      electorate: { members: [chair.aadObjectId, dnb.aadObjectId, nav.aadObjectId] },
    });
    expect(vote!.channel.conversationId).toBe(FORUM);
    // Ten business days ahead, 16:00 in Oslo: Monday 21 December 2026.
    expect(vote!.deadline).toBe(Date.UTC(2026, 11, 21, 15));
    const card = await waitFor(() => forumCards().find((c) => cardText(c).includes('Retirement of a party: DNB')), 'the vote card in the forum');
    expect(cardText(card)).toContain('Dina DNB');
    expect(await withdrawals.list(key)).toEqual([]);

    // Sent again: the running vote, not a second one.
    expect((await chat.say(office, 'retirement dnb')).text).toContain('already being voted on in Top Management Forum');
    expect(await retirementVotes('dnb')).toHaveLength(1);
  });

  it('nobody else proposes one', async () => {
    expect((await chat.say(nav, 'retirement bits')).text).toContain('programme office');
    expect(await retirementVotes('bits')).toEqual([]);
  });

  it('a vote that is not adopted retires nobody', async () => {
    await chat.say(office, 'retirement bits');
    const [vote] = await retirementVotes('bits');
    const ref = { programmeId: 'dsop', voteId: vote!.id };
    await chat.click(chair, 'gate.vote', { ...ref, choice: 'for' }, inForum);
    await chat.click(nav, 'gate.vote', { ...ref, choice: 'against' }, inForum);
    await chat.click(office, 'gate.close', ref, inForum);
    expect((await votes.get({ ...key, voteId: vote!.id }))?.outcome?.adopted).toBe(false);
    expect(await withdrawals.list(key)).toEqual([]);
  });

  it('an adopted vote records the retirement with the vote, effective the day of the decision; the seats go', async () => {
    const [vote] = await retirementVotes('dnb');
    const ref = { programmeId: 'dsop', voteId: vote!.id };
    for (const voter of [chair, nav]) await chat.click(voter, 'gate.vote', { ...ref, choice: 'for' }, inForum);
    const closed = cardText(await chat.click(office, 'gate.close', ref, inForum));
    expect(closed).toContain('DNB is retired from DSOP with effect from today.');
    expect(await withdrawals.list(key)).toEqual([
      expect.objectContaining({ partyId: 'dnb', kind: 'retirement', givenOn: '2026-12-07', effective: '2026-12-07', decision: { voteId: vote!.id, body: 'topplederforum' } }),
    ]);
    const listed = await chat.say(office, 'withdrawals');
    expect(listed.text).toContain('DNB: Retirement, decided by Top Management Forum on 7 Dec 2026, effective 7 Dec 2026');
    // From today DNB's people hold no seat: the next vote of Topplederforum leaves them out.
    await chat.say(office, 'retirement nav');
    const [next] = await retirementVotes('nav');
    expect(next?.electorate.members).toEqual([chair.aadObjectId, nav.aadObjectId]);
    // Retired already: not proposed again.
    expect((await chat.say(office, 'retirement dnb')).text).toContain('already recorded as leaving');
  });
});
