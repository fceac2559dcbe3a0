// The NDA (taushetserklæring) register: one row per person and programme; a new record for the
// same person replaces the old one (the latest signed declaration is the one in force).
import type { NdaRecord, NdaRegister } from '../app/disclosure/ports.js';
import type { ListPage, PageRequest } from '../shared/paging.js';
import { countRange, readPage } from './rangePage.js';
import { keyPart, tenantPartition, type Tables } from './tables.js';

const TABLE = 'ndas';

export class NdaTable implements NdaRegister {
  constructor(private readonly tables: Tables) {}

  async record(nda: NdaRecord): Promise<void> {
    const table = await this.tables.get(TABLE);
    await table.upsertEntity(
      { partitionKey: tenantPartition(nda.tenantId, nda.programmeId), rowKey: keyPart(nda.person.id), data: JSON.stringify(nda) },
      'Replace',
    );
  }

  async list(tenantId: string, programmeId: string): Promise<NdaRecord[]> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId).replace(/'/g, "''");
    const out: NdaRecord[] = [];
    for await (const row of table.listEntities<{ data: string }>({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } })) {
      out.push(JSON.parse(row.data) as NdaRecord);
    }
    return out;
  }

  async page(tenantId: string, programmeId: string, request: PageRequest): Promise<ListPage<NdaRecord> & { total: number }> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId);
    // Every row key is a person's id (keyPart), in the range '' … '}'. The count is keys only.
    const [read, total] = await Promise.all([readPage<{ data: string }>(table, partitionKey, [''], request), countRange(table, partitionKey, '')]);
    const first = read.rows[0]?.rowKey;
    return {
      items: read.rows.map((row) => JSON.parse(row.data) as NdaRecord),
      total,
      ...(first !== undefined ? { first } : {}),
      ...(read.next !== undefined ? { next: read.next } : {}),
    };
  }
}
