// The disclosure audit log: append-only, newest first within a programme's partition.
import type { AuditEntry, AuditLog } from '../app/disclosure/ports.js';
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
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId).replace(/'/g, "''");
    const out: AuditEntry[] = [];
    const rows = table.listEntities<{ data: string }>({ queryOptions: { filter: `PartitionKey eq '${partitionKey}'` } });
    for await (const row of rows) {
      out.push(JSON.parse(row.data) as AuditEntry);
      if (out.length >= limit) break;
    }
    return out;
  }
}
