// Gate votes in Table Storage.
//
// Table `votes`, one partition per (tenant, programme):
//   vote|<voteId>         the vote record (JSON, split over data0…dataN) plus the columns the
//                         closer filters on (status, deadline, pending, remindAt, reminded);
//                         changed only under its ETag.
//   lock|<idea>|<gate>    which vote runs for the idea's gate, and which proposal form opened
//                         it; created with the vote in one transaction, so two offices
//                         proposing at once get one vote. A lock whose vote is closed is free.
//   vix|…                 the decision log's index rows, created in the same transaction
//                         (see voteIndex.ts).
//   vote~cnt|vix|…        each list's count row, moved in the same transaction (voteIndex.ts).
//
// Table `ballots`, one partition per vote (tenant, programme, vote):
//   ballot|<voter>|<seq>  one row per ballot ever cast: the history, never changed.
//   latest|<voter>        the voter's latest ballot: what counts. Replaced under its ETag.
//   receipt|<voter>|<h>   the click that produced a ballot (hash of what the card showed and
//                         what was chosen): a replayed or duplicated invoke finds its receipt
//                         and changes nothing.
// The three rows of a ballot are written in one transaction. There is no shared tally row:
// concurrent voters never touch the same row, and the count is made from the latest rows
// after they are sealed (seal()), so no ballot is lost or counted twice.
//
// Per-instance caches (a burst of N votes costs O(N) storage work, about one round trip per
// vote, instead of reading the partition once per vote):
//   - the vote record with its ETag, served for `recordMaxAgeMs`; update() writes under the
//     cached ETag first and re-reads only on 412, so a stale copy is never written over;
//   - per vote, every voter's latest row with its ETag (the aggregate behind progress()),
//     kept in step with this instance's casts and re-read whole when older than
//     `progressMaxAgeMs` (ballots cast on other instances appear within that time). cast()
//     writes under the aggregate's ETag without reading first; a conflict re-reads the row.
// Counting, sealing and latest() always read storage.
import { createHash, randomUUID } from 'node:crypto';
import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { CastInput, CastResult, OpenResult, VoteRef, VoteRepository } from '../app/voteRepository.js';
import { choices } from '../../../shared/decision/ballot.js';
import { pendingWork, type BallotRecord, type GateVote } from '../domain/gateVote.js';
import { votersReminderAt, votersReminderDue } from '../domain/votersReminder.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';
import { countOf, moveCount, readCount, rebuildCounts } from '../../../platform/storage/countRows.js';
import { readPage, scanPages } from '../../../platform/storage/rangePage.js';
import { rowsByKey } from '../../../platform/storage/rowsByKey.js';
import { countRowOfIndexKey, VOTE_INDEX_VERSION, voteCountRow, voteCountRows, voteIndexKeys, voteIndexRange } from './voteIndex.js';
import { ConcurrencyConflictError, getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';
import { systemClock } from '../../../shared/clocks.js';

const VOTES = 'votes';
const BALLOTS = 'ballots';
const MAX_ATTEMPTS = 12;
const CHUNK = 30_000; // UTF-16 code units per property: under the 64 KiB property limit
const SEAL_CONCURRENCY = 16;
const VOTE_INDEX_ROW = 'meta|voteIndex';

const double = (value: number) => ({ value, type: 'Double' as const });
const doubleLiteral = (value: number) => `${Math.floor(value)}.0`;

const votePartition = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const ballotPartition = (ref: VoteRef) => tenantPartition(ref.tenantId, ref.programmeId, ref.voteId);
const voteRow = (voteId: string) => `vote|${keyPart(voteId)}`;
const lockRow = (ideaNumber: string, gate: string) => `lock|${keyPart(ideaNumber)}|${keyPart(gate)}`;
const latestRow = (voter: string) => `latest|${keyPart(voter)}`;
const ballotRow = (voter: string, seq: number) => `ballot|${keyPart(voter)}|${String(seq).padStart(6, '0')}`;
const receiptRow = (voter: string, fingerprint: string) => `receipt|${keyPart(voter)}|${fingerprint}`;

/** Rows whose key starts with the prefix: '}' sorts after every character keyPart emits. */
const prefixFilter = (partitionKey: string, prefix: string) =>
  `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${prefix}' and RowKey lt '${prefix}}'`;

const isConflict = (error: unknown) => {
  const status = statusOf(error);
  return status === 409 || status === 412;
};

/** What makes two clicks "the same click": who, what their card showed, what they chose. */
export function fingerprint(input: Pick<CastInput, 'after' | 'choice' | 'comment'>): string {
  return createHash('sha256')
    .update(JSON.stringify([input.after ?? 0, input.choice, input.comment ?? '']))
    .digest('hex')
    .slice(0, 32);
}

interface BallotRow {
  voter: string;
  choice?: string;
  castAt?: number;
  comment?: string;
  seq: number;
  after?: number;
  sealed?: boolean;
}

const ballotRowSchema = z.object({
  voter: z.string().min(1),
  choice: z.enum(choices),
  castAt: z.number(),
  comment: z.string().optional(),
  seq: z.number().int().min(1),
  after: z.number().int().optional(),
});

function toBallot(row: BallotRow): BallotRecord | undefined {
  const parsed = ballotRowSchema.safeParse({
    voter: row.voter,
    choice: row.choice,
    castAt: row.castAt,
    ...(row.comment ? { comment: row.comment } : {}),
    seq: row.seq,
    ...(row.after ? { after: row.after } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

const ballotColumns = (b: BallotRecord) => ({
  voter: b.voter,
  choice: b.choice,
  castAt: double(b.castAt),
  comment: b.comment ?? '',
  seq: b.seq,
  after: b.after ?? 0,
});

type VoteRow = Record<string, unknown> & { parts?: number };

function voteColumns(vote: GateVote) {
  const json = JSON.stringify(vote);
  const count = Math.max(1, Math.ceil(json.length / CHUNK));
  const parts: Record<string, string> = {};
  for (let i = 0; i < count; i++) parts[`data${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return {
    parts: count,
    ...parts,
    status: vote.status,
    deadline: double(vote.deadline),
    openedAt: double(vote.openedAt),
    pending: pendingWork(vote),
    remindAt: double(votersReminderAt(vote)),
    reminded: vote.progress.votersReminded === true,
    ideaNumber: vote.ideaNumber,
    gate: vote.gate,
    body: vote.body,
  };
}

function voteOf(row: VoteRow): GateVote {
  const count = typeof row.parts === 'number' ? row.parts : 1;
  let json = '';
  for (let i = 0; i < count; i++) json += String(row[`data${i}`] ?? '');
  return JSON.parse(json) as GateVote;
}

export interface VoteCacheOptions {
  /** How long a read vote record is served from memory (ms). */
  recordMaxAgeMs: number;
  /** How old the progress aggregate may get before it is re-read whole (ms). */
  progressMaxAgeMs: number;
  now: () => number;
}

const DEFAULT_CACHE: VoteCacheOptions = { recordMaxAgeMs: 1_000, progressMaxAgeMs: 1_000, now: systemClock.now };
const MAX_CACHED = 500;

/** A voter's latest row as this instance last saw or wrote it. `etag` undefined: unknown. */
interface KnownRow {
  seq: number;
  sealed: boolean;
  ballot: BallotRecord | undefined;
  etag: string | undefined;
}

interface Aggregate {
  rows: Map<string, KnownRow>;
  readAt: number;
  reading?: Promise<void>;
}

const refKey = (ref: VoteRef) => `${ref.tenantId}|${ref.programmeId}|${ref.voteId}`;

/** Keeps the newer of two views of a voter's row (seq only grows; a seal keeps the seq). */
function newer(a: KnownRow | undefined, b: KnownRow): KnownRow {
  if (!a || b.seq > a.seq || (b.seq === a.seq && (b.sealed || !a.sealed))) return b;
  return a;
}

const knownRowOf = (row: TableEntityResult<BallotRow>): KnownRow => ({
  seq: typeof row.seq === 'number' ? row.seq : 0,
  sealed: row.sealed === true,
  ballot: toBallot(row),
  etag: row.etag,
});

export class VoteTable implements VoteRepository {
  private readonly cache: VoteCacheOptions;
  private readonly records = new Map<string, { vote: GateVote; etag: string; at: number } | { reading: Promise<GateVote | undefined>; at: number }>();
  private readonly aggregates = new Map<string, Aggregate>();

  constructor(
    private readonly tables: Tables,
    cache: Partial<VoteCacheOptions> = {},
  ) {
    this.cache = { ...DEFAULT_CACHE, ...cache };
  }

  private votes(): Promise<TableClient> {
    return this.tables.get(VOTES);
  }

  private ballotTable(): Promise<TableClient> {
    return this.tables.get(BALLOTS);
  }

  async open(vote: GateVote, submissionId: string): Promise<OpenResult> {
    const table = await this.votes();
    const key = { tenantId: vote.tenantId, programmeId: vote.programmeId };
    const partitionKey = votePartition(key);
    // An advising body's vote (Skate §3.4) runs beside the gate's own votes, never in their way.
    const rowKey = lockRow(vote.ideaNumber, vote.matter?.kind === 'advice' ? `${vote.gate}|advice` : vote.gate);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // The lists' count rows are read with the lock: they move in the opening transaction.
      const [lock, counts] = await Promise.all([
        getEntityOrUndefined<{ voteId: string; submissionId: string }>(table, partitionKey, rowKey),
        Promise.all(voteCountRows(vote).map((countRow) => readCount(table, partitionKey, countRow))),
      ]);
      const running = lock && (await this.get({ ...key, voteId: lock.voteId }));
      if (lock && running && lock.submissionId === submissionId) return { kind: 'same-submission', vote: running };
      if (running && running.status !== 'closed') return { kind: 'already-open', vote: running };
      const lockColumns = { voteId: vote.id, submissionId };
      const actions: TransactionAction[] = [
        lock
          ? ['update', { partitionKey, rowKey, ...lockColumns }, 'Replace', { etag: lock.etag }]
          : ['create', { partitionKey, rowKey, ...lockColumns }],
        ['create', { partitionKey, rowKey: voteRow(vote.id), ...voteColumns(vote) }],
        ...voteIndexKeys(vote).map((indexKey): TransactionAction => ['create', { partitionKey, rowKey: indexKey, voteId: vote.id }]),
        ...counts.map((count) => moveCount(partitionKey, count, 1)),
      ];
      try {
        await table.submitTransaction(actions);
        return { kind: 'opened', vote };
      } catch (error) {
        if (!isConflict(error)) throw error;
        // Votes of other ideas opened at once move the same count row: back off, randomly and
        // further each time, so a dozen openings at once (a seeded or restored programme, a
        // busy meeting) all get through rather than retrying in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1_000, 5 * 2 ** attempt)));
      }
    }
    throw new ConcurrencyConflictError(`vote lock ${vote.ideaNumber}/${vote.gate}: still conflicting`);
  }

  async get(ref: VoteRef): Promise<GateVote | undefined> {
    const key = refKey(ref);
    const now = this.cache.now();
    const hit = this.records.get(key);
    if (hit && now - hit.at <= this.cache.recordMaxAgeMs) return 'reading' in hit ? hit.reading : hit.vote;
    // Concurrent readers share one read.
    const reading = this.readRecord(ref).then((row) => row?.vote);
    this.remember(this.records, key, { reading, at: now });
    reading.catch(() => this.records.delete(key));
    return reading;
  }

  /** The record as this instance holds it, if read or written within `recordMaxAgeMs`. */
  private fresh(ref: VoteRef): GateVote | undefined {
    const hit = this.records.get(refKey(ref));
    return hit && !('reading' in hit) && this.cache.now() - hit.at <= this.cache.recordMaxAgeMs ? hit.vote : undefined;
  }

  private async readRecord(ref: VoteRef): Promise<{ vote: GateVote; etag: string } | undefined> {
    const key = refKey(ref);
    const at = this.cache.now();
    const row = await getEntityOrUndefined<VoteRow>(await this.votes(), votePartition(ref), voteRow(ref.voteId));
    if (!row) {
      this.records.delete(key);
      return undefined;
    }
    const read = { vote: voteOf(row), etag: row.etag };
    this.remember(this.records, key, { ...read, at });
    return read;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= MAX_CACHED && !map.has(key)) map.delete(map.keys().next().value as string);
    map.set(key, value);
  }

  async update(ref: VoteRef, change: (vote: GateVote) => GateVote | undefined): Promise<{ vote: GateVote; changed: boolean } | undefined> {
    const table = await this.votes();
    const partitionKey = votePartition(ref);
    const rowKey = voteRow(ref.voteId);
    const key = refKey(ref);
    const cached = this.records.get(key);
    // First try on the cached copy: its ETag makes a stale copy fail (412), never overwrite.
    let known = cached && !('reading' in cached) ? { vote: cached.vote, etag: cached.etag } : undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const at = this.cache.now();
      const row = known ?? (await this.readRecord(ref));
      known = undefined;
      if (!row) return undefined;
      const current = row.vote;
      const next = change(current);
      if (next === undefined) return { vote: current, changed: false };
      try {
        // Replace, not Merge: a shorter record must not leave an old data chunk behind.
        const written = await table.updateEntity({ partitionKey, rowKey, ...voteColumns(next) }, 'Replace', { etag: row.etag });
        if (written.etag) this.remember(this.records, key, { vote: next, etag: written.etag, at });
        else this.records.delete(key);
        return { vote: next, changed: true };
      } catch (error) {
        this.records.delete(key);
        if (statusOf(error) !== 412) throw error;
      }
    }
    throw new ConcurrencyConflictError(`vote ${ref.voteId}: still conflicting after ${MAX_ATTEMPTS} attempts`);
  }

  async list(key: ProgrammeKey, filter: { ideaNumber?: string; body?: string } = {}): Promise<GateVote[]> {
    const conditions = [prefixFilter(votePartition(key), 'vote|')];
    if (filter.ideaNumber) conditions.push(`ideaNumber eq '${filter.ideaNumber.replace(/'/g, "''")}'`);
    if (filter.body) conditions.push(`body eq '${filter.body.replace(/'/g, "''")}'`);
    // The checks repeat the filter: a stray row must never be read as a match (see ideaTable.ts).
    const votes = (await this.query(votePartition(key), conditions.join(' and '))).filter(
      (v) => (!filter.ideaNumber || v.ideaNumber === filter.ideaNumber) && (!filter.body || v.body === filter.body),
    );
    return votes.sort((a, b) => b.openedAt - a.openedAt);
  }

  async page(key: ProgrammeKey, filter: { ideaNumber?: string; body?: string }, request: PageRequest): Promise<ListPage<GateVote> & { total: number }> {
    const table = await this.votes();
    const partitionKey = votePartition(key);
    const range = voteIndexRange(filter);
    // Two requests, whatever the log's length: the index page, then the page's vote records
    // together with the list's count row in one query.
    const read = await readPage<{ voteId: string }>(table, partitionKey, [range], request);
    const countRow = voteCountRow(range);
    // Records this instance holds fresh (see the top of this file) are not read again.
    const held = new Map(read.rows.flatMap((row) => {
      const vote = this.fresh({ ...key, voteId: row.voteId });
      return vote ? [[row.voteId, vote] as const] : [];
    }));
    const at = this.cache.now();
    const rows = await rowsByKey<VoteRow>(table, partitionKey, [...read.rows.filter((row) => !held.has(row.voteId)).map((row) => voteRow(row.voteId)), countRow]);
    const items = read.rows.flatMap((row) => {
      const kept = held.get(row.voteId);
      if (kept) return [kept];
      const record = rows.get(voteRow(row.voteId));
      if (!record) return [];
      const vote = voteOf(record);
      this.remember(this.records, refKey({ ...key, voteId: row.voteId }), { vote, etag: record.etag, at });
      return [vote];
    });
    const total = countOf(rows.get(countRow) as { n?: unknown } | undefined);
    const first = read.rows[0]?.rowKey;
    return { items, total, ...(first !== undefined ? { first } : {}), ...(read.next !== undefined ? { next: read.next } : {}) };
  }

  /**
   * Gives votes opened before the index their index rows (idempotent: rows are upserted, and
   * a vote's rows never change). A no-op (one read) once done for this layout.
   */
  async migrateIndex(key: ProgrammeKey): Promise<{ written: number; recounted?: number }> {
    const table = await this.votes();
    const partitionKey = votePartition(key);
    const meta = await getEntityOrUndefined<{ version: number }>(table, partitionKey, VOTE_INDEX_ROW);
    if (meta?.version === VOTE_INDEX_VERSION) return { written: 0 };
    let written = 0;
    for await (const page of scanPages<VoteRow>(table, partitionKey, 'vote|')) {
      const actions = page.flatMap((row) => {
        const vote = voteOf(row);
        return voteIndexKeys(vote).map((rowKey): TransactionAction => ['upsert', { partitionKey, rowKey, voteId: vote.id }, 'Replace']);
      });
      for (let i = 0; i < actions.length; i += 99) await table.submitTransaction(actions.slice(i, i + 99));
      written += page.length;
    }
    // Then each list's count row, from its index keys (keys only; safe beside opens, countRows.ts).
    const recounted = await rebuildCounts(table, partitionKey, voteCountRow('vix|'), async () => {
      const counts = new Map<string, number>();
      for await (const page of scanPages(table, partitionKey, 'vix|', ['PartitionKey', 'RowKey'])) {
        for (const row of page) {
          const countRow = countRowOfIndexKey(row.rowKey ?? '');
          if (countRow) counts.set(countRow, (counts.get(countRow) ?? 0) + 1);
        }
      }
      return counts;
    });
    await table.upsertEntity({ partitionKey, rowKey: VOTE_INDEX_ROW, version: VOTE_INDEX_VERSION }, 'Replace');
    return { written, ...(recounted > 0 ? { recounted } : {}) };
  }

  async due(key: ProgrammeKey, now: number): Promise<GateVote[]> {
    const at = doubleLiteral(now);
    const remind = `(status eq 'open' and reminded eq false and remindAt le ${at})`;
    const filter = `${prefixFilter(votePartition(key), 'vote|')} and (pending eq true or (status eq 'open' and deadline le ${at}) or ${remind})`;
    return (await this.query(votePartition(key), filter)).filter(
      (v) => pendingWork(v) || (v.status === 'open' && v.deadline <= now) || votersReminderDue(v, now),
    );
  }

  private async query(partitionKey: string, filter: string): Promise<GateVote[]> {
    const table = await this.votes();
    const out: GateVote[] = [];
    for await (const row of table.listEntities<VoteRow>({ queryOptions: { filter } })) {
      if (row.rowKey?.startsWith('vote|') && row.partitionKey === partitionKey) out.push(voteOf(row));
    }
    return out;
  }

  async cast(ref: VoteRef, input: CastInput): Promise<CastResult> {
    const table = await this.ballotTable();
    const partitionKey = ballotPartition(ref);
    const receipt = receiptRow(input.voter, fingerprint(input));
    // Marks this call's receipt: when the SDK retries a transaction whose first try committed
    // but whose answer was lost (the 5 s try timeout under load), the retry conflicts on the
    // receipt it wrote itself, which is this click recorded, not a second click.
    const token = randomUUID();
    const aggregate = this.aggregates.get(refKey(ref));
    // What the aggregate knows of this voter's row saves the read; a wrong guess conflicts.
    const guess = aggregate && aggregate.readAt > 0 ? aggregate.rows.get(input.voter) : undefined;
    let known: { seq: number; sealed: boolean; etag: string | undefined } | undefined | 'read' =
      aggregate && aggregate.readAt > 0 && (guess === undefined || guess.etag !== undefined) ? guess : 'read';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const latest = known === 'read' ? await this.readLatest(ref, table, partitionKey, input.voter) : known;
      known = 'read';
      if (latest?.sealed) return { kind: 'sealed' };
      if (latest && latest.etag === undefined) continue; // unknown ETag: read the row
      const ballot: BallotRecord = {
        voter: input.voter,
        choice: input.choice,
        castAt: input.castAt,
        ...(input.comment ? { comment: input.comment } : {}),
        seq: (latest?.seq ?? 0) + 1,
        ...(input.after ? { after: input.after } : {}),
      };
      const row = { ...ballotColumns(ballot), sealed: false };
      const actions: TransactionAction[] = [
        ['create', { partitionKey, rowKey: receipt, seq: ballot.seq, token }],
        ['create', { partitionKey, rowKey: ballotRow(ballot.voter, ballot.seq), ...ballotColumns(ballot) }],
        latest
          ? ['update', { partitionKey, rowKey: latestRow(ballot.voter), ...row }, 'Replace', { etag: latest.etag! }]
          : ['create', { partitionKey, rowKey: latestRow(ballot.voter), ...row }],
      ];
      try {
        const written = await table.submitTransaction(actions);
        const etag = written.getResponseForEntity?.(latestRow(ballot.voter))?.etag;
        this.know(ref, ballot.voter, { seq: ballot.seq, sealed: false, ballot, etag });
        return { kind: 'recorded', ballot };
      } catch (error) {
        if (!isConflict(error)) throw error;
        // Either this click was recorded before (its receipt exists), or the voter's latest
        // row moved under us (another of their clicks, or the seal): look again.
        const found = await getEntityOrUndefined<{ token?: string }>(table, partitionKey, receipt);
        if (found) {
          const now = await this.readLatest(ref, table, partitionKey, input.voter);
          if (found.token === token) return { kind: 'recorded', ballot };
          return { kind: 'duplicate', latest: now?.ballot };
        }
      }
    }
    throw new ConcurrencyConflictError(`ballot of ${input.voter} in ${ref.voteId}: still conflicting`);
  }

  /** Every voter's latest ballot as this instance knows it (see the top of this file). */
  async progress(ref: VoteRef): Promise<BallotRecord[]> {
    const key = refKey(ref);
    let aggregate = this.aggregates.get(key);
    if (!aggregate) {
      aggregate = { rows: new Map(), readAt: 0 };
      this.remember(this.aggregates, key, aggregate);
    }
    if (this.cache.now() - aggregate.readAt > this.cache.progressMaxAgeMs) await this.refresh(ref, aggregate);
    return [...aggregate.rows.values()].flatMap((row) => row.ballot ?? []);
  }

  /** Re-reads every latest row into the aggregate; concurrent callers share the read. */
  private refresh(ref: VoteRef, aggregate: Aggregate): Promise<void> {
    aggregate.reading ??= (async () => {
      const at = this.cache.now();
      try {
        for (const row of await this.ballotRows(ref, 'latest|')) {
          aggregate.rows.set(row.voter, newer(aggregate.rows.get(row.voter), knownRowOf(row)));
        }
        aggregate.readAt = at;
      } finally {
        aggregate.reading = undefined;
      }
    })();
    return aggregate.reading;
  }

  private know(ref: VoteRef, voter: string, row: KnownRow): void {
    const aggregate = this.aggregates.get(refKey(ref));
    if (aggregate) aggregate.rows.set(voter, newer(aggregate.rows.get(voter), row));
  }

  /** Reads one voter's latest row and tells the aggregate what storage holds. */
  private async readLatest(ref: VoteRef, table: TableClient, partitionKey: string, voter: string): Promise<KnownRow | undefined> {
    const row = await getEntityOrUndefined<BallotRow>(table, partitionKey, latestRow(voter));
    if (!row) return undefined;
    const known = knownRowOf(row);
    const aggregate = this.aggregates.get(refKey(ref));
    // What storage holds wins over what this instance believed (its ETag is the live one).
    if (aggregate && (aggregate.rows.get(voter)?.seq ?? -1) <= known.seq) aggregate.rows.set(voter, known);
    return known;
  }

  async latest(ref: VoteRef): Promise<BallotRecord[]> {
    return (await this.ballotRows(ref, 'latest|')).flatMap((row) => toBallot(row) ?? []);
  }

  async latestOf(ref: VoteRef, voter: string): Promise<BallotRecord | undefined> {
    const row = await getEntityOrUndefined<BallotRow>(await this.ballotTable(), ballotPartition(ref), latestRow(voter));
    return row && toBallot(row);
  }

  async ballots(ref: VoteRef): Promise<BallotRecord[]> {
    return (await this.ballotRows(ref, 'ballot|')).flatMap((row) => toBallot(row) ?? []);
  }

  async seal(ref: VoteRef, voters: readonly string[]): Promise<BallotRecord[]> {
    const table = await this.ballotTable();
    const partitionKey = ballotPartition(ref);
    const queue = [...new Set(voters)];
    const worker = async () => {
      for (let voter = queue.shift(); voter !== undefined; voter = queue.shift()) await this.sealOne(table, partitionKey, voter);
    };
    await Promise.all(Array.from({ length: Math.min(SEAL_CONCURRENCY, queue.length) }, worker));
    // Read after every row is sealed: this list is final.
    return (await this.ballotRows(ref, 'latest|')).flatMap((row) => toBallot(row) ?? []);
  }

  private async sealOne(table: TableClient, partitionKey: string, voter: string): Promise<void> {
    const rowKey = latestRow(voter);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const row = await getEntityOrUndefined<BallotRow>(table, partitionKey, rowKey);
      if (row?.sealed) return;
      try {
        if (row) await table.updateEntity({ partitionKey, rowKey, sealed: true }, 'Merge', { etag: row.etag });
        else await table.createEntity({ partitionKey, rowKey, voter, seq: 0, sealed: true });
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new ConcurrencyConflictError(`sealing ${voter}: still conflicting`);
  }

  private async ballotRows(ref: VoteRef, prefix: string): Promise<TableEntityResult<BallotRow>[]> {
    const table = await this.ballotTable();
    const out: TableEntityResult<BallotRow>[] = [];
    const rows = table.listEntities<BallotRow>({ queryOptions: { filter: prefixFilter(ballotPartition(ref), prefix) } });
    const partitionKey = ballotPartition(ref);
    for await (const row of rows) if (row.rowKey?.startsWith(prefix) && row.partitionKey === partitionKey) out.push(row);
    return out;
  }
}
