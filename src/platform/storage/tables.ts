// Small helpers over @azure/data-tables shared by every repository: tenant-scoped keys,
// create-once tables, ETag-conditional updates and insert-once idempotency.
import type { TableClient, TableEntity, TableEntityResult } from '@azure/data-tables';
import type { StorageClients } from './connection.js';

/** Table keys may not contain / \ # ? or control characters; encode everything else safely. */
export const keyPart = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Every partition key starts with the tenant, so no query can cross tenants by accident. */
export const tenantPartition = (tenantId: string, ...rest: string[]): string =>
  [tenantId, ...rest].map(keyPart).join('|');

export const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'statusCode' in error
    ? (error as { statusCode?: number }).statusCode
    : undefined;

export class ConcurrencyConflictError extends Error {
  override name = 'ConcurrencyConflictError';
}

/** Creates each table once per process and hands out its client. */
export class Tables {
  private readonly ready = new Map<string, Promise<TableClient>>();
  constructor(private readonly clients: StorageClients) {}

  get(name: string): Promise<TableClient> {
    let pending = this.ready.get(name);
    if (!pending) {
      const client = this.clients.table(name);
      pending = client.createTable().then(() => client);
      pending.catch(() => this.ready.delete(name));
      this.ready.set(name, pending);
    }
    return pending;
  }
}

export async function getEntityOrUndefined<T extends object>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await table.getEntity<T>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Inserts unless the row exists. Returns false when it already did (the idempotency check). */
export async function insertOnce<T extends object>(table: TableClient, entity: TableEntity<T>): Promise<boolean> {
  try {
    await table.createEntity(entity);
    return true;
  } catch (error) {
    if (statusOf(error) === 409) return false;
    throw error;
  }
}

/**
 * Read-modify-write guarded by the row's ETag: the loser of a race re-reads and re-applies
 * `change`, so no concurrent update is ever lost. `change` must be pure (it may run twice).
 * Returning undefined from `change` leaves the row as it is.
 */
export async function updateWithETag<T extends object>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  change: (current: TableEntityResult<T>) => T | undefined,
  attempts = 8,
): Promise<T | undefined> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = await table.getEntity<T>(partitionKey, rowKey);
    const next = change(current);
    if (next === undefined) return undefined;
    try {
      await table.updateEntity({ ...next, partitionKey, rowKey }, 'Replace', { etag: current.etag });
      return next;
    } catch (error) {
      if (statusOf(error) !== 412) throw error;
    }
  }
  throw new ConcurrencyConflictError(`${partitionKey}/${rowKey}: still conflicting after ${attempts} attempts`);
}
