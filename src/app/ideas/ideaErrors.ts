// Why an idea use case refused; the Teams edge turns each code into a localised message.
import type { LifecycleError } from '../../domain/idea/lifecycleError.js';
import type { ScoreProblem } from '../../domain/idea/assessment.js';

export type IdeaUseCaseError =
  | LifecycleError
  | { code: 'not-found'; number: string }
  | { code: 'no-programme'; programmeId: string }
  | { code: 'forbidden'; needs: 'member' | 'office' | 'office-or-chair' }
  | { code: 'invalid-scores'; problems: ScoreProblem[] };
