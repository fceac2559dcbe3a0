// Skate (seed 004 §2, §5, §6.3–6.4): the body's vote is advice; the Difi director decides.
// The two are recorded side by side and never merged, so the minutes show both.
import type { Body } from '../programme/schema.js';
import type { Outcome } from './decide.js';

export interface DirectorDecision {
  adopted: boolean;
  /** Entra object id of the person who decided. */
  by: string;
  /** Epoch milliseconds. */
  at: number;
  comment?: string;
  /** Recorded by the programme office on the director's behalf (the programme file names no
   * director), not clicked by the director. Absent on decisions stored before it was kept:
   * `recordedOnBehalf` tells them apart by the body's `decidedBy`. */
  onBehalf?: boolean;
}

export type FinalDecision =
  | { decided: false; advice: Outcome }
  | {
      decided: true;
      adopted: boolean;
      advice: Outcome;
      director: DirectorDecision;
      /** 'no-advice' when the body was not quorate and so gave none. */
      followedAdvice: 'yes' | 'no' | 'no-advice';
    };

/** The decision on a matter where a director decides on the body's advice. */
export function finalDecision(advice: Outcome, director?: DirectorDecision): FinalDecision {
  if (director === undefined) return { decided: false, advice };
  const followedAdvice = advice.status === 'no-quorum' ? 'no-advice' : advice.adopted === director.adopted ? 'yes' : 'no';
  return { decided: true, adopted: director.adopted, advice, director, followedAdvice };
}

/** Whether this person may record the decision: the body must be advisory, and when it names
 * the decider, only that person may decide. */
export function mayDecide(body: Pick<Body, 'decidedBy'>, person: string): boolean {
  if (body.decidedBy === undefined) return false;
  return body.decidedBy.person === undefined || body.decidedBy.person === person;
}

/** As what a person records the director's decision: as the director (the person the programme
 * file names), or — when it names nobody — as the programme office on the director's behalf
 * (seed 004 §2.4, §6.4 «Difis direktør tar endelig beslutning»: the decision stays the director's,
 * and the record says who wrote it down). Undefined: this person may not record it. */
export type DecisionRight = 'director' | 'office-on-behalf';

export function decisionRight(body: Pick<Body, 'decidedBy'>, person: string, isOffice: boolean): DecisionRight | undefined {
  if (!mayDecide(body, person)) return undefined;
  if (body.decidedBy?.person !== undefined) return 'director';
  return isOffice ? 'office-on-behalf' : undefined;
}

/** Whether a recorded decision was written down on the director's behalf: as recorded, or for
 * a record from before that was kept, whenever the programme named no director (only the
 * office could record it then). */
export const recordedOnBehalf = (body: Pick<Body, 'decidedBy'>, decision: Pick<DirectorDecision, 'onBehalf'>): boolean =>
  decision.onBehalf ?? body.decidedBy?.person === undefined;
