// Why an idea use case refused; the Teams edge turns each code into a localised message.
import type { LifecycleError } from '../domain/lifecycleError.js';
import type { ScoreProblem } from '../domain/assessment.js';
import type { AccessError } from '../../../shared/access.js';

export type IdeaUseCaseError =
  | LifecycleError
  | { code: 'not-found'; number: string }
  | AccessError
  /** The programme names no director who decides line tasks (Skate seed 004 §2.2). */
  | { code: 'no-director' }
  | { code: 'invalid-scores'; problems: ScoreProblem[] };

/** Refusals because the idea is no longer where the card that asked showed it (stopped,
 * completed, moved on): the answer is the card as it is now, with the refusal on it. */
export const staleIdeaCodes = ['idea-closed', 'wrong-status', 'not-qualified', 'gate-not-from-current-phase'] as const;

export const isStaleIdea = (e: { code: string }): boolean => (staleIdeaCodes as readonly string[]).includes(e.code);
