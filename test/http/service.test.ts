// The foundation over real HTTP: restify + CloudAdapter + in-memory Azurite + Connector stub.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installActivity, messageActivity, type ActivityOptions } from '../support/activities.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
const as = (from = people.member, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({
  serviceUrl: app.connector.url,
  tenantId: TENANT,
  from,
  ...extra,
});

const cardOf = (activity: Record<string, unknown>) =>
  (activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined)?.[0];
const texts = (card: unknown): string =>
  JSON.stringify(card)
    .match(/"text":"(?:[^"\\]|\\.)*"/g)
    ?.join('\n') ?? '';

beforeAll(async () => {
  app = await startTestApp({ programmes: [testProgramme()] });
});
afterAll(async () => app.stop());
beforeEach(() => app.connector.clear());

describe('GET /healthz', () => {
  it('is 200 with JSON while storage answers', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'ok' });
  });
});

describe('help', () => {
  it('answers "help" in English through the serviceUrl, listing the roles', async () => {
    const res = await app.post(messageActivity(as(people.chair, { locale: 'en-US' }), 'help'));
    expect(res.status).toBe(200);
    const [sent] = await app.connector.waitFor(1);
    expect(sent?.conversationId).toBe(`a:personal-aad-chair`);
    const card = cardOf(sent!.activity);
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const body = texts(card?.content);
    expect(body).toContain('What you can do');
    expect(body).toContain('Chair of Steering group');
  });

  it('answers "hjelp" in Bokmål, with an @mention and odd casing', async () => {
    await app.post(messageActivity(as(people.observer, { locale: 'nb-NO' }), '<at>Samspill</at>  HJELP!'));
    const [sent] = await app.connector.waitFor(1);
    const body = texts(cardOf(sent!.activity)?.content);
    expect(body).toContain('Hva du kan gjøre');
    expect(body).toContain('Observatør i Styringsgruppen (uten stemmerett)');
  });

  it('tells a person outside every programme that they are not registered', async () => {
    await app.post(messageActivity(as(people.outsider, { locale: 'nn-NO' }), 'hjelp'));
    const [sent] = await app.connector.waitFor(1);
    expect(texts(cardOf(sent!.activity)?.content)).toContain('Du er ikke registrert i noe program');
  });

  it('answers the welcome card\'s help button (an Action.Execute invoke) with the help card', async () => {
    const res = await app.post({
      ...messageActivity(as(people.office), ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'help.show', data: {} }, trigger: 'manual' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(texts(body.value)).toContain('Programme office');
  });
});

describe('unknown input', () => {
  it('gets a short localised hint', async () => {
    await app.post(messageActivity(as(people.member, { locale: 'nb-NO' }), 'hva er klokka'));
    const [sent] = await app.connector.waitFor(1);
    expect(sent?.activity.text).toBe('Jeg forstod ikke «hva er klokka». Skriv «hjelp» for å se hva du kan gjøre.');
  });

  it('an unknown verb gets a localised error card, not a 500', async () => {
    const res = await app.post({
      ...messageActivity(as(people.member), ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'nope.nothing', data: {} }, trigger: 'manual' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: unknown };
    expect(texts(body.value)).toContain('I don\'t recognise this button');
  });
});

describe('install', () => {
  it('sends a welcome card and stores the conversation reference', async () => {
    await app.post(installActivity(as(people.member, { locale: 'nb-NO' })));
    const [sent] = await app.connector.waitFor(1);
    const body = texts(cardOf(sent!.activity)?.content);
    expect(body).toContain('Velkommen til Samspill');
    expect(body).toContain('Deltaker (Finans Norge)');
    const { ConversationTable } = await import('../../src/platform/storage/conversationTable.js');
    const { Tables } = await import('../../src/platform/storage/tables.js');
    const { storageClients } = await import('../../src/platform/storage/connection.js');
    const store = new ConversationTable(
      new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })), { now: () => Date.now() },
    );
    const record = await store.personalFor(TENANT, people.member.aadObjectId);
    expect(record?.conversationId).toBe('a:personal-aad-member');
    expect((record?.reference as { serviceUrl?: string }).serviceUrl).toBe(app.connector.url);
    expect(await store.personalFor('another-tenant', people.member.aadObjectId)).toBeUndefined();
  });
});

describe('a steady-state turn', () => {
  it('writes no conversation reference: only a first or a changed one is stored', async () => {
    const { ConversationTable } = await import('../../src/platform/storage/conversationTable.js');
    const { Tables, tenantPartition, keyPart } = await import('../../src/platform/storage/tables.js');
    const { storageClients } = await import('../../src/platform/storage/connection.js');
    const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
    const store = new ConversationTable(tables, { now: () => Date.now() });
    const table = await tables.get('conversations');
    const person = people.member.aadObjectId;
    const etagsNow = async () => [
      (await table.getEntity(tenantPartition(TENANT, 'personal'), keyPart(person))).etag,
      (await table.getEntity(tenantPartition(TENANT, 'conversation'), keyPart(`a:personal-${person}`))).etag,
    ];
    await app.post(messageActivity(as(people.member, { locale: 'nb-NO' }), 'hjelp'));
    const stored = await etagsNow();
    for (let i = 0; i < 3; i++) await app.post(messageActivity(as(people.member, { locale: 'nb-NO' }), 'hjelp'));
    expect(await etagsNow()).toEqual(stored);
    await app.post(messageActivity(as(people.member, { locale: 'en-GB' }), 'help'));
    expect((await etagsNow())[0]).not.toBe(stored[0]);
    expect((await store.personalFor(TENANT, person))?.reference).toMatchObject({ locale: 'en-GB' });
  });
});

describe('bad requests', () => {
  it('malformed JSON gets 400 and the service stays healthy', async () => {
    const res = await app.post('{"type": "message", ');
    expect(res.status).toBe(400);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('a JSON array or scalar gets 400', async () => {
    expect((await app.post('[1,2]')).status).toBe(400);
    expect((await app.post('42')).status).toBe(400);
  });

  it('an oversized body gets 413', async () => {
    const res = await app.post(messageActivity(as(), 'x'.repeat(400_000)));
    expect(res.status).toBe(413);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('an activity without a serviceUrl or type is refused with a 4xx', async () => {
    const res = await app.post({ text: 'help' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
