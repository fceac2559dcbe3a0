// The storage an operator command works on: the service's own configuration (src/platform/config/env.ts:
// AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT_NAME), else the embedded Azurite's
// data folder, as `npm start` would use it. With an account name the operator signs in as
// themself (DefaultAzureCredential: `az login` on a laptop, the managed identity on Azure), since
// the account takes no keys. Storage requests keep the SDKs' patient defaults: an operator
// command may wait, a user may not.
import { DefaultAzureCredential } from '@azure/identity';
import { ConfigError, readEnv } from '../src/platform/config/env.js';
import { storageClients, storageTargetFrom, type StorageClients } from '../src/platform/storage/connection.js';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';

export async function withOperatorStorage<T>(work: (clients: StorageClients, where: string) => Promise<T>): Promise<T> {
  const env = readEnv();
  const target = storageTargetFrom(env);
  if (target) {
    const where = target.kind === 'managed-identity' ? `storage account ${target.accountName}` : 'the storage of AZURE_STORAGE_CONNECTION_STRING';
    const credential = () => new DefaultAzureCredential(target.kind === 'managed-identity' && target.clientId ? { managedIdentityClientId: target.clientId } : {});
    return work(storageClients(target, credential), where);
  }
  const embedded = await startEmbeddedAzurite(env.SAMSPILL_DATA_DIR);
  try {
    return await work(storageClients({ kind: 'connection-string', connectionString: embedded.connectionString }), `the embedded Azurite in ${env.SAMSPILL_DATA_DIR}`);
  } finally {
    await embedded.stop();
  }
}

/** Runs an operator command: a refusal or a bad setting is one line on stderr and exit code 1. */
export function runOperatorCommand(main: () => Promise<void>, refusals: (new (...args: never[]) => Error)[] = []): void {
  main().catch((error: unknown) => {
    const known = error instanceof ConfigError || refusals.some((kind) => error instanceof kind);
    process.stderr.write(`${known ? (error as Error).message : (error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}
