// A gate whose decision is prepared by another body (DSOP §3.2: Styringsgruppen decides «hvilke
// nye initiativ som skal fremmes for Topplederforum»; BP2/BP3: «Beslutningsgrunnlaget hentes fra
// Styringsgruppen»). The preparing body votes first, through the same machinery; the deciding
// body's vote opens only on an adopted recommendation that no deciding vote has used yet.
import type { Gate } from '../../../shared/programme/schema.js';
import type { GateVote, Recommendation } from './gateVote.js';

export type PreparationStep =
  /** No preparation, or it is done: the deciding body votes (with the recommendation, if any). */
  | { stage: 'decision'; body: string; recommendation?: Recommendation }
  /** The preparing body has to recommend first. */
  | { stage: 'recommendation'; body: string; to: string; last?: Recommendation }
  /** The advising body's vote on the gate's decision basis (`advisedBy`): recorded beside the
   * decision, it moves nothing and holds nothing (Skate seed 004 §3.4). */
  | { stage: 'advice'; body: string };

/** The gate is approved by the measure owner, not put to a body's vote (seed 004 §3.1). */
export const isOwnerApproved = (gate: Pick<Gate, 'approvedBy'>): boolean => gate.approvedBy === 'owner';

/** The advising body's vote, when the gate names one (an owner-approved gate has no other vote). */
export function adviceStep(gate: Pick<Gate, 'advisedBy'>): PreparationStep | undefined {
  return gate.advisedBy === undefined ? undefined : { stage: 'advice', body: gate.advisedBy };
}

export const isRecommendation = (vote: Pick<GateVote, 'matter'>): boolean => vote.matter?.kind === 'recommendation';

const asRecommendation = (vote: GateVote): Recommendation | undefined =>
  vote.status === 'closed' && vote.outcome
    ? { voteId: vote.id, body: vote.body, adopted: vote.outcome.adopted, closedAt: vote.closing?.at ?? vote.deadline }
    : undefined;

/** Which vote the gate needs next, from the idea's votes on it (any order). Undefined for a gate
 * no body decides (`approvedBy: "owner"`): at most its advice is asked (adviceStep). */
export function preparationStep(gate: Pick<Gate, 'id' | 'body' | 'preparedBy' | 'preparationAdvisory'>, votes: readonly GateVote[]): PreparationStep | undefined {
  if (gate.body === undefined) return undefined;
  if (gate.preparedBy === undefined) return { stage: 'decision', body: gate.body };
  const onGate = votes.filter((v) => v.gate === gate.id);
  const latest = onGate
    .filter((v) => isRecommendation(v) && v.body === gate.preparedBy)
    .map(asRecommendation)
    .filter((r): r is Recommendation => r !== undefined)
    // Newest first; the id breaks a tie, so the answer does not depend on the storage order.
    .sort((a, b) => b.closedAt - a.closedAt || (a.voteId < b.voteId ? 1 : a.voteId > b.voteId ? -1 : 0))[0];
  // A deciding vote opened after the recommendation has used it up: a new round starts with a new recommendation.
  const used = latest !== undefined && onGate.some((v) => !isRecommendation(v) && v.body === gate.body && v.openedAt >= latest.closedAt);
  // An advisory preparation (Skate §2.1/§5.3: AU «lager innstilling») is done once it has closed,
  // whatever it recommended or if it had no quorum: the deciding body hears it and decides.
  if (latest && !used && (latest.adopted || gate.preparationAdvisory === true)) return { stage: 'decision', body: gate.body, recommendation: latest };
  return { stage: 'recommendation', body: gate.preparedBy, to: gate.body, ...(latest && !used ? { last: latest } : {}) };
}
