// The bot's identity modes. With MicrosoftAppType=UserAssignedMSI the adapter's credentials come
// from the managed identity: the token is fetched from the host's identity endpoint (App Service's
// IDENTITY_ENDPOINT, stubbed here on 127.0.0.1: the only Microsoft part), for the identity whose
// client id is the bot's app id, and no secret is read. The client-secret modes keep using the
// app registration's secret.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManagedIdentityServiceClientCredentialsFactory, PasswordServiceClientCredentialFactory, type AppCredentials } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '../../src/config/env.js';
import { botAuthConfig, botCredentialsFactory } from '../../src/http/botCredentials.js';

const APP_ID = '6f1c1d2e-0b7a-4c1e-9a3b-1f2e3d4c5b6a'; // the user-assigned identity's client id
const TENANT_ID = '0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a';
const msiEnv = { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID };

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

  it('no app id: local mode, authentication off', async () => {
    expect(await botCredentialsFactory(readEnv({})).isAuthenticationDisabled()).toBe(true);
  });
});
