// Every transition yields one history entry; the store appends it next to the new idea.
import type { DisputeChoice } from './disputeRecord.js';
import type { IdeaStatus, PersonRef } from './idea.js';

export type HistoryEvent =
  | { kind: 'registered'; phase: string }
  | { kind: 'prioritised'; rank: number }
  | { kind: 'reranked'; from: number; to: number }
  | { kind: 'qualified'; gate: string; recommendation: string }
  | {
      kind: 'gate-adopted';
      gate: string;
      fromPhase: string;
      toPhase: string;
      status: IdeaStatus;
      decisionId?: string;
      /** The measure owner approved it themself (seed 004 §3.1), no body voted. */
      approvedBy?: 'owner';
    }
  /** An advising body's vote on a gate (seed 004 §3.4), recorded beside the decision; it moved nothing. */
  | { kind: 'advice-recorded'; gate: string; body: string; voteId: string; advice: AdviceOutcome }
  | { kind: 'gate-rejected'; gate: string; phase: string; decisionId?: string }
  | { kind: 'stopped'; fromPhase: string; fromStatus: IdeaStatus; lessonsLearned: string }
  | { kind: 'project-leader-assigned'; person: string; previous?: string }
  | { kind: 'dispute-recorded'; dispute: number; dataOwner: string }
  | { kind: 'consumer-choice-recorded'; dispute: number; party: string; choice: DisputeChoice }
  | { kind: 'own-steering-group-linked' }
  | { kind: 'participants-recorded'; parties: string[] }
  | { kind: 'party-decision-recorded'; party: string; positive: boolean }
  /** Skate §2.2: the director decided the measure is Difi's line task; it left the follow-up. */
  | { kind: 'line-task-decided'; fromStatus: IdeaStatus; onBehalf: boolean };

/** What an advising body's vote came to: in favour, against, or no advice for want of a quorum. */
export type AdviceOutcome = 'in-favour' | 'against' | 'no-quorum';

export type HistoryKind = HistoryEvent['kind'];

export interface HistoryEntry {
  programmeId: string;
  ideaNumber: string;
  /** Epoch ms. */
  at: number;
  by: PersonRef;
  event: HistoryEvent;
}
