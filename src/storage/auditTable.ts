// The disclosure audit log: append-only, newest first within a programme's partition, read a
// page at a time ($top: never the whole partition).
import type { AuditEntry, AuditLog } from '../app/disclosure/ports.js';
import type { ListPage, PageRequest } from '../shared/paging.js';
import { countRange, readPage } from './rangePage.js';
import { tenantPartition, type Tables } from './tables.js';
import { randomUUID } from 'node:crypto';

const TABLE = 'audit';
/** Row keys count down so a plain (ascending) listing returns the newest entries first. */
const newestFirst = (at: number) => String(9_999_999_999_999 - at).padStart(13, '0');

export class AuditTable implements AuditLog {
  constructor(private readonly tables: Tables) {}

  async append(entry: AuditEntry): Promise<void> {
    const table = await this.tables.get(TABLE);
    await table.createEntity({
      partitionKey: tenantPartition(entry.tenantId, entry.programmeId),
      rowKey: `${newestFirst(entry.at)}|${randomUUID()}`,
      data: JSON.stringify(entry),
    });
  }

  async list(tenantId: string, programmeId: string, limit: number): Promise<AuditEntry[]> {
    return (await this.page(tenantId, programmeId, { size: limit })).items;
  }

  async page(tenantId: string, programmeId: string, request: PageRequest): Promise<ListPage<AuditEntry> & { total: number }> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId);
    // Every row key is in the range '' … '}' (digits, '|' and a uuid). The count is keys only.
    const [read, total] = await Promise.all([readPage<{ data: string }>(table, partitionKey, [''], request), countRange(table, partitionKey, '')]);
    const first = read.rows[0]?.rowKey;
    return {
      items: read.rows.map((row) => JSON.parse(row.data) as AuditEntry),
      total,
      ...(first !== undefined ? { first } : {}),
      ...(read.next !== undefined ? { next: read.next } : {}),
    };
  }
}
