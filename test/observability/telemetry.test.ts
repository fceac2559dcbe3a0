// Telemetry end to end: the real service (restify over HTTP, real Bot Framework activities, real
// in-memory Azurite, the delivery worker sending to the Connector stub through a fault proxy)
// with OpenTelemetry started as the preload starts it (Azure Monitor's distro, its exporter
// sending to a local ingestion stub), plus an in-memory span exporter and metric reader. One
// gate vote (open, cast, close) and one reminder tick (sent, throttled until it fails, no
// conversation) are driven through it. The spans and metrics must be the ones
// docs/operations.md lists, with their attributes; message text and card data never appear.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpanKind } from '@opentelemetry/api';
import { AggregationTemporality, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Telemetry } from '../../src/platform/observability/azureMonitor.js';
import type { Programme } from '../../src/shared/programme/schema.js';
import type { Person } from '../support/activities.js';
import { actionData, cardText, conversationWith, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startIngestionStub, type IngestionStub } from './ingestionStub.js';
import type { ObservedApp } from './observedApp.js';
import { missingTelemetry, readOperationsTable, type Emitted } from './operationsTable.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const operationsDoc = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');

/** Collects on demand (the distro's own reader exports every minute). */
class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

// Text a user typed and card data: none of it may reach a span, a metric or a log line.
const SECRET_MESSAGE = 'hemmelig-melding-7f3a2c';
const SECRET_COMMENT = 'hemmelig-kommentar-9c1e55';
const SECRET_TITLE = 'Hemmelig-tittel-41b0';

const text = (nb: string, en = nb) => ({ nb, en });
const programme = (): Programme =>
  testProgramme({
    schedules: [
      {
        id: 'statusrapport',
        name: text('Månedlig statusrapport', 'Monthly status report'),
        kind: 'status-report',
        cadence: { kind: 'monthly', exceptMonths: [7] },
        recipients: 'project-leaders',
        deadlineBusinessDays: 5,
        remindBusinessDaysBefore: [3, 1],
      },
    ],
  } as Partial<Programme>);

const CHANNEL = '19:styring@thread.tacv2';
const inChannel = (messageId = '1700000000001') => ({ conversation: { id: `${CHANNEL};messageid=${messageId}`, conversationType: 'channel' as const } });

let clockNow = Date.UTC(2026, 10, 23, 9); // Monday 23 November 2026, 10:00 in Oslo
let ingestion: IngestionStub;
let telemetry: Telemetry;
let service: ObservedApp;
const spans = new InMemorySpanExporter();
const reader = new CollectingReader();
let metricsSeen: ResourceMetrics;
let chat: ReturnType<typeof conversationWith>;

const say = (from: Person, words: string, extra = {}) => chat.say(from, words, { serviceUrl: service.serviceUrl, ...extra });
const click = (from: Person, verb: string, data: Record<string, unknown>, extra = {}) =>
  chat.click(from, verb, data, { serviceUrl: service.serviceUrl, ...extra });

const personal = (person: Person) => `a:personal-${person.aadObjectId}`;

beforeAll(async () => {
  // The exporter's own usage reporting would go to Microsoft; this machine is offline.
  process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED = 'true';
  process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED = 'true';
  ingestion = await startIngestionStub();
  const { startTelemetry } = await import('../../src/platform/observability/azureMonitor.js');
  telemetry = await startTelemetry({
    connectionString: ingestion.connectionString,
    exporterOptions: { disableOfflineStorage: true, additionalPolicies: [ingestion.plainHttp] },
    spanProcessors: [new SimpleSpanProcessor(spans)],
    metricReaders: [reader],
  });
  // Imported after telemetry has started, as the preload arranges in production.
  const { startObservedApp } = await import('./observedApp.js');
  service = await startObservedApp({
    programmes: [programme()],
    now: () => clockNow,
    // No wait for first contact here: the test needs a person that fails as unreachable at once.
    deliveryWorker: { idlePollMs: 100, firstContactWaitMs: 0, retry: { maxAttempts: 2, baseMs: 10, maxBackoffMs: 50, maxRescheduleMs: 100, giveUpAfterMs: 1_000 } },
  });
  chat = conversationWith(service, TENANT);
  // Personal chats with the bot for everyone but the observer (who then cannot be reached).
  for (const person of [people.office, people.chair, people.member]) await say(person, 'help');
  await driveGateVote();
  await driveReminderTick();
  metricsSeen = (await reader.collect()).resourceMetrics;
  // What the distro's batch processor and metric reader hold goes to the ingestion stub now.
  await telemetry.flush();
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await telemetry?.shutdown();
  await ingestion?.close();
});

/** Link the channel, put an idea to BP1, vote (with a comment), close by hand. */
async function driveGateVote(): Promise<void> {
  await say(people.office, '<at>Samspill</at> link styringsgruppen', inChannel());
  const form = actionData(await click(people.member, 'idea.form', { programmeId: 'dsop' }), 'idea.register');
  const registered = await click(people.member, 'idea.register', {
    ...form,
    programmeId: 'dsop',
    title: SECRET_TITLE,
    description: 'Beskrivelse.',
    party: 'finans-norge',
  });
  const number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(registered))?.[1];
  if (!number) throw new Error(`no idea number in ${cardText(registered)}`);
  await click(people.office, 'idea.prioritise', { programmeId: 'dsop', number, rank: '1' });
  await click(people.office, 'idea.qualify', { programmeId: 'dsop', number, assessment: 'Moden.', recommendation: 'Anbefales.' });
  const proposeForm = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
  const deadlineDate = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
  const opened = await click(people.office, 'gate.propose', { ...actionData(proposeForm, 'gate.propose'), deadlineDate, deadlineTime: '16:00' });
  expect(cardText(opened)).toMatch(/is put to Steering group/);
  const posted = await waitFor(() => service.connector.sent.find((s) => s.conversationId === CHANNEL && s.method === 'POST'), 'the vote card');
  const voteId = actionData((posted.activity.attachments as { content: unknown }[])[0]!.content, 'gate.vote').voteId as string;
  const ref = { programmeId: 'dsop', voteId };
  expect(cardText(await click(people.member, 'gate.vote', { ...ref, choice: 'for', comment: SECRET_COMMENT }, inChannel('1700000000099')))).toContain(
    'Your vote is recorded: For.',
  );
  await click(people.chair, 'gate.vote', { ...ref, choice: 'for' }, inChannel('1700000000099'));
  const closed = await click(people.chair, 'gate.close', ref, inChannel('1700000000099'));
  expect(cardText(closed)).toMatch(/adopted|vedtatt/i);
  // An unknown command: the span names it 'unknown', never the words.
  await say(people.member, SECRET_MESSAGE);
}

/** Three project leaders: one is reached, one's chat answers 429 until the job gives up, one
 * has no chat with the bot. */
async function driveReminderTick(): Promise<void> {
  const { storageClients } = await import('../../src/platform/storage/connection.js');
  const { Tables } = await import('../../src/platform/storage/tables.js');
  const { IdeaTable } = await import('../../src/features/ideas/storage/ideaTable.js');
  const { register } = await import('../../src/features/ideas/domain/lifecycle.js');
  const { ok } = await import('../../src/shared/result.js');
  const { osloTime } = await import('../../src/shared/schedule/oslo.js');
  const ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString })));
  const started = osloTime('2026-11-16', 9, 0);
  const dsop = programme();
  for (const [n, leader] of [people.member, people.chair, people.observer].entries()) {
    const result = await ideas.register({ tenantId: TENANT, programmeId: 'dsop' }, `seed-${n}`, { prefix: 'DSOP', year: 2026 }, (num) => {
      const r = register(dsop, {
        number: num,
        title: `Prosjekt ${n}`,
        description: 'Et prosjekt.',
        party: 'skatteetaten',
        links: [],
        submittedBy: { id: leader.aadObjectId, name: leader.name },
        at: started,
      });
      if (!r.ok) return r;
      return ok({ idea: { ...r.value.idea, status: 'active', phase: 'konsept', phaseStartedAt: started, projectLeader: leader.aadObjectId }, history: r.value.history });
    });
    if (!result.ok) throw new Error('seed');
  }
  const chairChat = encodeURIComponent(personal(people.chair));
  service.proxy.set({ kind: 'status', status: 429 }, (method, path) => method === 'POST' && (path.includes(chairChat) || path.includes(personal(people.chair))));
  clockNow = osloTime('2026-12-01', 9, 0);
  const tick = await service.app.reminders.tick(clockNow);
  expect(tick.queued.length).toBeGreaterThanOrEqual(3);
  await waitFor(
    () => {
      const settled = service.lines.filter((l) => l.msg === 'delivery: failed; recorded for the office');
      const kinds = settled.map((l) => (l.outcome as { kind: string }).kind);
      return kinds.includes('failed-no-conversation') && kinds.includes('failed-gave-up');
    },
    'the failed deliveries',
  );
  await waitFor(() => service.connector.sent.some((s) => s.conversationId === personal(people.member) && JSON.stringify(s.activity).includes('report.submit')), 'Per’s reminder');
  service.proxy.heal();
}

function attributeKeysBy(list: readonly ReadableSpan[]): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  for (const span of list) {
    const keys = byName.get(span.name) ?? new Set<string>();
    for (const key of Object.keys(span.attributes)) keys.add(key);
    byName.set(span.name, keys);
  }
  return byName;
}

function metricAttributeKeys(resource: ResourceMetrics): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  for (const scope of resource.scopeMetrics)
    for (const metric of scope.metrics) {
      const keys = byName.get(metric.descriptor.name) ?? new Set<string>();
      for (const point of metric.dataPoints) for (const key of Object.keys(point.attributes)) keys.add(key);
      byName.set(metric.descriptor.name, keys);
    }
  return byName;
}

type Point = { attributes: Record<string, unknown>; value: unknown };
function points(name: string): Point[] {
  return metricsSeen.scopeMetrics.flatMap((s) => s.metrics.filter((m) => m.descriptor.name === name).flatMap((m) => m.dataPoints as Point[]));
}
const total = (name: string, where: (a: Record<string, unknown>) => boolean = () => true) =>
  points(name)
    .filter((p) => where(p.attributes))
    .reduce((sum, p) => sum + (typeof p.value === 'number' ? p.value : (p.value as { count: number }).count), 0);

const finished = () => spans.getFinishedSpans();
const emitted = (): Emitted => ({ spans: attributeKeysBy(finished()), metrics: metricAttributeKeys(metricsSeen) });

describe('the spans and metrics docs/operations.md lists', () => {
  const documented = readOperationsTable(operationsDoc);

  it('reads a table naming spans and metrics with their attributes', () => {
    expect(documented.filter((d) => d.kind === 'span').map((d) => d.name)).toEqual(expect.arrayContaining(['turn message', 'turn invoke']));
    expect(documented.filter((d) => d.kind === 'metric').length).toBeGreaterThanOrEqual(8);
    expect(documented.find((d) => d.name === 'turn invoke')?.attributes).toContain('samspill.verb');
  });

  it('are all emitted by one vote and one reminder tick, each with every attribute listed', () => {
    expect(missingTelemetry(documented, emitted())).toEqual([]);
  });

  it('would fail on a span, a metric or an attribute the service does not emit', () => {
    const renamed = operationsDoc
      .replace('`samspill.votes.cast`', '`samspill.votes.counted`')
      .replace('| span | `turn invoke` |', '| span | `turn card` |')
      .replace('`samspill.delivery.reason`', '`samspill.delivery.why`');
    expect(missingTelemetry(readOperationsTable(renamed), emitted())).toEqual([
      'span turn card',
      'metric samspill.delivery.failed: attribute samspill.delivery.why',
      'metric samspill.votes.counted',
    ]);
    expect(() => readOperationsTable('| span | turn message | `a` | x |')).toThrow(/one span in backticks/);
  });
});

describe('turn spans', () => {
  it('a card action: verb, ids, outcome, under the HTTP request span', () => {
    const votes = finished().filter((s) => s.name === 'turn invoke' && s.attributes['samspill.verb'] === 'gate.vote');
    expect(votes.length).toBe(2);
    const vote = votes[0]!;
    expect(vote.attributes).toMatchObject({
      'samspill.activity.type': 'invoke',
      'samspill.activity.name': 'adaptiveCard/action',
      'samspill.conversation.id': `${CHANNEL};messageid=1700000000099`,
      'samspill.tenant.id': TENANT,
      'samspill.outcome': 'ok',
      'http.response.status_code': 200,
    });
    expect(vote.kind).toBe(SpanKind.INTERNAL);
    // The distro's HTTP instrumentation made the request span it hangs under.
    const parent = finished().find((s) => s.spanContext().spanId === vote.parentSpanContext?.spanId);
    expect(parent?.kind).toBe(SpanKind.SERVER);
    expect(parent?.attributes['http.target'] ?? parent?.attributes['url.path']).toBe('/api/messages');
    expect(vote.spanContext().traceId).toBe(parent?.spanContext().traceId);
  });

  it('a message: the command from the catalogue, or unknown; never the text', () => {
    const messages = finished().filter((s) => s.name === 'turn message');
    expect(messages.map((s) => s.attributes['samspill.command'])).toEqual(expect.arrayContaining(['help', 'unknown']));
    expect(messages.find((s) => s.attributes['samspill.command'] === 'help')?.attributes).toMatchObject({
      'samspill.activity.type': 'message',
      'samspill.conversation.type': 'personal',
      'samspill.outcome': 'ok',
    });
  });

  it('no span, span event, log line or exported envelope carries what people typed', () => {
    const everything = JSON.stringify([
      finished().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })),
      service.lines,
      ingestion.envelopes,
    ]);
    // The scenario did send them: they are in what reached the Connector (the reply, the card).
    expect(JSON.stringify(service.connector.sent)).toContain(SECRET_TITLE);
    for (const secret of [SECRET_MESSAGE, SECRET_COMMENT, SECRET_TITLE]) expect(everything).not.toContain(secret);
  });
});

describe('dependency spans from the distro (no code of ours)', () => {
  it('HTTP calls to the Bot Connector are client spans', () => {
    const toConnector = finished().filter(
      (s) => s.kind === SpanKind.CLIENT && String(s.attributes['url.full'] ?? s.attributes['http.url'] ?? '').includes(`:${service.proxy.port}/v3/conversations/`),
    );
    expect(toConnector.length).toBeGreaterThan(0);
    const statuses = toConnector.map((s) => s.attributes['http.response.status_code'] ?? s.attributes['http.status_code']);
    expect(statuses).toEqual(expect.arrayContaining([200, 429]));
  });

  it('Azure SDK calls to Table and Queue storage are client spans with az.namespace', () => {
    const azure = finished().filter((s) => s.kind === SpanKind.CLIENT && typeof s.attributes['az.namespace'] === 'string');
    const namespaces = new Set(azure.map((s) => s.attributes['az.namespace']));
    expect([...namespaces].sort()).toEqual(expect.arrayContaining(['Microsoft.Data.Tables', 'Microsoft.Storage']));
  });

  it('the exporter sends them as Application Insights requests, dependencies and metrics', () => {
    const data = (type: string) => ingestion.envelopes.filter((e) => e.data?.baseType === type).map((e) => e.data!.baseData!);
    // What the queries in docs/operations.md read: requests by name, turns in dependencies
    // (InProc) with our attributes as customDimensions, our metrics in customMetrics.
    expect(data('RequestData').map((r) => r.name)).toContain('POST /api/messages');
    const turn = data('RemoteDependencyData').find((d) => d.name === 'turn invoke');
    expect(turn).toMatchObject({ type: 'InProc', properties: { 'samspill.outcome': 'ok', 'samspill.activity.type': 'invoke' } });
    const dependencyTypes = new Set(data('RemoteDependencyData').map((d) => d.type));
    expect([...dependencyTypes]).toEqual(expect.arrayContaining(['Http', 'InProc | Microsoft.Data.Tables', 'InProc | Microsoft.Storage']));
    const metricNames = new Set(data('MetricData').flatMap((m) => (m.metrics as { name: string }[]).map((x) => x.name)));
    for (const row of readOperationsTable(operationsDoc).filter((r) => r.kind === 'metric')) expect(metricNames, row.name).toContain(row.name);
  });
});

describe('delivery and vote metrics', () => {
  it('counts the vote: two ballots cast, one closed by hand and adopted', () => {
    expect(total('samspill.votes.cast', (a) => a['samspill.programme.id'] === 'dsop')).toBe(2);
    expect(points('samspill.votes.closed').map((p) => p.attributes)).toEqual([
      { 'samspill.programme.id': 'dsop', 'samspill.vote.closed_by': 'manual', 'samspill.vote.status': 'adopted' },
    ]);
  });

  it('counts the reminders: sent, retried on 429, throttled, failed with the last status, no conversation', () => {
    expect(total('samspill.delivery.sent')).toBeGreaterThanOrEqual(1);
    expect(total('samspill.delivery.retried', (a) => a['http.response.status_code'] === 429)).toBeGreaterThanOrEqual(1);
    expect(total('samspill.delivery.throttled')).toBeGreaterThanOrEqual(2);
    expect(total('samspill.delivery.failed', (a) => a['samspill.delivery.reason'] === 'retries-exhausted' && a['http.response.status_code'] === 429)).toBeGreaterThanOrEqual(1);
    expect(total('samspill.delivery.failed_no_conversation')).toBeGreaterThanOrEqual(1);
    expect(total('samspill.delivery.queue_age')).toBeGreaterThanOrEqual(3);
  });
});

describe('the log line of each turn', () => {
  it('has the status, the duration, the outcome, the activity ids and the turn span’s trace id', () => {
    const turns = service.lines.filter((l) => l.msg === 'turn');
    const vote = turns.find((l) => (l.activity as { verb?: string }).verb === 'gate.vote');
    expect(vote).toMatchObject({
      status: 200,
      outcome: 'ok',
      activity: { type: 'invoke', name: 'adaptiveCard/action', conversationId: `${CHANNEL};messageid=1700000000099`, tenantId: TENANT, verb: 'gate.vote' },
    });
    expect(vote?.durationMs).toEqual(expect.any(Number));
    expect((vote?.activity as { id?: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    const span = finished().find((s) => s.name === 'turn invoke' && s.attributes['samspill.activity.id'] === (vote?.activity as { id: string }).id);
    expect(vote?.trace_id).toBe(span?.spanContext().traceId);
    // One line per turn: as many lines as turn spans.
    expect(turns.length).toBe(finished().filter((s) => s.name.startsWith('turn ')).length);
  });

  it('a body that is not an activity gets a line with its status, and no turn span', async () => {
    const before = finished().filter((s) => s.name.startsWith('turn ')).length;
    const res = await service.post({ hello: 'world' });
    expect(res.status).toBe(400);
    const line = await waitFor(() => service.lines.find((l) => l.msg === 'turn rejected: not an activity'), 'the rejection line');
    expect(line).toMatchObject({ status: 400, durationMs: expect.any(Number) });
    expect(finished().filter((s) => s.name.startsWith('turn ')).length).toBe(before);
  });
});
