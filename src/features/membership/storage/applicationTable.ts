// Membership applications in Table Storage, one partition per (tenant, programme). Each is
// numbered (M-001 …) in one transaction with its submission receipt; later changes (put to the
// vote, decided) go under the row's ETag.
import type { TableClient } from '@azure/data-tables';
import type { ApplicationRepository } from '../app/ports.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { Result } from '../../../shared/result.js';
import type { ApplicationProblem, MembershipApplication } from '../domain/admission.js';
import { compareIds } from '../../measures/domain/measures.js';
import { createNumbered, jsonRows, type JsonRow } from '../../../platform/storage/numberedRows.js';
import { getEntityOrUndefined, keyPart, statusOf, tenantPartition, updateWithETag, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'applications';
const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const applicationRow = (id: string) => `application|${keyPart(id)}`;

export class ApplicationTable implements ApplicationRepository {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async file(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<MembershipApplication, ApplicationProblem>,
  ): Promise<Result<{ application: MembershipApplication; created: boolean }, ApplicationProblem>> {
    const made = await createNumbered(await this.table(), partitionOf(key), 'application', submissionKey, build, (a) => applicationRow(a.id));
    return made.ok ? { ok: true, value: { application: made.value.value, created: made.value.created } } : made;
  }

  async get(key: ProgrammeKey, id: string): Promise<MembershipApplication | undefined> {
    const row = await getEntityOrUndefined<JsonRow>(await this.table(), partitionOf(key), applicationRow(id));
    return row && (JSON.parse(row.data) as MembershipApplication);
  }

  async list(key: ProgrammeKey): Promise<MembershipApplication[]> {
    const all = await jsonRows<MembershipApplication>(await this.table(), partitionOf(key), 'application|');
    return all.sort((a, b) => compareIds(a.id, b.id));
  }

  async update(
    key: ProgrammeKey,
    id: string,
    change: (a: MembershipApplication) => MembershipApplication | undefined,
  ): Promise<MembershipApplication | undefined> {
    try {
      const written = await updateWithETag<JsonRow>(await this.table(), partitionOf(key), applicationRow(id), (row) => {
        const next = change(JSON.parse(row.data) as MembershipApplication);
        return next && { data: JSON.stringify(next) };
      });
      return written && (JSON.parse(written.data) as MembershipApplication);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
