// Fan-out benchmark: N reminders to N distinct personal chats (default 5,000), delivered by two
// bot processes (the compiled build, `node dist/main.js`, as in production) on one storage
// account, against a local Connector that enforces Teams' limits. At 50 requests/s per tenant,
// 5,000 take at least 100 s; that ceiling is the floor the rate is read against. Halfway, one bot
// is killed with SIGKILL and started again, as a crashed instance would be. The bots run at their
// defaults: nothing tells them how many they are (they find out through the instance registry).
// `--slow 25000` makes the Connector take each activity at once but answer only 25 s later.
//
//   npm run build && npx tsx bench/deliveryBench.ts [--count 5000] [--workers 2] [--kill-at 0.5] [--slow <ms>] [--profile <dir>]
//
// Azurite runs as a child process (data in a temp folder). RSS is read from each bot process
// (/proc/<pid>/status every 250 ms), so the stub and this driver are not counted.
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { enqueueAll, type DeliveryJob } from '../src/shared/delivery.js';
import { DELIVERY_QUEUE } from '../src/platform/delivery/deliveryQueue.js';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';
import { startLimitingConnectorStub } from '../test/support/limitingConnectorStub.js';
import { deliveryStores } from '../test/support/deliveryStores.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    workers: { type: 'string', default: '2' },
    'kill-at': { type: 'string', default: '0.5' },
    /** The Connector answers each accepted activity this many ms late. */
    slow: { type: 'string', default: '0' },
    /** Writes each bot's CPU profile into this folder. */
    profile: { type: 'string' },
  },
});
const COUNT = Number(values.count);
const WORKERS = Number(values.workers);
const KILL_AT = Number(values['kill-at']); // share delivered when bot 0 is killed; 0 = never
const SLOW_MS = Number(values.slow);
const TENANT_RATE = 50; // Teams' per-tenant ceiling, which the stub enforces
const TENANT = 'bench-tenant';
const BOT = 'dist/main.js';
// The bot runs exactly as `npm run start:prod` runs it (its node flags included).
const START_PROD = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod'] ?? '';
const BOT_ARGS = START_PROD.split(/\s+/).slice(1);

async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The most of `times` (ms, ascending) inside any sliding second (what Teams' 50/s counts), and
 * when that second began. */
const busiestSecond = (times: readonly number[]): { count: number; from: number } => {
  let best = { count: 0, from: 0 };
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= 1_000) start++;
    if (end - start + 1 > best.count) best = { count: end - start + 1, from: times[start] as number };
  }
  return best;
};

interface BotProcess {
  child: ChildProcess;
  /** Highest VmRSS seen, in bytes. */
  peakRss: number;
  exited: Promise<void>;
}

/** Starts one bot instance (delivery worker on, scheduler off) and resolves once it listens. */
async function startBot(connectionString: string, index: number, warnings: Map<string, number>): Promise<BotProcess> {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const child = spawn(process.execPath, [...profile, ...BOT_ARGS], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      SAMSPILL_SCHEDULER: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bot: BotProcess = { child, peakRss: 0, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`bot ${index} did not start`)), 60_000);
    child.once('exit', (code) => reject(new Error(`bot ${index} exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('Samspill is listening')) {
          clearTimeout(timer);
          resolve();
        }
        // Count the bot's warnings and errors by message (pino: level 40 warn, 50 error).
        const found = /"level":(\d+).*"msg":"([^"]*)"/.exec(line);
        if (found && Number(found[1]) >= 40) warnings.set(`bot: ${found[2]}`, (warnings.get(`bot: ${found[2]}`) ?? 0) + 1);
      }
    });
  });
  return bot;
}

const vmRss = (pid: number | undefined): number => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0; // the process is gone
  }
};

async function main(): Promise<void> {
  if (!existsSync(BOT)) throw new Error(`${BOT} is missing: run \`npm run build\` first (npm run bench:delivery does)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'samspill-bench-'));
  const azurite = await startEmbeddedAzurite(dataDir);
  const stub = await startLimitingConnectorStub({ keepBodies: false, answerDelayMs: SLOW_MS });
  const bots: BotProcess[] = [];
  const sampler = setInterval(() => {
    for (const bot of bots) bot.peakRss = Math.max(bot.peakRss, vmRss(bot.child.pid));
  }, 250);
  try {
    const { clients, tables, conversations, delivery } = deliveryStores(azurite.connectionString);

    const people = Array.from({ length: COUNT }, (_, i) => `aad-${String(i).padStart(5, '0')}`);
    let t = Date.now();
    await inBatches(people, 32, (aad) =>
      conversations.save({
        tenantId: TENANT,
        conversationId: `a:personal-${aad}`,
        kind: 'personal',
        userAadObjectId: aad,
        updatedAt: Date.now(),
        reference: {
          channelId: 'msteams',
          serviceUrl: stub.url,
          conversation: { id: `a:personal-${aad}`, conversationType: 'personal', tenantId: TENANT },
          bot: { id: '28:samspill-bot', name: 'Samspill' },
          user: { id: `29:${aad}`, aadObjectId: aad },
        },
      }),
    );
    console.log(`seeded ${COUNT} conversations in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const job = (aad: string): DeliveryJob => ({
      key: `dsop:monthly-status:2025-03:${aad}:reminder`,
      tenantId: TENANT,
      discloses: [],
      target: { kind: 'person', aadObjectId: aad },
      message: {
        kind: 'card',
        card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Statusrapport for mars', wrap: true }] },
      },
    });
    t = Date.now();
    // As the reminder tick does (enqueueAll): the first pass queues every job, and a second pass
    // over some of them, as the next tick would make, must change nothing.
    const queueClient = clients.queue(DELIVERY_QUEUE);
    const first = await enqueueAll(delivery, people.map(job));
    const messages = (await queueClient.getProperties()).approximateMessagesCount ?? 0;
    const repeats = people.slice(0, 500);
    const again = await enqueueAll(delivery, repeats.map(job));
    const duplicateEnqueues = [...first, ...again].filter((a) => a === 'duplicate').length;
    console.log(
      `enqueued ${COUNT} in ${messages} queue messages (+${repeats.length} repeats, ${duplicateEnqueues} answered duplicate) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    const warnings = new Map<string, number>();
    const started = Date.now();
    bots.push(...(await Promise.all(Array.from({ length: WORKERS }, (_, i) => startBot(azurite.connectionString, i, warnings)))));
    console.log(`${WORKERS} bots started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const progress = setInterval(() => {
      const s = (Date.now() - started) / 1000;
      const rss = bots.map((b) => mb(vmRss(b.child.pid))).join(', ');
      console.log(`  ${s.toFixed(0)} s: ${stub.accepted.length} delivered, ${stub.throttled()} throttled, bot rss ${rss}`);
    }, 10_000);
    let killed: { at: number; delivered: number; restartedAfterMs: number } | undefined;
    let lastCount = -1;
    let lastChange = Date.now();
    while (stub.accepted.length < COUNT) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (!killed && KILL_AT > 0 && stub.accepted.length >= COUNT * KILL_AT) {
        // A crash: no shutdown, claims and hidden queue messages left behind.
        const victim = bots[0]!;
        const at = Date.now();
        victim.child.kill('SIGKILL');
        await victim.exited;
        killed = { at, delivered: stub.accepted.length, restartedAfterMs: 0 };
        console.log(`  killed bot 0 (SIGKILL) at ${stub.accepted.length} delivered; restarting`);
        const restarted = await startBot(azurite.connectionString, 0, warnings);
        restarted.peakRss = victim.peakRss;
        bots[0] = restarted;
        killed.restartedAfterMs = Date.now() - at;
      }
      if (stub.accepted.length !== lastCount) {
        lastCount = stub.accepted.length;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > 90_000) {
        console.error('no progress for 90 s; stopping');
        break;
      }
    }
    const firstDelivery = stub.accepted.reduce((m, a) => Math.min(m, a.at), Number.POSITIVE_INFINITY);
    const lastDelivery = stub.accepted.reduce((m, a) => Math.max(m, a.at), started);
    // Let anything that would be sent twice show itself (a job the killed bot held comes back
    // when its lease and its message's visibility run out, 30 s each), then drain.
    const drainBy = Date.now() + 45_000;
    while (((await queueClient.getProperties()).approximateMessagesCount ?? 0) > 0 && Date.now() < drainBy) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    clearInterval(progress);
    await Promise.all(bots.map(async (b) => (b.child.kill('SIGTERM'), await b.exited)));

    const states = new Map<string, number>();
    const table = await tables.get('deliveries');
    for await (const row of table.listEntities<{ state: string; outcome: string }>({
      queryOptions: { select: ['state', 'outcome'] }, // the bench's one tenant: every row of the table
    })) {
      const kind = row.outcome ? (JSON.parse(row.outcome) as { kind: string }).kind : row.state;
      states.set(kind, (states.get(kind) ?? 0) + 1);
    }
    let delivered = 0;
    let duplicates = 0;
    let lost = 0;
    for (const aad of people) {
      const n = stub.deliveriesTo(`a:personal-${aad}`);
      if (n > 0) delivered++;
      if (n > 1) duplicates += n - 1;
      if (n === 0) lost++;
    }
    // The rate is read from the first to the last accepted send: the bots' start-up (a few
    // seconds of loading) is not delivery. The restart after the kill is inside the window.
    const elapsed = (lastDelivery - firstDelivery) / 1000;
    const throughput = (delivered - 1) / elapsed;
    const peakRss = Math.max(...bots.map((b) => b.peakRss));
    const queueLeft = (await queueClient.getProperties()).approximateMessagesCount ?? 0;
    console.log('');
    const arrivals = stub.requests.filter((r) => r.method === 'POST').map((r) => r.at);
    const busiest = busiestSecond(arrivals);
    console.log(`reminders             ${COUNT} to ${COUNT} distinct conversations, ${WORKERS} bot processes (node ${BOT_ARGS.join(' ')}), default settings (the budget is shared through the instance registry)`);
    console.log(`connector             ${SLOW_MS > 0 ? `takes each activity at once, answers ${SLOW_MS / 1000} s later` : 'answers at once'}`);
    console.log(`crash                 ${killed ? `bot 0 killed (SIGKILL) at ${killed.delivered} delivered, listening again ${(killed.restartedAfterMs / 1000).toFixed(1)} s later` : 'none'}`);
    console.log(`delivered             ${delivered}`);
    console.log(`duplicates            ${duplicates}`);
    console.log(`lost                  ${lost}`);
    console.log(`elapsed               ${elapsed.toFixed(1)} s (first to last accepted send; bots started ${((firstDelivery - started) / 1000).toFixed(1)} s before the first)`);
    console.log(`throughput            ${throughput.toFixed(1)}/s = ${((throughput / 50) * 100).toFixed(1)} % of the 50/s ceiling`);
    console.log(`429s from the stub    ${stub.throttled()} (requests ${stub.requests.length})`);
    console.log(`most in any second    ${busiest.count} sends arrived (Teams' limit: ${TENANT_RATE}), in the second from ${((busiest.from - firstDelivery) / 1000).toFixed(1)} s${killed ? ` (the kill at ${((killed.at - firstDelivery) / 1000).toFixed(1)} s)` : ''}`);
    console.log(`ledger outcomes       ${[...states].map(([s, n]) => `${s}=${n}`).join(' ')} (claimed: a send the killed bot had under way, held until its lease lapses, then unconfirmed)`);
    console.log(`queue left            ${queueLeft}`);
    console.log(`bot warnings/errors   ${[...warnings.values()].reduce((a, b) => a + b, 0)}`);
    for (const [msg, n] of warnings) console.log(`  ${n} × ${msg}`);
    console.log(`peak RSS of a bot     ${mb(peakRss)} (VmRSS sampled every 250 ms per bot process; Azurite and the stub are other processes)`);
    // For the one table of `npm run bench`: the rate beside the stub's ceiling (its floor).
    const rows = [
      {
        figure: `${COUNT} reminders, ${WORKERS} bot processes${killed ? ', one killed halfway and restarted' : ''}${SLOW_MS > 0 ? `, Connector answering ${SLOW_MS / 1000} s late` : ''}: delivered per second (${duplicates} duplicates, ${lost} lost, most in a second ${busiest.count})`,
        value: throughput,
        floor: TENANT_RATE,
        unit: '/s',
      },
      { figure: `peak RSS of a bot process delivering (compiled, ${BOT})`, value: peakRss / 1024 / 1024, floor: NaN, unit: 'MB' },
    ];
    console.log(`BENCH_ROWS ${JSON.stringify(rows)}`);
    process.exitCode = duplicates === 0 && lost === 0 ? 0 : 1;
  } finally {
    clearInterval(sampler);
    for (const bot of bots) bot.child.kill('SIGKILL');
    await stub.close();
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
