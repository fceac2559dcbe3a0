// Configuration is validated at startup; each mistake names the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '../../src/platform/config/env.js';
import { storageTargetFrom } from '../../src/platform/storage/connection.js';

describe('readEnv', () => {
  it('has working defaults for a local run', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', SAMSPILL_PROGRAMMES: 'programmes/demo.json' });
    expect(env.MicrosoftAppId).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SAMSPILL_MAX_BODY_BYTES: '10' }, 'SAMSPILL_MAX_BODY_BYTES'],
    [{ MicrosoftAppType: 'Sometimes' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: 'app', MicrosoftAppTenantId: 't' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppId: 'app', MicrosoftAppTenantId: 't', MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=https://x)' }, 'Key Vault'],
  ])('rejects %j naming %s', (source, name) => {
    expect(() => readEnv(source)).toThrow(ConfigError);
    expect(() => readEnv(source)).toThrow(name);
  });

  it('treats empty strings as unset', () => {
    expect(readEnv({ MicrosoftAppId: '', AZURE_STORAGE_CONNECTION_STRING: ' ' }).AZURE_STORAGE_CONNECTION_STRING).toBeUndefined();
  });
});

describe('storageTargetFrom', () => {
  it('prefers a connection string, then a managed identity for an account name, else embedded', () => {
    expect(storageTargetFrom(readEnv({ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true', AZURE_STORAGE_ACCOUNT_NAME: 'x' }))).toEqual({
      kind: 'connection-string',
      connectionString: 'UseDevelopmentStorage=true',
    });
    expect(storageTargetFrom(readEnv({ AZURE_STORAGE_ACCOUNT_NAME: 'samspillprod', AZURE_CLIENT_ID: 'cid' }))).toEqual({
      kind: 'managed-identity',
      accountName: 'samspillprod',
      clientId: 'cid',
    });
    expect(storageTargetFrom(readEnv({}))).toBeUndefined();
  });
});
