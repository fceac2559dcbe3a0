// Fan-out benchmark: N reminders to N distinct personal chats (default 5,000), two workers acting
// as two bot instances on one queue, against a local Connector that enforces Teams' limits.
// At ~50 requests/s per tenant, 5,000 take at least 100 s; that is the ceiling being measured.
//
//   npx tsx bench/deliveryBench.ts [--count 5000] [--workers 2] [--tenant-rate 50] [--margin 100]
//
// Azurite runs as a child process (data in a temp folder), so the RSS printed is this process:
// workers, storage clients, botbuilder, and the Connector stub.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { DeliveryJob } from '../src/app/delivery.js';
import { DELIVERY_QUEUE } from '../src/storage/deliveryQueue.js';
import { startEmbeddedAzurite } from '../src/storage/embeddedAzurite.js';
import { tenantPartition } from '../src/storage/tables.js';
import { DeliveryWorker, type WorkerLog } from '../src/teams/delivery/deliveryWorker.js';
import { RateLimiter } from '../src/teams/delivery/rateLimits.js';
import { createSendToTeams } from '../src/teams/delivery/sendToTeams.js';
import { startLimitingConnectorStub } from '../test/support/limitingConnectorStub.js';
import { guardWithoutProgrammes } from '../test/support/openGuard.js';
import { deliveryStores } from '../test/support/deliveryStores.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    workers: { type: 'string', default: '2' },
    'tenant-rate': { type: 'string', default: '50' },
    margin: { type: 'string', default: '100' },
  },
});
const COUNT = Number(values.count);
const WORKERS = Number(values.workers);
const TENANT_RATE = Number(values['tenant-rate']);
const MARGIN_MS = Number(values.margin);
const TENANT = 'bench-tenant';

async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

  const dataDir = mkdtempSync(join(tmpdir(), 'samspill-bench-'));
  const azurite = await startEmbeddedAzurite(dataDir);
  const stub = await startLimitingConnectorStub({ keepBodies: false });
  try {
    const { clients, tables, conversations, ledger, queue, clock, delivery } = deliveryStores(azurite.connectionString);

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
    let duplicateEnqueues = 0;
    await inBatches(people, 32, async (aad) => {
      if ((await delivery.enqueue(job(aad))) === 'duplicate') duplicateEnqueues++;
    });
    // The scheduler will re-enqueue on every tick: a second pass must change nothing.
    const repeats = people.slice(0, 500);
    await inBatches(repeats, 32, async (aad) => {
      if ((await delivery.enqueue(job(aad))) === 'duplicate') duplicateEnqueues++;
    });
    console.log(`enqueued ${COUNT} (+${repeats.length} repeats, ${duplicateEnqueues} answered duplicate) in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const turnErrors: unknown[] = [];
    adapter.onTurnError = async (_turn, error) => void turnErrors.push(error);
    const send = createSendToTeams(adapter, '', guardWithoutProgrammes());
    const counts = { warn: 0, error: 0 };
    const warnings = new Map<string, number>();
    const log: WorkerLog = {
      info: (() => undefined) as WorkerLog['info'],
      warn: ((_obj: unknown, msg?: string) => {
        counts.warn++;
        warnings.set(msg ?? '', (warnings.get(msg ?? '') ?? 0) + 1);
      }) as WorkerLog['warn'],
      error: ((obj: unknown, msg?: string) => {
        counts.error++;
        if (counts.error <= 5) console.error(msg, obj);
      }) as WorkerLog['error'],
    };
    const workers = Array.from(
      { length: WORKERS },
      (_, i) =>
        new DeliveryWorker({
          instanceId: `bench-${i}`,
          queue,
          ledger,
          conversations,
          send,
          // Instances do not share a limiter: each gets its share of the tenant's budget.
          limiter: new RateLimiter({ tenantWindows: [{ limit: Math.floor(TENANT_RATE / WORKERS), windowMs: 1_000 }], marginMs: MARGIN_MS }),
          clock,
          random: Math.random,
          log,
        }),
    );

    const started = Date.now();
    for (const w of workers) w.start();
    const progress = setInterval(() => {
      const s = (Date.now() - started) / 1000;
      console.log(`  ${s.toFixed(0)} s: ${stub.accepted.length} delivered, ${stub.throttled()} throttled, rss ${mb(process.memoryUsage().rss)}`);
    }, 10_000);
    let lastCount = -1;
    let lastChange = Date.now();
    while (stub.accepted.length < COUNT) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (stub.accepted.length !== lastCount) {
        lastCount = stub.accepted.length;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > 60_000) {
        console.error('no progress for 60 s; stopping');
        break;
      }
    }
    const lastDelivery = stub.accepted.reduce((m, a) => Math.max(m, a.at), started);
    // Let anything that would be sent twice show itself, then drain.
    const queueClient = clients.queue(DELIVERY_QUEUE);
    const drainBy = Date.now() + 30_000;
    while (((await queueClient.getProperties()).approximateMessagesCount ?? 0) > 0 && Date.now() < drainBy) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    clearInterval(progress);
    await Promise.all(workers.map((w) => w.stop()));

    const states = new Map<string, number>();
    const table = await tables.get('deliveries');
    for await (const row of table.listEntities<{ state: string }>({
      queryOptions: { filter: `PartitionKey eq '${tenantPartition(TENANT, 'delivery')}'`, select: ['state'] },
    })) {
      states.set(row.state, (states.get(row.state) ?? 0) + 1);
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
    const elapsed = (lastDelivery - started) / 1000;
    const throughput = delivered / elapsed;
    const queueLeft = (await queueClient.getProperties()).approximateMessagesCount ?? 0;
    console.log('');
    console.log(`reminders             ${COUNT} to ${COUNT} distinct conversations, ${WORKERS} workers (instances), tenant budget ${TENANT_RATE}/s split ${Math.floor(TENANT_RATE / WORKERS)}/s each, margin ${MARGIN_MS} ms`);
    console.log(`delivered             ${delivered}`);
    console.log(`duplicates            ${duplicates}`);
    console.log(`lost                  ${lost}`);
    console.log(`elapsed               ${elapsed.toFixed(1)} s (first worker start to last accepted send)`);
    console.log(`throughput            ${throughput.toFixed(1)}/s = ${((throughput / 50) * 100).toFixed(1)} % of the 50/s ceiling`);
    console.log(`429s from the stub    ${stub.throttled()} (requests ${stub.requests.length})`);
    console.log(`ledger states         ${[...states].map(([s, n]) => `${s}=${n}`).join(' ')}`);
    console.log(`queue left            ${queueLeft}`);
    console.log(`worker warnings       ${counts.warn}, errors ${counts.error}, onTurnError ${turnErrors.length}`);
    for (const [msg, n] of warnings) console.log(`  ${n} × ${msg}`);
    console.log(`peak RSS              ${mb(peakRss)} (sampled every 250 ms; Azurite is a separate process)`);
    // For the one table of `npm run bench`: the rate beside the stub's ceiling (its floor).
    const rows = [
      { figure: `${COUNT} reminders, ${WORKERS} workers: delivered per second (${duplicates} duplicates, ${lost} lost)`, value: throughput, floor: TENANT_RATE, unit: '/s' },
      { figure: 'peak RSS of the delivery benchmark process (both workers and the stub)', value: peakRss / 1024 / 1024, floor: NaN, unit: 'MB' },
    ];
    console.log(`BENCH_ROWS ${JSON.stringify(rows)}`);
    process.exitCode = duplicates === 0 && lost === 0 ? 0 : 1;
  } finally {
    clearInterval(sampler);
    await stub.close();
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
