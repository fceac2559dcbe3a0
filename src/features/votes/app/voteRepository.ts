// The ports for gate votes and the channels bodies vote in. The Table Storage adapters are in
// src/features/votes/storage/voteTable.ts and src/features/votes/storage/bodyChannelTable.ts.
import type { Choice } from '../../../shared/decision/ballot.js';
import type { BallotRecord, GateVote } from '../domain/gateVote.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';

export interface VoteRef extends ProgrammeKey {
  voteId: string;
}

export type OpenResult =
  | { kind: 'opened'; vote: GateVote }
  /** The same proposal form was submitted before (double click, retry): its vote. */
  | { kind: 'same-submission'; vote: GateVote }
  /** Another vote on this idea and gate is still running. */
  | { kind: 'already-open'; vote: GateVote };

export interface CastInput {
  voter: string;
  choice: Choice;
  comment?: string;
  castAt: number;
  /** The voter's sequence number their card showed (0 or undefined: the shared card). */
  after?: number;
}

export type CastResult =
  | { kind: 'recorded'; ballot: BallotRecord }
  /** The same click arrived before (Teams retry, double click): nothing changed. */
  | { kind: 'duplicate'; latest: BallotRecord | undefined }
  /** The vote was sealed for counting before this ballot could be written. */
  | { kind: 'sealed' };

export interface VoteRepository {
  /** Creates the vote unless one is running for the idea and gate; once per submission. */
  open(vote: GateVote, submissionId: string): Promise<OpenResult>;
  get(ref: VoteRef): Promise<GateVote | undefined>;
  /**
   * Read-modify-write of the vote record under its ETag. `change` must be pure (it may run
   * again after a conflict); returning undefined leaves the record as it is. Returns the
   * record as stored afterwards and whether this call changed it.
   */
  update(ref: VoteRef, change: (vote: GateVote) => GateVote | undefined): Promise<{ vote: GateVote; changed: boolean } | undefined>;
  /** One page of the programme's votes, newest first, optionally for one idea or one body; `total` the count. */
  page(key: ProgrammeKey, filter: { ideaNumber?: string; body?: string }, request: PageRequest): Promise<ListPage<GateVote> & { total: number }>;
  /** The programme's votes, newest first, optionally for one idea or one body. For one idea's
   * votes and background work; the decision log reads `page`. */
  list(key: ProgrammeKey, filter?: { ideaNumber?: string; body?: string }): Promise<GateVote[]>;
  /** Votes that need the closer: open past the deadline, with follow-up work left, or due
   * the day-before reminder to the members who have not voted. */
  due(key: ProgrammeKey, now: number): Promise<GateVote[]>;

  /** Records a ballot: one history row per ballot and one latest row per voter, atomically. */
  cast(ref: VoteRef, input: CastInput): Promise<CastResult>;
  /** Each voter's latest ballot. */
  latest(ref: VoteRef): Promise<BallotRecord[]>;
  /** Each voter's latest ballot as this instance knows it: includes every ballot this instance
   * recorded, and those of other instances up to about a second late. For display only (the
   * progress line); nothing that decides or counts may use it. */
  progress(ref: VoteRef): Promise<BallotRecord[]>;
  /** Every ballot ever cast in the vote, changes included. */
  ballots(ref: VoteRef): Promise<BallotRecord[]>;
  /** Latest ballot of one voter. */
  latestOf(ref: VoteRef, voter: string): Promise<BallotRecord | undefined>;
  /**
   * Seals the voters' latest rows so no ballot can be added afterwards, then returns the
   * latest ballots: the final, complete input to the count.
   */
  seal(ref: VoteRef, voters: readonly string[]): Promise<BallotRecord[]>;
}

export interface BodyChannel {
  bodyId: string;
  conversationId: string;
  language: 'nb' | 'en';
  linkedBy: { id: string; name: string };
  linkedAt: number;
}

export interface BodyChannelRepository {
  /** Binds the body to the channel; a later link moves it. Returns the previous binding. */
  link(key: ProgrammeKey, channel: BodyChannel): Promise<BodyChannel | undefined>;
  get(key: ProgrammeKey, bodyId: string): Promise<BodyChannel | undefined>;
}
