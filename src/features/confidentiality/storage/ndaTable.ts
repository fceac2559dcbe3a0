// The NDA (taushetserklæring) register: one row per person and programme; a new record for the
// same person replaces the old one (the latest signed declaration is the one in force). The
// register's total is a count row (`~cnt|00`, after the people's range: '~' sorts after '}'),
// moved in the transaction that adds a person (countRows.ts); a replacement moves nothing.
// One row, not shards: declarations are signed one person at a time, not in bursts.
import type { NdaRecord, NdaRegister } from '../app/ports.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import { isConflict, migrateShardedCount, moveCount, readCount } from '../../../platform/storage/countRows.js';
import { countRange, readPage, jsonListPage } from '../../../platform/storage/rangePage.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'ndas';
const COUNT_ROW = '~cnt|00';
const COUNT_META = '~meta|count';
export const NDA_COUNT_VERSION = 1;
const MAX_ATTEMPTS = 12;

export class NdaTable implements NdaRegister {
  constructor(private readonly tables: Tables) {}

  async record(nda: NdaRecord): Promise<void> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(nda.tenantId, nda.programmeId);
    const entity = { partitionKey, rowKey: keyPart(nda.person.id), data: JSON.stringify(nda) };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [current, count] = await Promise.all([getEntityOrUndefined(table, partitionKey, entity.rowKey), readCount(table, partitionKey, COUNT_ROW)]);
      try {
        // A person already in the register: their row is replaced, the count stays.
        if (current) await table.updateEntity(entity, 'Replace', { etag: current.etag });
        else await table.submitTransaction([['create', entity], moveCount(partitionKey, count, 1)]);
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`nda ${partitionKey}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async list(tenantId: string, programmeId: string): Promise<NdaRecord[]> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId).replace(/'/g, "''");
    const out: NdaRecord[] = [];
    // The people's rows only: the count rows sort after '}'.
    for await (const row of table.listEntities<{ data: string }>({ queryOptions: { filter: `PartitionKey eq '${partitionKey}' and RowKey lt '}'` } })) {
      out.push(JSON.parse(row.data) as NdaRecord);
    }
    return out;
  }

  async page(tenantId: string, programmeId: string, request: PageRequest): Promise<ListPage<NdaRecord> & { total: number }> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId);
    // Every person's row key is their id (keyPart), in the range '' … '}'; the count row sorts after it.
    const [read, total] = await Promise.all([readPage<{ data: string }>(table, partitionKey, [''], request), readCount(table, partitionKey, COUNT_ROW).then((c) => c.n)]);
    return jsonListPage<NdaRecord>(read, total);
  }

  /** Start-up pass: counts the people recorded before the count row, once per partition (one read when done). */
  async migrateCounts(tenantId: string, programmeId: string): Promise<{ recounted: number }> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId);
    return { recounted: (await migrateShardedCount(table, partitionKey, COUNT_META, NDA_COUNT_VERSION, [COUNT_ROW], () => countRange(table, partitionKey, ''))) ? 1 : 0 };
  }
}
