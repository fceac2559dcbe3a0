// Table `instances`: one row per running bot instance that sends proactive messages, with a
// lease it renews by heartbeat. The delivery budget (teams/delivery/deliveryBudget.ts) counts
// the live rows to know how many instances share Teams' per-tenant limit. Not tenant data: one
// partition for the whole deployment (a handful of rows, read once a second by each instance).
import { odata, type TableClient } from '@azure/data-tables';
import { keyPart, statusOf, type Tables } from '../storage/tables.js';

const TABLE = 'instances';
const PARTITION = 'delivery';
/** Rows of instances dead this long are deleted by whoever reads them. */
const FORGET_AFTER_MS = 60 * 60_000;

export interface InstanceLease {
  instanceId: string;
  /** Epoch ms, by the writer's clock, until which the instance counts as alive. */
  leaseUntil: number;
}

interface InstanceRow {
  instanceId: string;
  leaseUntil: number;
}

const double = (value: number) => ({ value, type: 'Double' as const });

export class InstanceRegistry {
  constructor(private readonly tables: Tables) {}

  /** Writes (or renews) this instance's lease. */
  async beat(instanceId: string, leaseUntil: number): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: PARTITION, rowKey: keyPart(instanceId), instanceId, leaseUntil: double(leaseUntil) }, 'Replace');
  }

  /** Every instance whose lease runs past `now`. Rows long dead are deleted on the way. */
  async live(now: number): Promise<InstanceLease[]> {
    const table = await this.table();
    const found: InstanceLease[] = [];
    for await (const row of table.listEntities<InstanceRow>({ queryOptions: { filter: odata`PartitionKey eq ${PARTITION}`, select: ['instanceId', 'leaseUntil'] } })) {
      if (row.leaseUntil > now) found.push({ instanceId: row.instanceId, leaseUntil: row.leaseUntil });
      else if (row.leaseUntil < now - FORGET_AFTER_MS) void this.leave(row.instanceId).catch(() => undefined);
    }
    return found;
  }

  /** Deletes this instance's row (graceful stop), so the others take its share at once. */
  async leave(instanceId: string): Promise<void> {
    const table = await this.table();
    try {
      await table.deleteEntity(PARTITION, keyPart(instanceId));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }
}
