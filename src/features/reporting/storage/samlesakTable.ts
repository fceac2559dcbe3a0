// Skate's quarterly samlesaker in Table Storage. Table `samlesak`, one partition per (tenant,
// programme), one row per quarter: `samlesak|<schedule>|<period>` holding the case as JSON (split
// over data, data1, … as feedback rounds are: thirty measures' texts outgrow one property). Every
// change is a pure step applied under the row's ETag (a create when there is no row yet), so two
// AU members writing at once both land, and two first openings create one case.
import type { TableClient } from '@azure/data-tables';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { SamlesakRepository } from '../app/ports.js';
import type { Samlesak, SamlesakProblem, Step } from '../domain/samlesak.js';
import type { Result } from '../../../shared/result.js';
import { fromJsonProperties, jsonProperties } from '../../../platform/storage/feedbackRoundRows.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'samlesak';
const MAX_ATTEMPTS = 16;
/** A loser of a race waits a little (more each time, with jitter) before it re-reads. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));

type SamlesakRow = Record<string, unknown>;

const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const rowOf = (scheduleId: string, periodKey: string) => `samlesak|${keyPart(scheduleId)}|${keyPart(periodKey)}`;

export class SamlesakTable implements SamlesakRepository {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async get(key: ProgrammeKey, scheduleId: string, periodKey: string): Promise<Samlesak | undefined> {
    const row = await getEntityOrUndefined<SamlesakRow>(await this.table(), partitionOf(key), rowOf(scheduleId, periodKey));
    return row ? fromJsonProperties<Samlesak>(row) : undefined;
  }

  async change(
    key: ProgrammeKey,
    scheduleId: string,
    periodKey: string,
    step: (current: Samlesak | undefined) => Result<Step, SamlesakProblem>,
  ): Promise<Result<Step, SamlesakProblem>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const rowKey = rowOf(scheduleId, periodKey);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await getEntityOrUndefined<SamlesakRow>(table, partitionKey, rowKey);
      const result = step(row ? fromJsonProperties<Samlesak>(row) : undefined);
      if (!result.ok || !result.value.changed) return result;
      const entity = { partitionKey, rowKey, ...jsonProperties(result.value.samlesak) };
      try {
        // Replace, not Merge: a shorter case must not leave an old data chunk behind.
        if (row) await table.updateEntity(entity, 'Replace', { etag: row.etag });
        else await table.createEntity(entity);
        return result;
      } catch (error) {
        const status = statusOf(error);
        if (status !== 409 && status !== 412) throw error;
        await backoff(attempt);
      }
    }
    throw new ConcurrencyConflictError(`samlesak ${rowKey}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }
}
