// The decision-rule module: pure functions from a body, its rule and the ballots to an outcome.
export { ballotSchema, choices, latestPerVoter, type Ballot, type Choice } from './ballot.js';
export { eligibleVoters, standingIn, type Electorate, type PersonStanding, type Standing } from './eligibility.js';
export { requiredVotes } from './quorum.js';
export { tally, type Counts, type IgnoredBallot, type IgnoreWhy, type Tally } from './tally.js';
export { describeIgnored, describeReason, formatReason, type ChairAbsence, type Language, type Reason, type ReasonCode } from './reason.js';
export { decide, type DecideInput, type Outcome, type OutcomeStatus } from './decide.js';
export { finalDecision, mayDecide, type DirectorDecision, type FinalDecision } from './director.js';
