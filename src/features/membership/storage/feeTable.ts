// Membership-fee tables in Table Storage: one row per (tenant, programme, year). A new
// calculation replaces the year's row under its ETag.
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { FeeRecord, FeeRepository } from '../app/ports.js';
import { getEntityOrUndefined, insertOnce, keyPart, tenantPartition, updateWithETag, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'fees';

interface FeeRow {
  data: string;
  year: number;
}

const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const rowOf = (year: number) => `year|${keyPart(String(year))}`;

export class FeeTable implements FeeRepository {
  constructor(private readonly tables: Tables) {}

  async get(key: ProgrammeKey, year: number): Promise<FeeRecord | undefined> {
    const row = await getEntityOrUndefined<FeeRow>(await this.tables.get(TABLE), partitionOf(key), rowOf(year));
    return row && (JSON.parse(row.data) as FeeRecord);
  }

  async save(key: ProgrammeKey, record: FeeRecord): Promise<void> {
    const table = await this.tables.get(TABLE);
    const partitionKey = partitionOf(key);
    const rowKey = rowOf(record.year);
    const columns: FeeRow = { data: JSON.stringify(record), year: record.year };
    if (await insertOnce(table, { partitionKey, rowKey, ...columns })) return;
    await updateWithETag<FeeRow>(table, partitionKey, rowKey, () => columns);
  }
}
