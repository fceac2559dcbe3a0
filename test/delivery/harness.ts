// Wires the real delivery parts for a test: in-memory Azurite (tables + queue), the limiting
// Connector stub, a CloudAdapter without auth, and workers that each act as one bot instance.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterEach, beforeEach, expect } from 'vitest';
import type { DeliveryJob } from '../../src/shared/delivery.js';
import type { ConversationRecord } from '../../src/shared/ports.js';
import type { StorageClients } from '../../src/platform/storage/connection.js';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { DeliveryLedger } from '../../src/platform/delivery/deliveryLedger.js';
import { DELIVERY_QUEUE, DeliveryQueue } from '../../src/platform/delivery/deliveryQueue.js';
import { QueuedDelivery } from '../../src/platform/delivery/queuedDelivery.js';
import { DeliveryWorker, type BudgetShare, type DeliveryWorkerOptions, type WorkerLog } from '../../src/platform/delivery/deliveryWorker.js';
import { DeliveryBudget, type DeliveryBudgetOptions } from '../../src/platform/delivery/deliveryBudget.js';
import { InstanceRegistry } from '../../src/platform/delivery/instanceRegistry.js';
import { createPersonalChatOpener } from '../../src/platform/channel/personalChatOpener.js';
import { ARRIVAL_JITTER_MARGIN_MS, RateLimiter, type RateLimiterOptions } from '../../src/platform/delivery/rateLimits.js';
import { createSendToTeams, type SendToTeams } from '../../src/platform/channel/sendToTeams.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { startLimitingConnectorStub, type LimitingConnectorStub, type LimitingStubOptions } from '../support/limitingConnectorStub.js';
import { guardFor } from '../support/openGuard.js';
import { deliveryStores } from '../support/deliveryStores.js';
import type { Programme } from '../../src/shared/programme/schema.js';

export const TENANT = 'tenant-a';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  obj: unknown;
  msg: string | undefined;
}

export interface WorkerOverrides {
  instanceId?: string;
  send?: SendToTeams;
  limiter?: RateLimiterOptions;
  options?: Partial<DeliveryWorkerOptions>;
  /** The instance's share of the tenant budget (see `budget`); absent: alone. */
  budget?: BudgetShare;
}

export interface Harness {
  azurite: TestAzurite;
  stub: LimitingConnectorStub;
  clients: StorageClients;
  conversations: ConversationTable;
  ledger: DeliveryLedger;
  queue: DeliveryQueue;
  delivery: QueuedDelivery;
  /** The one real send function (through botbuilder to the stub). */
  send: SendToTeams;
  /** Errors that reached adapter.onTurnError: must stay empty. */
  turnErrors: unknown[];
  logs: LogLine[];
  personal(aadObjectId: string): Promise<ConversationRecord>;
  channel(conversationId: string): Promise<ConversationRecord>;
  worker(overrides?: WorkerOverrides): DeliveryWorker;
  /** An instance's heartbeat in the registry of this storage account (started by the caller). */
  budget(instanceId: string, options?: Partial<DeliveryBudgetOptions>): DeliveryBudget;
  /** Messages in the queue, visible or not. */
  queueLength(): Promise<number>;
  stop(): Promise<void>;
}

export const TEST_WORKER_OPTIONS: Partial<DeliveryWorkerOptions> = {
  concurrency: 4,
  leaseMs: 10_000,
  visibilityMs: 10_000,
  sendTimeoutMs: 2_000,
  idlePollMs: 200,
  retry: { maxAttempts: 6, baseMs: 100, maxBackoffMs: 1_000, maxRescheduleMs: 2_000, giveUpAfterMs: 60_000 },
};

export const reminder = (key: string, target: DeliveryJob['target'], extra: Partial<DeliveryJob> = {}): DeliveryJob => ({
  key,
  tenantId: TENANT,
  discloses: [],
  target,
  message: { kind: 'card', card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Rapport: ${key}` }] } },
  ...extra,
});

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `programmes`: what the disclosure guard knows; jobs disclosing other programmes' content are refused. */
export async function startHarness(stubOptions: LimitingStubOptions = {}, programmes: readonly Programme[] = []): Promise<Harness> {
  const azurite = await startTestAzurite();
  const stub = await startLimitingConnectorStub(stubOptions);
  const { clients, tables, conversations, ledger, queue, clock, delivery, parked } = deliveryStores(azurite.connectionString);
  const registry = new InstanceRegistry(tables);
  const turnErrors: unknown[] = [];
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (_turn, error) => void turnErrors.push(error);
  const send = createSendToTeams(adapter, '', guardFor(programmes));
  const openPersonalChat = createPersonalChatOpener({
    adapter,
    botAppId: '',
    channelsOf: (tenantId) => conversations.channelsOf(tenantId, 1),
    save: (record) => conversations.save(record),
    now: clock.now,
  });
  const logs: LogLine[] = [];
  const log: WorkerLog = {
    info: ((obj: unknown, msg?: string) => void logs.push({ level: 'info', obj, msg })) as WorkerLog['info'],
    warn: ((obj: unknown, msg?: string) => void logs.push({ level: 'warn', obj, msg })) as WorkerLog['warn'],
    error: ((obj: unknown, msg?: string) => void logs.push({ level: 'error', obj, msg })) as WorkerLog['error'],
  };
  const workers: { stop(o?: { abandon?: boolean }): Promise<void> }[] = [];
  const budgets: DeliveryBudget[] = [];
  let n = 0;

  const save = async (record: Omit<ConversationRecord, 'updatedAt' | 'tenantId'>) => {
    const full: ConversationRecord = { ...record, tenantId: TENANT, updatedAt: Date.now() };
    await conversations.save(full);
    return full;
  };
  const reference = (conversationId: string, conversationType: string, user?: string) => ({
    channelId: 'msteams',
    serviceUrl: stub.url,
    locale: 'nb-NO',
    conversation: { id: conversationId, conversationType, tenantId: TENANT },
    bot: { id: '28:samspill-bot', name: 'Samspill' },
    ...(user ? { user: { id: `29:${user}`, aadObjectId: user } } : {}),
  });

  return {
    azurite,
    stub,
    clients,
    conversations,
    ledger,
    queue,
    delivery,
    send,
    turnErrors,
    logs,
    personal: (aad) =>
      save({ conversationId: `a:personal-${aad}`, kind: 'personal', userAadObjectId: aad, reference: reference(`a:personal-${aad}`, 'personal', aad) }),
    channel: (id) => save({ conversationId: id, kind: 'channel', reference: reference(id, 'channel') }),
    worker(overrides = {}) {
      const worker = new DeliveryWorker({
        instanceId: overrides.instanceId ?? `instance-${++n}`,
        ...(overrides.budget ? { budget: overrides.budget } : {}),
        openPersonalChat,
        parked,
        queue,
        ledger,
        conversations,
        send: overrides.send ?? send,
        limiter: new RateLimiter({ marginMs: ARRIVAL_JITTER_MARGIN_MS, ...overrides.limiter }),
        clock,
        random: Math.random,
        log,
        options: { ...TEST_WORKER_OPTIONS, ...overrides.options },
      });
      workers.push(worker);
      return worker;
    },
    budget(instanceId, options = {}) {
      const budget = new DeliveryBudget({ instanceId, registry, now: clock.now, log, options });
      budgets.push(budget);
      return budget;
    },
    async queueLength() {
      const properties = await clients.queue(DELIVERY_QUEUE).getProperties();
      return properties.approximateMessagesCount ?? 0;
    },
    async stop() {
      await Promise.all([...workers, ...budgets].map((w) => w.stop({ abandon: true })));
      await stub.close();
      await azurite.stop();
    },
  };
}

/** A fresh harness per test, stopped after it, failing the test if anything reached onTurnError. */
export function harnessPerTest(): () => Harness {
  let h: Harness | undefined;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    expect(h?.turnErrors).toEqual([]);
    await h?.stop();
  });
  return () => h as Harness;
}

/** Whether every one of the keys has ended (sent or failed) in the ledger. */
export async function allSettled(h: Harness, keys: readonly string[]): Promise<boolean> {
  const records = await Promise.all(keys.map((k) => h.ledger.find(TENANT, k)));
  return records.every((r) => r?.state === 'sent' || r?.state === 'failed');
}
