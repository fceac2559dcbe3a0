// Table `parkedDeliveries`: which delivery jobs wait for a person's first contact with the bot,
// by person, so their first chat can resume them without scanning the ledger. A row is a pointer:
// the ledger row stays the truth (a pointer to a job sent meanwhile is simply dropped).
import { odata, type TableClient } from '@azure/data-tables';
import { keyPart, statusOf, tenantPartition, type Tables } from '../storage/tables.js';

const TABLE = 'parkedDeliveries';

export class ParkedDeliveries {
  constructor(private readonly tables: Tables) {}

  async park(tenantId: string, aadObjectId: string, key: string, at: number): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: tenantPartition(tenantId, 'parked', aadObjectId), rowKey: keyPart(key), key, parkedAt: at }, 'Replace');
  }

  /** The keys waiting for this person (at most `top`, oldest parked first is not promised). */
  async keysFor(tenantId: string, aadObjectId: string, top = 100): Promise<string[]> {
    const table = await this.table();
    const keys: string[] = [];
    const pages = table.listEntities<{ key: string }>({ queryOptions: { filter: odata`PartitionKey eq ${tenantPartition(tenantId, 'parked', aadObjectId)}`, select: ['key'] } }).byPage({ maxPageSize: top });
    for await (const page of pages) {
      for (const row of page) keys.push(row.key);
      break; // one page: a person has few waiting messages, and a re-check picks up the rest
    }
    return keys;
  }

  async remove(tenantId: string, aadObjectId: string, key: string): Promise<void> {
    const table = await this.table();
    try {
      await table.deleteEntity(tenantPartition(tenantId, 'parked', aadObjectId), keyPart(key));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }
}
