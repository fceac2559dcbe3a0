// Vote burst benchmark: N members (default 200) click a vote button at the same moment.
// Everything is real and in its own process, as in production: the bot is the compiled
// `dist/main.js` started with `npm run start:prod`'s node flags (restify, botbuilder's
// CloudAdapter, the delivery worker, the vote closer) in a child process; Azurite runs as another process; Teams' Connector is a local stub in this process
// that enforces Teams' documented rate limits (7/1 s, 8/2 s, 60/30 s per conversation) and
// answers 429 beyond them. The clients (this process) send real Bot Framework activities.
//
//   npm run build && npx tsx bench/voteBench.ts [--voters 200] [--text off]
//
// `--text off` skips the text-turn part (the 1,000-member run of `npm run bench` measures the
// vote burst only).
//
// Prints: ballots recorded (must equal N), p50/p99 latency of the gate.vote invokes as the
// clients saw them, how many updates of the vote card were sent to the channel, and the peak
// sends per second (and per 2 s and 30 s) to that channel, with any 429s it got.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { programmeSchema, type Programme } from '../src/shared/programme/schema.js';
import { storageClients } from '../src/platform/storage/connection.js';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';
import { productionBot, productionHeapFlags, startBotProcess } from './botProcess.js';
import { rosterFront } from './rosterFront.js';
import { printTable, type BenchRow } from './benchTable.js';
import { startStorageCounter } from './storageCounter.js';
import { Tables } from '../src/platform/storage/tables.js';
import { VoteTable } from '../src/features/votes/storage/voteTable.js';
import { invokeActivity, messageActivity, type Person } from '../test/support/activities.js';
import { startLimitingConnectorStub, type AcceptedActivity } from '../test/support/limitingConnectorStub.js';

const { values } = parseArgs({ options: { voters: { type: 'string', default: '200' }, text: { type: 'string', default: 'on' }, profile: { type: 'string' } } });
const VOTERS = Number(values.voters);
const WITH_TEXT = values.text !== 'off';
const TENANT = 'bench-tenant';
const CHANNEL = '19:styringsgruppen@thread.tacv2';
const text = (nb: string, en = nb) => ({ nb, en });

const members: Person[] = Array.from({ length: VOTERS }, (_, i) => ({
  id: `29:member-${i}`,
  aadObjectId: `aad-member-${String(i).padStart(3, '0')}`,
  name: `Medlem ${i}`,
}));
const office: Person = { id: '29:office', aadObjectId: 'aad-office', name: 'Ola Office' };

const programme: Programme = programmeSchema.parse({
  id: 'bench',
  name: 'Bench',
  ideaPrefix: 'BENCH',
  tenantId: TENANT,
  parties: [{ id: 'party', name: 'Party', tenantIds: [TENANT] }],
  people: [
    { aadObjectId: office.aadObjectId, name: office.name, party: 'party', roles: ['office'] },
    ...members.map((m) => ({ aadObjectId: m.aadObjectId, name: m.name, party: 'party' })),
  ],
  phases: [
    { id: 'ide', name: text('Idé', 'Idea') },
    { id: 'konsept', name: text('Konsept', 'Concept') },
    { id: 'stanset', name: text('Stanset', 'Stopped'), terminal: true },
  ],
  initialPhase: 'ide',
  stoppedPhase: 'stanset',
  gates: [{ id: 'BP1', name: text('Igangsetting av konseptfasen'), from: 'ide', to: 'konsept', body: 'styringsgruppen' }],
  bodies: [
    {
      id: 'styringsgruppen',
      name: text('Styringsgruppen', 'Steering group'),
      rule: { kind: 'majority', quorum: { majorityOfMembers: true } },
      members: members.map((m) => m.aadObjectId),
      chair: members[0]!.aadObjectId,
      secretary: office.aadObjectId,
    },
  ],
  criteria: [
    { id: 'nytte', name: text('Nytte'), weight: 1 },
    { id: 'gjennomforbarhet', name: text('Gjennomførbarhet'), weight: 1 },
  ],
  confidentiality: { prioritisedListLabel: text('Ikke behandlet på ledernivå.') },
});

const TEXT_CONVERSATIONS = 50;
const TEXT_COMMANDS = ['help', 'my ideas', 'portfolio'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** The most requests in any window of `ms` (sliding, starting at each request). */
function peak(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Starts the compiled bot as production does (or `floorScript` under tsx with the same heap
 * limits), on a free port, with this Azurite and programme. */
async function startBot(dir: string, connectionString: string, floorScript?: string, extraEnv: Record<string, string> = {}) {
  const file = join(dir, 'bench.json');
  writeFileSync(file, JSON.stringify(programme));
  const bot = productionBot();
  const profile = values.profile && !floorScript ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const [script, flags] = floorScript ? [floorScript, productionHeapFlags()] : [bot.script, [...profile, ...bot.nodeFlags]];
  return startBotProcess(script, flags, { ...extraEnv, LOG_LEVEL: 'info', SAMSPILL_PROGRAMMES: file, AZURE_STORAGE_CONNECTION_STRING: connectionString });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samspill-votebench-'));
  const azurite = await startEmbeddedAzurite(join(dataDir, 'azurite'));
  const stub = await startLimitingConnectorStub({ keepBodies: true });
  const front = await rosterFront(stub.url, [office, ...members], TENANT);
  const counter = await startStorageCounter(azurite.connectionString);
  const bot = await startBot(dataDir, counter.connectionString);
  const post = (activity: unknown) =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const inChannel = (from: Person, messageId = '1') => ({
    serviceUrl: front.url,
    tenantId: TENANT,
    from,
    locale: 'nb-NO',
    conversation: { id: `${CHANNEL};messageid=${messageId}`, conversationType: 'channel' as const },
  });
  const personal = (from: Person) => ({ serviceUrl: front.url, tenantId: TENANT, from });
  const click = async (from: Person, verb: string, data: Record<string, unknown>, where = personal(from)) => {
    const res = await post(invokeActivity(where, verb, data));
    const body = (await res.json()) as { value: Record<string, unknown> };
    return JSON.stringify(body.value);
  };
  const toChannel = (a: AcceptedActivity) => a.conversationId === CHANNEL;
  const waitUntil = async (check: () => boolean, what: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  /** 50 personal conversations at once, each sending the text commands one after another;
   * every turn's latency as the client saw it (the HTTP answer comes after the reply is sent). */
  const textTurns = async (url: string) => {
    const latencies: number[] = [];
    await Promise.all(
      members.slice(0, TEXT_CONVERSATIONS).map(async (member) => {
        for (const command of TEXT_COMMANDS) {
          const t0 = performance.now();
          const res = await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(messageActivity(personal(member), command)),
          });
          await res.text();
          if (res.status >= 400) throw new Error(`text turn '${command}' answered ${res.status}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    return latencies.sort((a, b) => a - b);
  };

  try {
    // Set-up: an idea, prioritised and qualified; the body's channel; BP1 put to the vote.
    const form = await click(members[1]!, 'idea.form', { programmeId: 'bench' });
    const submissionId = /"submissionId":"([^"]+)"/.exec(form)?.[1];
    const registered = await click(members[1]!, 'idea.register', {
      programmeId: 'bench',
      submissionId,
      title: 'Benchmark-idé',
      description: 'En idé til avstemning.',
      party: 'party',
    });
    const number = /BENCH-\d{4}-\d{3}/.exec(registered)?.[0];
    if (!number) throw new Error(`no idea registered: ${registered.slice(0, 300)}`);
    await click(office, 'idea.prioritise', { programmeId: 'bench', number, rank: '1' });
    await click(office, 'idea.qualify', { programmeId: 'bench', number, assessment: 'Moden.', recommendation: 'Anbefales.' });
    const linked = stub.accepted.length;
    await post(messageActivity(inChannel(office), '<at>Samspill</at> koble til styringsgruppen'));
    await waitUntil(() => stub.accepted.length > linked, 'the link reply');
    const proposal = await click(office, 'gate.proposeForm', { programmeId: 'bench', number });
    const proposeData = JSON.parse(/"verb":"gate.propose","style":"positive","data":(\{[^}]*\})/.exec(proposal)?.[1] ?? '{}') as Record<string, unknown>;
    const deadlineDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const opened = await click(office, 'gate.propose', { ...proposeData, deadlineDate, deadlineTime: '16:00' });
    if (!opened.includes('BP1')) throw new Error(`the vote did not open: ${opened.slice(0, 300)}`);
    await waitUntil(() => stub.accepted.some((a) => toChannel(a) && a.method === 'POST'), 'the vote card in the channel');
    const votes = new VoteTable(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })), { recordMaxAgeMs: -1 });
    const vote = (await votes.list({ tenantId: TENANT, programmeId: 'bench' }))[0]!;
    const ref = { tenantId: TENANT, programmeId: 'bench', voteId: vote.id };
    // One look at the card first, as in a real channel where the card is seen before the votes
    // pour in: it warms the guard's roster of the channel, as any earlier activity there would.
    await click(members[0]!, 'gate.view', { programmeId: 'bench', voteId: vote.id }, inChannel(members[0]!, '2'));

    // The burst: every member clicks at once.
    counter.reset();
    const started = Date.now();
    const latencies: number[] = [];
    const answers = await Promise.all(
      members.map(async (member, i) => {
        const t0 = performance.now();
        const card = await click(member, 'gate.vote', { programmeId: 'bench', voteId: vote.id, choice: i % 3 === 0 ? 'against' : 'for' }, inChannel(member, '2'));
        latencies.push(performance.now() - t0);
        return card;
      }),
    );
    const burstMs = Date.now() - started;
    const burstRequests = counter.count();
    console.log('storage requests during the burst, by resource:', JSON.stringify(counter.breakdown()));
    const confirmed = answers.filter((a) => a.includes('Stemmen din er registrert')).length;

    // Let the coalesced updates drain until the card shows every vote, then a little longer.
    await waitUntil(
      () => stub.accepted.filter(toChannel).some((a) => a.method === 'PUT' && JSON.stringify(a.activity).includes(`${VOTERS} av ${VOTERS} medlemmer har stemt`)),
      'the card showing every vote',
    );
    const lastAnswered = started + burstMs; // when the last invoke was answered
    const fullCount = stub.accepted.find((a) => toChannel(a) && a.method === 'PUT' && JSON.stringify(a.activity).includes(`${VOTERS} av ${VOTERS} medlemmer har stemt`));
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const latest = await votes.latest(ref);
    const ballots = await votes.ballots(ref);
    const sends = stub.accepted.filter(toChannel);
    const updates = sends.filter((a) => a.method === 'PUT');
    const times = sends.map((a) => a.at);
    const throttled = stub.requests.filter((r) => r.conversationId === CHANNEL && r.status === 429).length;
    const sorted = [...latencies].sort((a, b) => a - b);

    console.log(`voters: ${VOTERS} distinct members, one gate.vote invoke each, all sent at once; all answered after ${burstMs} ms`);
    console.log(`votes recorded: ${latest.length} (ballot rows: ${ballots.length}; invokes answered "recorded": ${confirmed})`);
    console.log(`invoke latency: p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
    console.log(`storage round trips during the burst: ${burstRequests} (${(burstRequests / VOTERS).toFixed(1)} per vote, background work included)`);
    console.log(`channel card updates sent: ${updates.length} (plus the one post of the card)`);
    console.log(`the channel card showed ${VOTERS} of ${VOTERS} ${((fullCount?.at ?? NaN) - lastAnswered).toFixed(0)} ms after the last vote was answered (aim: within 3 s)`);
    console.log(
      `peak sends to the channel: ${peak(times, 1_000)} in 1 s, ${peak(times, 2_000)} in 2 s, ${peak(times, 30_000)} in 30 s (Teams allows 7, 8, 60); 429s from the stub: ${throttled}`,
    );

    // Text turns against the bot: a warm-up turn per command, then the burst.
    let textSorted: number[] = [];
    let textRequests = 0;
    const textTurnCount = TEXT_CONVERSATIONS * TEXT_COMMANDS.length;
    if (WITH_TEXT) {
      for (const command of TEXT_COMMANDS) await (await post(messageActivity(personal(members[0]!), command))).text();
      const textSentBefore = stub.accepted.length;
      counter.reset();
      textSorted = await textTurns(bot.url);
      textRequests = counter.count();
      console.log(`text turns: ${textTurnCount} (${TEXT_CONVERSATIONS} conversations × ${TEXT_COMMANDS.join(', ')}); replies sent: ${stub.accepted.length - textSentBefore}`);
      console.log('storage requests during the text turns, by resource:', JSON.stringify(counter.breakdown()));
    }
    const botPeakRss = bot.peakRssMb();

    // The floor, in the same run: the same invokes through the same stack to a handler doing
    // one storage transaction and answering with a fixed card of the size the bot answered.
    const cardFile = join(dataDir, 'floor-card.json');
    writeFileSync(cardFile, answers[0]!);
    const floor = await startBot(dataDir, counter.connectionString, 'bench/floorBot.ts', { FLOOR_CARD: cardFile });
    try {
      const floorPost = (activity: unknown) =>
        fetch(`${floor.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      // One warm-up turn, as the real bot had its set-up turns.
      await (await floorPost(invokeActivity(inChannel(members[0]!, '2'), 'gate.view', { programmeId: 'bench', voteId: vote.id }))).text();
      counter.reset();
      const floorLatencies: number[] = [];
      await Promise.all(
        members.map(async (member, i) => {
          const t0 = performance.now();
          const res = await floorPost(invokeActivity(inChannel(member, '2'), 'gate.vote', { programmeId: 'bench', voteId: vote.id, choice: i % 3 === 0 ? 'against' : 'for' }));
          await res.text();
          floorLatencies.push(performance.now() - t0);
        }),
      );
      const floorRequests = counter.count();
      const floorSorted = [...floorLatencies].sort((a, b) => a - b);
      const rows: BenchRow[] = [
        { figure: `${VOTERS} concurrent gate.vote invokes: p50`, value: percentile(sorted, 50), floor: percentile(floorSorted, 50), unit: 'ms' },
        { figure: `${VOTERS} concurrent gate.vote invokes: p99`, value: percentile(sorted, 99), floor: percentile(floorSorted, 99), unit: 'ms' },
        { figure: `storage round trips per vote (${VOTERS} voters)`, value: burstRequests / VOTERS, floor: floorRequests / VOTERS, unit: '' },
        { figure: `channel card complete after the last of ${VOTERS} votes`, value: (fullCount?.at ?? NaN) - lastAnswered, floor: null, unit: 'ms' },
      ];
      if (WITH_TEXT) {
        // The text floor: the same turns answered with a fixed reply.
        await (await floorPost(messageActivity(personal(members[0]!), 'help'))).text();
        counter.reset();
        const floorText = await textTurns(floor.url);
        const floorTextRequests = counter.count();
        rows.push(
          { figure: `text turns, ${TEXT_CONVERSATIONS} conversations at once: p50`, value: percentile(textSorted, 50), floor: percentile(floorText, 50), unit: 'ms' },
          { figure: `text turns, ${TEXT_CONVERSATIONS} conversations at once: p99`, value: percentile(textSorted, 99), floor: percentile(floorText, 99), unit: 'ms' },
          { figure: 'storage round trips per text turn', value: textRequests / textTurnCount, floor: floorTextRequests / textTurnCount, unit: '' },
        );
      }
      rows.push({ figure: `peak RSS of the bot process (${VOTERS} voters; compiled, start:prod flags; floor under tsx with the same heap flags)`, value: botPeakRss, floor: floor.peakRssMb(), unit: 'MB' });
      console.log('');
      printTable(rows);
      console.log(`BENCH_ROWS ${JSON.stringify(rows)}`);
      console.log(`(card answered: ${answers[0]!.length} characters, the floor answers the same card)`);
    } finally {
      await floor.stop();
    }

    if (latest.length !== VOTERS || ballots.length !== VOTERS) {
      console.error(`FAIL: ${latest.length} votes recorded, expected ${VOTERS}`);
      process.exitCode = 1;
    }
  } finally {
    await bot.stop();
    await counter.close();
    await front.close();
    await stub.close();
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
