import { describe, expect, it } from 'vitest';
import { requiredVotes } from '../../../src/domain/decision/quorum.js';

describe('requiredVotes', () => {
  it.each([
    { name: 'no quorum', quorum: undefined, eligible: 8, want: 0 },
    { name: 'empty quorum', quorum: {}, eligible: 8, want: 0 },
    { name: 'a count', quorum: { minVotesCast: 5 }, eligible: 8, want: 5 },
    { name: 'half of 8', quorum: { minShareCast: 0.5 }, eligible: 8, want: 4 },
    { name: 'half of 7 rounds up', quorum: { minShareCast: 0.5 }, eligible: 7, want: 4 },
    { name: 'two thirds of 8 rounds up', quorum: { minShareCast: 2 / 3 }, eligible: 8, want: 6 },
    { name: '0.28 of 25 is 7, though 0.28 × 25 = 7.000000000000001 in floating point', quorum: { minShareCast: 0.28 }, eligible: 25, want: 7 },
    { name: '0.7 of 10 is 7', quorum: { minShareCast: 0.7 }, eligible: 10, want: 7 },
    { name: 'all of 6', quorum: { minShareCast: 1 }, eligible: 6, want: 6 },
    { name: 'both set: the count is stricter', quorum: { minVotesCast: 6, minShareCast: 0.5 }, eligible: 8, want: 6 },
    { name: 'both set: the share is stricter', quorum: { minVotesCast: 2, minShareCast: 0.75 }, eligible: 8, want: 6 },
  ])('$name → $want', ({ quorum, eligible, want }) => {
    expect(requiredVotes(quorum, eligible)).toBe(want);
  });
});
