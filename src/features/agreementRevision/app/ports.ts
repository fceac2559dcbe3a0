// The ports of this feature's use cases: what storage and the other edges implement. Declared
// apart from the use cases so an adapter imports its port, never the logic it serves.
import type { Result } from '../../../shared/result.js';
import type { AgreementRevision, AgreementRevisionProblem, RevisionStep } from '../domain/agreementRevision.js';
import type { ProgrammeKey } from '../../../shared/keys.js';

export type RevisionNotFound = { code: 'revision-not-found'; id: string };

export interface AgreementRevisionRepository {
  /** Opens once per submission key; the builder gets the next number and the revisions that
   * exist (read under the numbering counter's ETag, so two openings cannot both pass). */
  open(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number, existing: AgreementRevision[]) => Result<AgreementRevision, AgreementRevisionProblem>,
  ): Promise<Result<{ revision: AgreementRevision; created: boolean }, AgreementRevisionProblem>>;
  get(key: ProgrammeKey, id: string): Promise<AgreementRevision | undefined>;
  /** `texts: false` leaves the answers' texts empty (''), for the sweep. */
  list(key: ProgrammeKey, options?: { texts?: boolean }): Promise<AgreementRevision[]>;
  /** Whether a revision was opened in [from, until) (the yearly reminder stops then). */
  openedBetween(key: ProgrammeKey, from: number, until: number): Promise<boolean>;
  /** Applies a pure step under the revision's ETag (re-applied on a conflict). */
  change<S extends RevisionStep>(
    key: ProgrammeKey,
    id: string,
    change: (current: AgreementRevision) => Result<S, AgreementRevisionProblem>,
  ): Promise<Result<S, AgreementRevisionProblem | RevisionNotFound>>;
}
