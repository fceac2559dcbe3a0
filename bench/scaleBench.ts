// Big-programme curves (issue 25.5 and 25.6): for each size (default 100, 1,000 and 10,000
// ideas; ideas/10 closed votes with 7 ballots each, ideas/10 audit entries; 60 % registered, the
// rest prioritised, qualified, in the concept phase or stopped; ~10 ideas per submitter) a fresh
// Azurite is seeded, the bot (`src/main.ts` in its own process under the production heap flag
// --max-old-space-size=128) starts against a counting forwarder in front of it
// (storageCounter.ts), and each command is sent 20 times in a row by one person, then by 50
// people at once. Beside it, from the same run, the text floor (floorBot.ts: the same HTTP edge
// and adapter answering a fixed text, no storage). The ideas and votes are written as the code
// before the index rows wrote them, so the bot's start-up migration indexes them first: that
// is measured too.
//
//   npm run bench:scale [-- --sizes 100,1000,10000] [--heap 128] [--commands "decision log,ranking"] [--indexed]
//
// Prints per size and command p50/p99 in a row and 50 at once, storage round trips and bytes
// read per turn, the largest reply (UTF-16, as Teams counts), then the curve table (README's
// Benchmarks) with the growth factor from the smallest to the largest size, and the issue's
// acceptance checked against the figures. Exits 1 if the bot died or a turn failed. Too slow
// for `npm test` (seeding 10,000 ideas takes minutes).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TransactionAction } from '@azure/data-tables';
import { mapPool } from '../src/shared/pool.js';
import type { Idea, IdeaStatus } from '../src/features/ideas/domain/idea.js';
import { formatIdeaNumber } from '../src/features/ideas/domain/ideaNumber.js';
import { programmeSchema, type Programme } from '../src/shared/programme/schema.js';
import { decide } from '../src/shared/decision/decide.js';
import { asBallot, voteBefore, voteIdFor, type GateVote } from '../src/features/votes/domain/gateVote.js';
import { AuditTable } from '../src/features/confidentiality/storage/auditTable.js';
import { storageClients } from '../src/platform/storage/connection.js';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';
import { countChange, emptyCounts, indexKeysOf, indexRanges } from '../src/features/ideas/storage/ideaIndex.js';
import { readPage } from '../src/platform/storage/rangePage.js';
import { IdeaTable, indexFingerprint } from '../src/features/ideas/storage/ideaTable.js';
import { VOTE_INDEX_VERSION } from '../src/features/votes/storage/voteIndex.js';
import { scoreIdea } from '../src/features/ideas/domain/ranking.js';
import { keyPart, Tables, tenantPartition } from '../src/platform/storage/tables.js';
import { VoteTable } from '../src/features/votes/storage/voteTable.js';
import { messageActivity, type Person } from '../test/support/activities.js';
import { startLimitingConnectorStub } from '../test/support/limitingConnectorStub.js';
import { startBotProcess } from './botProcess.js';
import { rosterFront } from './rosterFront.js';
import { startStorageCounter, type StorageCounter } from './storageCounter.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '100,1000,10000' }, heap: { type: 'string', default: '128' }, commands: { type: 'string' }, turns: { type: 'string', default: '20' }, indexed: { type: 'boolean', default: false } },
});
const SIZES = values.sizes.split(',').map(Number);
const HEAP_MB = Number(values.heap);
const TURNS = Number(values.turns);
const PEOPLE = 50;
/** The size being run (the seed and the idea numbers depend on it). */
let IDEAS = SIZES[0] ?? 100;
const TENANT = 'bench-tenant';
const text = (nb: string, en = nb) => ({ nb, en });
const ALL_COMMANDS = ['my ideas', 'portfolio', 'ranking', 'prioritised list', 'decision log', 'audit log', 'idea BENCH-2026-007'];
const COMMANDS = values.commands ? values.commands.split(',').map((c) => c.trim()) : ALL_COMMANDS;
/** What a reply that failed says (an error, or the guard refusing). */
const FAILED = /Det gikk ikke|That did not work|Cannot be shown here|Kan ikke vises her/;

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
  // A fifth of the registered ideas assessed.
  const assessed = Array.from({ length: IDEAS }, (_, i) => i).filter((i) => i % 10 < 6 && i % 5 === 0);
  const assessmentOf = (i: number) => ({ ideaNumber: ideaAt(i).number, assessor: { id: 'aad-submitter-0', name: 'Person 0' }, scores: { nytte: 1 + ((i / 5) % 5), gjennomforbarhet: 1 + ((i / 5 * 3) % 5) }, comment: '', at });
  for (let from = 0; from < assessed.length; from += 100) {
    await ideasTable.submitTransaction(
      assessed.slice(from, from + 100).map((i): TransactionAction => {
        const assessment = assessmentOf(i);
        return ['create', { partitionKey, rowKey: `assessment|${keyPart(assessment.ideaNumber)}|${keyPart('aad-submitter-0')}`, data: JSON.stringify(assessment) }];
      }),
    );
  }
  // Ideas as the code before the index wrote them: the row and its first history entry. With
  // --indexed, as today's code writes them (index rows, counts, the migration's mark), so the
  // bot's start-up migration has nothing to do (it does not finish at 10,000 on embedded Azurite).
  const isAssessed = new Set(assessed);
  let counts = emptyCounts();
  const perBatch = values.indexed ? 12 : 50;
  for (let from = 0; from < IDEAS; from += perBatch) {
    const actions: TransactionAction[] = [];
    for (let i = from; i < Math.min(IDEAS, from + perBatch); i++) {
      const idea = ideaAt(i);
      const columns = { data: JSON.stringify(idea), status: idea.status, phase: idea.phase, submittedBy: idea.submittedBy.id, historyCount: 1 };
      if (values.indexed) {
        const score = isAssessed.has(i) ? scoreIdea(idea.number, [assessmentOf(i)], programme) : undefined;
        const scored = score ? { score: JSON.stringify(score) } : {};
        const keys = indexKeysOf(idea, score);
        actions.push(['create', { partitionKey, rowKey: `idea|${keyPart(idea.number)}`, ...columns, ix: JSON.stringify(keys), ...scored }]);
        for (const rowKey of keys) actions.push(['create', { partitionKey, rowKey, n: idea.number, data: columns.data, ...scored }]);
        counts = countChange(counts, undefined, idea);
      } else actions.push(['create', { partitionKey, rowKey: `idea|${keyPart(idea.number)}`, ...columns }]);
      actions.push(['create', { partitionKey, rowKey: `history|${keyPart(idea.number)}|000001`, data: JSON.stringify({ ideaNumber: idea.number, at: idea.registeredAt, by: idea.submittedBy, event: { kind: 'registered', phase: 'ide' } }) }]);
    }
    await ideasTable.submitTransaction(actions);
  }
  await ideasTable.createEntity({ partitionKey, rowKey: `counter|${keyPart('BENCH-2026')}`, next: IDEAS + 1 });
  if (values.indexed) {
    await ideasTable.createEntity({ partitionKey, rowKey: 'meta|counts', data: JSON.stringify(counts) });
    await ideasTable.createEntity({ partitionKey, rowKey: 'meta|index', fingerprint: indexFingerprint(programme) });
  }
  // Votes (ideas/10) with 7 ballots each, opened, cast and closed through the vote store; then their index rows
  // removed, as the code before the index left them.
  const votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  // Openings one at a time (they move the programme's count rows, and an office opens votes one by
  // one); casting, sealing and closing 16 votes at once.
  let openings: Promise<unknown> = Promise.resolve();
  const openInTurn = (open: () => Promise<unknown>) => (openings = openings.then(open, open));
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
    await openInTurn(() => votes.open(vote, `bench-${v}`));
    for (const [b, voter] of programme.bodies[0]!.members.entries()) await votes.cast({ ...key, voteId: vote.id }, { voter, choice: b % 3 === 0 ? 'against' : 'for', comment: 'Begrunnelse.', castAt: openedAt + b * 60_000 });
    // Closed as closeVote closes it: sealed, counted, its final ballots kept on the record.
    const ref = { ...key, voteId: vote.id };
    const latest = await votes.seal(ref, programme.bodies[0]!.members);
    const outcome = decide({ body: { ...vote.electorate, rule: vote.rule }, ballots: latest.map(asBallot), budgetMatter: false });
    const ballotLog = await votes.ballots(ref);
    await votes.update(ref, (v) => ({ ...v, status: 'closed', closing: { how: 'deadline', at: v.deadline, by: { id: 'system', name: 'Samspill' } }, outcome, ballotLog }));
  });
  const votesTable = await tables.get('votes');
  if (values.indexed) await votesTable.createEntity({ partitionKey, rowKey: 'meta|voteIndex', version: VOTE_INDEX_VERSION });
  const stale: string[] = [];
  // The lists' count rows too (`vote~cnt|…`): the code before the index had none.
  if (!values.indexed)
  for await (const row of votesTable.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}' and ((RowKey ge 'vix|' and RowKey lt 'vix}') or (RowKey ge 'vote~cnt|' and RowKey lt 'vote~cnt}'))`, select: ['RowKey'] } })) stale.push(row.rowKey ?? '');
  if (!values.indexed)
    for (let from = 0; from < stale.length; from += 100) await votesTable.submitTransaction(stale.slice(from, from + 100).map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]));
  // Audit entries (ideas/10); without --indexed their count rows are removed after, as the code
  // before the count rows left the log, and the bot's start-up pass counts them.
  const audit = new AuditTable(tables);
  await mapPool(Array.from({ length: Math.ceil(IDEAS / 10) }, (_, a) => a), 16, (a) =>
    audit.append({ tenantId: TENANT, programmeId: programme.id, at: at + a * 60_000, actor: { id: 'aad-submitter-0', name: 'Person 0' }, conversation: { id: 'c', kind: 'personal' }, decision: 'refused', items: [] }),
  );
  if (!values.indexed) {
    const auditTable = await tables.get('audit');
    const counts: string[] = [];
    for await (const row of auditTable.listEntities({ queryOptions: { filter: `PartitionKey eq '${partitionKey}' and RowKey ge '~cnt|' and RowKey lt '~cnt}'`, select: ['RowKey'] } })) counts.push(row.rowKey ?? '');
    if (counts.length > 0) await auditTable.submitTransaction(counts.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]));
  }
}

async function startBot(dir: string, connectionString: string, script = 'src/main.ts', extraEnv: Record<string, string> = {}) {
  const file = join(dir, 'bench.json');
  writeFileSync(file, JSON.stringify(programme));
  const env = { LOG_LEVEL: 'info', SAMSPILL_PROGRAMMES: file, SAMSPILL_SCHEDULER: 'off', AZURE_STORAGE_CONNECTION_STRING: connectionString, ...extraEnv };
  return startBotProcess(script, [`--max-old-space-size=${HEAP_MB}`], env, 60_000, join(dir, `${script.replace(/\W/g, '_')}.log`));
}

interface Figures {
  command: string;
  size: number;
  rowP50: number;
  rowP99: number;
  burstP50: number;
  burstP99: number;
  answeredInRow: number;
  answeredAtOnce: number;
  /** Storage requests per turn in a row, all of them, and without the conversation-reference upserts every turn makes
   * and the delivery worker's background requests (instance heartbeats, its queue). */
  roundTrips: number;
  commandRoundTrips: number;
  kbRead: number;
  replyKb: number;
  peakRssMb: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sortedOf = (xs: number[]) => [...xs].sort((a, b) => a - b);

type Stub = Awaited<ReturnType<typeof startLimitingConnectorStub>>;

/** One person sends the command `TURNS` times in a row, then 50 people at once. */
async function measure(botUrl: string, frontUrl: string, stub: Stub, counter: StorageCounter, command: string) {
  const personal = (from: Person) => ({ serviceUrl: frontUrl, tenantId: TENANT, from });
  const post = (activity: unknown) => fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const turn = async (person: Person) => {
    const start = performance.now();
    const res = await post(messageActivity(personal(person), command)).catch(() => undefined);
    await res?.text();
    return { ms: performance.now() - start, status: res?.status ?? 0 };
  };
  await turn(people[0]!); // warm-up (compiles, caches the programme)
  let before = stub.accepted.length;
  counter.reset();
  const row: number[] = [];
  for (let i = 0; i < TURNS; i++) row.push((await turn(people[0]!)).ms);
  const requests = counter.count();
  const breakdown = counter.breakdown();
  const bytes = counter.bytes();
  const rowReplies = stub.accepted.slice(before);
  before = stub.accepted.length;
  const burst = await Promise.all(people.map(turn));
  const burstReplies = stub.accepted.slice(before);
  const answered = (replies: typeof rowReplies, who: readonly Person[]) =>
    who.filter((p) => replies.some((r) => r.conversationId === `a:personal-${p.aadObjectId}` && !FAILED.test(JSON.stringify(r.activity)))).length;
  const failedReply = [...rowReplies, ...burstReplies].find((r) => FAILED.test(JSON.stringify(r.activity)));
  if (failedReply) console.log(`  a failed reply: ${JSON.stringify(failedReply.activity).slice(0, 400)}`);
  const references = Object.entries(breakdown).filter(([k]) => / (conversations|instances|deliveries)$/.test(k)).reduce((a, [, n]) => a + n, 0);
  return {
    row: sortedOf(row),
    burst: sortedOf(burst.map((b) => b.ms)),
    answeredInRow: rowReplies.filter((r) => !FAILED.test(JSON.stringify(r.activity))).length,
    answeredAtOnce: answered(burstReplies, people),
    roundTrips: requests / TURNS,
    commandRoundTrips: (requests - references) / TURNS,
    breakdown,
    kbRead: bytes / TURNS / 1024,
    replyKb: Math.max(0, ...[...rowReplies, ...burstReplies].map((r) => JSON.stringify(r.activity).length * 2)) / 1024,
  };
}

async function runSize(size: number): Promise<{ figures: Figures[]; floor: { rowP50: number; rowP99: number; burstP50: number; burstP99: number }; migrationS: number; alive: boolean }> {
  IDEAS = size;
  const dataDir = mkdtempSync(join(tmpdir(), 'samspill-scalebench-'));
  const azurite = await startEmbeddedAzurite(join(dataDir, 'azurite'));
  const stub = await startLimitingConnectorStub({ keepBodies: true });
  const counter = await startStorageCounter(azurite.connectionString);
  try {
    let t0 = performance.now();
    await seed(azurite.connectionString);
    console.log(`[${size}] seeded ${IDEAS} ideas, ${Math.ceil(IDEAS / 10)} votes × 7 ballots, ${Math.ceil(IDEAS / 10)} audit entries in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    t0 = performance.now();
    const bot = await startBot(dataDir, counter.connectionString);
    const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
    const ideas = new IdeaTable(tables);
    const votes = new VoteTable(tables);
    // The start-up migration has run when every idea is counted and the votes are indexed.
    for (;;) {
      const counted = Object.values((await ideas.counts(key)).status).reduce((a, b) => a + (b ?? 0), 0);
      if (counted === IDEAS && (await votes.page(key, {}, { size: 1 })).total === Math.ceil(IDEAS / 10)) break;
      if (!bot.alive()) throw new Error('the bot died during the migration');
      if (readFileSync(join(dataDir, 'src_main_ts.log'), 'utf8').includes('index migration failed')) throw new Error(`the start-up migration failed at ${size} ideas (see ${join(dataDir, 'src_main_ts.log')})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const migrationS = (performance.now() - t0) / 1000;
    // The storage floor of this size: one $top-20 page of the registered ideas' index (what a
    // list turn reads), straight to Azurite with the bot's own page read. If it grows with the
    // size as the commands do, the growth is the embedded storage's, not the bot's.
    const raw = await tables.get('ideas');
    const pagedRead = async () => {
      const started = performance.now();
      await readPage(raw, tenantPartition(TENANT, programme.id), indexRanges({ by: 'status', status: 'registered' }), { size: 20 });
      return performance.now() - started;
    };
    const storageRow: number[] = [];
    for (let i = 0; i < TURNS; i++) storageRow.push(await pagedRead());
    const storageBurst = await Promise.all(Array.from({ length: PEOPLE }, pagedRead));
    storageRow.sort((a, b) => a - b);
    storageBurst.sort((a, b) => a - b);
    console.log(`[${size}] storage floor (one $top-20 page of the registered ideas' index, straight to Azurite): in a row p50 ${percentile(storageRow, 50).toFixed(0)}/p99 ${percentile(storageRow, 99).toFixed(0)} ms, ${PEOPLE} at once p50 ${percentile(storageBurst, 50).toFixed(0)}/p99 ${percentile(storageBurst, 99).toFixed(0)} ms`);
    console.log(`[${size}] bot start and start-up migration (index rows for ${IDEAS} ideas and their votes): ${migrationS.toFixed(0)} s; bot peak RSS ${bot.peakRssMb().toFixed(0)} MB`);
    const front = await rosterFront(stub.url, people, TENANT);
    const figures: Figures[] = [];
    try {
      for (const command of COMMANDS) {
        const m = await measure(bot.url, front.url, stub, counter, command);
        const f: Figures = {
          command,
          size,
          rowP50: percentile(m.row, 50),
          rowP99: percentile(m.row, 99),
          burstP50: percentile(m.burst, 50),
          burstP99: percentile(m.burst, 99),
          answeredInRow: m.answeredInRow,
          answeredAtOnce: m.answeredAtOnce,
          roundTrips: m.roundTrips,
          commandRoundTrips: m.commandRoundTrips,
          kbRead: m.kbRead,
          replyKb: m.replyKb,
          peakRssMb: bot.alive() ? bot.peakRssMb() : NaN,
        };
        figures.push(f);
        console.log(
          `[${size}] ${command.padEnd(20)} in a row p50 ${f.rowP50.toFixed(0)}/p99 ${f.rowP99.toFixed(0)} ms (${f.answeredInRow}/${TURNS}), 50 at once p50 ${f.burstP50.toFixed(0)}/p99 ${f.burstP99.toFixed(0)} ms (${f.answeredAtOnce}/${PEOPLE}), ${f.roundTrips.toFixed(1)} round trips (${f.commandRoundTrips.toFixed(1)} without the conversation reference and the delivery worker's), ${f.kbRead.toFixed(1)} KB read, reply ${f.replyKb.toFixed(1)} KB, RSS ${f.peakRssMb.toFixed(0)} MB`,
        );
        console.log(`    storage requests in a row: ${JSON.stringify(m.breakdown)}`);
        if (!bot.alive()) break;
      }
    } finally {
      const alive = bot.alive();
      await bot.stop();
      if (!alive) console.log(`[${size}] THE BOT DIED; its log: ${join(dataDir, 'src_main_ts.log')}`);
      // The floor of the same run: the same HTTP edge and adapter, a fixed text, no storage.
      const cardFile = join(dataDir, 'floor-card.json');
      writeFileSync(cardFile, JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [] }));
      const floorBot = await startBot(dataDir, counter.connectionString, 'bench/floorBot.ts', { FLOOR_CARD: cardFile });
      const floor = await measure(floorBot.url, front.url, stub, counter, 'help');
      await floorBot.stop();
      await front.close();
      const floorFigures = { rowP50: percentile(floor.row, 50), rowP99: percentile(floor.row, 99), burstP50: percentile(floor.burst, 50), burstP99: percentile(floor.burst, 99) };
      console.log(`[${size}] text floor: in a row p50 ${floorFigures.rowP50.toFixed(0)}/p99 ${floorFigures.rowP99.toFixed(0)} ms, 50 at once p50 ${floorFigures.burstP50.toFixed(0)}/p99 ${floorFigures.burstP99.toFixed(0)} ms`);
      const errors = readFileSync(join(dataDir, 'src_main_ts.log'), 'utf8').split('\n').filter((l) => /"level":(40|50|60)[,}]/.test(l) && !l.includes("MicrosoftAppId is not set"));
      if (errors.length > 0) console.log(`[${size}] bot log: ${errors.length} warnings/errors, e.g. ${errors.slice(0, 3).join(' / ').slice(0, 900)}`);
      // eslint-disable-next-line no-unsafe-finally
      return { figures, floor: floorFigures, migrationS, alive };
    }
  } finally {
    await counter.close();
    await stub.close();
    await azurite.stop();
  }
}

const ms = (x: number) => x.toFixed(0);
const factor = (a: number, b: number) => (a > 0 ? `${(b / a).toFixed(2)}×` : '–');

async function main(): Promise<void> {
  const runs = [];
  for (const size of SIZES) runs.push(await runSize(size));
  const sizes = SIZES.map((n) => n.toLocaleString('en'));
  console.log(`\nCurves (${new Date().toISOString().slice(0, 10)}, \`npm run bench:scale\`, bot under --max-old-space-size=${HEAP_MB}, ${TURNS} turns in a row, ${PEOPLE} at once):\n`);
  console.log(`| command | ideas | in a row p50 / p99 ms | 50 at once p50 / p99 ms | answered (row, at once) | round trips / turn (without conv. ref.) | KB read / turn | reply KB (UTF-16) |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const command of COMMANDS) {
    for (const [i, run] of runs.entries()) {
      const f = run.figures.find((x) => x.command === command);
      if (!f) {
        console.log(`| ${command} | ${sizes[i]} | not run (bot died) | | | | | |`);
        continue;
      }
      console.log(`| ${command} | ${sizes[i]} | ${ms(f.rowP50)} / ${ms(f.rowP99)} | ${ms(f.burstP50)} / ${ms(f.burstP99)} | ${f.answeredInRow}/${TURNS}, ${f.answeredAtOnce}/${PEOPLE} | ${f.roundTrips.toFixed(1)} (${f.commandRoundTrips.toFixed(1)}) | ${f.kbRead.toFixed(1)} | ${f.replyKb.toFixed(1)} |`);
    }
    const first = runs[0]?.figures.find((x) => x.command === command);
    const last = runs.at(-1)?.figures.find((x) => x.command === command);
    if (first && last && runs.length > 1)
      console.log(`| ${command} | growth ${sizes[0]}→${sizes.at(-1)} | ${factor(first.rowP50, last.rowP50)} | ${factor(first.burstP50, last.burstP50)} | | ${factor(first.roundTrips, last.roundTrips)} | ${factor(first.kbRead, last.kbRead)} | ${factor(first.replyKb, last.replyKb)} |`);
  }
  for (const [i, run] of runs.entries())
    console.log(`| text floor | ${sizes[i]} | ${ms(run.floor.rowP50)} / ${ms(run.floor.rowP99)} | ${ms(run.floor.burstP50)} / ${ms(run.floor.burstP99)} | | 0 | 0 | |`);
  console.log(`\nStart-up migration (bot start included): ${runs.map((r, i) => `${sizes[i]}: ${r.migrationS.toFixed(0)} s`).join(', ')}`);

  // The issue's acceptance at the largest size.
  const largest = runs.at(-1);
  const smallest = runs[0];
  console.log(`\nAcceptance at ${sizes.at(-1)} ideas (issue 25):`);
  let failed = 0;
  for (const command of COMMANDS) {
    const f = largest?.figures.find((x) => x.command === command);
    const base = smallest?.figures.find((x) => x.command === command);
    if (!f || !base) {
      console.log(`  ${command}: NOT MEASURED (bot died)`);
      failed++;
      continue;
    }
    const paged = !command.startsWith('idea ');
    const checks = [
      [`answers every turn (${f.answeredInRow}/${TURNS}, ${f.answeredAtOnce}/${PEOPLE})`, f.answeredInRow === TURNS && f.answeredAtOnce === PEOPLE],
      [`in a row p50 within 1.5× of its p50 at ${sizes[0]} (${factor(base.rowP50, f.rowP50)})`, f.rowP50 <= 1.5 * base.rowP50],
      [`50 at once p50 within 1.5× of its p50 at ${sizes[0]} (${factor(base.burstP50, f.burstP50)})`, f.burstP50 <= 1.5 * base.burstP50],
      [`≤ ${paged ? 4 : 3} round trips without the conversation reference (${f.commandRoundTrips.toFixed(1)}; ${f.roundTrips.toFixed(1)} with it)`, f.commandRoundTrips <= (paged ? 4 : 3)],
      [`reply ≤ 80 KB (${f.replyKb.toFixed(1)} KB)`, f.replyKb <= 80],
    ] as const;
    for (const [what, holds] of checks) {
      console.log(`  ${command}: ${holds ? 'holds' : 'DOES NOT HOLD'} — ${what}`);
      if (!holds) failed++;
    }
  }
  const died = runs.filter((r) => !r.alive).length;
  const unanswered = runs.flatMap((r) => r.figures).reduce((a, f) => a + (TURNS - f.answeredInRow) + (PEOPLE - f.answeredAtOnce), 0);
  if (died > 0 || unanswered > 0) {
    console.log(`FAILED: the bot died in ${died} run(s), ${unanswered} turns without an answer`);
    process.exitCode = 1;
  }
  console.log(`${failed} acceptance check(s) do not hold`);
}

await main();
