// Ideas in Table Storage. One partition per (tenant, programme) holds the ideas, their history,
// assessments, the yearly number counters and submission receipts, so an idea, its history
// entry, its number and its receipt are written in one transaction.
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ApplyError, IdeaRepository, ProgrammeKey } from '../app/ideas/ideaRepository.js';
import type { Assessment } from '../domain/idea/assessment.js';
import type { HistoryEntry } from '../domain/idea/history.js';
import type { Idea } from '../domain/idea/idea.js';
import { formatIdeaNumber } from '../domain/idea/ideaNumber.js';
import type { LifecycleError } from '../domain/idea/lifecycleError.js';
import { err, ok, type Result } from '../domain/idea/result.js';
import type { TransitionResult } from '../domain/idea/transition.js';
import { createNumbered } from './numberedRows.js';
import { getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from './tables.js';

const TABLE = 'ideas';
const MAX_ATTEMPTS = 8;

interface JsonRow {
  data: string;
}

interface IdeaRow extends JsonRow {
  /** History entries written so far; the next entry's sequence number. */
  historyCount?: number;
}

const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const ideaRow = (n: string) => `idea|${keyPart(n)}`;
const historyPrefix = (n: string) => `history|${keyPart(n)}|`;
const assessmentPrefix = (n: string) => `assessment|${keyPart(n)}|`;
const submissionRow = (submissionKey: string) => `submission|${keyPart(submissionKey)}`;

/** History rows sort in the order they were written: the sequence is taken under the idea's
 * ETag, so two entries in the same millisecond still keep their order. */
const historyRow = (entry: HistoryEntry, sequence: number) => `${historyPrefix(entry.ideaNumber)}${String(sequence).padStart(6, '0')}`;

/** Rows whose key starts with the prefix: '}' sorts after every character keyPart emits. */
const prefixFilter = (partitionKey: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${prefix}' and RowKey lt '${prefix}}'`;

export class IdeaTable implements IdeaRepository {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(TABLE);
  }

  async register(
    key: ProgrammeKey,
    submissionKey: string,
    numbering: { prefix: string; year: number },
    create: (ideaNumber: string) => TransitionResult,
  ): Promise<Result<{ idea: Idea; created: boolean }, LifecycleError>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    // The counter moves in the idea's own transaction (numberedRows.ts): a double submit or a
    // refused one takes no number, and concurrent registrations get consecutive ones.
    const created = await createNumbered<{ idea: Idea; history?: HistoryEntry }, LifecycleError>(
      table,
      partitionKey,
      `${numbering.prefix}-${numbering.year}`,
      submissionKey,
      (sequence) => create(formatIdeaNumber({ ...numbering, sequence })),
      ({ idea }) => ideaRow(idea.number),
      {
        read: async (t, pk, rk) => {
          const row = await getEntityOrUndefined<JsonRow>(t, pk, rk);
          return row && { idea: JSON.parse(row.data) as Idea };
        },
        propertiesOf: ({ idea }) => ideaColumns(idea, 1),
        alongside: ({ history }) => (history ? [{ rowKey: historyRow(history, 1), data: JSON.stringify(history) }] : []),
        receipt: {
          rowKey: submissionRow(submissionKey),
          legacyRowOf: (receipt) => (typeof receipt.ideaNumber === 'string' ? ideaRow(receipt.ideaNumber) : undefined),
        },
      },
    );
    return created.ok ? ok({ idea: created.value.value.idea, created: created.value.created }) : created;
  }

  async get(key: ProgrammeKey, ideaNumber: string): Promise<Idea | undefined> {
    const row = await getEntityOrUndefined<JsonRow>(await this.table(), partitionOf(key), ideaRow(ideaNumber));
    return row && (JSON.parse(row.data) as Idea);
  }

  async list(key: ProgrammeKey): Promise<Idea[]> {
    return this.rows<Idea>(partitionOf(key), 'idea|');
  }

  async apply(
    key: ProgrammeKey,
    ideaNumber: string,
    transition: (idea: Idea) => TransitionResult,
  ): Promise<Result<Idea, ApplyError>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await getEntityOrUndefined<IdeaRow>(table, partitionKey, ideaRow(ideaNumber));
      if (!row) return err({ code: 'not-found', number: ideaNumber });
      const result = transition(JSON.parse(row.data) as Idea);
      if (!result.ok) return result;
      const { idea, history } = result.value;
      const sequence = (row.historyCount ?? 1) + 1;
      const actions: TransactionAction[] = [
        ['update', { partitionKey, rowKey: ideaRow(ideaNumber), ...ideaColumns(idea, sequence) }, 'Replace', { etag: row.etag }],
        ['create', { partitionKey, rowKey: historyRow(history, sequence), data: JSON.stringify(history) }],
      ];
      try {
        await table.submitTransaction(actions);
        return ok(idea);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error(`idea ${ideaNumber}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async history(key: ProgrammeKey, ideaNumber: string): Promise<HistoryEntry[]> {
    return this.rows<HistoryEntry>(partitionOf(key), historyPrefix(ideaNumber));
  }

  async saveAssessment(
    key: ProgrammeKey,
    assessment: Assessment,
    stillAssessable: (idea: Idea) => Result<undefined, LifecycleError>,
  ): Promise<Result<undefined, ApplyError>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await getEntityOrUndefined<IdeaRow>(table, partitionKey, ideaRow(assessment.ideaNumber));
      if (!row) return err({ code: 'not-found', number: assessment.ideaNumber });
      const check = stillAssessable(JSON.parse(row.data) as Idea);
      if (!check.ok) return check;
      // The idea row is touched under its ETag in the same transaction: a change in between
      // (a stop) conflicts, and the check runs again on the idea as it is then.
      const actions: TransactionAction[] = [
        ['update', { partitionKey, rowKey: ideaRow(assessment.ideaNumber) }, 'Merge', { etag: row.etag }],
        [
          'upsert',
          { partitionKey, rowKey: `${assessmentPrefix(assessment.ideaNumber)}${keyPart(assessment.assessor.id)}`, data: JSON.stringify(assessment) },
          'Replace',
        ],
      ];
      try {
        await table.submitTransaction(actions);
        return ok(undefined);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error(`idea ${assessment.ideaNumber}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async assessments(key: ProgrammeKey, ideaNumber?: string): Promise<Assessment[]> {
    return this.rows<Assessment>(partitionOf(key), ideaNumber ? assessmentPrefix(ideaNumber) : 'assessment|');
  }

  private async rows<T>(partitionKey: string, prefix: string): Promise<T[]> {
    const table = await this.table();
    const out: T[] = [];
    const rows = table.listEntities<JsonRow>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } });
    // The key check repeats the filter as a defence in depth: a row outside the range must never
    // be read as an idea, whatever the store answers.
    for await (const row of rows) if (row.rowKey?.startsWith(prefix)) out.push(JSON.parse(row.data) as T);
    return out;
  }

}

const isConflict = (error: unknown) => {
  const status = statusOf(error);
  return status === 412 || status === 409;
};

function ideaColumns(idea: Idea, historyCount: number) {
  return { data: JSON.stringify(idea), status: idea.status, phase: idea.phase, submittedBy: idea.submittedBy.id, historyCount };
}
