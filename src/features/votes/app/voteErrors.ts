// Why a voting use case refused; the Teams edge turns each code into a localised sentence.
import type { DeadlineProblem } from '../domain/deadline.js';
import type { IdeaUseCaseError } from '../../ideas/app/ideaErrors.js';

export type VoteError =
  | IdeaUseCaseError
  | { code: 'not-in-channel' }
  | { code: 'unknown-body'; name: string; bodies: string[] }
  | { code: 'ambiguous-body'; name: string; programmes: string[] }
  | { code: 'may-not-link'; body: string }
  | { code: 'channel-not-in-host'; body: string }
  | { code: 'no-gate'; number: string }
  | { code: 'wrong-gate'; gate: string; expected?: string }
  | { code: 'no-channel'; body: string }
  | { code: 'missing-deliverables'; missing: string[] }
  /** DSOP §4.3/§4.4: participating parties without a positive decision (none recorded: noParticipants). */
  | { code: 'missing-party-decisions'; parties: string[]; noParticipants: boolean }
  | { code: 'not-on-roadmap'; number: string }
  | { code: 'override-reason' }
  | { code: 'bad-link'; deliverable: string }
  | { code: 'bad-deadline'; problem: DeadlineProblem }
  | { code: 'already-open'; voteId: string }
  | { code: 'vote-not-found'; voteId: string }
  | { code: 'not-voter'; standing: 'observer' | 'secretary' | 'non-member'; body: string }
  /** The voter's party has left the programme; from `effective` they vote no more (departedVoters.ts). */
  | { code: 'departed-voter'; partyId: string; effective: string }
  | { code: 'vote-closed' }
  | { code: 'deadline-passed' }
  | { code: 'may-not-close'; body: string }
  | { code: 'not-advisory' }
  | { code: 'may-not-decide'; title: string }
  | { code: 'already-decided' }
  | { code: 'advice-pending' }
  /** Only a vote that closed without quorum (and was not reopened yet) can be reopened. */
  | { code: 'not-reopenable' }
  /** The gate is the measure owner's to approve (seed 004 §3.1): no body votes on it. */
  | { code: 'owner-approves'; gate: string }
  /** The gate names no advising body (`advisedBy`). */
  | { code: 'no-advice'; gate: string };
