// The idea module: registration, the phase/gate state machine, assessment and ranking, and
// disputes. Pure functions of the programme config, the idea and the time passed in.
export { ideaStatuses, isClosed, isInternalOnly, isOnPrioritisedList, type Idea, type IdeaStatus, type PersonRef, type Qualification, type StopRecord } from './idea.js';
export type { HistoryEntry, HistoryEvent, HistoryKind } from './history.js';
export { compareIdeaNumbers, formatIdeaNumber, ideaYear, nextIdeaNumber, normaliseIdeaNumber, parseIdeaNumber, type IdeaNumberParts } from './ideaNumber.js';
export {
  allowedGates,
  applyGateDecision,
  assignProjectLeader,
  maxTitleLength,
  nextGate,
  prioritise,
  qualify,
  register,
  rerank,
  stop,
  type Act,
  type GateDecisionInput,
  type RegistrationInput,
  type Transition,
  type TransitionResult,
} from './lifecycle.js';
export type { LifecycleError, LifecycleErrorCode } from './lifecycleError.js';
export { guidelineEnd, guidelineMonths, phaseAge, type PhaseAge } from './phaseAge.js';
export { isValidScore, latestAssessments, maxScore, minScore, recordAssessment, scoreProblems, type Assessment, type ScoreProblem } from './assessment.js';
export { rankIdeas, scoreIdea, type CriterionSummary, type IdeaScore, type RankedIdea, type ScoringRules } from './ranking.js';
export { disputeChoices, disputeProblems, recordConsumerChoice, recordDispute, type ConsumerChoice, type Dispute, type DisputeChoice, type DisputeInput, type DisputeProblem } from './dispute.js';
export { err, ok, type Result } from '../../../shared/result.js';
export { isSentence, isWebLink } from '../../../shared/text.js';
