// The ports of this feature's use cases: what storage and the other edges implement. Declared
// apart from the use cases so an adapter imports its port, never the logic it serves.
import type { PersonRef } from '../../../shared/personRef.js';
import type { Result } from '../../../shared/result.js';
import type { ApplicationProblem, MembershipApplication } from '../domain/admission.js';
import type { Party, Person } from '../../../shared/programme/schema.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { FeeTable } from '../domain/fees.js';
import type { Withdrawal } from '../domain/withdrawal.js';

export interface ApplicationRepository {
  /** Numbers and stores the application once per submission (a retry returns the first). */
  file(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<MembershipApplication, ApplicationProblem>,
  ): Promise<Result<{ application: MembershipApplication; created: boolean }, ApplicationProblem>>;
  get(key: ProgrammeKey, id: string): Promise<MembershipApplication | undefined>;
  /** Oldest first. */
  list(key: ProgrammeKey): Promise<MembershipApplication[]>;
  /** Read-modify-write under the row's ETag; `change` is pure and may run twice. */
  update(key: ProgrammeKey, id: string, change: (a: MembershipApplication) => MembershipApplication | undefined): Promise<MembershipApplication | undefined>;
}

/** One admission as the configuration store keeps it: what was added, on whose decision. */
export interface AdmissionRecord {
  party: Party;
  people: Person[];
  /** The representative's seat in the deciding body (absent in records without one). */
  seats?: { body: string; person: string }[];
  applicationId: string;
  voteId: string;
  decidedAt: number;
  decidedBy: PersonRef;
}

/**
 * The programme's configuration store: parties added by decision, on top of the programme
 * file. Append-only, so the records are also the history of who joined when and why.
 */
export interface PartyRegistry {
  /** Adds the record unless the party was admitted before ('already': nothing changed). */
  admit(key: ProgrammeKey, record: AdmissionRecord): Promise<'added' | 'already'>;
  /** Every admission, oldest first. */
  admitted(key: ProgrammeKey): Promise<AdmissionRecord[]>;
}

/** A computed fee table as stored, so it can be shown again. */
export interface FeeRecord extends FeeTable {
  computedBy: PersonRef;
  computedAt: number;
}

export interface FeeRepository {
  get(key: ProgrammeKey, year: number): Promise<FeeRecord | undefined>;
  /** Replaces the year's table (the latest calculation is the one that counts). */
  save(key: ProgrammeKey, record: FeeRecord): Promise<void>;
}

export interface WithdrawalRegistry {
  /** Adds the record unless the party has one ('already': nothing changed). */
  record(key: ProgrammeKey, withdrawal: Withdrawal): Promise<'added' | 'already'>;
  /** Every withdrawal, oldest first. */
  list(key: ProgrammeKey): Promise<Withdrawal[]>;
}
