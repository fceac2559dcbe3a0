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
