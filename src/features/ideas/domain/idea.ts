// An idea from registration to forvaltning (or stop). The phase is a phase id from the
// programme's config; the status says where it stands in the idea phase and after it.
import type { Dispute } from './disputeRecord.js';
import type { PersonRef } from '../../../shared/personRef.js';

/** 'line-task': the Director of Difi decided the measure is Difi's line task (Skate seed 004 §2.2);
 * it has left the programme's follow-up and takes no more transitions. */
export const ideaStatuses = ['registered', 'prioritised', 'qualified', 'active', 'stopped', 'completed', 'line-task'] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];

export type { PersonRef } from '../../../shared/personRef.js';

/** The programme office's qualification (DSOP §4.1) and its recommendation for the first gate. */
export interface Qualification {
  assessment: string;
  recommendation: string;
  /** The gate the recommendation is for (the one gate out of the initial phase). */
  gate: string;
  by: PersonRef;
  at: number;
}

/** Why and where an idea was stopped; the lessons learned are shown with it (DSOP §4). */
export interface StopRecord {
  lessonsLearned: string;
  by: PersonRef;
  at: number;
  fromPhase: string;
  fromStatus: IdeaStatus;
}

export interface Idea {
  programmeId: string;
  /** Readable id, e.g. DSOP-2026-014 (see ideaNumber.ts). */
  number: string;
  title: string;
  description: string;
  /** Party id of the submitting organisation. */
  party: string;
  expectedBenefit?: string;
  links: string[];
  submittedBy: PersonRef;
  /** Epoch ms. */
  registeredAt: number;
  /** Current phase id. */
  phase: string;
  /** Epoch ms; reset on every phase change, drives the phase-length guideline. */
  phaseStartedAt: number;
  status: IdeaStatus;
  /** Place on the prioritised list, 1 = highest. Set when prioritised. */
  rank?: number;
  qualification?: Qualification;
  /** Entra object id of the project leader. */
  projectLeader?: string;
  /** The project has a steering group of its own (DSOP §3.5): its reports go to that group's channel. */
  ownSteeringGroup?: boolean;
  stop?: StopRecord;
  disputes: Dispute[];
  /** The parties taking part in the project and each one's own decision (DSOP §3.3, §4.3/§4.4). */
  participation?: Participation;
  /** The director's decision that the measure is Difi's line task (Skate seed 004 §2.2). */
  lineTask?: LineTaskDecision;
}

/** Who recorded that the measure is a line task, when, and whether on the director's behalf. */
export interface LineTaskDecision {
  by: PersonRef;
  at: number;
  /** Recorded by the programme office for the director, not by the director. */
  onBehalf: boolean;
  fromStatus: IdeaStatus;
}

/** One party's own decision on taking the project on (its internal decision process, §4.3). */
export interface PartyDecision {
  party: string;
  positive: boolean;
  note: string;
  by: PersonRef;
  at: number;
}

export interface Participation {
  /** Party ids, as the office recorded them (DSOP §3.3 «Identifisere parter som ønsker å delta»). */
  parties: string[];
  /** The latest decision per party counts; earlier ones stay as history. */
  decisions: PartyDecision[];
}

/** Stopped and completed ideas take no more transitions. */
export function isClosed(idea: Pick<Idea, 'status'>): boolean {
  return idea.status === 'stopped' || idea.status === 'completed' || idea.status === 'line-task';
}

/** Registered ideas are internal to the programme (DSOP §6.1); all later statuses are on or
 * past the prioritised list. */
export function isOnPrioritisedList(idea: Pick<Idea, 'status'>): boolean {
  return idea.status === 'prioritised' || idea.status === 'qualified';
}

/** Never shown outside the programme (DSOP §6.1): a registered idea, and one stopped before it
 * ever reached the prioritised list. */
export function isInternalOnly(idea: Pick<Idea, 'status' | 'stop'>): boolean {
  return idea.status === 'registered' || (idea.status === 'stopped' && idea.stop?.fromStatus === 'registered');
}
