// Card submission claims (issue 22.9) in Table Storage. Table `submissions`, one partition per
// tenant, one row per (person, verb): the fingerprint of the person's latest submission of the
// verb, when it was claimed and, once handled, its answer (the card JSON, split over properties
// of at most 30,000 characters because a string property holds 64 KiB). Every change is
// conditional (create-if-absent, or replace under the ETag), so of two arrivals of one
// submission exactly one takes the claim.
import type { TableClient } from '@azure/data-tables';
import { repeatOf, type Claim, type ClaimSlot, type StoredClaim, type SubmissionClaims } from './submissionClaims.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../storage/tables.js';

const TABLE = 'submissions';
const MAX_ATTEMPTS = 8;
const CHUNK = 30_000;
/** 30 chunks stay well inside an entity's 1 MiB; a bigger answer is not kept. */
const MAX_CHUNKS = 30;

interface ClaimRow {
  fingerprint: string;
  claimedAt: number;
  answeredAt?: number;
  chunks?: number;
  [chunk: `answer${number}`]: string;
}

const rowKeyOf = (slot: ClaimSlot) => `${keyPart(slot.actor)}|${keyPart(slot.verb)}`;
const isConflict = (error: unknown) => statusOf(error) === 409 || statusOf(error) === 412;

function storedOf(row: ClaimRow): StoredClaim {
  const answer = row.chunks ? Array.from({ length: row.chunks }, (_, i) => row[`answer${i}`] ?? '').join('') : undefined;
  return {
    fingerprint: row.fingerprint,
    claimedAt: row.claimedAt,
    ...(row.answeredAt !== undefined ? { answeredAt: row.answeredAt } : {}),
    ...(answer !== undefined ? { answer } : {}),
  };
}

function answerColumns(answer: string | undefined): Record<string, string | number> {
  if (answer === undefined || answer.length > CHUNK * MAX_CHUNKS) return {};
  const chunks = Math.max(1, Math.ceil(answer.length / CHUNK));
  const columns: Record<string, string | number> = { chunks };
  for (let i = 0; i < chunks; i++) columns[`answer${i}`] = answer.slice(i * CHUNK, (i + 1) * CHUNK);
  return columns;
}

export class SubmissionTable implements SubmissionClaims {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async claim(slot: ClaimSlot, fingerprint: string, now: number): Promise<Claim> {
    const table = await this.table();
    const partitionKey = tenantPartition(slot.tenantId);
    const rowKey = rowKeyOf(slot);
    const entity = { partitionKey, rowKey, fingerprint, claimedAt: now };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await getEntityOrUndefined<ClaimRow>(table, partitionKey, rowKey);
      const stored = row && storedOf(row);
      const repeat = repeatOf(stored, fingerprint, now);
      if (repeat === 'answered') return { kind: 'answered', answer: stored?.answer };
      if (repeat === 'pending') return { kind: 'pending' };
      try {
        const written = row
          ? await table.updateEntity(entity, 'Replace', { etag: row.etag })
          : await table.createEntity(entity);
        if (!written.etag) throw new Error(`${TABLE} ${rowKey}: the store returned no ETag`);
        return { kind: 'claimed', token: written.etag };
      } catch (error) {
        // Another arrival wrote the slot first: read again and see whose it is.
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`${TABLE} ${rowKey}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async answer(slot: ClaimSlot, token: string, answer: string | undefined, now: number): Promise<void> {
    const table = await this.table();
    const entity = { partitionKey: tenantPartition(slot.tenantId), rowKey: rowKeyOf(slot), answeredAt: now, ...answerColumns(answer) };
    try {
      await table.updateEntity(entity, 'Merge', { etag: token });
    } catch (error) {
      // The person's next submission of this verb has taken the slot: it is no longer ours.
      if (!isConflict(error)) throw error;
    }
  }

  async release(slot: ClaimSlot, token: string): Promise<void> {
    const table = await this.table();
    try {
      await table.deleteEntity(tenantPartition(slot.tenantId), rowKeyOf(slot), { etag: token });
    } catch (error) {
      if (!isConflict(error) && statusOf(error) !== 404) throw error;
    }
  }
}
