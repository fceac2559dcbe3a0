// Inbound authentication as an attacker would probe it: the bot runs with a real app id, the
// Bot Framework's OpenID metadata and keys are served from locally generated RSA keys (nock,
// Microsoft's hosts only), and every request that is not signed by the channel for this bot is
// refused with 401 before any handler runs. A valid token gets a reply, sent with the bot's own
// token fetched from Entra ID (also nock).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { messageActivity, type Person } from '../support/activities.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { newSigningKey, signJwt, type SigningKey } from '../support/jwt.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const APP_ID = '6f1d0c52-7b8e-4a55-9d0e-5a3c2b1e0f01';
const APP_PASSWORD = 'not-a-real-secret';
const BOT_TENANT = '2c0a6f9e-31c4-4b7d-8e59-0d7f4a1b6c22';
const CHANNEL_ISSUER = 'https://api.botframework.com';
const OUTBOUND_TOKEN = 'outbound-token-for-the-connector';

const channelKey = newSigningKey('channel-key-1', ['msteams']);
const skypeOnlyKey = newSigningKey('skype-only-key', ['skype']);
const attackerKey = newSigningKey('channel-key-1'); // same kid as the real key, different key

let app: TestApp;
let conversations: ConversationTable;
/** Every request that reached Microsoft's (mocked) hosts: method and URL. */
const microsoftCalls: string[] = [];

function mockMicrosoftCloud(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1/);
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, () => {
      microsoftCalls.push('GET https://login.botframework.com/v1/.well-known/openidconfiguration');
      return {
        issuer: CHANNEL_ISSUER,
        authorization_endpoint: 'https://invalid.botframework.com',
        jwks_uri: 'https://login.botframework.com/v1/.well-known/keys',
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      };
    })
    .get('/v1/.well-known/keys')
    .reply(200, () => {
      microsoftCalls.push('GET https://login.botframework.com/v1/.well-known/keys');
      return { keys: [channelKey.jwk, skypeOnlyKey.jwk] };
    });

  // MSAL (client credentials) for the bot's outgoing calls: tenant metadata, then the token.
  const login = 'https://login.microsoftonline.com';
  nock(login)
    .persist()
    .get(/.*/)
    .reply(200, (uri) => {
      microsoftCalls.push(`GET ${login}${uri}`);
      if (uri.includes('/discovery/instance')) {
        return {
          tenant_discovery_endpoint: `${login}/${BOT_TENANT}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com'] }],
        };
      }
      return {
        token_endpoint: `${login}/${BOT_TENANT}/oauth2/v2.0/token`,
        authorization_endpoint: `${login}/${BOT_TENANT}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${login}/${BOT_TENANT}/oauth2/v2.0/logout`,
        issuer: `${login}/${BOT_TENANT}/v2.0`,
        jwks_uri: `${login}/${BOT_TENANT}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
      };
    })
    .post(/\/oauth2\/v2\.0\/token/)
    .reply(200, (uri, body) => {
      microsoftCalls.push(`POST ${login}${uri} ${String(body)}`);
      return { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: OUTBOUND_TOKEN };
    });
}

/** A Connector that records each request's headers, so the test sees how the bot signs replies. */
interface RecordingConnector {
  url: string;
  requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

async function startRecordingConnector(): Promise<RecordingConnector> {
  const requests: RecordingConnector['requests'] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${requests.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  // botbuilder writes every refused token (and the keys it tried) to console.error.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  mockMicrosoftCloud();
  app = await startTestApp({
    programmes: [testProgramme()],
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, MicrosoftAppTenantId: BOT_TENANT, MicrosoftAppType: 'SingleTenant' },
  });
  conversations = new ConversationTable(
    new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString })), { now: () => Date.now() },
  );
});

afterAll(async () => {
  await app.stop();
  nock.cleanAll();
  nock.enableNetConnect();
  vi.restoreAllMocks();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims the Bot Framework channel puts on a request to this bot. */
const channelClaims = (serviceUrl: string, overrides: Record<string, unknown> = {}) => ({
  iss: CHANNEL_ISSUER,
  aud: APP_ID,
  serviceurl: serviceUrl,
  nbf: nowSeconds() - 60,
  iat: nowSeconds() - 60,
  exp: nowSeconds() + 3600,
  ...overrides,
});

const post = (activity: unknown, authorization?: string) =>
  fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });

/** Each probe talks as its own person in its own chat, so its traces are its alone. */
const prober = (n: number): Person => ({ id: `29:prober-${n}`, aadObjectId: `aad-prober-${n}`, name: `Prober ${n}` });
const asMember = (from: Person, serviceUrl = app.connector.url) =>
  messageActivity({ serviceUrl, tenantId: TENANT, from: { ...from, aadObjectId: people.member.aadObjectId } }, 'help');

const bearer = (claims: Record<string, unknown>, key: Pick<SigningKey, 'kid' | 'privateKey'> = channelKey) =>
  `Bearer ${signJwt(claims, key)}`;

const unsignedToken = (claims: Record<string, unknown>) =>
  `Bearer ${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

/** HS256 signed with the public key's PEM as the secret: the classic algorithm-confusion forgery. */
async function hmacWithPublicKey(claims: Record<string, unknown>): Promise<string> {
  const { createHmac, createPublicKey } = await import('node:crypto');
  const pem = createPublicKey({ key: channelKey.jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const input = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: channelKey.kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `Bearer ${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}

describe('POST /api/messages without a valid channel token', () => {
  const cases: [string, (serviceUrl: string) => string | undefined | Promise<string>][] = [
    ['no Authorization header', () => undefined],
    ['an empty Authorization header', () => ''],
    ['a Basic header', () => `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`],
    ['a Bearer header with garbage', () => 'Bearer not.a.token'],
    ['an expired token', (url) => bearer(channelClaims(url, { iat: nowSeconds() - 7200, nbf: nowSeconds() - 7200, exp: nowSeconds() - 3600 }))],
    ['a token not valid yet', (url) => bearer(channelClaims(url, { nbf: nowSeconds() + 3600, iat: nowSeconds() }))],
    ['a token for another bot (wrong audience)', (url) => bearer(channelClaims(url, { aud: 'b5d0e8a1-0000-4000-8000-000000000000' }))],
    ['a token without an audience', (url) => bearer(channelClaims(url, { aud: undefined }))],
    ['a token from another issuer', (url) => bearer(channelClaims(url, { iss: 'https://api.botframework.evil.example' }))],
    ['a token signed with another key under the channel key id (bad signature)', (url) => bearer(channelClaims(url), attackerKey)],
    ['a token with a tampered payload', (url) => {
      const [header, , signature] = signJwt(channelClaims(url), channelKey).split('.');
      const payload = Buffer.from(JSON.stringify(channelClaims(url, { aud: APP_ID, extra: 'tampered' }))).toString('base64url');
      return `Bearer ${header}.${payload}.${signature}`;
    }],
    ['an unsigned token (alg none)', (url) => unsignedToken(channelClaims(url))],
    ['an HS256 token keyed with the public key (algorithm confusion)', (url) => hmacWithPublicKey(channelClaims(url))],
    ['a token whose key is endorsed for another channel only', (url) => bearer(channelClaims(url), skypeOnlyKey)],
  ];

  it.each(cases.map(([name, make], i) => [name, make, i] as const))('%s → 401, no handler runs', async (_name, make, i) => {
    const from = prober(i);
    const activity = asMember(from);
    const before = app.connector.sent.length;
    const res = await post(activity, await make(app.connector.url));
    expect(res.status).toBe(401);
    // The turn would have replied and stored the chat; neither happened.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.connector.sent.length).toBe(before);
    expect(await conversations.byId(TENANT, activity.conversation.id)).toBeUndefined();
  });

  it('a genuine token for one serviceUrl, replayed with the attacker\'s serviceUrl → 401, nothing sent there', async () => {
    const attacker = await startRecordingConnector();
    try {
      const activity = asMember(prober(100), attacker.url);
      const res = await post(activity, bearer(channelClaims(app.connector.url)));
      expect(res.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The bot's own token would have been handed to the attacker with the reply.
      expect(attacker.requests).toEqual([]);
      expect(await conversations.byId(TENANT, activity.conversation.id)).toBeUndefined();
    } finally {
      await attacker.close();
    }
  });
});

describe('POST /api/messages with a valid channel token', () => {
  it('→ 200, the reply is sent to the serviceUrl with the bot\'s own token, and the chat is stored', async () => {
    const connector = await startRecordingConnector();
    try {
      const activity = asMember(prober(200), connector.url);
      const res = await post(activity, bearer(channelClaims(connector.url)));
      expect(res.status).toBe(200);
      const replies = connector.requests.filter((r) => r.method === 'POST' && r.url.includes('/activities'));
      expect(replies).toHaveLength(1);
      expect(replies[0]?.url).toContain(`/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities`);
      // Every call the bot made to the Connector (the reply, any roster read) carried its own token.
      for (const request of connector.requests) expect(request.headers.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
      expect(await conversations.byId(TENANT, activity.conversation.id)).toBeDefined();
      // The outgoing token came from the bot's own tenant with its own credentials.
      const tokenCall = microsoftCalls.find((c) => c.startsWith('POST https://login.microsoftonline.com/'));
      expect(tokenCall).toContain(`/${BOT_TENANT}/oauth2/v2.0/token`);
      expect(tokenCall).toContain(`client_id=${APP_ID}`);
      expect(tokenCall).toContain('grant_type=client_credentials');
      expect(decodeURIComponent(tokenCall ?? '')).toContain('scope=https://api.botframework.com/.default');
    } finally {
      await connector.close();
    }
  });

  it('the same token through the shared test Connector also works (the refusals above were the token\'s fault)', async () => {
    const before = app.connector.sent.length;
    const activity = asMember(prober(201));
    const res = await post(activity, bearer(channelClaims(app.connector.url)));
    expect(res.status).toBe(200);
    await app.connector.waitFor(before + 1);
    expect(await conversations.byId(TENANT, activity.conversation.id)).toBeDefined();
  });
});
