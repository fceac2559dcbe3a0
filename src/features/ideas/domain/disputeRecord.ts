// What a dispute (DSOP §5) records, apart from the rules that make one (dispute.ts): the idea,
// its history and its errors carry these types, and the rules need the idea, so the types stand
// alone to keep the idea's modules free of cycles.
import type { PersonRef } from '../../../shared/personRef.js';

export const disputeChoices = ['accept', 'withdraw'] as const;
export type DisputeChoice = (typeof disputeChoices)[number];

export interface ConsumerChoice {
  /** Party id of the consumer. */
  party: string;
  choice: DisputeChoice;
  by: PersonRef;
  at: number;
}

export interface Dispute {
  /** 1, 2, … within the idea. */
  number: number;
  /** What the parties disagree about. */
  subject: string;
  /** Party id of the data owner, whose decision is final. */
  dataOwner: string;
  decision: string;
  consumers: ConsumerChoice[];
  recordedBy: PersonRef;
  at: number;
}

export interface DisputeProblem {
  field: string;
  message: string;
}
