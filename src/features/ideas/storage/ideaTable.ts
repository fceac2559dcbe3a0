// Ideas in Table Storage. One partition per (tenant, programme) holds the ideas, their history,
// assessments, the yearly number counters and submission receipts, so an idea, its history
// entry, its number and its receipt are written in one transaction, together with the idea's
// index rows and the counts row (see ideaIndex.ts): every list a turn shows reads one page of an
// index, never the partition. `migrateIndex` gives rows written before the index theirs, and sweeps.
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { createHash } from 'node:crypto';
import type { ApplyError, IdeaCounts, IdeaListQuery, IdeaRepository, ListedIdea, ProgrammeKey } from '../app/ideaRepository.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import type { Assessment } from '../domain/assessment.js';
import type { HistoryEntry } from '../domain/history.js';
import type { Idea } from '../domain/idea.js';
import { scoreIdea, type IdeaScore, type ScoringRules } from '../domain/ranking.js';
import { formatIdeaNumber } from '../domain/ideaNumber.js';
import type { LifecycleError } from '../domain/lifecycleError.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { TransitionResult } from '../domain/transition.js';
import { countChange, countsMove, emptyCounts, IDEA_INDEX_VERSION, indexKeysOf, indexRanges } from './ideaIndex.js';
import { mapPool } from '../../../shared/pool.js';
import { createNumbered } from '../../../platform/storage/numberedRows.js';
import { countRange, readPage, scanPages } from '../../../platform/storage/rangePage.js';
import { rowsByKey } from '../../../platform/storage/rowsByKey.js';
import { getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'ideas';
/** Every idea write also moves the counts row, so concurrent writes of different ideas retry too. */
const MAX_ATTEMPTS = 24;

interface JsonRow {
  data: string;
}

interface IdeaRow extends JsonRow {
  /** History entries written so far; the next entry's sequence number. */
  historyCount?: number;
  /** The keys of the idea's index rows (JSON array); absent on rows written before the index. */
  ix?: string;
  /** The office's score (JSON IdeaScore), kept with the idea so its ranking row can move with it. */
  score?: string;
}

interface IndexRow extends JsonRow {
  /** The idea's number: the sweep asks its idea whether it still names the row. */
  n: string;
  score?: string;
}

/** A write of an idea: its row, what its index rows were, and the counts it moves. */
interface IdeaWrite {
  before?: { idea: Idea; keys: string[]; etag: string };
  idea: Idea;
  score: IdeaScore | undefined;
  historyCount: number;
  /** Other actions of the same transaction (history entry, receipt, assessment). */
  also: TransactionAction[];
}

const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const ideaRow = (n: string) => `idea|${keyPart(n)}`;
const historyPrefix = (n: string) => `history|${keyPart(n)}|`;
const assessmentPrefix = (n: string) => `assessment|${keyPart(n)}|`;
const submissionRow = (submissionKey: string) => `submission|${keyPart(submissionKey)}`;
const COUNTS_ROW = 'meta|counts';
/** Ideas the start-up migration rewrites at once. */
const MIGRATION_WRITES_AT_ONCE = 8;
const INDEX_ROW = 'meta|index';

/** History rows sort in the order they were written: the sequence is taken under the idea's
 * ETag, so two entries in the same millisecond still keep their order. */
const historyRow = (entry: HistoryEntry, sequence: number) => `${historyPrefix(entry.ideaNumber)}${String(sequence).padStart(6, '0')}`;

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
    // refused one takes no number, and concurrent registrations get consecutive ones. The
    // idea's index rows and the counts row are written in the same transaction.
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
        propertiesOf: ({ idea }) => ({ ...ideaColumns(idea, 1), ix: JSON.stringify(indexKeysOf(idea, undefined)) }),
        alongside: ({ history }) => (history ? [{ rowKey: historyRow(history, 1), data: JSON.stringify(history) }] : []),
        more: ({ idea }) => this.indexActions(table, partitionKey, { idea, score: undefined }),
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

  async getMany(key: ProgrammeKey, ideaNumbers: readonly string[]): Promise<Idea[]> {
    if (ideaNumbers.length === 0) return [];
    const rows = await rowsByKey<JsonRow>(await this.table(), partitionOf(key), ideaNumbers.map(ideaRow));
    return [...new Set(ideaNumbers)].flatMap((n) => {
      const row = rows.get(ideaRow(n));
      return row ? [JSON.parse(row.data) as Idea] : [];
    });
  }

  async list(key: ProgrammeKey): Promise<Idea[]> {
    const out: Idea[] = [];
    for await (const page of scanPages<JsonRow>(await this.table(), partitionOf(key), 'idea|')) for (const row of page) out.push(JSON.parse(row.data) as Idea);
    return out;
  }

  async page(key: ProgrammeKey, query: IdeaListQuery, request: PageRequest): Promise<ListPage<ListedIdea> & { total: number }> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const ranges = indexRanges(query);
    const counted = async (): Promise<{ total: number; perRange?: number[] }> => {
      switch (query.by) {
        // One person's ideas: a keys-only count of a small range.
        case 'submitter':
        case 'leader':
          return { total: await countRange(table, partitionKey, ranges[0] ?? '') };
        case 'phases': {
          const { phase } = await this.counts(key);
          const perRange = query.phases.map((p) => phase[p] ?? 0);
          return { total: perRange.reduce((a, b) => a + b, 0), perRange };
        }
        case 'status':
          return { total: (await this.counts(key)).status[query.status] ?? 0 };
        case 'prioritised': {
          const { status } = await this.counts(key);
          return { total: (status.prioritised ?? 0) + (status.qualified ?? 0) };
        }
        case 'ranking':
          return { total: (await this.counts(key)).status.registered ?? 0 };
        case 'disputed':
          return { total: (await this.counts(key)).disputed ?? 0 };
      }
    };
    // A skip across the portfolio's phases needs their counts first; every other page reads both at once.
    const [{ total }, read] =
      query.by === 'phases' && request.start === undefined && (request.skip ?? 0) > 0
        ? await counted().then(async (c) => [c, await readPage<IndexRow>(table, partitionKey, ranges, request, c.perRange)] as const)
        : await Promise.all([counted(), readPage<IndexRow>(table, partitionKey, ranges, request)]);
    const items = read.rows.map((row) => ({ idea: JSON.parse(row.data) as Idea, ...(row.score ? { score: JSON.parse(row.score) as IdeaScore } : {}) }));
    const first = read.rows[0]?.rowKey;
    return { items, total, ...(first !== undefined ? { first } : {}), ...(read.next !== undefined ? { next: read.next } : {}) };
  }

  async first(key: ProgrammeKey, query: IdeaListQuery, size: number): Promise<ListedIdea[]> {
    const read = await readPage<IndexRow>(await this.table(), partitionOf(key), indexRanges(query), { size });
    return read.rows.map((row) => ({ idea: JSON.parse(row.data) as Idea, ...(row.score ? { score: JSON.parse(row.score) as IdeaScore } : {}) }));
  }

  async counts(key: ProgrammeKey): Promise<IdeaCounts> {
    const row = await getEntityOrUndefined<JsonRow>(await this.table(), partitionOf(key), COUNTS_ROW);
    return row ? (JSON.parse(row.data) as IdeaCounts) : emptyCounts();
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
      const before = JSON.parse(row.data) as Idea;
      const result = transition(before);
      if (!result.ok) return result;
      const { idea, history } = result.value;
      const sequence = (row.historyCount ?? 1) + 1;
      try {
        await this.write(table, partitionKey, {
          before: { idea: before, keys: keysOf(row), etag: row.etag },
          idea,
          score: scoreOf(row),
          historyCount: sequence,
          also: [['create', { partitionKey, rowKey: historyRow(history, sequence), data: JSON.stringify(history) }]],
        });
        return ok(idea);
      } catch (error) {
        if (!isConflict(error)) throw error;
        await backOff(attempt);
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
    rules: ScoringRules,
    stillAssessable: (idea: Idea) => Result<undefined, LifecycleError>,
  ): Promise<Result<undefined, ApplyError>> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const entity = { partitionKey, rowKey: `${assessmentPrefix(assessment.ideaNumber)}${keyPart(assessment.assessor.id)}`, data: JSON.stringify(assessment) };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await getEntityOrUndefined<IdeaRow>(table, partitionKey, ideaRow(assessment.ideaNumber));
      if (!row) return err({ code: 'not-found', number: assessment.ideaNumber });
      const idea = JSON.parse(row.data) as Idea;
      const check = stillAssessable(idea);
      if (!check.ok) return check;
      // The idea's score with this assessment in place of the assessor's earlier one; the
      // assessment, the score and the ranking row move in one transaction under the idea's
      // ETag: a change in between (a stop) conflicts, and the check runs again on the idea as it is then.
      const others = (await this.assessments(key, assessment.ideaNumber)).filter((a) => a.assessor.id !== assessment.assessor.id);
      try {
        await this.write(table, partitionKey, {
          before: { idea, keys: keysOf(row), etag: row.etag },
          idea,
          score: scoreIdea(idea.number, [...others, assessment], rules),
          historyCount: row.historyCount ?? 1,
          also: [['upsert', entity, 'Replace']],
        });
        return ok(undefined);
      } catch (error) {
        if (!isConflict(error)) throw error;
        await backOff(attempt);
      }
    }
    throw new Error(`idea ${assessment.ideaNumber}: assessment still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async assessments(key: ProgrammeKey, ideaNumber?: string): Promise<Assessment[]> {
    return this.rows<Assessment>(partitionOf(key), ideaNumber ? assessmentPrefix(ideaNumber) : 'assessment|');
  }

  /**
   * Gives every idea the index rows it should have and removes any it should not (rows written
   * before the index, a score from other scoring rules, a row left by hand or by a bug), then
   * recounts. Run at start for each programme; a no-op (one read) once the partition is up to
   * date with this index version and these rules, and safe to run again or on two instances at
   * once: each idea is rewritten under its ETag, and a writer that got there first wrote the
   * right rows itself.
   */
  async migrateIndex(key: ProgrammeKey, rules: ScoringRules): Promise<{ rewritten: number; removed: number }> {
    const table = await this.table();
    const partitionKey = partitionOf(key);
    const fingerprint = indexFingerprint(rules);
    const meta = await getEntityOrUndefined<{ fingerprint: string }>(table, partitionKey, INDEX_ROW);
    if (meta?.fingerprint === fingerprint) return { rewritten: 0, removed: 0 };

    // The index rows there are now, and each idea's assessments for its score (a background
    // pass at start: it holds keys and scores, not the ideas).
    const present = new Map<string, string>();
    for await (const page of scanPages<{ n: string }>(table, partitionKey, 'ix|', ['PartitionKey', 'RowKey', 'n'])) {
      for (const row of page) if (row.rowKey) present.set(row.rowKey, row.n);
    }
    const assessed = new Map<string, Assessment[]>();
    for await (const page of scanPages<JsonRow>(table, partitionKey, 'assessment|')) {
      for (const row of page) {
        const a = JSON.parse(row.data) as Assessment;
        assessed.set(a.ideaNumber, [...(assessed.get(a.ideaNumber) ?? []), a]);
      }
    }
    const wanted = new Set<string>();
    let rewritten = 0;
    for await (const page of scanPages<IdeaRow>(table, partitionKey, 'idea|')) {
      const stale: { row: TableEntityResult<IdeaRow>; score: IdeaScore | undefined }[] = [];
      for (const row of page) {
        const idea = JSON.parse(row.data) as Idea;
        const score = scoreIdea(idea.number, assessed.get(idea.number) ?? [], rules);
        const keys = indexKeysOf(idea, score);
        for (const k of keys) wanted.add(k);
        const upToDate = row.ix === JSON.stringify(keys) && row.score === (score && JSON.stringify(score)) && keys.every((k) => present.has(k));
        if (!upToDate) stale.push({ row, score });
      }
      // A few transactions at once: each is its own idea's, under its own ETag.
      const done = await mapPool(stale, MIGRATION_WRITES_AT_ONCE, ({ row, score }) => this.reindex(table, partitionKey, row, score));
      rewritten += done.filter(Boolean).length;
    }
    // What no idea named during the scan, unless its idea names it now (written since).
    let removed = 0;
    for (const [rowKey, number] of present) {
      if (wanted.has(rowKey)) continue;
      const owner = number ? await getEntityOrUndefined<IdeaRow>(table, partitionKey, ideaRow(number)) : undefined;
      if (owner && keysOf(owner).includes(rowKey)) continue;
      await deleteIfThere(table, partitionKey, rowKey);
      removed++;
    }
    await this.recount(table, partitionKey);
    await table.upsertEntity({ partitionKey, rowKey: INDEX_ROW, fingerprint }, 'Replace');
    return { rewritten, removed };
  }

  /** Rewrites one idea with all its index rows; false when another writer changed it first (and so wrote them). */
  private async reindex(table: TableClient, partitionKey: string, row: TableEntityResult<IdeaRow>, score: IdeaScore | undefined): Promise<boolean> {
    const idea = JSON.parse(row.data) as Idea;
    try {
      // No count moves (`before` is the idea itself): the counts are made afresh afterwards.
      await this.write(table, partitionKey, { before: { idea, keys: keysOf(row), etag: row.etag }, idea, score, historyCount: row.historyCount ?? 1, also: [] }, { repair: true });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  /** Counts the ideas afresh (a page of them in memory at a time), written under the counts row's ETag. */
  private async recount(table: TableClient, partitionKey: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await getEntityOrUndefined<JsonRow>(table, partitionKey, COUNTS_ROW);
      let counts = emptyCounts();
      for await (const page of scanPages<JsonRow>(table, partitionKey, 'idea|')) {
        for (const row of page) counts = countChange(counts, undefined, JSON.parse(row.data) as Idea);
      }
      const entity = { partitionKey, rowKey: COUNTS_ROW, data: JSON.stringify(counts) };
      try {
        if (current) await table.updateEntity(entity, 'Replace', { etag: current.etag });
        else await table.createEntity(entity);
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error(`${partitionKey}: counts still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  private async rows<T>(partitionKey: string, prefix: string): Promise<T[]> {
    const out: T[] = [];
    for await (const page of scanPages<JsonRow>(await this.table(), partitionKey, prefix)) for (const row of page) out.push(JSON.parse(row.data) as T);
    return out;
  }

  /**
   * One transaction: the idea row (under its ETag), the other actions, and the index and counts
   * actions (`indexActions`). A conflict on either ETag fails it whole.
   */
  private async write(table: TableClient, partitionKey: string, w: IdeaWrite & { before: NonNullable<IdeaWrite['before']> }, options: { repair?: boolean } = {}): Promise<void> {
    const keys = indexKeysOf(w.idea, w.score);
    const score = w.score ? { score: JSON.stringify(w.score) } : {};
    const row = { partitionKey, rowKey: ideaRow(w.idea.number), ...ideaColumns(w.idea, w.historyCount), ix: JSON.stringify(keys), ...score };
    const actions: TransactionAction[] = [['update', row, 'Replace', { etag: w.before.etag }], ...w.also, ...(await this.indexActions(table, partitionKey, w, options))];
    await table.submitTransaction(actions);
  }

  /**
   * The index rows the idea no longer has deleted and the ones it has written (each a copy of
   * the idea), and the counts row under its own ETag when a count moves (always for a new idea).
   */
  private async indexActions(
    table: TableClient,
    partitionKey: string,
    w: Pick<IdeaWrite, 'before' | 'idea' | 'score'>,
    options: { repair?: boolean } = {},
  ): Promise<TransactionAction[]> {
    const keys = indexKeysOf(w.idea, w.score);
    const data = JSON.stringify(w.idea);
    const score = w.score ? { score: JSON.stringify(w.score) } : {};
    const actions: TransactionAction[] = [
      // A repair leaves rows the idea no longer has to the sweep after it (one may be missing, and a delete of a missing row fails the transaction).
      ...(options.repair ? [] : (w.before?.keys ?? []).filter((k) => !keys.includes(k)).map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }])),
      ...keys.map((rowKey): TransactionAction => ['upsert', { partitionKey, rowKey, n: w.idea.number, data, ...score }, 'Replace']),
    ];
    if (!w.before || countsMove(w.before.idea, w.idea)) {
      const counts = await getEntityOrUndefined<JsonRow>(table, partitionKey, COUNTS_ROW);
      const next = countChange(counts ? (JSON.parse(counts.data) as IdeaCounts) : emptyCounts(), w.before?.idea, w.idea);
      const entity = { partitionKey, rowKey: COUNTS_ROW, data: JSON.stringify(next) };
      actions.push(counts ? ['update', entity, 'Replace', { etag: counts.etag }] : ['create', entity]);
    }
    return actions;
  }
}

/** Changes with the index layout and with the scoring rules (a stored score is theirs). */
export function indexFingerprint(rules: ScoringRules): string {
  const scoring = [rules.criteria.map((c) => [c.id, c.weight]), rules.disagreementSpread];
  return createHash('sha256').update(JSON.stringify([IDEA_INDEX_VERSION, scoring])).digest('hex').slice(0, 16);
}

const keysOf = (row: IdeaRow): string[] => (row.ix ? (JSON.parse(row.ix) as string[]) : []);
const scoreOf = (row: IdeaRow): IdeaScore | undefined => (row.score ? (JSON.parse(row.score) as IdeaScore) : undefined);

/** A few milliseconds, growing, with jitter: writers that collided do not collide again in step. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));

async function deleteIfThere(table: TableClient, partitionKey: string, rowKey: string): Promise<void> {
  try {
    await table.deleteEntity(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

const isConflict = (error: unknown) => {
  const status = statusOf(error);
  return status === 412 || status === 409;
};

function ideaColumns(idea: Idea, historyCount: number) {
  return { data: JSON.stringify(idea), status: idea.status, phase: idea.phase, submittedBy: idea.submittedBy.id, historyCount };
}
