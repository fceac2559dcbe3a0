// Agreement revisions (Digi Rogaland §8) in Table Storage: one partition per (tenant,
// programme); each revision holds a written hearing, stored as the final treatment's feedback
// round is (feedbackRoundRows.ts): a state row plus one append-only row per answer, created with
// its submission receipt and numbering counter in one transaction.
import type { TableClient } from '@azure/data-tables';
import type { AgreementRevisionRepository, RevisionNotFound } from '../app/ports.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { AgreementRevision, AgreementRevisionProblem, RevisionStep } from '../domain/agreementRevision.js';
import { ok, type Result } from '../../../shared/result.js';
import { FeedbackRoundRows } from '../../../platform/storage/feedbackRoundRows.js';
import { tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'agreementrevisions';

const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);

export class AgreementRevisionTable implements AgreementRevisionRepository {
  private readonly rows: FeedbackRoundRows<AgreementRevision>;

  constructor(private readonly tables: Tables) {
    this.rows = new FeedbackRoundRows(() => this.table(), { state: 'revision', text: 'answer', series: 'revision' });
  }

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async open(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number, existing: AgreementRevision[]) => Result<AgreementRevision, AgreementRevisionProblem>,
  ): Promise<Result<{ revision: AgreementRevision; created: boolean }, AgreementRevisionProblem>> {
    const result = await this.rows.create(partitionOf(key), submissionKey, async (sequence) => build(sequence, await this.list(key, { texts: false })));
    return result.ok ? ok({ revision: result.value.value, created: result.value.created }) : result;
  }

  get(key: ProgrammeKey, id: string): Promise<AgreementRevision | undefined> {
    return this.rows.get(partitionOf(key), id);
  }

  list(key: ProgrammeKey, options: { texts?: boolean } = {}): Promise<AgreementRevision[]> {
    return this.rows.list(partitionOf(key), options);
  }

  async openedBetween(key: ProgrammeKey, from: number, until: number): Promise<boolean> {
    return (await this.list(key, { texts: false })).some((r) => r.openedAt >= from && r.openedAt < until);
  }

  change<S extends RevisionStep>(
    key: ProgrammeKey,
    id: string,
    change: (current: AgreementRevision) => Result<S, AgreementRevisionProblem>,
  ): Promise<Result<S, AgreementRevisionProblem | RevisionNotFound>> {
    return this.rows.change<S, AgreementRevisionProblem | RevisionNotFound>(partitionOf(key), id, change, (step) => step.revision, () => ({ code: 'revision-not-found', id }));
  }
}
