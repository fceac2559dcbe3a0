// The bot's identity modes. With MicrosoftAppType=UserAssignedMSI the adapter's credentials come
// from the managed identity: the token is fetched from the host's identity endpoint (App Service's
// IDENTITY_ENDPOINT, stubbed here on 127.0.0.1), for the identity whose client id is the bot's app
// id, and no secret is read. With SingleTenant and MicrosoftAppFederatedClientId the app
// registration's token is asked of Entra (nock: Microsoft's cloud) with that managed identity's
// token as the client assertion, again without a secret. The client-secret mode keeps using the
// app registration's secret. MultiTenant is refused: Azure Bot no longer creates such bots.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FederatedServiceClientCredentialsFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  PasswordServiceClientCredentialFactory,
  type AppCredentials,
} from 'botframework-connector';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '../../src/platform/config/env.js';
import { botAuthConfig, botCredentialsFactory } from '../../src/platform/channel/botCredentials.js';

const APP_ID = '6f1c1d2e-0b7a-4c1e-9a3b-1f2e3d4c5b6a'; // the user-assigned identity's client id
const TENANT_ID = '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a';
const msiEnv = { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID };
const REGISTRATION_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'; // the (multi-tenant) app registration
const federatedEnv = { MicrosoftAppId: REGISTRATION_ID, MicrosoftAppTenantId: TENANT_ID, MicrosoftAppFederatedClientId: APP_ID };

interface IdentityCall {
  url: URL;
  header: string | undefined;
}

let identity: Server;
const calls: IdentityCall[] = [];

beforeAll(async () => {
  // App Service's managed identity endpoint (api-version 2019-08-01).
  identity = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    calls.push({ url, header: req.headers['x-identity-header'] as string | undefined });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        access_token: `token-for-${url.searchParams.get('client_id')}`,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: url.searchParams.get('client_id'),
      }),
    );
  });
  await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
  process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`;
  process.env.IDENTITY_HEADER = 'identity-header-secret';
});

afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  delete process.env.IDENTITY_ENDPOINT;
  delete process.env.IDENTITY_HEADER;
  await new Promise((resolve) => identity.close(resolve));
});

describe('configuration of the UserAssignedMSI mode', () => {
  it('needs no secret, and refuses one', () => {
    expect(readEnv(msiEnv)).toMatchObject({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: APP_ID });
    expect(() => readEnv({ ...msiEnv, MicrosoftAppPassword: 'left-over' })).toThrow(ConfigError);
    expect(() => readEnv({ ...msiEnv, MicrosoftAppPassword: 'left-over' })).toThrow(/MicrosoftAppPassword: must not be set/);
  });

  it('needs the identity’s tenant', () => {
    expect(() => readEnv({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI' })).toThrow(/MicrosoftAppTenantId: required for a UserAssignedMSI bot/);
  });

  it('gives the adapter no password setting', () => {
    expect(botAuthConfig(readEnv(msiEnv))).toEqual({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID });
    expect(botAuthConfig(readEnv({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppTenantId: TENANT_ID }))).toMatchObject({ MicrosoftAppPassword: 's' });
  });
});

describe('configuration of the SingleTenant modes', () => {
  it('needs exactly one credential: a secret or a federated managed identity', () => {
    expect(readEnv(federatedEnv)).toMatchObject({ MicrosoftAppType: 'SingleTenant', MicrosoftAppFederatedClientId: APP_ID });
    expect(() => readEnv({ ...federatedEnv, MicrosoftAppPassword: 's' })).toThrow(/MicrosoftAppPassword: must not be set together with MicrosoftAppFederatedClientId/);
    expect(() => readEnv({ MicrosoftAppId: REGISTRATION_ID, MicrosoftAppTenantId: TENANT_ID })).toThrow(/MicrosoftAppPassword or MicrosoftAppFederatedClientId: one is required/);
    expect(() => readEnv({ ...federatedEnv, MicrosoftAppTenantId: '' })).toThrow(/MicrosoftAppTenantId: required for a SingleTenant bot/);
  });

  it('refuses a federated identity that is the bot itself, or with UserAssignedMSI', () => {
    expect(() => readEnv({ ...federatedEnv, MicrosoftAppFederatedClientId: REGISTRATION_ID })).toThrow(/is the bot id itself/);
    expect(() => readEnv({ ...msiEnv, MicrosoftAppFederatedClientId: REGISTRATION_ID })).toThrow(/MicrosoftAppFederatedClientId: only for SingleTenant/);
  });

  it('refuses MultiTenant, naming what to do instead', () => {
    expect(() => readEnv({ MicrosoftAppId: REGISTRATION_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'MultiTenant' })).toThrow(
      /MicrosoftAppType: MultiTenant bots can no longer be created.*SingleTenant with a multi-tenant app registration/,
    );
  });
});

describe('the credentials the adapter gets', () => {
  it('UserAssignedMSI: a managed identity factory for the app id, authentication on', async () => {
    const factory = botCredentialsFactory(readEnv(msiEnv));
    expect(factory).toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
    expect(await factory.isValidAppId(APP_ID)).toBe(true);
    expect(await factory.isValidAppId('someone-else')).toBe(false);
    expect(await factory.isAuthenticationDisabled()).toBe(false);
  });

  it('UserAssignedMSI: the Connector token comes from the identity endpoint, for that identity', async () => {
    const factory = botCredentialsFactory(readEnv(msiEnv));
    const credentials = await factory.createCredentials(APP_ID, 'https://api.botframework.com', 'https://login.microsoftonline.com/botframework.com', true);
    const token = await (credentials as AppCredentials).getToken(true);
    expect(token).toBe(`token-for-${APP_ID}`);
    const call = calls.at(-1)!;
    expect(call.url.pathname).toBe('/msi/token');
    expect(call.url.searchParams.get('client_id')).toBe(APP_ID);
    expect(call.url.searchParams.get('resource')).toMatch(/^https:\/\/api\.botframework\.com/);
    expect(call.header).toBe('identity-header-secret');
  });

  it('SingleTenant: the client secret, for the app registration’s tenant', async () => {
    const factory = botCredentialsFactory(readEnv({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT_ID }));
    expect(factory).not.toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
    const inner = (factory as unknown as { inner: unknown }).inner;
    expect(inner).toBeInstanceOf(PasswordServiceClientCredentialFactory);
    expect(inner).toMatchObject({ appId: APP_ID, password: 'secret', tenantId: TENANT_ID });
    expect(await factory.isAuthenticationDisabled()).toBe(false);
  });

  it('SingleTenant, federated: a federated factory for the app registration, authentication on', async () => {
    const factory = botCredentialsFactory(readEnv(federatedEnv));
    expect(factory).toBeInstanceOf(FederatedServiceClientCredentialsFactory);
    expect(await factory.isValidAppId(REGISTRATION_ID)).toBe(true);
    expect(await factory.isValidAppId(APP_ID)).toBe(false);
    expect(await factory.isAuthenticationDisabled()).toBeFalsy();
    expect(botAuthConfig(readEnv(federatedEnv))).toEqual({ MicrosoftAppId: REGISTRATION_ID, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT_ID });
  });

  it('SingleTenant, federated: the registration’s token from the tenant, with the managed identity’s token as assertion', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    const issued: Record<string, string>[] = [];
    const entra = nock('https://login.microsoftonline.com')
      .persist()
      .get(/\/discovery\/instance/)
      .reply(200, {
        tenant_discovery_endpoint: `https://login.microsoftonline.com/${TENANT_ID}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net'] }],
      })
      .get(`/${TENANT_ID}/v2.0/.well-known/openid-configuration`)
      .reply(200, {
        token_endpoint: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/token`,
        authorization_endpoint: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/authorize`,
        end_session_endpoint: `https://login.microsoftonline.com/${TENANT_ID}/oauth2/v2.0/logout`,
        issuer: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
        jwks_uri: `https://login.microsoftonline.com/${TENANT_ID}/discovery/v2.0/keys`,
      })
      .post((path) => path.startsWith(`/${TENANT_ID}/oauth2/v2.0/token`))
      .reply(200, (_uri, body) => {
        issued.push(Object.fromEntries(new URLSearchParams(String(body))));
        return { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'registration-token' };
      });
    try {
      const factory = botCredentialsFactory(readEnv(federatedEnv));
      const credentials = await factory.createCredentials(REGISTRATION_ID, 'https://api.botframework.com', 'https://login.microsoftonline.com/botframework.com', true);
      expect(await (credentials as AppCredentials).getToken(true)).toBe('registration-token');
      // The managed identity was asked for a token for Entra's token exchange …
      const call = calls.at(-1)!;
      expect(call.url.searchParams.get('client_id')).toBe(APP_ID);
      expect(call.url.searchParams.get('resource')).toMatch(/^api:\/\/AzureADTokenExchange/);
      // … and that token, not a secret, proved the registration to its own tenant.
      expect(issued).toHaveLength(1);
      expect(issued[0]).toMatchObject({
        client_id: REGISTRATION_ID,
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: `token-for-${APP_ID}`,
      });
      expect(issued[0]!.scope).toMatch(/^https:\/\/api\.botframework\.com\/\.default/);
      expect(issued[0]).not.toHaveProperty('client_secret');
    } finally {
      entra.persist(false);
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });

  it('no app id: local mode, authentication off', async () => {
    expect(await botCredentialsFactory(readEnv({})).isAuthenticationDisabled()).toBe(true);
  });
});
