// A ballot is one vote as cast. The full history is kept; only the latest ballot per voter
// counts, because a member may change their vote until the vote closes.
import { z } from 'zod';
import { personIdSchema } from '../programme/schema.js';

export const choices = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof choices)[number];

/** Validates a ballot at the boundary (card submit, storage) so the tally can trust it. */
export const ballotSchema = z
  .object({
    voter: personIdSchema,
    choice: z.enum(choices),
    /** Epoch milliseconds. zod 4 rejects NaN and ±Infinity, so ordering by it is total. */
    castAt: z.number(),
    comment: z.string().optional(),
  })
  .strict();
export type Ballot = z.infer<typeof ballotSchema>;

/**
 * The ballot that counts for each voter: the one with the greatest castAt; when two share a
 * castAt, the later one in the array wins (it was recorded last). Map order is first-seen
 * voter order; callers that need a stable order should not rely on it.
 */
export function latestPerVoter(ballots: readonly Ballot[]): Map<string, Ballot> {
  const latest = new Map<string, Ballot>();
  for (const ballot of ballots) {
    const previous = latest.get(ballot.voter);
    // `>=` rather than `>`: an equal castAt later in the array replaces the earlier one.
    if (previous === undefined || ballot.castAt >= previous.castAt) latest.set(ballot.voter, ballot);
  }
  return latest;
}
