// Bad input, generated: whatever arrives on POST /api/messages and whatever data a card action
// carries, the service answers without a 5xx, without an internal failure behind a 200 (the
// "try again" apology), without storing anything invalid, and stays healthy. Every card verb is
// fuzzed: the list comes from the real routers, so a new verb is covered the day it is added.
import { TableClient } from '@azure/data-tables';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdeaRepository } from '../../src/features/ideas/app/ideaRepository.js';
import { isWebLink } from '../../src/shared/text.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { CardRenderer } from '../../src/platform/cards/cardRenderer.js';
import { ideaVerbs } from '../../src/features/ideas/teams/ideaVerbs.js';
import { verbs } from '../../src/platform/routing/verbs.js';
import { invokeActivity, messageActivity, searchActivity, type Person } from '../support/activities.js';
import { cardText, conversationWith } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { rawRequest } from '../support/rawHttp.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const MAX_BODY = 262_144; // the service's default SAMSPILL_MAX_BODY_BYTES
const now = Date.UTC(2026, 4, 4, 8);
const programme = testProgramme();

let app: TestApp;
let ideasTable: TableClient;

/** Every card verb the service routes, with the field names its schema declares. */
const cards = new CardRenderer();
const routed = { ...verbs({ cards }), ...ideaVerbs({ ideas: {} as IdeaRepository, cards, leaderNotices: { assigned: async () => undefined } }) };
const verbFields: [string, string[]][] = Object.entries(routed).map(([verb, definition]) => {
  const shape = (definition.schema as { shape?: Record<string, unknown> }).shape;
  return [verb, shape ? Object.keys(shape) : []];
});

const tryAgain = [translate('nb', 'error.tryAgain'), translate('en', 'error.tryAgain')];

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme], now: () => now, env: { SAMSPILL_MAX_BODY_BYTES: String(MAX_BODY) } });
  ideasTable = TableClient.fromConnectionString(app.azurite.connectionString, 'ideas', { allowInsecureConnection: true });
  // Something to act on: one real idea, so generated numbers can hit it.
  const chat = conversationWith(app, TENANT);
  await chat.click(people.member, 'idea.register', {
    programmeId: 'dsop',
    submissionId: 'seed-submission-1',
    title: 'Frø',
    description: 'En idé som finnes.',
    party: 'finans-norge',
  });
});
afterAll(async () => app.stop());

const rows = async () => {
  const out: { rowKey: string; data?: string }[] = [];
  for await (const row of ideasTable.listEntities<{ data?: string }>()) out.push({ rowKey: row.rowKey ?? '', data: row.data });
  return out;
};
/** Rows a registration writes (not the number counter, which a refused submission may advance). */
const contentRows = async () => (await rows()).filter((r) => !r.rowKey.startsWith('counter|')).map((r) => r.rowKey).sort();

const healthy = async () => (await fetch(`${app.url}/healthz`)).status;

/** The service may refuse; it may not fail. A 501 is the protocol's "not an invoke I handle". */
const acceptableStatus = (status: number, body: unknown) => {
  if (status < 500) return true;
  const activity = body as { type?: unknown; name?: unknown } | null;
  return status === 501 && activity?.type === 'invoke' && activity.name !== 'adaptiveCard/action';
};

// ---- generators -------------------------------------------------------------------------

const templateLooking = fc.constantFrom(
  '${title}',
  '${1+1}',
  '${$root.title}',
  '${$root}',
  '${$data}',
  "${if(true, 'yes', 'no')}",
  '${join(createArray(1,2), "-")}',
  '${string(1)}',
  '{{title}}',
  '{{7*7}}',
  '#{7*7}',
  '<%= 7*7 %>',
  '%s%n',
  '{0}',
  '$when',
  '${',
  '}',
  '\\${title}',
  '<at>Samspill</at>',
  '<script>alert(1)</script>',
  "' or PartitionKey ne '",
  '../../etc/passwd',
);

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(templateLooking, fc.string({ maxLength: 8 })), { maxLength: 5 }).map((p) => p.join(' ')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u00a0', '\u200b', '\ufeff', '\n\t', 'ø'.repeat(121), 'x'.repeat(4001)) },
);

/** Up to 24 KB each, so a verb's fields and stray keys together stay under the body limit. */
const huge = fc.integer({ min: 5_000, max: 12_000 }).map((n) => 'Æ'.repeat(n));

const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 2, arbitrary: fc.constantFrom('dsop', 'DSOP', ' dsop ', 'DSOP-2026-001', 'dsop-2026-001', 'DSOP-2026-999', 'DSOP-9999-999999', 'finans-norge', '1', '5', '0', '-1', '1e3', 'NaN') },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: huge },
);

const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'score.nytteverdi', 'score.gjennomforbarhet', 'score.__proto__', 'score.constructor', 'score.', 'score.ukjent'),
);

/** Card data for a verb: its own fields (each present or not) with any values, plus stray keys. */
const dataFor = (fields: string[]) =>
  fc
    .tuple(
      fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }),
      fc.dictionary(key, value, { maxKeys: 4 }),
    )
    .map(([own, stray]) => ({ ...stray, ...own }));

const actor = fc.constantFrom<Person>(people.member, people.office, people.chair, people.observer, people.outsider, {
  id: '29:anonymous',
  aadObjectId: '',
  name: '',
});
const locale = fc.constantFrom('nb-NO', 'en-US', 'nn-NO', 'de-DE', '', 'x'.repeat(300), 'nb-NO\u0000');

// ---- /api/messages bodies ----------------------------------------------------------------

describe('POST /api/messages with generated bodies', () => {
  /** Activity-shaped objects: the envelope is valid often enough to reach the adapter and bot. */
  const activityish = () =>
    fc.record(
      {
        type: fc.oneof(
          fc.constantFrom('message', 'invoke', 'installationUpdate', 'conversationUpdate', 'messageReaction', 'event', 'typing', 'endOfConversation', 'Message', ' message'),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        serviceUrl: fc.oneof({ weight: 8, arbitrary: fc.constant('STUB') }, { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('ftp://x', 'javascript:alert(1)', 'not a url', '')) }),
        conversation: fc.oneof(
          { weight: 6, arbitrary: fc.record({ id: fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constant('a:personal-fuzz')), tenantId: fc.oneof(fc.constant(TENANT), value), conversationType: fc.oneof(fc.constantFrom('personal', 'channel', 'groupChat'), value) }, { requiredKeys: ['id'] }) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        ),
        from: fc.oneof(fc.record({ id: value, aadObjectId: fc.oneof(fc.constantFrom('aad-member', 'aad-office'), value), name: value }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 2 })),
        recipient: fc.oneof(fc.constant({ id: '28:samspill-bot' }), fc.jsonValue({ maxDepth: 2 })),
        text: value,
        locale: fc.oneof(locale, value),
        name: fc.oneof(fc.constantFrom('adaptiveCard/action', 'application/search', 'composeExtension/query', 'task/fetch', 'signin/verifyState', 'healthCheck'), value),
        value: fc.oneof(
          fc.record({ action: fc.oneof(fc.record({ type: fc.oneof(fc.constant('Action.Execute'), value), verb: fc.oneof(fc.constantFrom(...Object.keys(routed)), value), data: fc.oneof(dataFor(['programmeId', 'number', 'title']), value) }, { requiredKeys: [] }), value), trigger: value }, { requiredKeys: [] }),
          fc.jsonValue({ maxDepth: 3 }),
        ),
        channelData: fc.oneof(fc.record({ tenant: fc.oneof(fc.record({ id: fc.oneof(fc.constant(TENANT), value) }), value) }), fc.jsonValue({ maxDepth: 3 })),
        membersAdded: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), value),
        action: value,
        channelId: fc.oneof(fc.constant('msteams'), value),
        id: value,
        timestamp: fc.oneof(fc.constant(new Date().toISOString()), value),
        replyToId: value,
        entities: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), value),
        attachments: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), value),
      },
      { requiredKeys: ['type', 'serviceUrl', 'conversation'] },
    );

  const body = fc.oneof(
    { weight: 6, arbitrary: activityish().map((a) => JSON.stringify(a).replaceAll('"STUB"', JSON.stringify(app.connector.url))) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '"message"', '{"type":"message"}', '{"__proto__":{"type":"message"}}', '{"constructor":{"prototype":{"x":1}}}') },
  );

  it('never answers 5xx, never fails inside a 200, and stays healthy', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = app.connector.sent.length;
        const res = await app.post(raw);
        await res.arrayBuffer();
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          parsed = undefined;
        }
        expect(acceptableStatus(res.status, parsed), `status ${res.status}`).toBe(true);
        const replies = app.connector.sent.slice(before).map((s) => String(s.activity.text ?? ''));
        for (const reply of replies) expect(tryAgain).not.toContain(reply);
      }),
      { numRuns: 150 },
    );
    expect(await healthy()).toBe(200);
  });

  it('takes deeply nested JSON without a 5xx', async () => {
    const nested = (depth: number, leaf: string) => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
    const arrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const activity = (field: string, json: string) =>
      JSON.stringify({ ...messageActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: people.member }, 'help'), [field]: 0 }).replace(
        `"${field}":0`,
        `"${field}":${json}`,
      );
    for (const depth of [100, 5_000, 50_000]) {
      for (const field of ['value', 'channelData', 'entities', 'from', 'text']) {
        const res = await app.post(activity(field, depth % 2 ? arrays(depth) : nested(depth, '1')));
        expect(res.status, `${field} at depth ${depth}`).toBeLessThan(500);
      }
      expect((await app.post(nested(depth, '{}'))).status).toBeLessThan(500);
    }
    expect(await healthy()).toBe(200);
  });

  it('takes huge strings just under the body limit, and refuses bodies over it with 413', async () => {
    const as = { serviceUrl: app.connector.url, tenantId: TENANT, from: people.member };
    /** The shape's JSON grown to `bytes` bytes ('x' is one byte; a shape may use the filler twice). */
    const sized = (bytes: number, make: (filler: string) => unknown) => {
      const base = Buffer.byteLength(JSON.stringify(make('')));
      const perChar = Buffer.byteLength(JSON.stringify(make('x'))) - base;
      const json = JSON.stringify(make('x'.repeat(Math.floor((bytes - base) / perChar))));
      expect(Math.abs(Buffer.byteLength(json) - bytes)).toBeLessThanOrEqual(perChar);
      return json;
    };
    const shapes: [string, (filler: string) => unknown][] = [
      ['message text', (f) => messageActivity(as, f)],
      ['invoke data', (f) => invokeActivity(as, 'idea.register', { programmeId: 'dsop', submissionId: 'huge-1234', title: f, description: f })],
      ['unknown field', (f) => ({ ...messageActivity(as, 'help'), junk: f })],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shapes), fc.integer({ min: 100_000, max: MAX_BODY - 256 }), async ([name, make], bytes) => {
        const res = await app.post(sized(bytes, make));
        expect(res.status, `${name}, ${bytes} bytes`).toBeLessThan(500);
        expect(res.status).not.toBe(413);
      }),
      { numRuns: 12 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shapes), fc.integer({ min: MAX_BODY + 1, max: MAX_BODY * 4 }), async ([name, make], bytes) => {
        const res = await app.post(sized(bytes, make));
        expect(res.status, `${name}, ${bytes} bytes`).toBe(413);
      }),
      { numRuns: 12 },
    );
    // Without a Content-Length (chunked), and not JSON at all.
    const chunked = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(16_384)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await app.post('y'.repeat(MAX_BODY + 10))).status).toBe(413);
    expect(await healthy()).toBe(200);
  });

  it('generated headers (codings, types, lengths that lie) are refused with a 4xx, never a 5xx or a dead process', async () => {
    const valid = JSON.stringify(messageActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: people.member }, 'help'));
    const header = (name: string, values: fc.Arbitrary<string>) => fc.option(values.map((v) => [name, v] as const), { nil: undefined });
    const headers = fc.tuple(
      header('Content-Encoding', fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'GZIP', 'gzip, gzip', 'x-bogus', '')),
      header('Content-Type', fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', '')),
      header('Content-Length', fc.oneof(fc.constant('-1'), fc.constant('abc'), fc.constant(String(MAX_BODY * 8)), fc.nat({ max: 4096 }).map(String))),
      header('Transfer-Encoding', fc.constantFrom('chunked', 'gzip, chunked')),
    );
    const payload = fc.oneof(fc.constant(valid), fc.constant('\x1f\x8b\x08\x00garbage'), fc.string({ maxLength: 200 }));
    await fc.assert(
      fc.asyncProperty(headers, payload, async (pairs, body) => {
        const sent = Object.fromEntries(pairs.filter((p) => p !== undefined));
        if (sent['Transfer-Encoding'] && sent['Content-Length']) delete sent['Transfer-Encoding']; // Node refuses both with 400 itself
        const answer = await rawRequest({ url: app.url, headers: { ...sent, Connection: 'close' }, body, timeoutMs: 5_000 });
        if (answer.status !== undefined) expect(answer.status, JSON.stringify(sent)).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    expect(await healthy()).toBe(200);
  });
});

// ---- card verbs ----------------------------------------------------------------------------

describe('every card verb with generated data', () => {
  it('the routers expose the verbs this test fuzzes', () => {
    expect(verbFields.map(([verb]) => verb)).toEqual(expect.arrayContaining(['help.show', 'idea.register', 'idea.show', 'idea.stop']));
    // The fields come from the schemas themselves, so generated data exercises them.
    expect(Object.fromEntries(verbFields)['idea.register']).toEqual(expect.arrayContaining(['programmeId', 'submissionId', 'title', 'description', 'party']));
  });

  it.each(verbFields)('%s answers every input with a card, never a failure', async (verb, fields) => {
    const chat = (who: Person, lang: string, data: unknown) =>
      app.post(invokeActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: who, locale: lang }, verb, data as Record<string, unknown>));
    await fc.assert(
      fc.asyncProperty(actor, locale, dataFor(fields), async (who, lang, data) => {
        const res = await chat(who, lang, data);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { statusCode: number; type: string; value: { type?: string } };
        expect(body.statusCode).toBe(200);
        expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
        expect(body.value.type).toBe('AdaptiveCard');
        const shown = cardText(body.value);
        for (const apology of tryAgain) expect(shown).not.toContain(apology);
      }),
      { numRuns: 40 },
    );
  });

  it('a typeahead search (application/search) with generated values is answered 2xx/4xx in the shape Teams reads', async () => {
    const searchValue = fc.oneof(
      fc.record(
        {
          queryText: fc.oneof(fc.string({ maxLength: 60 }), value),
          dataset: fc.oneof(fc.constantFrom('programmePeople', 'nope', ''), value),
          queryOptions: fc.oneof(fc.record({ skip: fc.oneof(fc.integer(), value), top: fc.oneof(fc.integer(), value) }, { requiredKeys: [] }), value),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(searchValue, fc.constantFrom(people.office, people.member), async (v, who) => {
        const res = await app.post(searchActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: who }, v));
        expect(res.status).toBeLessThan(500);
        const body = (await res.json()) as { type?: string };
        expect(['application/vnd.microsoft.search.searchResponse', 'application/vnd.microsoft.error']).toContain(body.type);
      }),
      { numRuns: 80 },
    );
    expect(await healthy()).toBe(200);
  });

  it('an unknown or malformed verb is answered, not failed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'idea.register ', 'IDEA.SHOW')), async (verb) => {
        const res = await app.post(invokeActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: people.office }, verb, {}));
        expect(res.status).toBe(200);
        const body = (await res.json()) as { statusCode: number; value: unknown };
        expect(body.statusCode).toBe(200);
        for (const apology of tryAgain) expect(cardText(body.value)).not.toContain(apology);
      }),
      { numRuns: 60 },
    );
  });

  it('left nothing invalid in storage: every idea is well-formed, every history row has its idea', async () => {
    const all = await rows();
    const ideas = all.filter((r) => r.rowKey.startsWith('idea|')).map((r) => JSON.parse(r.data ?? '{}') as Record<string, unknown>);
    expect(ideas.length).toBeGreaterThan(0);
    for (const idea of ideas) {
      const title = String(idea.title);
      expect(title).toBe(title.trim());
      expect(title.length).toBeGreaterThan(0);
      expect(title.length).toBeLessThanOrEqual(120);
      expect(String(idea.description).trim().length).toBeGreaterThan(0);
      expect(programme.parties.map((p) => p.id)).toContain(idea.party);
      expect(idea.number).toMatch(/^DSOP-2026-\d{3,6}$/);
      for (const link of idea.links as string[]) expect(isWebLink(link)).toBe(true);
    }
    const numbers = new Set(ideas.map((i) => i.number));
    for (const row of all.filter((r) => r.rowKey.startsWith('history|') || r.rowKey.startsWith('assessment|'))) {
      const entry = JSON.parse(row.data ?? '{}') as { ideaNumber?: string; scores?: Record<string, number> };
      expect(numbers).toContain(entry.ideaNumber);
      for (const score of Object.values(entry.scores ?? {})) expect([1, 2, 3, 4, 5]).toContain(score);
    }
    expect(await healthy()).toBe(200);
  });
});

// ---- registrations ---------------------------------------------------------------------------

describe('idea.register', () => {
  const valid = { programmeId: 'dsop', title: 'Gyldig tittel', description: 'Gyldig beskrivelse.', party: 'finans-norge' };
  const submissionId = fc.stringMatching(/^[a-z0-9-]{8,40}$/);

  it('stores nothing for invalid input', async () => {
    const invalid = fc.oneof(
      fc.constantFrom('', ' ', '\u00a0\u2003', '\n').map((title) => ({ title })),
      fc.integer({ min: 121, max: 3_000 }).map((n) => ({ title: 'T'.repeat(n) })),
      fc.constantFrom('', '   ').map((description) => ({ description })),
      fc.integer({ min: 4_001, max: 20_000 }).map((n) => ({ description: 'd'.repeat(n) })),
      fc.string({ minLength: 1, maxLength: 30 }).filter((p) => !programme.parties.some((x) => x.id === p.trim())).map((party) => ({ party })),
      fc.oneof(fc.constantFrom('javascript:alert(1)', 'ftp://x', 'www.example.org', 'file:///etc/passwd'), templateLooking).map((links) => ({ links })),
      fc.constantFrom('short', '', 'x'.repeat(65)).map((id) => ({ submissionId: id })),
      fc.oneof(fc.constant('skate'), fc.constant(''), fc.string({ maxLength: 10 })).filter((p) => p.trim() !== 'dsop').map((programmeId) => ({ programmeId })),
      value.filter((v) => typeof v !== 'string').map((title) => ({ title })),
    );
    await fc.assert(
      fc.asyncProperty(submissionId, invalid, fc.constantFrom('nb-NO', 'en-US'), async (id, change, lang) => {
        const before = await contentRows();
        const res = await app.post(
          invokeActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: people.member, locale: lang }, 'idea.register', { ...valid, submissionId: id, ...change }),
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as { value: unknown };
        expect(cardText(body.value)).not.toMatch(/Registrert som|Registered as/);
        expect(await contentRows()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('shows template-looking text literally in the confirmation card and stores it as typed', async () => {
    let submissions = 0;
    const literal = fc
      .array(fc.oneof({ weight: 3, arbitrary: templateLooking }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) }), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(' ').trim())
      .filter((t) => t.length > 0 && t.length <= 120 && /\S/.test(t) && t === t.trim());
    await fc.assert(
      fc.asyncProperty(literal, literal, async (title, description) => {
        const res = await app.post(
          invokeActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: people.member }, 'idea.register', {
            ...valid,
            submissionId: `literal-${++submissions}`,
            title,
            description,
          }),
        );
        const body = (await res.json()) as { value: unknown };
        const shown = cardText(body.value);
        expect(shown, shown.slice(0, 600)).toMatch(/Registered as DSOP-2026-\d+/);
        expect(shown.split('\n')).toContain(title);
        expect(shown).toContain(description);
        const number = /DSOP-2026-\d+/.exec(shown)?.[0] ?? '';
        const stored = (await rows()).find((r) => r.rowKey === `idea|${number}`);
        expect(JSON.parse(stored?.data ?? '{}')).toMatchObject({ title, description });
      }),
      { numRuns: 40 },
    );
  });
});
