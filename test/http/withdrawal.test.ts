// Parties that leave, over HTTP: the office records a withdrawal (notice date today, effective
// date by the notice rule: Digi Rogaland §7, one year from 1 January next year); the party's
// people keep their seats until the effective date and lose them on it (clock injected);
// the record stays listed; a vote already running on that date stops taking their ballots and
// counting them as voters, and a ballot cast before it stands. Real activities, real Azurite,
// the Connector stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { WithdrawalTable } from '../../src/features/membership/storage/withdrawalTable.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const programme: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    membership: { notice: { rule: { kind: 'years-from-next-new-year', years: 1 } } },
  });
})();

const CHANNEL = '19:withdrawal@thread.tacv2';
const key = { tenantId: TENANT, programmeId: 'dsop' };
let clockNow = Date.UTC(2026, 10, 23, 9); // 23 November 2026
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let votes: VoteTable;
let withdrawals: WithdrawalTable;

beforeAll(async () => {
  service = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 }); // reads what the app wrote, no cache
  withdrawals = new WithdrawalTable(tables);
  await chat.say(people.office, '<at>Samspill</at> link styringsgruppen', { conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel' } });
});
afterAll(async () => service.stop());

const click = (from: Person, verb: string, data: Record<string, unknown>) => chat.click(from, verb, data);

/** Registers and qualifies an idea and puts BP1 to the vote; returns the vote's id. */
async function openVote(title: string): Promise<string> {
  const form = actionData(await click(people.office, 'idea.form', { programmeId: 'dsop' }), 'idea.register');
  const registered = await click(people.office, 'idea.register', { ...form, programmeId: 'dsop', title, description: 'Beskrivelse.', party: 'skatteetaten' });
  const number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))![1]!;
  await click(people.office, 'idea.prioritise', { programmeId: 'dsop', number, rank: '1' });
  await click(people.office, 'idea.qualify', { programmeId: 'dsop', number, assessment: 'Moden.', recommendation: 'Til BP1.' });
  const proposal = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
  const deadlineDate = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
  await click(people.office, 'gate.propose', { ...actionData(proposal, 'gate.propose'), deadlineDate, deadlineTime: '16:00' });
  return (await votes.list(key, { ideaNumber: number }))[0]!.id;
}

describe('a party that withdraws', () => {
  it('only the office records it; the notice date is today and the effective date follows the notice rule', async () => {
    const refused = await chat.say(people.member, 'withdrawal finans-norge');
    expect(refused.text).toContain('programme office');
    const recorded = await chat.say(people.office, 'uttreden Finans Norge', { locale: 'nb-NO' });
    expect(recorded.text).toContain('Uttreden for Finans Norge er registrert. Oppsigelsesdato: 23. nov. 2026. Gjelder fra: 1. jan. 2028.');
    expect(recorded.text).toContain('Per Member, Oda Observer');
    expect(await withdrawals.list(key)).toMatchObject([
      { partyId: 'finans-norge', kind: 'withdrawal', givenOn: '2026-11-23', effective: '2028-01-01', recordedBy: { id: 'aad-office' } },
    ]);
    const again = await chat.say(people.office, 'withdrawal finans-norge');
    expect(again.text).toContain('already recorded as leaving (effective 1 Jan 2028)');
    const unknown = await chat.say(people.office, 'withdrawal nobody');
    expect(unknown.text).toContain('I know no party "nobody"');
  });

  it('keeps the seats until the effective date and takes them away on it; the history stays', async () => {
    clockNow = Date.UTC(2027, 11, 31, 10); // 31 December 2027: still bound by the agreement
    await service.app.reminders.tick(clockNow);
    const before = await openVote('Siste dag');
    expect((await votes.get({ ...key, voteId: before }))?.electorate).toMatchObject({ members: ['aad-chair', 'aad-member'], observers: ['aad-observer'] });
    expect(cardText(await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: before, choice: 'for' }))).not.toContain('Only the members of Steering group vote');
    await click(people.chair, 'gate.close', { programmeId: 'dsop', voteId: before });

    clockNow = Date.UTC(2028, 0, 1, 10); // 1 January 2028: the withdrawal takes effect
    await service.app.reminders.tick(clockNow);
    const after = await openVote('Første dag');
    expect((await votes.get({ ...key, voteId: after }))?.electorate).toMatchObject({ members: ['aad-chair'], observers: [] });
    const refused = await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: after, choice: 'for' });
    expect(cardText(refused)).toContain('Only the members of Steering group vote');

    const listed = await chat.say(people.office, 'withdrawals');
    expect(listed.text).toContain('Finans Norge: Withdrawal, notice given 23 Nov 2026 by Ola Office, effective 1 Jan 2028');
  });

  it('a vote running when the withdrawal takes effect: its people vote no more, are counted no more, and an earlier ballot stands', async () => {
    // Back to the last day before the effective date (the tick serves the seats again).
    clockNow = Date.UTC(2027, 11, 31, 11);
    await service.app.reminders.tick(clockNow);
    const voted = await openVote('Stemte før');
    const silent = await openVote('Stemte ikke');
    for (const voteId of [voted, silent]) {
      expect((await votes.get({ ...key, voteId }))?.electorate).toMatchObject({ members: ['aad-chair', 'aad-member'] });
    }
    await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: voted, choice: 'against' });
    const chairBefore = cardText(await click(people.chair, 'gate.view', { programmeId: 'dsop', voteId: silent }));
    expect(chairBefore).toContain('0 of 2 members have voted.');

    clockNow = Date.UTC(2028, 0, 1, 9); // 1 January 2028, 10:00 in Oslo: the withdrawal is in effect
    await service.app.reminders.tick(clockNow);
    // Per Member (Finans Norge) can neither vote nor change the ballot he cast, in either language.
    const refused = cardText(await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: silent, choice: 'for' }));
    expect(refused).toContain('Finans Norge left the programme with effect from 1 Jan 2028, so its people can no longer vote in this vote.');
    expect(refused).toContain('you no longer vote in this vote');
    const norsk = cardText(await chat.click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: voted, choice: 'for' }, { locale: 'nb-NO' }));
    expect(norsk).toContain('Finans Norge har gått ut av programmet med virkning fra 1. jan. 2028, så partens folk kan ikke lenger stemme i denne avstemningen.');
    const ballots = async (voteId: string) => (await votes.latest({ ...key, voteId })).map((b) => [b.voter, b.choice]);
    expect(await ballots(silent)).toEqual([]);
    expect(await ballots(voted)).toEqual([['aad-member', 'against']]);

    // The chair's card counts the seats that remain, plus the ballot that stands.
    expect(cardText(await click(people.chair, 'gate.view', { programmeId: 'dsop', voteId: silent }))).toContain('0 of 1 members have voted.');
    expect(cardText(await click(people.chair, 'gate.view', { programmeId: 'dsop', voteId: voted }))).toContain('1 of 2 members have voted.');
    for (const voteId of [voted, silent]) {
      await click(people.chair, 'gate.vote', { programmeId: 'dsop', voteId, choice: 'for' });
      await click(people.chair, 'gate.close', { programmeId: 'dsop', voteId });
    }
    // Without Per: one voter, one for. With Per's ballot of 31 December: it counts as cast.
    expect((await votes.get({ ...key, voteId: silent }))?.outcome).toMatchObject({ counts: { for: 1, against: 0, abstain: 0, notVoted: 0 }, didNotVote: [] });
    expect((await votes.get({ ...key, voteId: voted }))?.outcome).toMatchObject({ status: 'rejected', counts: { for: 1, against: 1, notVoted: 0 } });
    // The record keeps the electorate the vote opened with; the decision log keeps Per's ballot.
    expect((await votes.get({ ...key, voteId: silent }))?.electorate.members).toEqual(['aad-chair', 'aad-member']);
    const log = await chat.say(people.office, `decision log csv ${(await votes.get({ ...key, voteId: voted }))!.ideaNumber}`);
    expect(log.text).toMatch(/,aad-member,Per Member,against,2027-12-31T12:00:00\.000\+01:00,,yes,/);
  });
});
