// Chooses how to reach Table and Queue storage: a connection string (Azurite locally, or an
// account key), or the account name with a managed identity in Azure.
import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import { QueueClient, type StoragePipelineOptions } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/core-auth';
import { ManagedIdentityCredential } from '@azure/identity';

type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/** How storage requests are retried, and how long one try may take. Unset fields keep the
 * SDKs' defaults (3 retries from 1 s; no time limit on a try, so a hanging service hangs us). */
export interface StorageRequestPolicy {
  maxRetries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
  /** Give up one try after this long. */
  tryTimeoutInMs?: number;
}

/** The service's policy: a hanging storage must not leave a user without an answer, so one try
 * gives up after 5 s (a read is tried once more, below) and "try again" beats silence. */
export const serviceRequestPolicy: StorageRequestPolicy = { maxRetries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 4_000, tryTimeoutInMs: 5_000 };

export type StorageTarget = (
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'managed-identity'; accountName: string; clientId?: string }
) & { requests?: StorageRequestPolicy };

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
  const { tableOptions, queueOptions } = pipelineOptions(target.requests);
  if (target.kind === 'connection-string') {
    const { connectionString } = target;
    const allowInsecureConnection = isHttp(connectionString);
    return {
      target,
      table: (name) => TableClient.fromConnectionString(connectionString, name, { ...tableOptions, allowInsecureConnection }),
      queue: (name) => new QueueClient(connectionString, name, queueOptions),
      service: () => TableServiceClient.fromConnectionString(connectionString, { ...tableOptions, allowInsecureConnection }),
    };
  }
  const credential = credentialFor(target.clientId);
  const tableUrl = `https://${target.accountName}.table.core.windows.net`;
  const queueUrl = `https://${target.accountName}.queue.core.windows.net`;
  return {
    target,
    table: (name) => new TableClient(tableUrl, name, credential, tableOptions),
    queue: (name) => new QueueClient(`${queueUrl}/${name}`, credential, queueOptions),
    service: () => new TableServiceClient(tableUrl, credential, tableOptions),
  };
}

/** Methods a try may be repeated for after it timed out: a read changes nothing, so a second try
 * is safe. A write that timed out may have happened; repeating it could report a conflict with
 * itself (insert-once, ETag), so its timeout goes to the caller as before. */
const REPEATABLE_AFTER_TIMEOUT = new Set(['GET', 'HEAD']);

/** What the SDKs' retry policy takes for a transport failure worth another try (it retries a
 * RestError whose code is a system error such as ETIMEDOUT, and rethrows anything else at once). */
class TryTimedOut extends Error {
  override readonly name = 'RestError';
  readonly code = 'ETIMEDOUT';
  constructor(timeoutMs: number, method: string) {
    super(`storage ${method} gave no answer within ${timeoutMs} ms; trying again`);
  }
}

/** The request policy in each SDK's own terms. The tables SDK has no per-try timeout option,
 * so a per-retry pipeline policy sets one on every try; a read whose try timed out is tried
 * once more (the SDK gives up on an aborted try at once, so one slow moment failed a whole turn). */
function pipelineOptions(policy: StorageRequestPolicy = {}): { tableOptions: TableServiceClientOptions; queueOptions: StoragePipelineOptions } {
  const { maxRetries, retryDelayInMs, maxRetryDelayInMs, tryTimeoutInMs } = policy;
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const repeated = new WeakSet<object>();
  const tryTimeout: PipelinePolicy | undefined = tryTimeoutInMs
    ? {
        name: 'samspillTryTimeout',
        sendRequest: async (request, next) => {
          request.timeout = tryTimeoutInMs;
          try {
            return await next(request);
          } catch (error) {
            // Our timeout, not the caller's abort (that one must end the request).
            // One repeat only: two slow tries (about 10 s) are all an invoke can wait within Teams' 15 s.
            const timedOut = error instanceof Error && error.name === 'AbortError' && !request.abortSignal?.aborted;
            if (timedOut && REPEATABLE_AFTER_TIMEOUT.has(request.method) && !repeated.has(request)) {
              repeated.add(request);
              throw new TryTimedOut(tryTimeoutInMs, request.method);
            }
            throw error;
          }
        },
      }
    : undefined;
  return {
    tableOptions: {
      retryOptions: defined({ maxRetries, retryDelayInMs, maxRetryDelayInMs }),
      ...(tryTimeout ? { additionalPolicies: [{ policy: tryTimeout, position: 'perRetry' as const }] } : {}),
    },
    queueOptions: {
      retryOptions: defined({ maxTries: maxRetries === undefined ? undefined : maxRetries + 1, retryDelayInMs, maxRetryDelayInMs, tryTimeoutInMs }),
    },
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
