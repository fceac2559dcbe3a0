// Pending roadmap changes and revisions in Table Storage, in the roadmap's own table and
// partition (tenant, programme), so every step that spans them is one transaction:
//   pending|<idea>                  an idea's pending change (one per idea, last edit wins)
//   pendingVersion                  bumped by every change to the pending rows, in the same
//                                   transaction: a proposal that read the draft writes it under
//                                   its ETag, so an edit made meanwhile is never lost (the SDK's
//                                   transactional delete takes no ETag of its own)
//   proposal|<R-001>                a revision (its changes in their own rows: each row stays far
//   proposalChange|<R-001>|<idea>   below Table Storage's 64 KiB per property)
//   proposalCounter                 the next number and the revision still open ('' for none)
//   proposalSubmission|<form>       which revision a proposal form created
// Proposing moves every pending row into the revision; deciding writes the revision, the
// counter and, when adopted, each entry and its log line (see roadmapTable.ts). Every write is
// ETag-guarded and retried on a conflict, so concurrent edits are never lost.
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { RoadmapRevisionRepository } from '../app/ports.js';
import { err, ok, type Result } from '../../../shared/result.js';
import {
  applyRevision,
  decideRevision,
  markVoting,
  revisedBetween,
  type PendingChange,
  type ProposedChange,
  type RevisionDecision,
  type RevisionProblem,
  type RoadmapProposal,
  type StageOutcome,
} from '../domain/revision.js';
import type { RoadmapEntry, RoadmapProblem, RoadmapRevision } from '../domain/roadmap.js';
import {
  entryPrefix,
  entryRow,
  prefixFilter,
  revisionRow,
  revisionsBetweenFilter,
  roadmapPartition,
  ROADMAP_TABLE,
  type EntryRow,
} from './roadmapTable.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, type Tables } from '../../../platform/storage/tables.js';
import { rowsByKey } from '../../../platform/storage/rowsByKey.js';
import { mapPool } from '../../../shared/pool.js';

const MAX_ATTEMPTS = 8;
/** Draft edits all move one version row, so several people editing at once take turns. */
const MAX_DRAFT_ATTEMPTS = 30;
/** A short random pause before another turn, so racing writers spread out. */
const jitter = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 10 * attempt)));
const PENDING = 'pending|';
const PROPOSAL = 'proposal|';
const CHANGE = 'proposalChange|';
const COUNTER = 'proposalCounter';
const RECEIPT = 'proposalSubmission|';
const DRAFT = 'pendingVersion';

interface JsonRow {
  data: string;
}
interface DraftRow {
  version: number;
}
interface CounterRow {
  next: number;
  /** The revision not yet decided ('' for none). */
  open: string;
}

const pendingRow = (idea: string) => `${PENDING}${keyPart(idea)}`;
const proposalRow = (id: string) => `${PROPOSAL}${keyPart(id)}`;
const changePrefix = (id: string) => `${CHANGE}${keyPart(id)}|`;
const changeRow = (id: string, idea: string) => `${changePrefix(id)}${keyPart(idea)}`;
const receiptRow = (submissionId: string) => `${RECEIPT}${keyPart(submissionId)}`;

const isConflict = (error: unknown) => statusOf(error) === 412 || statusOf(error) === 409;
/** The revision's own row holds everything but its changes. */
const headerOf = (p: RoadmapProposal): JsonRow => ({ data: JSON.stringify({ ...p, changes: [] }) });

export class RoadmapRevisionTable implements RoadmapRevisionRepository {
  constructor(private readonly tables: Tables) {}

  private table(): Promise<TableClient> {
    return this.tables.get(ROADMAP_TABLE);
  }

  async pending(key: ProgrammeKey): Promise<PendingChange[]> {
    return (await this.rows<PendingChange>(roadmapPartition(key), PENDING)).map((r) => r.value);
  }

  async stage(
    key: ProgrammeKey,
    ideaNumber: string,
    change: (adopted: RoadmapEntry | undefined, pending: PendingChange | undefined, pendingCount: number) => Result<StageOutcome, RoadmapProblem | RevisionProblem>,
  ): Promise<Result<StageOutcome, RoadmapProblem | RevisionProblem>> {
    const table = await this.table();
    const partitionKey = roadmapPartition(key);
    const rowKey = pendingRow(ideaNumber);
    for (let attempt = 1; attempt <= MAX_DRAFT_ATTEMPTS; attempt++) {
      if (attempt > 1) await jitter(attempt);
      const draft = await getEntityOrUndefined<DraftRow>(table, partitionKey, DRAFT);
      const all = await this.rows<PendingChange>(partitionKey, PENDING);
      const row = all.find((r) => r.rowKey === rowKey);
      const adopted = await getEntityOrUndefined<JsonRow>(table, partitionKey, entryRow(ideaNumber));
      const result = change(adopted && (JSON.parse(adopted.data) as RoadmapEntry), row?.value, all.length);
      if (!result.ok || result.value.kind === 'unchanged') return result;
      const outcome = result.value;
      if (outcome.kind === 'withdrawn' && !row) return result;
      const write: TransactionAction =
        outcome.kind === 'staged'
          ? ['upsert', { partitionKey, rowKey, data: JSON.stringify(outcome.pending) }, 'Replace']
          : ['delete', { partitionKey, rowKey }];
      if (await this.commitDraft(table, partitionKey, draft, [write])) return result;
    }
    throw new ConcurrencyConflictError(`pending roadmap change ${ideaNumber}: still conflicting after ${MAX_DRAFT_ATTEMPTS} attempts`);
  }

  async withdraw(key: ProgrammeKey, ideaNumber: string): Promise<PendingChange | undefined> {
    const table = await this.table();
    const partitionKey = roadmapPartition(key);
    const rowKey = pendingRow(ideaNumber);
    for (let attempt = 1; attempt <= MAX_DRAFT_ATTEMPTS; attempt++) {
      if (attempt > 1) await jitter(attempt);
      const draft = await getEntityOrUndefined<DraftRow>(table, partitionKey, DRAFT);
      const row = await getEntityOrUndefined<JsonRow>(table, partitionKey, rowKey);
      if (!row) return undefined;
      if (await this.commitDraft(table, partitionKey, draft, [['delete', { partitionKey, rowKey }]])) return JSON.parse(row.data) as PendingChange;
    }
    throw new ConcurrencyConflictError(`pending roadmap change ${ideaNumber}: still conflicting after ${MAX_DRAFT_ATTEMPTS} attempts`);
  }

  /** Writes pending rows together with the next draft version, under the version read before
   * they were read. False: the draft changed meanwhile (read again and retry). */
  private async commitDraft(table: TableClient, partitionKey: string, draft: TableEntityResult<DraftRow> | undefined, writes: TransactionAction[]): Promise<boolean> {
    try {
      await table.submitTransaction([...writes, this.nextDraft(partitionKey, draft)]);
      return true;
    } catch (error) {
      if (isConflict(error) || statusOf(error) === 404) return false;
      throw error;
    }
  }

  private nextDraft(partitionKey: string, draft: TableEntityResult<DraftRow> | undefined): TransactionAction {
    const columns: DraftRow = { version: (draft?.version ?? 0) + 1 };
    return draft
      ? ['update', { partitionKey, rowKey: DRAFT, ...columns }, 'Replace', { etag: draft.etag }]
      : ['create', { partitionKey, rowKey: DRAFT, ...columns }];
  }

  async propose(
    key: ProgrammeKey,
    submissionId: string,
    build: (state: { sequence: number; pending: PendingChange[]; adopted: RoadmapEntry[]; open?: RoadmapProposal }) => Result<RoadmapProposal, RevisionProblem>,
  ): Promise<Result<{ proposal: RoadmapProposal; created: boolean }, RevisionProblem>> {
    const table = await this.table();
    const partitionKey = roadmapPartition(key);
    for (let attempt = 1; attempt <= MAX_DRAFT_ATTEMPTS; attempt++) {
      if (attempt > 1) await jitter(attempt);
      const receipt = await getEntityOrUndefined<{ id: string }>(table, partitionKey, receiptRow(submissionId));
      const earlier = receipt && (await this.get(key, receipt.id));
      if (earlier) return ok({ proposal: earlier, created: false });
      const counter = await getEntityOrUndefined<CounterRow>(table, partitionKey, COUNTER);
      const open = counter?.open ? await this.get(key, counter.open) : undefined;
      const draft = await getEntityOrUndefined<DraftRow>(table, partitionKey, DRAFT);
      const pending = await this.rows<PendingChange>(partitionKey, PENDING);
      const adopted = (await this.rows<RoadmapEntry>(partitionKey, entryPrefix)).map((r) => r.value);
      const sequence = counter?.next ?? 1;
      const built = build({ sequence, pending: pending.map((r) => r.value), adopted, ...(open ? { open } : {}) });
      if (!built.ok) return built;
      const proposal = built.value;
      const counterColumns: CounterRow = { next: sequence + 1, open: proposal.id };
      const actions: TransactionAction[] = [
        counter
          ? ['update', { partitionKey, rowKey: COUNTER, ...counterColumns }, 'Replace', { etag: counter.etag }]
          : ['create', { partitionKey, rowKey: COUNTER, ...counterColumns }],
        ['create', { partitionKey, rowKey: receiptRow(submissionId), id: proposal.id }],
        ['create', { partitionKey, rowKey: proposalRow(proposal.id), ...headerOf(proposal) }],
        ...proposal.changes.map((c): TransactionAction => ['create', { partitionKey, rowKey: changeRow(proposal.id, c.ideaNumber), data: JSON.stringify(c) }]),
        // Every pending change moves into the revision (one that changes nothing is dropped too);
        // an edit made meanwhile moved the draft version, so the whole proposal is built again.
        ...pending.map((r): TransactionAction => ['delete', { partitionKey, rowKey: r.rowKey }]),
        this.nextDraft(partitionKey, draft),
      ];
      try {
        await table.submitTransaction(actions);
        return ok({ proposal, created: true });
      } catch (error) {
        if (!isConflict(error) && statusOf(error) !== 404) throw error;
      }
    }
    throw new ConcurrencyConflictError(`roadmap revision: still conflicting after ${MAX_DRAFT_ATTEMPTS} attempts`);
  }

  async open(key: ProgrammeKey): Promise<RoadmapProposal | undefined> {
    const counter = await getEntityOrUndefined<CounterRow>(await this.table(), roadmapPartition(key), COUNTER);
    return counter?.open ? this.get(key, counter.open) : undefined;
  }

  async markVoting(key: ProgrammeKey, id: string, voteId: string): Promise<RoadmapProposal | undefined> {
    const table = await this.table();
    const partitionKey = roadmapPartition(key);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const header = await getEntityOrUndefined<JsonRow>(table, partitionKey, proposalRow(id));
      if (!header) return undefined;
      const current = { ...(JSON.parse(header.data) as RoadmapProposal), changes: await this.changes(partitionKey, id) };
      const next = markVoting(current, voteId);
      if (!next) return current;
      try {
        await table.updateEntity({ partitionKey, rowKey: proposalRow(id), ...headerOf(next) }, 'Replace', { etag: header.etag });
        return next;
      } catch (error) {
        if (statusOf(error) !== 412) throw error;
      }
    }
    throw new ConcurrencyConflictError(`roadmap revision ${id}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async get(key: ProgrammeKey, id: string): Promise<RoadmapProposal | undefined> {
    const partitionKey = roadmapPartition(key);
    const header = await getEntityOrUndefined<JsonRow>(await this.table(), partitionKey, proposalRow(id));
    return header && { ...(JSON.parse(header.data) as RoadmapProposal), changes: await this.changes(partitionKey, id) };
  }

  async list(key: ProgrammeKey, limit: number): Promise<RoadmapProposal[]> {
    const partitionKey = roadmapPartition(key);
    const headers = (await this.rows<RoadmapProposal>(partitionKey, PROPOSAL)).map((r) => r.value).sort((a, b) => b.sequence - a.sequence);
    // The callers' limits are small (the revision card's 6, the log card's 40); a few reads at a time all the same.
    return mapPool(headers.slice(0, limit), 4, async (p) => ({ ...p, changes: await this.changes(partitionKey, p.id) }));
  }

  async decide(key: ProgrammeKey, id: string, decision: RevisionDecision): Promise<Result<RoadmapProposal, RevisionProblem>> {
    const table = await this.table();
    const partitionKey = roadmapPartition(key);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const header = await getEntityOrUndefined<JsonRow>(table, partitionKey, proposalRow(id));
      if (!header) return err({ code: 'revision-not-found', id });
      const proposal: RoadmapProposal = { ...(JSON.parse(header.data) as RoadmapProposal), changes: await this.changes(partitionKey, id) };
      const decided = decideRevision(proposal, decision);
      if (!decided.ok) return decided;
      if (decided.value === 'already') return ok(proposal);
      const next = decided.value;
      const counter = await getEntityOrUndefined<CounterRow>(table, partitionKey, COUNTER);
      const actions: TransactionAction[] = [['update', { partitionKey, rowKey: proposalRow(id), ...headerOf(next) }, 'Replace', { etag: header.etag }]];
      if (counter && counter.open === id) actions.push(['update', { partitionKey, rowKey: COUNTER, next: counter.next, open: '' }, 'Replace', { etag: counter.etag }]);
      if (decision.adopted) actions.push(...(await this.adoption(table, partitionKey, next, decision)));
      try {
        await table.submitTransaction(actions);
        return ok(next);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`roadmap revision ${id}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async revisedBetween(key: ProgrammeKey, from: number, until: number): Promise<boolean> {
    const partitionKey = roadmapPartition(key);
    const proposals = (await this.rows<RoadmapProposal>(partitionKey, PROPOSAL)).map((r) => r.value);
    const edits: RoadmapRevision[] = [];
    const rows = (await this.table()).listEntities<JsonRow>({ queryOptions: { filter: revisionsBetweenFilter(partitionKey, from, until) } });
    for await (const row of rows) edits.push(JSON.parse(row.data) as RoadmapRevision);
    return revisedBetween(proposals, edits, from, until);
  }

  /** The writes that make an adopted revision take effect: each entry under its ETag, with its
   * log line numbered after the entry's earlier ones. */
  private async adoption(table: TableClient, partitionKey: string, proposal: RoadmapProposal, decision: RevisionDecision): Promise<TransactionAction[]> {
    // The changed entries in one query (14 a query), not a read per change at once.
    const found = await rowsByKey<EntryRow>(table, partitionKey, proposal.changes.map((c) => entryRow(c.ideaNumber)));
    const rows = new Map<string, TableEntityResult<EntryRow>>();
    for (const c of proposal.changes) {
      const row = found.get(entryRow(c.ideaNumber));
      if (row) rows.set(c.ideaNumber, row);
    }
    const adopted = new Map([...rows].map(([n, row]) => [n, JSON.parse(row.data) as RoadmapEntry]));
    return applyRevision(proposal, adopted, decision).flatMap(({ entry, revision }): TransactionAction[] => {
      const row = rows.get(entry.ideaNumber);
      const revisionCount = (row?.revisionCount ?? 0) + 1;
      const columns: EntryRow = { data: JSON.stringify(entry), revisionCount };
      const rowKey = entryRow(entry.ideaNumber);
      return [
        row ? ['update', { partitionKey, rowKey, ...columns }, 'Replace', { etag: row.etag }] : ['create', { partitionKey, rowKey, ...columns }],
        ['create', { partitionKey, rowKey: revisionRow(revision, revisionCount), data: JSON.stringify(revision) }],
      ];
    });
  }

  private async changes(partitionKey: string, id: string): Promise<ProposedChange[]> {
    return (await this.rows<ProposedChange>(partitionKey, changePrefix(id))).map((r) => r.value);
  }

  private async rows<T>(partitionKey: string, prefix: string): Promise<{ rowKey: string; etag: string; value: T }[]> {
    const out: { rowKey: string; etag: string; value: T }[] = [];
    const rows = (await this.table()).listEntities<JsonRow>({ queryOptions: { filter: prefixFilter(partitionKey, prefix) } });
    for await (const row of rows as AsyncIterable<TableEntityResult<JsonRow>>) {
      if (row.rowKey?.startsWith(prefix)) out.push({ rowKey: row.rowKey, etag: row.etag, value: JSON.parse(row.data) as T });
    }
    return out;
  }
}
