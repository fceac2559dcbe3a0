// What a programme's file switches on beyond what every programme has (issue 24.4): a DSOP
// participant is not offered roadmap revisions, Skate's final treatment or the yearly revision of
// the agreement. Each feature is read from the same setting the feature's own code reads, so the
// help card cannot offer a command its programme does not have. Pure.
import { revisionRuleOf } from '../../features/agreementRevision/domain/agreementRevision.js';
import { adviceBody } from '../../features/measures/domain/finalTreatment.js';
import { roadmapBodyOf } from '../../features/roadmap/domain/revision.js';
import type { Programme } from './schema.js';

export const programmeFeatures = [
  /** Roadmap changes decided by a body (`roadmap.body`; Digi Rogaland §4.7). */
  'roadmapRevision',
  /** Skate's final treatment: a body whose vote is advice to a decision-maker (`decidedBy`; seed 004 §6). */
  'finalTreatment',
  /** Skate's quarterly samlesak of the measures' status reports (`samlesak`; seed 004 §5.1). */
  'samlesak',
  /** The yearly revision of the agreement after a hearing (`agreementRevision`; Digi Rogaland §8). */
  'agreementRevision',
  /** A membership-fee rule (`membership.fee`; Digi Rogaland §6). */
  'membershipFee',
  /** A notice rule for withdrawals (`membership.notice`; Digi Rogaland §7, KMD–KS §7). */
  'noticeRule',
  /** Admission of new parties by a body's vote (`membership.admission`; DSOP §2.3). */
  'admission',
  /** Line tasks decided by the director a body advises (`decidedBy`; Skate seed 004 §2.2). */
  'lineTasks',
] as const;
export type ProgrammeFeature = (typeof programmeFeatures)[number];

export function programmeHas(programme: Programme, feature: ProgrammeFeature): boolean {
  switch (feature) {
    case 'roadmapRevision':
      return roadmapBodyOf(programme) !== undefined;
    case 'finalTreatment':
      return adviceBody(programme) !== undefined;
    case 'samlesak':
      return programme.samlesak !== undefined;
    case 'agreementRevision':
      return revisionRuleOf(programme) !== undefined;
    case 'membershipFee':
      return programme.membership?.fee !== undefined;
    case 'noticeRule':
      return programme.membership?.notice !== undefined;
    case 'admission':
      return programme.membership?.admission !== undefined;
    case 'lineTasks':
      return adviceBody(programme) !== undefined;
  }
}
