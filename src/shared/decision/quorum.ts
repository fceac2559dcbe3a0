// Quorum: enough eligible members must have cast a vote (an abstention is a cast vote).
import type { Quorum } from '../programme/schema.js';

/**
 * The number of cast votes the quorum asks for, given how many may vote. Both limits apply
 * when both are set. The tiny epsilon stops floating-point noise from asking one vote too many
 * (0.28 × 25 is 7.000000000000001, which would otherwise round up to 8).
 */
export function requiredVotes(quorum: Quorum | undefined, eligible: number): number {
  const byCount = quorum?.minVotesCast ?? 0;
  const byShare = quorum?.minShareCast === undefined ? 0 : Math.ceil(quorum.minShareCast * eligible - 1e-9);
  // "A majority of the members": more than half, so 4 of 6 and 4 of 7.
  const byMajority = quorum?.majorityOfMembers ? Math.floor(eligible / 2) + 1 : 0;
  return Math.max(byCount, byShare, byMajority);
}

/** A rule that has no quorum of its own takes the body's (an admission rule that differs from
 * the body's rule only in how it decides still needs the body's quorum). */
export function withQuorumOf<R extends { quorum?: Quorum | undefined }>(rule: R, fallback: { quorum?: Quorum | undefined }): R {
  return rule.quorum === undefined && fallback.quorum !== undefined ? { ...rule, quorum: fallback.quorum } : rule;
}
