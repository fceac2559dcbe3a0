// The decision log's storage round trips per turn (issue 25: ≤ 3, plus one for a page) do not
// grow with the programme: over HTTP, with a proxy in front of Azurite's table endpoint
// recording every storage request of the turn, the `decision log` turn at 3 votes and at 30
// votes over 12 ideas makes the same requests to the votes', ballots' and ideas' tables: the
// index page, the page's vote records with the count (one query), the page's ideas (one query)
// and, with the first page, the disputed ideas. An open vote on the page reads its ballots:
// one request more per open vote, bounded by the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/shared/decision/decide.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { voteBefore, voteIdFor, type GateVote } from '../../src/features/votes/domain/gateVote.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { type TestAzurite } from '../support/azurite.js';
import { actionData, cardText, conversationWith } from '../support/conversation.js';
import type { FaultProxy } from '../support/faultProxy.js';
import { startProxiedService } from '../support/proxiedService.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import type { TestApp } from '../support/testApp.js';

const programme = testProgramme();
const key = { tenantId: TENANT, programmeId: programme.id };
const now = Date.UTC(2026, 10, 23, 9);

let azurite: TestAzurite;
let proxy: FaultProxy;
let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let votes: VoteTable;
let opened = 0;

/** Opens a BP1 vote on idea `n` (1–12) and, unless `open`, closes it as closeVote does. */
async function vote(n: number, open = false): Promise<void> {
  const ideaNumber = `DSOP-2026-${String(n).padStart(3, '0')}`;
  const openedAt = now - 86_400_000 + opened++ * 60_000;
  const v: GateVote = {
    id: voteIdFor(ideaNumber, 'BP1', openedAt),
    tenantId: TENANT,
    programmeId: programme.id,
    ideaNumber,
    ideaTitle: `Idé ${n}`,
    gate: 'BP1',
    budgetMatter: false,
    basis: [],
    ...voteBefore(programme.bodies[0]!, { by: { id: 'aad-office', name: 'Ola Office' }, at: openedAt, deadline: openedAt + 7 * 86_400_000, channel: { conversationId: '19:channel@thread.tacv2', language: 'nb' } }),
  };
  expect((await votes.open(v, `trips-${opened}`)).kind).toBe('opened');
  if (open) return;
  const outcome = decide({ body: { ...v.electorate, rule: v.rule }, ballots: [], budgetMatter: false });
  await votes.update({ ...key, voteId: v.id }, (current) => ({ ...current, status: 'closed', closing: { how: 'deadline', at: openedAt, by: { id: 'system', name: 'Samspill' } }, outcome, ballotLog: [] }));
}

/** The log's tables: what the turn reads to show it (the conversation reference and delivery are the turn's own). */
const LOG_TABLES = /^\/[^/]+\/(votes|ballots|ideas)\b/;
const logRequests = () => proxy.seen.filter((r) => LOG_TABLES.test(r.path));
const nb = { locale: 'nb-NO' };
const say = (text: string) => chat.say(people.observer, text, nb);
const click = async (data: Record<string, unknown>) => ({ card: await chat.click(people.observer, 'gate.log', data, nb) });

/** Says the command (or clicks) and returns the reply's text with the log tables' requests of that turn. */
async function turn(act: () => Promise<{ text?: string; card?: unknown }>): Promise<{ text: string; requests: string[]; card: unknown }> {
  proxy.seen.splice(0);
  const reply = await act();
  const requests = logRequests().map((r) => `${r.method} ${decodeURIComponent(r.path).slice(0, 160)}`);
  return { text: reply.text ?? cardText(reply.card as never), requests, card: reply.card };
}

beforeAll(async () => {
  ({ azurite, proxy, service } = await startProxiedService({ programmes: [programme], now: () => now }));
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  const ideas = new IdeaTable(tables);
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  for (let i = 1; i <= 12; i++) {
    const created = await ideas.register(key, `trips-idea-${i}`, { prefix: programme.ideaPrefix, year: 2026 }, (number) =>
      register(programme, { number, title: `Idé ${i}`, description: 'Registrert.', party: 'finans-norge', links: [], submittedBy: { id: people.member.aadObjectId, name: people.member.name }, at: now - 2 * 86_400_000 }),
    );
    if (!created.ok) throw new Error('seed');
  }
  for (let n = 1; n <= 3; n++) await vote(n);
  // The start-up migration has run, and the tables are made (once per process), before a turn is measured.
  await service.app.ready;
  await say('help');
  await say('beslutningslogg');
});
afterAll(() => service.stop());

describe("the decision log's round trips per turn (issue 25)", () => {
  let atThree: string[] = [];

  it('at 3 votes: at most four requests for the first page', async () => {
    const first = await turn(() => say('beslutningslogg'));
    expect(first.text).toContain('DSOP-2026-003');
    atThree = first.requests;
    expect(atThree.length, atThree.join('\n')).toBeLessThanOrEqual(4);
    // None of them a keys-only count of a range, nor a read of one vote or one idea by itself.
    expect(atThree.some((r) => r.includes("$select=PartitionKey,RowKey"))).toBe(false);
  });

  it('at 30 votes over 12 ideas: the same number, the total from the count row, and a later page one fewer', async () => {
    for (let i = 4; i <= 30; i++) await vote(((i - 1) % 12) + 1);
    const first = await turn(() => say('beslutningslogg'));
    expect(first.text).toMatch(/1–5 av 30/);
    expect(first.requests.length, first.requests.join('\n')).toBe(atThree.length);
    const next = await turn(() => click(actionData(first.card, 'gate.log')));
    expect(next.text).toMatch(/6–10 av 30/);
    expect(next.requests.length, next.requests.join('\n')).toBeLessThanOrEqual(3);
    // One idea's log: its votes and that idea's disputes, in three.
    const one = await turn(() => say('beslutningslogg DSOP-2026-002'));
    expect(one.text).toMatch(/DSOP-2026-002/);
    expect(one.requests.length, one.requests.join('\n')).toBeLessThanOrEqual(3);
  });

  it('an open vote on the page reads its own ballots: one request more, bounded by the page', async () => {
    await vote(5, true);
    const first = await turn(() => say('beslutningslogg'));
    expect(first.text).toMatch(/1–5 av 31/);
    expect(first.requests.length, first.requests.join('\n')).toBe(atThree.length + 1);
  });
});
