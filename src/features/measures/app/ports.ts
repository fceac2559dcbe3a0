// The ports of this feature's use cases: what storage and the other edges implement. Declared
// apart from the use cases so an adapter imports its port, never the logic it serves.
import type { Result } from '../../../shared/result.js';
import type { FinalTreatment, FinalTreatmentProblem, Step } from '../domain/finalTreatment.js';
import type { Measure, Deviation, MeasureProblem } from '../domain/measures.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { ListPage, PageRequest } from '../../../shared/paging.js';

export interface FinalTreatmentRepository {
  measure(key: ProgrammeKey, id: string): Promise<Measure | undefined>;
  measures(key: ProgrammeKey): Promise<Measure[]>;
  /** Opens once per submission key; the builder gets the next number and the treatments that
   * exist (read under the numbering counter's ETag, so two openings cannot both pass). */
  openFinalTreatment(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number, existing: FinalTreatment[]) => Result<FinalTreatment, FinalTreatmentProblem>,
  ): Promise<Result<{ treatment: FinalTreatment; created: boolean }, FinalTreatmentProblem>>;
  finalTreatment(key: ProgrammeKey, id: string): Promise<FinalTreatment | undefined>;
  /** Every treatment of the programme. `texts: false` leaves the answers' texts empty (''), for
   * readers that need only the state and history (the chase sweep, the measure list). */
  finalTreatments(key: ProgrammeKey, options?: { texts?: boolean }): Promise<FinalTreatment[]>;
  /** The treatments of these measures only, answers' texts empty: a page of the measures card (issue 25). */
  finalTreatmentsOf(key: ProgrammeKey, measureIds: readonly string[]): Promise<FinalTreatment[]>;
  /** Applies a pure step under the treatment's ETag (re-applied on a conflict). */
  changeFinalTreatment<S extends Step>(
    key: ProgrammeKey,
    id: string,
    change: (current: FinalTreatment) => Result<S, FinalTreatmentProblem>,
  ): Promise<Result<S, FinalTreatmentProblem | { code: 'treatment-not-found'; id: string }>>;
}

export interface MeasureRepository {
  /** Creates once per submission key; the builder gets the next measure number. */
  createMeasure(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<Measure, MeasureProblem>,
  ): Promise<Result<{ measure: Measure; created: boolean }, MeasureProblem>>;
  measures(key: ProgrammeKey): Promise<Measure[]>;
  /** One page of the measures in number order; `total` the count (issue 25.2). */
  measurePage(key: ProgrammeKey, request: PageRequest): Promise<ListPage<Measure> & { total: number }>;
  measure(key: ProgrammeKey, id: string): Promise<Measure | undefined>;
  /** Files once per submission key; the builder gets the next deviation number. */
  fileDeviation(
    key: ProgrammeKey,
    submissionKey: string,
    build: (sequence: number) => Result<Deviation, MeasureProblem>,
  ): Promise<Result<{ deviation: Deviation; created: boolean }, MeasureProblem>>;
  /** Every deviation of the programme (the consultation meeting's agenda). */
  deviations(key: ProgrammeKey): Promise<Deviation[]>;
  /** The deviations of these measures only: what a page of the measures card shows (issue 25). */
  deviationsOf(key: ProgrammeKey, measureIds: readonly string[]): Promise<Deviation[]>;
  /** Changes a deviation under its ETag; `change` must be pure. */
  changeDeviation(
    key: ProgrammeKey,
    id: string,
    change: (current: Deviation) => Result<Deviation, MeasureProblem>,
  ): Promise<Result<Deviation, MeasureProblem | { code: 'deviation-not-found'; id: string }>>;
}
