// Parties that leave, over HTTP: the office records a withdrawal (notice date today, effective
// date by the notice rule: Digi Rogaland §7, one year from 1 January next year); the party's
// people keep their seats until the effective date and lose them on it (clock injected);
// the record stays listed. Real activities, real Azurite, the Connector stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/domain/programme/schema.js';
import { storageClients } from '../../src/storage/connection.js';
import { Tables } from '../../src/storage/tables.js';
import { VoteTable } from '../../src/storage/voteTable.js';
import { WithdrawalTable } from '../../src/storage/withdrawalTable.js';
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
});
