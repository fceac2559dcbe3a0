// Chooses how to reach Table and Queue storage: a connection string (Azurite locally, or an
// account key), or the account name with a managed identity in Azure.
import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/core-auth';
import { ManagedIdentityCredential } from '@azure/identity';

export type StorageTarget =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'managed-identity'; accountName: string; clientId?: string };

export interface StorageClients {
  target: StorageTarget;
  table(name: string): TableClient;
  queue(name: string): QueueClient;
  service(): TableServiceClient;
}

const isHttp = (connectionString: string) =>
  /(^|;)\s*(TableEndpoint|QueueEndpoint)\s*=\s*http:/i.test(connectionString) ||
  /UseDevelopmentStorage=true/i.test(connectionString);

/** Where storage is, from configuration: a connection string, else an account name reached
 * with a managed identity, else nothing (the caller starts the embedded Azurite). */
export function storageTargetFrom(env: {
  AZURE_STORAGE_CONNECTION_STRING?: string | undefined;
  AZURE_STORAGE_ACCOUNT_NAME?: string | undefined;
  AZURE_CLIENT_ID?: string | undefined;
}): StorageTarget | undefined {
  if (env.AZURE_STORAGE_CONNECTION_STRING) return { kind: 'connection-string', connectionString: env.AZURE_STORAGE_CONNECTION_STRING };
  if (env.AZURE_STORAGE_ACCOUNT_NAME) {
    return {
      kind: 'managed-identity',
      accountName: env.AZURE_STORAGE_ACCOUNT_NAME,
      ...(env.AZURE_CLIENT_ID ? { clientId: env.AZURE_CLIENT_ID } : {}),
    };
  }
  return undefined;
}

/** Builds the clients for a target. The credential is injectable so tests need no network. */
export function storageClients(
  target: StorageTarget,
  credentialFor: (clientId?: string) => TokenCredential = (clientId) =>
    clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential(),
): StorageClients {
  if (target.kind === 'connection-string') {
    const { connectionString } = target;
    const allowInsecureConnection = isHttp(connectionString);
    return {
      target,
      table: (name) => TableClient.fromConnectionString(connectionString, name, { allowInsecureConnection }),
      queue: (name) => new QueueClient(connectionString, name),
      service: () => TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection }),
    };
  }
  const credential = credentialFor(target.clientId);
  const tableUrl = `https://${target.accountName}.table.core.windows.net`;
  const queueUrl = `https://${target.accountName}.queue.core.windows.net`;
  return {
    target,
    table: (name) => new TableClient(tableUrl, name, credential),
    queue: (name) => new QueueClient(`${queueUrl}/${name}`, credential),
    service: () => new TableServiceClient(tableUrl, credential),
  };
}

/** Connection string for an Azurite on the given ports (the well-known development account). */
export function azuriteConnectionString(host: string, tablePort: number, queuePort: number): string {
  const account = 'devstoreaccount1';
  const key = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${account}`,
    `AccountKey=${key}`,
    `TableEndpoint=http://${host}:${tablePort}/${account}`,
    `QueueEndpoint=http://${host}:${queuePort}/${account}`,
  ].join(';');
}
