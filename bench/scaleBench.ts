// Big-programme memory check (issue 25.5): a programme seeded to N ideas (default 10,000;
// ideas/10 votes with 7 ballots each, ideas/10 audit entries; 60 % registered, the rest
// prioritised, qualified, in the concept phase or stopped; ~10 ideas per submitter), then 50
// people at once send each list command. The bot is `src/main.ts` in its own process under the
// production heap flag (--max-old-space-size=128), on its own Azurite, with Teams' Connector a
// local stub. The ideas and votes are written as the code before the index rows wrote them
// (no index rows), so the bot's start-up migration indexes them first: that is measured too.
//
//   npx tsx bench/scaleBench.ts [--ideas 10000] [--heap 128]
//
// Prints per command: turns answered without an error, p50/p99 as the clients saw them, and
// the bot's peak RSS; exits 1 if the bot died or any turn failed. Too slow for `npm test`
// (seeding 10,000 ideas takes minutes), so it is a bench script. The curves of 25.6 are not
// here (a later helper writes them).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TransactionAction } from '@azure/data-tables';
import { mapPool } from '../src/app/pool.js';
import type { Idea, IdeaStatus } from '../src/domain/idea/idea.js';
import { formatIdeaNumber } from '../src/domain/idea/ideaNumber.js';
import { programmeSchema, type Programme } from '../src/domain/programme/schema.js';
import { voteBefore, voteIdFor, type GateVote } from '../src/domain/vote/gateVote.js';
import { AuditTable } from '../src/storage/auditTable.js';
import { storageClients } from '../src/storage/connection.js';
import { startEmbeddedAzurite } from '../src/storage/embeddedAzurite.js';
import { IdeaTable } from '../src/storage/ideaTable.js';
import { keyPart, Tables, tenantPartition } from '../src/storage/tables.js';
import { VoteTable } from '../src/storage/voteTable.js';
import { messageActivity, type Person } from '../test/support/activities.js';
import { startLimitingConnectorStub } from '../test/support/limitingConnectorStub.js';
import { startBotProcess } from './botProcess.js';
import { rosterFront } from './rosterFront.js';

const { values } = parseArgs({ options: { ideas: { type: 'string', default: '10000' }, heap: { type: 'string', default: '128' } } });
const IDEAS = Number(values.ideas);
const HEAP_MB = Number(values.heap);
const PEOPLE = 50;
const TENANT = 'bench-tenant';
const text = (nb: string, en = nb) => ({ nb, en });
const COMMANDS = ['my ideas', 'portfolio', 'ranking', 'prioritised list', 'decision log', 'audit log'];

const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({ id: `29:person-${i}`, aadObjectId: `aad-submitter-${i}`, name: `Person ${i}` }));

const programme: Programme = programmeSchema.parse({
  id: 'bench',
  name: 'Bench',
  ideaPrefix: 'BENCH',
  tenantId: TENANT,
  parties: [{ id: 'party', name: 'Party', tenantIds: [TENANT] }],
  // The 50 people are the office (the ranking and the audit log are the office's) and submitters.
  people: people.map((p) => ({ aadObjectId: p.aadObjectId, name: p.name, party: 'party', roles: ['office'] })),
  phases: [
    { id: 'ide', name: text('Idé', 'Idea') },
    { id: 'konsept', name: text('Konsept', 'Concept') },
    { id: 'stanset', name: text('Stanset', 'Stopped'), terminal: true },
  ],
  initialPhase: 'ide',
  stoppedPhase: 'stanset',
  gates: [{ id: 'BP1', name: text('Igangsetting av konseptfasen'), from: 'ide', to: 'konsept', body: 'styringsgruppen' }],
  bodies: [{ id: 'styringsgruppen', name: text('Styringsgruppen', 'Steering group'), rule: { kind: 'consensus', quorum: { majorityOfMembers: true } }, members: people.slice(0, 7).map((p) => p.aadObjectId), chair: people[0]!.aadObjectId, secretary: people[8]!.aadObjectId }],
  criteria: [
    { id: 'nytte', name: text('Nytte'), weight: 1 },
    { id: 'gjennomforbarhet', name: text('Gjennomførbarhet'), weight: 1 },
  ],
  confidentiality: { prioritisedListLabel: text('Ikke behandlet på ledernivå.') },
});
const key = { tenantId: TENANT, programmeId: programme.id };
const at = Date.UTC(2026, 0, 5, 9);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function ideaAt(i: number): Idea {
  const share = i % 10;
  const status: IdeaStatus = share < 6 ? 'registered' : share === 6 ? 'prioritised' : share === 7 ? 'qualified' : share === 8 ? 'active' : 'stopped';
  const submitter = i % Math.max(PEOPLE, Math.ceil(IDEAS / 10));
  return {
    programmeId: programme.id,
    number: formatIdeaNumber({ prefix: 'BENCH', year: 2026, sequence: i + 1 }),
    title: `Idé ${i + 1}: felles tjeneste for ${'data '.repeat(8)}`,
    description: `Beskrivelse av idé ${i + 1}. ${'Lorem ipsum dolor sit amet. '.repeat(10)}`,
    party: 'party',
    links: [],
    submittedBy: { id: `aad-submitter-${submitter}`, name: `Person ${submitter}` },
    registeredAt: at + i * 60_000,
    phase: status === 'active' ? 'konsept' : status === 'stopped' ? 'stanset' : 'ide',
    phaseStartedAt: at + i * 60_000,
    status,
    ...(status === 'prioritised' || status === 'qualified' ? { rank: i + 1 } : {}),
    ...(status === 'stopped' ? { stop: { lessonsLearned: 'Lærdom.', by: { id: 'aad-submitter-0', name: 'Person 0' }, at, fromPhase: 'ide', fromStatus: 'registered' as const } } : {}),
    disputes: [],
  };
}

async function seed(connectionString: string): Promise<void> {
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString }));
  const ideasTable = await tables.get('ideas');
  const partitionKey = tenantPartition(TENANT, programme.id);
  // Ideas as the code before the index wrote them: the row and its first history entry.
  for (let from = 0; from < IDEAS; from += 50) {
    const actions: TransactionAction[] = [];
    for (let i = from; i < Math.min(IDEAS, from + 50); i++) {
      const idea = ideaAt(i);
      actions.push(['create', { partitionKey, rowKey: `idea|${keyPart(idea.number)}`, data: JSON.stringify(idea), status: idea.status, phase: idea.phase, submittedBy: idea.submittedBy.id, historyCount: 1 }]);
      actions.push(['create', { partitionKey, rowKey: `history|${keyPart(idea.number)}|000001`, data: JSON.stringify({ ideaNumber: idea.number, at: idea.registeredAt, by: idea.submittedBy, event: { kind: 'registered', phase: 'ide' } }) }]);
    }
    await ideasTable.submitTransaction(actions);
  }
  await ideasTable.createEntity({ partitionKey, rowKey: `counter|${keyPart('BENCH-2026')}`, next: IDEAS + 1 });
  // A fifth of the registered ideas assessed.
  const assessed = Array.from({ length: IDEAS }, (_, i) => i).filter((i) => i % 10 < 6 && i % 5 === 0);
  for (let from = 0; from < assessed.length; from += 100) {
    await ideasTable.submitTransaction(
      assessed.slice(from, from + 100).map((i): TransactionAction => {
        const number = ideaAt(i).number;
        const assessment = { ideaNumber: number, assessor: { id: 'aad-submitter-0', name: 'Person 0' }, scores: { nytte: 1 + ((i / 5) % 5), gjennomforbarhet: 1 + ((i / 5 * 3) % 5) }, comment: '', at };
        return ['create', { partitionKey, rowKey: `assessment|${keyPart(number)}|${keyPart('aad-submitter-0')}`, data: JSON.stringify(assessment) }];
      }),
    );
  }
  // Votes (ideas/10) with 7 ballots each, opened through the vote store; then their index rows
  // removed, as the code before the index left them.
  const votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  await mapPool(Array.from({ length: Math.ceil(IDEAS / 10) }, (_, v) => v), 16, async (v) => {
    const idea = ideaAt(v * 10 + 6);
    const openedAt = at + v * 3_600_000;
    const vote: GateVote = {
      id: voteIdFor(idea.number, 'BP1', openedAt),
      tenantId: TENANT,
      programmeId: programme.id,
      ideaNumber: idea.number,
      ideaTitle: idea.title,
      gate: 'BP1',
      budgetMatter: false,
      basis: [],
      ...voteBefore(programme.bodies[0]!, { by: { id: 'aad-submitter-1', name: 'Person 1' }, at: openedAt, deadline: openedAt + 7 * 86_400_000, channel: { conversationId: '19:styring@thread.tacv2', language: 'nb' } }),
    };
    await votes.open(vote, `bench-${v}`);
    for (const [b, voter] of programme.bodies[0]!.members.entries()) await votes.cast({ ...key, voteId: vote.id }, { voter, choice: b % 3 === 0 ? 'against' : 'for', comment: 'Begrunnelse.', castAt: openedAt + b * 60_000 });
  });
  const votesTable = await tables.get('votes');
  const stale: string[] = [];
  for await (const row of votesTable.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}' and RowKey ge 'vix|' and RowKey lt 'vix}'`, select: ['RowKey'] } })) stale.push(row.rowKey ?? '');
  for (let from = 0; from < stale.length; from += 100) await votesTable.submitTransaction(stale.slice(from, from + 100).map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]));
  // Audit entries (ideas/10).
  const audit = new AuditTable(tables);
  await mapPool(Array.from({ length: Math.ceil(IDEAS / 10) }, (_, a) => a), 16, (a) =>
    audit.append({ tenantId: TENANT, programmeId: programme.id, at: at + a * 60_000, actor: { id: 'aad-submitter-0', name: 'Person 0' }, conversation: { id: 'c', kind: 'personal' }, decision: 'refused', items: [] }),
  );
}

async function startBot(dir: string, connectionString: string) {
  const file = join(dir, 'bench.json');
  writeFileSync(file, JSON.stringify(programme));
  return startBotProcess('src/main.ts', [`--max-old-space-size=${HEAP_MB}`], { LOG_LEVEL: 'info', SAMSPILL_PROGRAMMES: file, SAMSPILL_SCHEDULER: 'off', AZURE_STORAGE_CONNECTION_STRING: connectionString }, 60_000);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samspill-scalebench-'));
  const azurite = await startEmbeddedAzurite(join(dataDir, 'azurite'));
  const stub = await startLimitingConnectorStub({ keepBodies: true });
  try {
    await run(azurite.connectionString, dataDir, stub);
  } finally {
    await stub.close();
    await azurite.stop();
  }
}

async function run(connectionString: string, dataDir: string, stub: Awaited<ReturnType<typeof startLimitingConnectorStub>>): Promise<void> {
  const azurite = { connectionString };
  let t0 = performance.now();
  await seed(azurite.connectionString);
  console.log(`seeded ${IDEAS} ideas, ${Math.ceil(IDEAS / 10)} votes × 7 ballots, ${Math.ceil(IDEAS / 10)} audit entries in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  t0 = performance.now();
  const bot = await startBot(dataDir, azurite.connectionString);
  const ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
  // The start-up migration has run when every idea is counted and the votes are indexed.
  for (;;) {
    const counts = await ideas.counts(key);
    const counted = Object.values(counts.status).reduce((a, b) => a + (b ?? 0), 0);
    const votes = new VoteTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
    if (counted === IDEAS && (await votes.page(key, {}, { size: 1 })).total === Math.ceil(IDEAS / 10)) break;
    if (!bot.alive()) throw new Error('the bot died during the migration');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  console.log(`start-up migration (index rows for ${IDEAS} ideas and their votes): ${((performance.now() - t0) / 1000).toFixed(0)} s; bot peak RSS so far ${bot.peakRssMb().toFixed(0)} MB`);

  const front = await rosterFront(stub.url, people, TENANT);
  let failed = 0;
  try {
    const personal = (from: Person) => ({ serviceUrl: front.url, tenantId: TENANT, from });
    const post = (activity: unknown) => fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    for (const command of COMMANDS) {
      await (await post(messageActivity(personal(people[0]!), command))).text();
      const before = stub.accepted.length;
      const latencies: number[] = [];
      const statuses = await Promise.all(
        people.map(async (person) => {
          const start = performance.now();
          const res = await post(messageActivity(personal(person), command)).catch(() => undefined);
          await res?.text();
          latencies.push(performance.now() - start);
          return res?.status ?? 0;
        }),
      );
      const replies = stub.accepted.slice(before);
      const answered = people.filter((p) => replies.some((r) => r.conversationId === `a:personal-${p.aadObjectId}` && !/Det gikk ikke|That did not work|Cannot be shown here|Kan ikke vises her/.test(JSON.stringify(r.activity)))).length;
      const bad = statuses.filter((s) => s !== 200).length;
      const largest = Math.max(0, ...replies.map((r) => JSON.stringify(r.activity).length * 2));
      failed += PEOPLE - answered;
      // What the first reply said (its text blocks), so a failure shows its reason.
      const said = [...JSON.stringify(replies[0]?.activity ?? {}).matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join(' | ');
      console.log(`  first reply: ${said.slice(0, 300)}`);
      const failedReply = replies.find((r) => /Det gikk ikke|That did not work|Cannot be shown here|Kan ikke vises her/.test(JSON.stringify(r.activity)));
      if (failedReply) console.log(`  a failed reply: ${JSON.stringify(failedReply.activity).slice(0, 600)}`);
      const silent = people.filter((p) => !replies.some((r) => r.conversationId === `a:personal-${p.aadObjectId}`)).length;
      if (silent > 0) console.log(`  conversations with no reply at all: ${silent}`);
      const sorted = latencies.sort((a, b) => a - b);
      console.log(
        `${command.padEnd(18)} ${PEOPLE} at once: ${answered}/${PEOPLE} answered (HTTP errors ${bad}), p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, largest reply ${(largest / 1024).toFixed(0)} KB (UTF-16), bot alive: ${bot.alive()}, peak RSS ${bot.alive() ? bot.peakRssMb().toFixed(0) : '?'} MB`,
      );
      if (!bot.alive()) break;
    }
  } finally {
    const alive = bot.alive();
    await bot.stop();
    await front.close();
    if (!alive || failed > 0) {
      console.log(`FAILED: bot ${alive ? 'alive' : 'died'}, ${failed} turns without an answer`);
      process.exitCode = 1;
    }
  }
}

await main();
