// The disclosure audit log: append-only, newest first within a programme's partition, read a
// page at a time ($top: never the whole partition), its total from count rows (countRows.ts).
//
// Why a sharded count: the guard appends an entry for every refused or external send, and the
// delivery worker sends a vote's card updates, reminders and notices in bursts (hundreds in a
// minute), so one count row would make every append of the burst wait its turn on one ETag. The
// count is SHARDS rows (`~cnt|00` … `~cnt|15`, after the entries' range: '~' sorts after '}');
// an append moves one shard this instance is not already moving, in the entry's own transaction,
// under the ETag it got from its last write of that shard. In the steady state an append is
// still one request (the transaction), as before; only a shard's first use by an instance, or a
// conflict with another instance's append, reads the shard. The total is one read of 16 small rows.
import type { TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditLog } from '../app/ports.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import { isConflict, migrateShardedCount, moveCount, readCount, readTotal, type CountRow } from '../../../platform/storage/countRows.js';
import { countRange, readPage, jsonListPage } from '../../../platform/storage/rangePage.js';
import { ConcurrencyConflictError, getEntityOrUndefined, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'audit';
/** Row keys count down so a plain (ascending) listing returns the newest entries first. */
const newestFirst = (at: number) => String(9_999_999_999_999 - at).padStart(13, '0');

const SHARDS = 16;
const COUNT_PREFIX = '~cnt|';
const shardKey = (shard: number) => `${COUNT_PREFIX}${String(shard).padStart(2, '0')}`;
const SHARD_KEYS = Array.from({ length: SHARDS }, (_, i) => shardKey(i));
/** Marks a partition whose entries are all counted; bump when the count layout changes. */
const COUNT_META = '~meta|count';
export const AUDIT_COUNT_VERSION = 1;
const MAX_ATTEMPTS = 12;
const MAX_PARTITIONS_KNOWN = 200;

export class AuditTable implements AuditLog {
  /** Per partition, the shards as this instance last wrote or read them. */
  private readonly shards = new Map<string, Map<string, CountRow>>();
  /** Shards this instance is moving now (partition|shard): a second append picks another. */
  private readonly moving = new Set<string>();

  constructor(private readonly tables: Tables) {}

  async append(entry: AuditEntry): Promise<void> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(entry.tenantId, entry.programmeId);
    const rowKey = `${newestFirst(entry.at)}|${randomUUID()}`;
    const shard = this.pickShard(partitionKey);
    this.moving.add(`${partitionKey}|${shard}`);
    try {
      let known = this.known(partitionKey).get(shard);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const row = known ?? (await readCount(table, partitionKey, shard));
        known = undefined;
        // The entry first: when the SDK retries a transaction that was stored but whose answer
        // was lost, the retry conflicts on the entry, and the entry is found below.
        const actions: TransactionAction[] = [['create', { partitionKey, rowKey, data: JSON.stringify(entry) }], moveCount(partitionKey, row, 1)];
        try {
          const written = await table.submitTransaction(actions);
          // The shard's answer by position (the SDK finds answers by the row key as the service
          // spells it in the answer, URL-encoded, which this key is not).
          const etag = written.subResponses[1]?.etag?.trim();
          if (etag) this.known(partitionKey).set(shard, { rowKey: shard, n: row.n + 1, etag });
          else this.known(partitionKey).delete(shard);
          return;
        } catch (error) {
          this.known(partitionKey).delete(shard);
          if (!isConflict(error) && statusOf(error) !== 404) throw error;
          // 412: the shard moved (another instance), 404: it is gone (a restore): read it and try
          // again. 409: the entry is there (this append, stored before) or another appender
          // created the shard first.
          if (statusOf(error) === 409 && (await getEntityOrUndefined(table, partitionKey, rowKey))) return;
        }
      }
      throw new ConcurrencyConflictError(`audit ${partitionKey}: count shard still conflicting`);
    } finally {
      this.moving.delete(`${partitionKey}|${shard}`);
    }
  }

  private known(partitionKey: string): Map<string, CountRow> {
    let map = this.shards.get(partitionKey);
    if (!map) {
      if (this.shards.size >= MAX_PARTITIONS_KNOWN) this.shards.delete(this.shards.keys().next().value as string);
      map = new Map();
      this.shards.set(partitionKey, map);
    }
    return map;
  }

  /** A random shard this instance is not moving (any, when all are busy). */
  private pickShard(partitionKey: string): string {
    const free = SHARD_KEYS.filter((k) => !this.moving.has(`${partitionKey}|${k}`));
    const from = free.length > 0 ? free : SHARD_KEYS;
    return from[Math.floor(Math.random() * from.length)] ?? SHARD_KEYS[0]!;
  }

  async list(tenantId: string, programmeId: string, limit: number): Promise<AuditEntry[]> {
    return (await this.page(tenantId, programmeId, { size: limit })).items;
  }

  async page(tenantId: string, programmeId: string, request: PageRequest): Promise<ListPage<AuditEntry> & { total: number }> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId);
    // Every entry's key is in the range '' … '}' (digits, '|' and a uuid); the count rows sort after it.
    const [read, total] = await Promise.all([readPage<{ data: string }>(table, partitionKey, [''], request), readTotal(table, partitionKey, COUNT_PREFIX)]);
    return jsonListPage<AuditEntry>(read, total);
  }

  /**
   * Start-up pass: counts the entries written before the count rows (or under an older count
   * layout) into the shards, once per partition (one read when done). Safe beside appends and
   * on two instances at once (rebuildShardedCount).
   */
  async migrateCounts(tenantId: string, programmeId: string): Promise<{ recounted: number }> {
    const table = await this.tables.get(TABLE);
    const partitionKey = tenantPartition(tenantId, programmeId);
    return { recounted: (await migrateShardedCount(table, partitionKey, COUNT_META, AUDIT_COUNT_VERSION, SHARD_KEYS, () => countRange(table, partitionKey, ''))) ? 1 : 0 };
  }
}
