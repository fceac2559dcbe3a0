// Quorum over HTTP: a vote where too few members voted closes "not decided" (nothing adopted
// or rejected, the reason on the outcome card in both languages), and the office reopens it
// as a new round that then decides. Real activities, real Azurite, the Connector stub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const member2: Person = { id: '29:member2', aadObjectId: 'aad-member2', name: 'Mona Member' };

/** Three voting members; a majority of them (2) must vote. */
const programme: Programme = (() => {
  const base = testProgramme();
  return programmeSchema.parse({
    ...base,
    people: [...base.people, { aadObjectId: 'aad-member2', name: 'Mona Member', party: 'finans-norge' }],
    bodies: base.bodies.map((b) => ({ ...b, members: [...b.members, 'aad-member2'], rule: { kind: 'consensus', quorum: { majorityOfMembers: true } } })),
  });
})();

const CHANNEL = '19:quorum@thread.tacv2';
const key = { tenantId: TENANT, programmeId: 'dsop' };
let clockNow = Date.UTC(2026, 10, 23, 9);
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let votes: VoteTable;
let ideas: IdeaTable;

beforeAll(async () => {
  service = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 }); // reads what the app wrote, no cache
  ideas = new IdeaTable(tables);
  for (const person of [people.office, people.chair, people.member, member2]) await chat.say(person, 'help');
  await chat.say(people.office, '<at>Samspill</at> koble til styringsgruppen', { conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel' }, locale: 'nb-NO' });
});
afterAll(async () => service.stop());

const click = (from: Person, verb: string, data: Record<string, unknown>, extra = {}) => chat.click(from, verb, data, extra);
const inChannel = (since: number, verb: 'POST' | 'PUT', text: string) =>
  service.connector.sent.slice(since).find((s) => s.conversationId === CHANNEL && s.method === verb && cardText(s.activity).includes(text));

async function qualifiedIdea(title: string): Promise<string> {
  const form = actionData(await click(people.member, 'idea.form', { programmeId: 'dsop' }), 'idea.register');
  const registered = await click(people.member, 'idea.register', { ...form, programmeId: 'dsop', title, description: 'Beskrivelse.', party: 'finans-norge' });
  const number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))![1]!;
  await click(people.office, 'idea.prioritise', { programmeId: 'dsop', number, rank: '1' });
  await click(people.office, 'idea.qualify', { programmeId: 'dsop', number, assessment: 'Moden.', recommendation: 'Til BP1.' });
  return number;
}

describe('a vote without quorum', () => {
  let number = '';
  let first = '';

  it('closes "not decided" with the reason, and the idea stays where it was', async () => {
    number = await qualifiedIdea('Kvorumsak');
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    const deadlineDate = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
    await click(people.office, 'gate.propose', { ...actionData(form, 'gate.propose'), deadlineDate, deadlineTime: '16:00' });
    const vote = (await votes.list(key, { ideaNumber: number }))[0]!;
    first = vote.id;
    expect(vote.rule.quorum).toEqual({ majorityOfMembers: true });
    // Under consensus one "for" with the other two silent would adopt; the quorum stops it.
    await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: vote.id, choice: 'for' });
    const before = service.connector.sent.length;
    clockNow = vote.deadline + 60_000;
    expect(await service.app.votes.closeDueVotes(clockNow)).toMatchObject({ closed: [vote.id], failed: [] });

    const closed = await votes.get({ ...key, voteId: vote.id });
    expect(closed).toMatchObject({ status: 'closed', outcome: { status: 'no-quorum', adopted: false, reason: { code: 'no-quorum', cast: 1, eligible: 3, required: 2 } } });
    expect(closed?.applied).toBeUndefined();
    expect(await ideas.get(key, number)).toMatchObject({ phase: 'ide', status: 'qualified' });
    expect((await ideas.history(key, number)).some((h) => h.event.kind === 'gate-rejected' || h.event.kind === 'gate-adopted')).toBe(false);

    const outcome = await waitFor(() => inChannel(before, 'PUT', 'Ikke avgjort'), 'the outcome card in the channel');
    const shown = cardText(outcome.activity);
    expect(shown).toContain('Ikke avgjort – ikke beslutningsdyktig');
    expect(shown).toContain('Ikke beslutningsdyktig: 1 av 3 medlemmer stemte, minst 2 kreves');
    expect(shown).toContain('Åpne avstemningen på nytt');
    const own = await click(people.office, 'gate.view', { programmeId: 'dsop', voteId: vote.id });
    expect(cardText(own)).toContain('Not decided – no quorum');
    expect(cardText(own)).toContain('No quorum: 1 of 3 members voted, at least 2 required');
  });

  it('can be reopened by the office only, once, as a new round that decides', async () => {
    const outcome = await click(people.office, 'gate.view', { programmeId: 'dsop', voteId: first });
    const reopen = actionData(outcome as Card, 'gate.reopen');
    const deadlineDate = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
    const refused = await click(people.member, 'gate.reopen', { ...reopen, deadlineDate, deadlineTime: '16:00' });
    expect(cardText(refused)).toContain('programme office');
    expect(await votes.list(key, { ideaNumber: number })).toHaveLength(1);

    const before = service.connector.sent.length;
    const reopened = await click(people.office, 'gate.reopen', { ...reopen, deadlineDate, deadlineTime: '16:00' });
    expect(cardText(reopened)).toContain('The vote is reopened with the deadline');
    const rounds = await votes.list(key, { ideaNumber: number });
    expect(rounds).toHaveLength(2);
    const second = rounds.find((v) => v.id !== first)!;
    expect(second).toMatchObject({ status: 'open', reopens: first, gate: 'BP1' });
    expect(await votes.get({ ...key, voteId: first })).toMatchObject({ reopenedAs: second.id });
    await waitFor(() => inChannel(before, 'POST', 'Til avstemning'), 'the new round posted in the channel');
    const again = await click(people.office, 'gate.reopen', { ...reopen, deadlineDate, deadlineTime: '16:00' });
    expect(cardText(again)).toContain('already reopened');
    expect(await votes.list(key, { ideaNumber: number })).toHaveLength(2);

    await click(people.member, 'gate.vote', { programmeId: 'dsop', voteId: second.id, choice: 'for' });
    await click(member2, 'gate.vote', { programmeId: 'dsop', voteId: second.id, choice: 'for' });
    const closed = await click(people.chair, 'gate.close', { programmeId: 'dsop', voteId: second.id });
    expect(cardText(closed)).toContain('Adopted');
    expect(await ideas.get(key, number)).toMatchObject({ phase: 'konsept' });
  });
});
