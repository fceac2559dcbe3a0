// Table `deliveries`: one row per job key, the single source of truth for "was this sent?".
// States: queued → claimed (by an instance, until its lease ends) → sent | failed.
// A claim says whether a send is under way (`inFlightSince`, written right before the request
// leaves): a claim that lapsed with a send under way has an unknown fate, which the worker does
// not blindly repeat (see deliveryWorker.ts). A job for a person with no chat with the bot yet is
// parked: queued, `waitingSince` set, not before a later re-check; their first contact resumes it.
// - insert-once on enqueue, so a second enqueue of the key is a duplicate;
// - claim and every later change are ETag-conditional, so of two instances that read the same
//   row only one can move it on (the other gets 412 and backs off);
// - a claim whose lease ran out (the instance died) can be claimed again.
// The job itself lives here too (the queue message only names the row), split over several
// properties because one string property holds at most 64 KiB.
// Partitions: a tenant's rows are spread over 16 partitions by a hash of the key, so a fan-out of
// thousands does not pile into one partition (Azure serves about 2,000 operations/s per
// partition; Azurite's point operations slow down as a partition grows). Rows written before
// that sit in the tenant's one legacy partition: they are still read, still count for
// insert-once, and nothing new is written there.
import { createHash } from 'node:crypto';
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import { z } from 'zod';
import type { DeliveryJob, DeliveryLog, DeliveryOutcome, DeliveryRecord, DeliveryState } from '../../shared/ports.js';
import { getEntityOrUndefined, insertOnce, keyPart, statusOf, tenantPartition, type Tables } from '../storage/tables.js';
import type { Disclosed } from '../../shared/disclosure/content.js';

const TABLE = 'deliveries';
const CHUNK = 30_000; // UTF-16 code units per property; stays under the 64 KiB property limit
const MAX_CHUNKS = 10;

const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conversation'), conversationId: z.string().min(1) }),
  z.object({ kind: z.literal('person'), aadObjectId: z.string().min(1) }),
]);
const messageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('card'), card: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
const storedJobSchema = z.object({
  target: targetSchema,
  message: messageSchema,
  update: z.object({ activityId: z.string().min(1) }).optional(),
  notBefore: z.number().optional(),
  // What the message discloses, for the guard at send time. Written by this process, so its
  // shape is trusted; a row from before this field existed discloses nothing.
  discloses: z.array(z.custom<Disclosed>((value) => typeof value === 'object' && value !== null)).default([]),
});
const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sent'), at: z.number(), attempts: z.number(), activityId: z.string().optional() }),
  z.object({ kind: z.literal('failed-no-conversation'), at: z.number() }),
  z.object({ kind: z.literal('unconfirmed'), at: z.number(), attempts: z.number(), leftAt: z.number(), reason: z.enum(['no-answer', 'holder-lost']) }),
  z.object({
    kind: z.literal('failed-gave-up'),
    at: z.number(),
    attempts: z.number(),
    lastStatus: z.number().optional(),
    lastError: z.string().optional(),
  }),
]);

interface LedgerRow {
  tenantId: string;
  key: string;
  state: DeliveryState;
  target: string;
  jobParts: number;
  notBefore: number;
  claimedBy: string;
  leaseUntil: number;
  /** Epoch ms when the current holder's request left for Teams; 0 when none is under way. */
  inFlightSince?: number;
  /** Epoch ms since when the job waits for its person's first contact; 0 when it does not. */
  waitingSince?: number;
  claims: number;
  outcome: string;
  createdAt: number;
  updatedAt: number;
  [jobPart: `job${number}`]: string;
}

export interface LedgerEntry {
  /** Where the row lives (a bucket, or the legacy partition for rows from before buckets). */
  partitionKey: string;
  tenantId: string;
  key: string;
  job: DeliveryJob;
  state: DeliveryState;
  claimedBy?: string;
  leaseUntil: number;
  /** Set while a send is under way (see the header); 0 otherwise. */
  inFlightSince: number;
  /** Not to be taken before this (the job's notBefore, or a retry's reschedule); 0 for now. */
  notBefore: number;
  /** Since when the job waits for its person's first contact; 0 when it does not. */
  waitingSince: number;
  claims: number;
  outcome?: DeliveryOutcome;
  createdAt: number;
  etag: string;
}

/** Proof of holding a job: the ETag of the row as this instance last wrote it. */
export interface Claim {
  partitionKey: string;
  tenantId: string;
  key: string;
  job: DeliveryJob;
  instanceId: string;
  leaseUntil: number;
  /** How many times the job has been claimed, this claim included. */
  claims: number;
  etag: string;
}

export type FinishResult = 'recorded' | 'already-sent' | 'lost';

/** Another instance may take the job: nobody holds it, or the holder's lease ran out. */
export const isClaimable = (entry: Pick<LedgerEntry, 'state' | 'leaseUntil'>, now: number): boolean =>
  entry.state === 'queued' || (entry.state === 'claimed' && entry.leaseUntil <= now);

const legacyPartitionOf = (tenantId: string) => tenantPartition(tenantId, 'delivery');
// 16 buckets: one hex digit of the key's hash.
const partitionOf = (tenantId: string, key: string) =>
  tenantPartition(tenantId, 'delivery', createHash('sha1').update(key).digest('hex').slice(0, 1));
/** Every partition of a tenant: the legacy one and its buckets (`<legacy>|0` … `<legacy>|f`). */
const tenantPartitionsFilter = (tenantId: string) => {
  const legacy = legacyPartitionOf(tenantId);
  return odata`(PartitionKey eq ${legacy} or (PartitionKey ge ${`${legacy}|`} and PartitionKey lt ${`${legacy}|~`}))`;
};

// Times are written as Edm.Double always: a bare JSON number is stored as Int32 when it fits
// (0) and Double when not (epoch ms), and Table Storage never matches a filter across types.
const double = (value: number) => ({ value, type: 'Double' as const });
const doubleLiteral = (value: number) => `${Math.floor(value)}.0`;

const jobJson = (job: DeliveryJob): string =>
  JSON.stringify({
    target: job.target,
    message: job.message,
    discloses: job.discloses,
    ...(job.update ? { update: job.update } : {}),
    ...(job.notBefore !== undefined ? { notBefore: job.notBefore } : {}),
  });

const parseOutcome = (text: string): DeliveryOutcome | undefined => (text ? (outcomeSchema.parse(JSON.parse(text)) as DeliveryOutcome) : undefined);

const isConflict = (error: unknown) => {
  const status = statusOf(error);
  return status === 412 || status === 404;
};

export class DeliveryLedger implements DeliveryLog {
  constructor(private readonly tables: Tables) {}

  /** Throws when the job cannot be stored (too large); the caller should fix the job. */
  static checkStorable(job: DeliveryJob): void {
    if (job.key.length === 0 || job.key.length > 300) throw new RangeError('delivery key must be 1–300 characters');
    const size = jobJson(job).length;
    if (size > CHUNK * MAX_CHUNKS) throw new RangeError(`delivery job is ${size} characters; at most ${CHUNK * MAX_CHUNKS}`);
  }

  /** Inserts the job as queued. False when the key exists already (the idempotency check). */
  async add(job: DeliveryJob, now: number): Promise<boolean> {
    DeliveryLedger.checkStorable(job);
    const json = jobJson(job);
    const parts: Record<string, string> = {};
    const count = Math.max(1, Math.ceil(json.length / CHUNK));
    for (let i = 0; i < count; i++) parts[`job${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
    const table = await this.table();
    // A key from before the buckets is still a duplicate. Nothing is written to the legacy
    // partition any more, so this check cannot race a new row there.
    if (await getEntityOrUndefined(table, legacyPartitionOf(job.tenantId), keyPart(job.key))) return false;
    return insertOnce(table, {
      partitionKey: partitionOf(job.tenantId, job.key),
      rowKey: keyPart(job.key),
      tenantId: job.tenantId,
      key: job.key,
      state: 'queued' satisfies DeliveryState,
      target: JSON.stringify(job.target),
      jobParts: count,
      notBefore: double(job.notBefore ?? 0),
      claimedBy: '',
      leaseUntil: double(0),
      inFlightSince: double(0),
      claims: 0,
      outcome: '',
      createdAt: double(now),
      updatedAt: double(now),
      ...parts,
    });
  }

  /** Undoes `add` when the queue message could not be sent, so the caller's retry starts clean. */
  async remove(tenantId: string, key: string): Promise<void> {
    const table = await this.table();
    try {
      await table.deleteEntity(partitionOf(tenantId, key), keyPart(key));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async get(tenantId: string, key: string): Promise<LedgerEntry | undefined> {
    const row = await this.row(tenantId, key);
    return row && this.toEntry(row);
  }

  /** The key's row in its bucket, else in the legacy partition. */
  private async row(tenantId: string, key: string): Promise<TableEntityResult<LedgerRow> | undefined> {
    const table = await this.table();
    return (
      (await getEntityOrUndefined<LedgerRow>(table, partitionOf(tenantId, key), keyPart(key))) ??
      (await getEntityOrUndefined<LedgerRow>(table, legacyPartitionOf(tenantId), keyPart(key)))
    );
  }

  /** Takes the job for `leaseMs`. Undefined when another instance moved the row first. */
  async claim(entry: LedgerEntry, instanceId: string, now: number, leaseMs: number): Promise<Claim | undefined> {
    if (!isClaimable(entry, now)) return undefined;
    const leaseUntil = now + leaseMs;
    const etag = await this.conditional(entry.partitionKey, entry.key, entry.etag, {
      state: 'claimed',
      claimedBy: instanceId,
      leaseUntil: double(leaseUntil),
      inFlightSince: double(0),
      waitingSince: double(0),
      claims: entry.claims + 1,
      updatedAt: double(now),
    });
    return etag === undefined
      ? undefined
      : { partitionKey: entry.partitionKey, tenantId: entry.tenantId, key: entry.key, job: entry.job, instanceId, leaseUntil, claims: entry.claims + 1, etag };
  }

  /**
   * Extends the lease and says whether a send is under way from now (`leaving`: written right
   * before the request goes; false again once Teams answered). Undefined when the claim was lost.
   */
  async extend(claim: Claim, leaseUntil: number, now: number, leaving = false): Promise<Claim | undefined> {
    const etag = await this.conditional(claim.partitionKey, claim.key, claim.etag, {
      leaseUntil: double(leaseUntil),
      inFlightSince: double(leaving ? now : 0),
      updatedAt: double(now),
    });
    return etag === undefined ? undefined : { ...claim, leaseUntil, etag };
  }

  /**
   * Gives the job back unsent: at once (graceful stop), or not before `notBefore` (a retry
   * rescheduled), which the recovery sweep respects too.
   */
  async release(claim: Claim, now: number, notBefore?: number): Promise<void> {
    await this.conditional(claim.partitionKey, claim.key, claim.etag, {
      state: 'queued',
      claimedBy: '',
      leaseUntil: double(0),
      inFlightSince: double(0),
      ...(notBefore !== undefined ? { notBefore: double(notBefore) } : {}),
      updatedAt: double(now),
    });
  }

  /** Parks the job for its person's first contact: queued, not before `recheckAt`, waiting since
   * `since` (kept from the first park). */
  async park(claim: Claim, now: number, since: number, recheckAt: number): Promise<void> {
    await this.conditional(claim.partitionKey, claim.key, claim.etag, {
      state: 'queued',
      claimedBy: '',
      leaseUntil: double(0),
      inFlightSince: double(0),
      waitingSince: double(since),
      notBefore: double(recheckAt),
      updatedAt: double(now),
    });
  }

  /** Makes a parked job due now. False when it is not parked (any more). */
  async resume(tenantId: string, key: string, now: number): Promise<boolean> {
    const entry = await this.get(tenantId, key);
    if (!entry || entry.state !== 'queued' || entry.waitingSince === 0) return false;
    const etag = await this.conditional(entry.partitionKey, key, entry.etag, { waitingSince: double(0), notBefore: double(0), updatedAt: double(now) });
    return etag !== undefined;
  }

  /**
   * Records the outcome while the claim still holds. If it was lost meanwhile (the lease ran out
   * and another instance took the job), a send is still recorded — it did happen and must not
   * be repeated — but a failure is not: the new holder decides.
   */
  async finish(claim: Claim, outcome: DeliveryOutcome): Promise<FinishResult> {
    const fields = {
      state: outcome.kind === 'sent' ? 'sent' : 'failed',
      claimedBy: '',
      leaseUntil: double(0),
      inFlightSince: double(0),
      waitingSince: double(0),
      outcome: JSON.stringify(outcome),
      updatedAt: double(outcome.at),
    };
    if ((await this.conditional(claim.partitionKey, claim.key, claim.etag, fields)) !== undefined) return 'recorded';
    if (outcome.kind !== 'sent') return 'lost';
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await this.get(claim.tenantId, claim.key);
      if (!current) return 'lost';
      if (current.state === 'sent') return 'already-sent';
      if ((await this.conditional(current.partitionKey, claim.key, current.etag, fields)) !== undefined) return 'recorded';
    }
    return 'lost';
  }

  async failures(tenantId: string): Promise<DeliveryRecord[]> {
    const table = await this.table();
    const records: DeliveryRecord[] = [];
    const rows = table.listEntities<LedgerRow>({
      queryOptions: {
        filter: `${tenantPartitionsFilter(tenantId)} and ${odata`state eq ${'failed'}`}`,
        select: ['tenantId', 'key', 'state', 'target', 'outcome', 'createdAt'],
      },
    });
    for await (const row of rows) records.push(this.toRecord(row));
    return records.sort((a, b) => a.createdAt - b.createdAt);
  }

  async waiting(tenantId: string): Promise<DeliveryRecord[]> {
    const table = await this.table();
    const records: DeliveryRecord[] = [];
    const rows = table.listEntities<LedgerRow>({
      queryOptions: {
        filter: `${tenantPartitionsFilter(tenantId)} and ${odata`state eq ${'queued'}`} and waitingSince gt 0.0`,
        select: ['tenantId', 'key', 'state', 'target', 'outcome', 'createdAt', 'waitingSince'],
      },
    });
    for await (const row of rows) records.push(this.toRecord(row));
    return records.sort((a, b) => (a.waitingSince ?? 0) - (b.waitingSince ?? 0));
  }

  async find(tenantId: string, key: string): Promise<DeliveryRecord | undefined> {
    const row = await this.row(tenantId, key);
    return row && this.toRecord(row);
  }

  /**
   * Jobs that look forgotten: still queued long after they were due (the instance died between
   * the ledger insert and the queue send), or claimed with a lease long expired. Re-queuing them
   * is safe because the claim decides who sends. This scans every partition: run it rarely.
   */
  async stale(now: number, olderThanMs: number): Promise<{ tenantId: string; key: string }[]> {
    const table = await this.table();
    const before = doubleLiteral(now - olderThanMs);
    const found: { tenantId: string; key: string }[] = [];
    const rows = table.listEntities<Pick<LedgerRow, 'tenantId' | 'key'>>({
      queryOptions: {
        filter:
          `(state eq 'queued' and updatedAt lt ${before} and notBefore lt ${before})` +
          ` or (state eq 'claimed' and leaseUntil lt ${before})`,
        select: ['tenantId', 'key'],
      },
    });
    for await (const row of rows) found.push({ tenantId: row.tenantId, key: row.key });
    return found;
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  /** Merge `fields` only if the row still has `etag`. Returns the new ETag, or undefined on a lost race. */
  private async conditional(partitionKey: string, key: string, etag: string, fields: Record<string, unknown>): Promise<string | undefined> {
    const table = await this.table();
    try {
      const result = await table.updateEntity({ partitionKey, rowKey: keyPart(key), ...fields }, 'Merge', { etag });
      if (!result.etag) throw new Error('storage returned no ETag for a conditional update');
      return result.etag;
    } catch (error) {
      if (isConflict(error)) return undefined;
      throw error;
    }
  }

  private toEntry(row: TableEntityResult<LedgerRow>): LedgerEntry {
    let json = '';
    for (let i = 0; i < row.jobParts; i++) json += row[`job${i}`] ?? '';
    const stored = storedJobSchema.parse(JSON.parse(json));
    const job: DeliveryJob = {
      key: row.key,
      tenantId: row.tenantId,
      target: stored.target,
      message: stored.message as DeliveryJob['message'],
      discloses: stored.discloses,
      ...(stored.update ? { update: stored.update } : {}),
      ...(stored.notBefore !== undefined ? { notBefore: stored.notBefore } : {}),
    };
    const outcome = parseOutcome(row.outcome);
    return {
      partitionKey: row.partitionKey ?? partitionOf(row.tenantId, row.key),
      tenantId: row.tenantId,
      key: row.key,
      job,
      state: row.state,
      ...(row.claimedBy ? { claimedBy: row.claimedBy } : {}),
      leaseUntil: row.leaseUntil,
      inFlightSince: row.inFlightSince ?? 0,
      waitingSince: row.waitingSince ?? 0,
      notBefore: Math.max(row.notBefore ?? 0, stored.notBefore ?? 0),
      claims: row.claims,
      ...(outcome ? { outcome } : {}),
      createdAt: row.createdAt,
      etag: row.etag,
    };
  }

  private toRecord(row: Pick<LedgerRow, 'tenantId' | 'key' | 'state' | 'target' | 'outcome' | 'createdAt' | 'waitingSince'>): DeliveryRecord {
    const outcome = parseOutcome(row.outcome);
    return {
      key: row.key,
      tenantId: row.tenantId,
      target: targetSchema.parse(JSON.parse(row.target)),
      state: row.state,
      ...(outcome ? { outcome } : {}),
      createdAt: row.createdAt,
      ...(row.waitingSince ? { waitingSince: row.waitingSince } : {}),
    };
  }
}
