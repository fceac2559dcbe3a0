// Why a transition was refused. The code is for the program, the fields for the message.
import type { DisputeProblem } from './disputeRecord.js';
import type { IdeaStatus } from './idea.js';

export type LifecycleError =
  /** A field of the request is missing or malformed (blank text, rank < 1, unknown party …). */
  | { code: 'invalid-input'; field: string; message: string }
  | { code: 'wrong-programme'; programme: string; ideaProgramme: string }
  /** Stopped and completed ideas take no further transitions. */
  | { code: 'idea-closed'; status: IdeaStatus }
  | { code: 'wrong-status'; status: IdeaStatus; allowed: IdeaStatus[] }
  | { code: 'unknown-gate'; gate: string }
  | { code: 'gate-not-from-current-phase'; gate: string; gateFrom: string; phase: string }
  /** The gate out of the initial phase is only put to a body for a qualified idea. */
  | { code: 'not-qualified'; gate: string; status: IdeaStatus }
  /** A gate into the stopped phase would skip the lessons learned; use stop(). */
  | { code: 'gate-into-stopped-phase'; gate: string }
  /** A dispute record breaks the rules in dispute.ts (all problems listed). */
  | { code: 'invalid-dispute'; problems: DisputeProblem[] }
  /** The gate is the measure owner's to approve and the actor is not the owner (seed 004 §3.1). */
  | { code: 'not-owner'; gate: string }
  /** The gate is the measure owner's to approve and the office has named no owner yet. */
  | { code: 'no-owner'; gate: string }
  /** The gate is decided by a body's vote, not by the measure owner. */
  | { code: 'not-owner-approved'; gate: string }
  /** The programme config has no such phase (or no gate out of the initial phase). */
  | { code: 'config-problem'; message: string };

export type LifecycleErrorCode = LifecycleError['code'];
