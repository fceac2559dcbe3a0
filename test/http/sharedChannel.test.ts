// A body channel that is a Teams shared channel (issue 15), hosted by tenant A, with members of
// tenant A and of a party's own tenant B. Activity fields relied on (botbuilder's Activity /
// TeamsChannelData types and Microsoft's shared-channel docs): conversation.tenantId and
// channelData.tenant.id = the tenant hosting the channel, conversation.conversationType
// 'channel', channelData.channel.id and channelData.team.id = the channel and its host team,
// from.aadObjectId = the person's object id in their home tenant, and each roster member's own
// tenantId (TeamsChannelAccount.tenantId), which classifies them against the programme's tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { AuditTable } from '../../src/features/confidentiality/storage/auditTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { invokeActivity, type Person } from '../support/activities.js';
import { actionData, cardText, conversationWith, type Card } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { confirmShare } from '../support/ownParty.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const TENANT_B = 'tenant-finans-norge';
const TENANT_C = 'tenant-outside';
const bMember: Person = { id: '29:b-member', aadObjectId: 'aad-b-member', name: 'Berit Bank' };
const base = testProgramme();
const dsop: Programme = programmeSchema.parse({
  ...base,
  parties: base.parties.map((p) => (p.id === 'finans-norge' ? { ...p, tenantIds: [TENANT, TENANT_B] } : p)),
  people: [...base.people, { aadObjectId: bMember.aadObjectId, name: bMember.name, party: 'finans-norge' }],
  bodies: base.bodies.map((b) => (b.id === 'styringsgruppen' ? { ...b, members: [...b.members, bMember.aadObjectId] } : b)),
});

const CHANNEL = '19:shared-styring@thread.skype';
const shared = { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel' as const };
const channelData = { tenant: { id: TENANT }, channel: { id: CHANNEL }, team: { id: '19:host-team@thread.tacv2' } };
const rosterMember = (p: Person, tenantId: string) => ({ id: p.id, aadObjectId: p.aadObjectId, tenantId, userRole: 'user' as const });
const outsider: Person = { id: '29:c-outsider', aadObjectId: 'aad-c-outsider', name: 'Carl Annen' };

let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let votes: VoteTable;
let audit: AuditTable;
const clockNow = Date.UTC(2026, 10, 23, 9);

/** An invoke as Teams sends it in the shared channel: host tenant on the conversation, the
 * clicker's own object id in from. */
async function clickInShared(from: Person, verb: string, data: Record<string, unknown>): Promise<Card> {
  const activity = { ...invokeActivity({ serviceUrl: service.connector.url, tenantId: TENANT, from, conversation: shared }, verb, data), channelData };
  const res = await service.post(activity);
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: Card }).value;
}

beforeAll(async () => {
  service = await startTestApp({ programmes: [dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 }); // reads what the app wrote, no cache
  audit = new AuditTable(tables);
  service.connector.rosters.set(CHANNEL, [...[people.office, people.chair, people.member, people.observer].map((p) => rosterMember(p, TENANT)), rosterMember(bMember, TENANT_B)]);
  service.connector.rosters.set(shared.id, service.connector.rosters.get(CHANNEL)!);
  for (const p of [people.office, people.chair, people.member]) await chat.say(p, 'help');
}, 60_000);
afterAll(async () => service.stop());

describe('a gate vote in a shared channel hosted by tenant A with members of A and B', () => {
  let voteId = '';
  let number = '';
  it('links the shared channel, opens the vote, and members of both tenants vote', async () => {
    const linked = await chat.say(people.office, '<at>Samspill</at> link styringsgruppen', { conversation: shared });
    expect(linked.text ?? cardText(linked.card)).toContain('is now linked to this channel');
    const form = actionData(await chat.click(people.member, 'idea.form', { programmeId: 'dsop' }), 'idea.register');
    const registered = await chat.click(people.member, 'idea.register', { ...form, title: 'Delt kanal-idé', description: 'Til avstemning.', party: 'finans-norge' });
    number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))![1]!;
    await chat.click(people.office, 'idea.prioritise', { programmeId: 'dsop', number, rank: '1' });
    await chat.click(people.office, 'idea.qualify', { programmeId: 'dsop', number, assessment: 'Moden.', recommendation: 'Anbefales.' });
    const proposeForm = await chat.click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    const deadlineDate = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
    const opened = await chat.click(people.office, 'gate.propose', { ...actionData(proposeForm, 'gate.propose'), deadlineDate, deadlineTime: '16:00' });
    expect(cardText(opened)).toMatch(/is put to/);
    voteId = (await votes.list({ tenantId: TENANT, programmeId: 'dsop' }))[0]!.id;

    expect(cardText(await clickInShared(people.member, 'gate.vote', { programmeId: 'dsop', voteId, choice: 'for' }))).toContain('Your vote is recorded: For.');
    expect(cardText(await clickInShared(bMember, 'gate.vote', { programmeId: 'dsop', voteId, choice: 'for' }))).toContain('Your vote is recorded: For.');
    const ballots = await votes.ballots({ tenantId: TENANT, programmeId: 'dsop', voteId });
    expect(new Set(ballots.map((b) => b.voter))).toEqual(new Set([people.member.aadObjectId, bMember.aadObjectId]));
  });

  it('an external member of tenant C makes the guard withhold the idea (audited); the prioritised list goes out only with its label', async () => {
    const withC = [...service.connector.rosters.get(CHANNEL)!, rosterMember(outsider, TENANT_C)];
    const channelC = { id: '19:shared-with-c@thread.skype', conversationType: 'channel' as const };
    service.connector.rosters.set(channelC.id, withC);
    const form = actionData(await chat.click(people.member, 'idea.form', { programmeId: 'dsop' }), 'idea.register');
    const registered = await chat.click(people.member, 'idea.register', { ...form, title: 'Intern idé', description: 'Bare internt.', party: 'finans-norge' });
    const internal = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))![1]!;
    // In the linked shared channel (members of A and B only) the registered idea is shown…
    expect(cardText(await chat.click(people.office, 'idea.show', { programmeId: 'dsop', number: internal }, { conversation: shared }))).toContain('Bare internt.');
    // …with a member of tenant C present it is withheld.
    const shown = await chat.click(people.office, 'idea.show', { programmeId: 'dsop', number: internal }, { conversation: channelC });
    expect(cardText(shown)).not.toContain('Bare internt.');
    const entries = await audit.list(TENANT, 'dsop', 20);
    expect(entries).toContainEqual(expect.objectContaining({ decision: 'refused', items: expect.arrayContaining([expect.objectContaining({ what: `idea ${internal}`, reason: 'outsider-present' })]) }));
    const { card: ask } = await chat.say(people.office, 'prioritised list', { conversation: channelC });
    // Outside the programme the sharer first confirms they speak only for their own party (seed 000 §6.3).
    const list = await confirmShare(service, TENANT, people.office, ask!, channelC);
    expect(list.indexOf(dsop.confidentiality.prioritisedListLabel.nb)).toBe(0);
  });
});
