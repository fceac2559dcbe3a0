// Roadmap entries (the adopted roadmap) and their change log in Table Storage. One partition per
// (tenant, programme): an entry and its log line are written in one transaction, under the
// entry's ETag. Log rows sort newest first (inverted time in the key). Pending changes and
// revisions live in the same partition (roadmapRevisionTable.ts), so a decision writes entries,
// log lines and the revision together.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { PlanOutcome, RoadmapRepository } from '../app/roadmapRepository.js';
import type { Result } from '../../../shared/result.js';
import type { RoadmapEntry, RoadmapProblem, RoadmapRevision } from '../domain/roadmap.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

export const ROADMAP_TABLE = 'roadmap';
const TABLE = ROADMAP_TABLE;
const MAX_ATTEMPTS = 8;
/** Later than any epoch-ms timestamp this service will see; keys sort newest first. */
const TIME_CEILING = 9_999_999_999_999;

interface JsonRow {
  data: string;
}

export interface EntryRow extends JsonRow {
  /** Revisions written for this entry so far. */
  revisionCount?: number;
}

export const roadmapPartition = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const partitionOf = roadmapPartition;
export const entryPrefix = 'entry|';
export const revisionPrefix = 'revision|';
export const entryRow = (n: string) => `${entryPrefix}${keyPart(n)}`;
const SEQUENCE_CEILING = 999_999;
/** Newest first: inverted time, then the entry's inverted revision number (so two changes of
 * one entry in the same millisecond keep their order), then a random tail. */
export const revisionRow = (r: RoadmapRevision, sequence: number) =>
  `${revisionPrefix}${String(TIME_CEILING - r.at).padStart(13, '0')}|${String(SEQUENCE_CEILING - sequence).padStart(6, '0')}|${keyPart(r.ideaNumber)}|${randomUUID()}`;

export const prefixFilter = (partitionKey: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${prefix}' and RowKey lt '${prefix}}'`;

/** Log rows of changes that took effect in [from, until): the keys hold the inverted time. */
export function revisionsBetweenFilter(partitionKey: string, from: number, until: number): string {
  const bound = (at: number) => `${revisionPrefix}${String(TIME_CEILING - at + 1).padStart(13, '0')}`;
  // From the start of time: every row up to the end of the prefix.
  const upper = from <= 0 ? `${revisionPrefix}}` : bound(from);
  return `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${bound(until)}' and RowKey lt '${upper}'`;
}

const isConflict = (error: unknown) => statusOf(error) === 412 || statusOf(error) === 409;

export class RoadmapTable implements RoadmapRepository {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async list(key: ProgrammeKey): Promise<RoadmapEntry[]> {
    return this.rows<RoadmapEntry>(partitionOf(key), entryPrefix);
  }

  async get(key: ProgrammeKey, ideaNumber: string): Promise<RoadmapEntry | undefined> {
    const row = await getEntityOrUndefined<JsonRow>(await this.table(), partitionOf(key), entryRow(ideaNumber));
    return row && (JSON.parse(row.data) as RoadmapEntry);
  }

  async plan(
    key: ProgrammeKey,
    ideaNumber: string,
    change: (current: RoadmapEntry | undefined) => Result<PlanOutcome, RoadmapProblem>,
  ): Promise<Result<PlanOutcome, RoadmapProblem>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const rowKey = entryRow(ideaNumber);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await getEntityOrUndefined<EntryRow>(table, partitionKey, rowKey);
      const result = change(row && (JSON.parse(row.data) as RoadmapEntry));
      if (!result.ok || 'unchanged' in result.value) return result;
      const { entry, revision } = result.value;
      const revisionCount = (row?.revisionCount ?? 0) + 1;
      const columns: EntryRow = { data: JSON.stringify(entry), revisionCount };
      const actions: TransactionAction[] = [
        row
          ? ['update', { partitionKey, rowKey, ...columns }, 'Replace', { etag: row.etag }]
          : ['create', { partitionKey, rowKey, ...columns }],
        ['create', { partitionKey, rowKey: revisionRow(revision, revisionCount), data: JSON.stringify(revision) }],
      ];
      try {
        await table.submitTransaction(actions);
        return result;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`roadmap entry ${ideaNumber}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async revisions(key: ProgrammeKey, limit: number): Promise<RoadmapRevision[]> {
    return (await this.rows<RoadmapRevision>(partitionOf(key), revisionPrefix, limit)).slice(0, limit);
  }

  private async rows<T>(partitionKey: string, prefix: string, limit = Infinity): Promise<T[]> {
    const out: T[] = [];
    const rows = (await this.table()).listEntities<JsonRow>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } });
    for await (const row of rows) {
      if (row.rowKey?.startsWith(prefix)) out.push(JSON.parse(row.data) as T);
      if (out.length >= limit) break;
    }
    return out;
  }
}
