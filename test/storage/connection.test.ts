// Production storage access: with an account name (and no connection string) the adapter uses
// a managed-identity credential against the account's public endpoints. No network: building
// credentials and clients makes no request; only getToken or an operation would.
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { describe, expect, it, vi } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';

// Records every ManagedIdentityCredential the code under test constructs, as a real subclass so
// `instanceof` against the SDK's class still holds.
const constructed = vi.hoisted(() => ({ instances: [] as object[], args: [] as unknown[][] }));
vi.mock('@azure/identity', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@azure/identity')>();
  const Base = actual.ManagedIdentityCredential as unknown as new (...args: unknown[]) => object;
  class RecordingManagedIdentityCredential extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      constructed.instances.push(this);
      constructed.args.push(args);
    }
  }
  return { ...actual, ManagedIdentityCredential: RecordingManagedIdentityCredential };
});

class FakeCredential implements TokenCredential {
  async getToken(): Promise<AccessToken | null> {
    throw new Error('a unit test must not ask for a token');
  }
}

describe('storageClients with a managed identity', () => {
  it('asks credentialFor for the configured client id and points at the account endpoints', () => {
    const credential = new FakeCredential();
    const credentialFor = vi.fn((_clientId?: string): TokenCredential => credential);
    const clients = storageClients(
      { kind: 'managed-identity', accountName: 'samspillprod', clientId: '6f1c2f7e-3d52-4a4a-9b1e-2f0d8c1a7b55' },
      credentialFor,
    );

    expect(credentialFor).toHaveBeenCalledTimes(1);
    expect(credentialFor).toHaveBeenCalledWith('6f1c2f7e-3d52-4a4a-9b1e-2f0d8c1a7b55');

    const table = clients.table('ideas');
    expect(table.url).toBe('https://samspillprod.table.core.windows.net');
    expect(table.tableName).toBe('ideas');
    expect(clients.service().url).toBe('https://samspillprod.table.core.windows.net');

    const queue = clients.queue('reminders');
    expect(queue.url).toBe('https://samspillprod.queue.core.windows.net/reminders');
    expect(queue.name).toBe('reminders');
    expect(queue.accountName).toBe('samspillprod');
    // One credential for every client, not one per call.
    expect(credentialFor).toHaveBeenCalledTimes(1);
  });

  it('passes no client id for a system-assigned identity', () => {
    const credentialFor = vi.fn((_clientId?: string): TokenCredential => new FakeCredential());
    storageClients({ kind: 'managed-identity', accountName: 'samspillprod' }, credentialFor);
    expect(credentialFor).toHaveBeenCalledWith(undefined);
  });

  it('builds a ManagedIdentityCredential by default (system-assigned, or user-assigned by client id)', async () => {
    const { ManagedIdentityCredential } = await vi.importActual<typeof import('@azure/identity')>('@azure/identity');
    constructed.instances.length = 0;
    constructed.args.length = 0;

    const systemAssigned = storageClients({ kind: 'managed-identity', accountName: 'samspillprod' });
    expect(systemAssigned.table('ideas').url).toBe('https://samspillprod.table.core.windows.net');
    expect(constructed.instances).toHaveLength(1);
    expect(constructed.instances[0]).toBeInstanceOf(ManagedIdentityCredential);
    expect(constructed.args[0]).toEqual([]);

    storageClients({ kind: 'managed-identity', accountName: 'samspillprod', clientId: '6f1c2f7e-3d52-4a4a-9b1e-2f0d8c1a7b55' });
    expect(constructed.instances).toHaveLength(2);
    expect(constructed.instances[1]).toBeInstanceOf(ManagedIdentityCredential);
    // (The SDK adds its own fields to the options object, so match rather than compare.)
    expect(constructed.args[1]).toHaveLength(1);
    expect(constructed.args[1]?.[0]).toMatchObject({ clientId: '6f1c2f7e-3d52-4a4a-9b1e-2f0d8c1a7b55' });
  });
});

describe('storageClients with a connection string', () => {
  it('never asks for a managed-identity credential', () => {
    const credentialFor = vi.fn((_clientId?: string): TokenCredential => new FakeCredential());
    const clients = storageClients(
      {
        kind: 'connection-string',
        connectionString:
          'DefaultEndpointsProtocol=https;AccountName=samspilltest;AccountKey=' +
          Buffer.from('not-a-real-key').toString('base64') +
          ';EndpointSuffix=core.windows.net',
      },
      credentialFor,
    );
    expect(clients.table('ideas').url).toBe('https://samspilltest.table.core.windows.net');
    expect(clients.queue('reminders').url).toBe('https://samspilltest.queue.core.windows.net/reminders');
    expect(credentialFor).not.toHaveBeenCalled();
  });
});
