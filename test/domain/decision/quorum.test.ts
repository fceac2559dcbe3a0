import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Choice } from '../../../src/shared/decision/ballot.js';
import { decide } from '../../../src/shared/decision/decide.js';
import { requiredVotes, withQuorumOf } from '../../../src/shared/decision/quorum.js';
import type { DecisionRule } from '../../../src/shared/programme/schema.js';

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

describe('a majority of the members must vote (the presets’ quorum)', () => {
  it.each([
    { eligible: 1, want: 1 },
    { eligible: 2, want: 2 },
    { eligible: 3, want: 2 },
    { eligible: 6, want: 4 },
    { eligible: 7, want: 4 },
    { eligible: 8, want: 5 },
  ])('$eligible members → $want', ({ eligible, want }) => {
    expect(requiredVotes({ majorityOfMembers: true }, eligible)).toBe(want);
  });

  it('property: the requirement is more than half and never more than the members', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (eligible) => {
        const required = requiredVotes({ majorityOfMembers: true }, eligible);
        expect(required * 2).toBeGreaterThan(eligible);
        expect((required - 1) * 2).toBeLessThanOrEqual(eligible);
        expect(required).toBeLessThanOrEqual(eligible);
      }),
    );
  });

  it('property: a vote closes "not decided" exactly when no majority of the members cast a ballot, whatever the rule', () => {
    const rules: DecisionRule[] = [
      { kind: 'consensus', quorum: { majorityOfMembers: true } },
      { kind: 'majority', quorum: { majorityOfMembers: true } },
      { kind: 'consensus-then-majority', chairDoubleVoteOnTie: true, chairDecidesBudgetMatters: true, quorum: { majorityOfMembers: true } },
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.option(fc.constantFrom<Choice>('for', 'against', 'abstain'), { nil: undefined }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom(...rules),
        (size, pattern, rule) => {
          const members = Array.from({ length: size }, (_, i) => `m${i}`);
          const ballots = members.flatMap((voter, i) => (pattern[i] ? [{ voter, choice: pattern[i]!, castAt: i }] : []));
          const outcome = decide({ body: { members, chair: 'm0', observers: [], secretary: undefined, rule }, ballots });
          const quorate = ballots.length * 2 > size;
          expect(outcome.status === 'no-quorum').toBe(!quorate);
          if (!quorate) {
            expect(outcome.adopted).toBe(false);
            expect(outcome.reason).toEqual({ code: 'no-quorum', cast: ballots.length, eligible: size, required: Math.floor(size / 2) + 1 });
          }
        },
      ),
    );
  });
});

describe('withQuorumOf', () => {
  it('gives a rule without quorum the body’s, and keeps a rule’s own', () => {
    const bare: DecisionRule = { kind: 'consensus' };
    expect(withQuorumOf(bare, { quorum: { majorityOfMembers: true } })).toEqual({ kind: 'consensus', quorum: { majorityOfMembers: true } });
    const own: DecisionRule = { kind: 'consensus', quorum: { minVotesCast: 3 } };
    expect(withQuorumOf(own, { quorum: { majorityOfMembers: true } })).toEqual({ kind: 'consensus', quorum: { minVotesCast: 3 } });
  });
});
