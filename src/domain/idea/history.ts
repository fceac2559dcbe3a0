// Every transition yields one history entry; the store appends it next to the new idea.
import type { DisputeChoice } from './dispute.js';
import type { IdeaStatus, PersonRef } from './idea.js';

export type HistoryEvent =
  | { kind: 'registered'; phase: string }
  | { kind: 'prioritised'; rank: number }
  | { kind: 'reranked'; from: number; to: number }
  | { kind: 'qualified'; gate: string; recommendation: string }
  | { kind: 'gate-adopted'; gate: string; fromPhase: string; toPhase: string; status: IdeaStatus; decisionId?: string }
  | { kind: 'gate-rejected'; gate: string; phase: string; decisionId?: string }
  | { kind: 'stopped'; fromPhase: string; fromStatus: IdeaStatus; lessonsLearned: string }
  | { kind: 'project-leader-assigned'; person: string; previous?: string }
  | { kind: 'dispute-recorded'; dispute: number; dataOwner: string }
  | { kind: 'consumer-choice-recorded'; dispute: number; party: string; choice: DisputeChoice }
  | { kind: 'own-steering-group-linked' }
  | { kind: 'participants-recorded'; parties: string[] }
  | { kind: 'party-decision-recorded'; party: string; positive: boolean };

export type HistoryKind = HistoryEvent['kind'];

export interface HistoryEntry {
  programmeId: string;
  ideaNumber: string;
  /** Epoch ms. */
  at: number;
  by: PersonRef;
  event: HistoryEvent;
}
