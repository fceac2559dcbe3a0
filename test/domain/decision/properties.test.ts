// Property tests: the decision rules hold for any body, rule and ballot history, not just the
// seed cases. The oracles below are written from PRODUCT.md and seed 003 §4.2 independently of
// the implementation (no shared helpers), so a slip in either shows up as a counter-example.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecisionRule, Quorum } from '../../../src/shared/programme/schema.js';
import type { Ballot, Choice } from '../../../src/shared/decision/ballot.js';
import { decide, type DecideInput, type Outcome } from '../../../src/shared/decision/decide.js';
import { describeReason } from '../../../src/shared/decision/reason.js';

const memberPool = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'];
const observers = ['o0', 'o1'];
const secretary = 's';
const ineligiblePool = [...observers, secretary, 'outsider'];
const choiceArb = fc.constantFrom<Choice>('for', 'against', 'abstain');

// Mostly no quorum, so the rules themselves get exercised; sometimes a strict one.
const quorumArb: fc.Arbitrary<Quorum | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  { arbitrary: fc.record({ minVotesCast: fc.integer({ min: 1, max: 10 }), minShareCast: fc.double({ min: 0.05, max: 1, noNaN: true }) }, { requiredKeys: [] }), weight: 1 },
);
const ctmRuleArb: fc.Arbitrary<DecisionRule> = fc.record({
  kind: fc.constant('consensus-then-majority' as const),
  quorum: quorumArb,
  chairDoubleVoteOnTie: fc.boolean(),
  chairDecidesBudgetMatters: fc.boolean(),
});
const ruleArb: fc.Arbitrary<DecisionRule> = fc.oneof(
  fc.record({ kind: fc.constant('consensus' as const), quorum: quorumArb }),
  fc.record({ kind: fc.constant('majority' as const), quorum: quorumArb }),
  ctmRuleArb,
);
// Members may be listed twice (the tally must count them once); the chair, when there is one, is a member.
const bodyArb = (rule: fc.Arbitrary<DecisionRule> = ruleArb, withChair = false): fc.Arbitrary<DecideInput['body']> =>
  fc
    .record({
      members: fc.array(fc.constantFrom(...memberPool), { minLength: 1, maxLength: 10 }),
      chairAt: withChair ? fc.nat() : fc.option(fc.nat(), { nil: undefined }),
      rule,
    })
    .map(({ members, chairAt, rule }) => {
      const chair = chairAt === undefined ? undefined : members[chairAt % members.length];
      return { members, observers, secretary, rule, ...(chair === undefined ? {} : { chair }) };
    });
// A small castAt range, so ties in castAt (broken by array order) happen often.
const ballotArb = (voters: fc.Arbitrary<string>): fc.Arbitrary<Ballot> =>
  fc.record({ voter: voters, choice: choiceArb, castAt: fc.integer({ min: 0, max: 40 }) });
// Mostly would-be members (some not in the generated body), sometimes observers, secretary, outsiders.
const anyVoter = fc.oneof({ arbitrary: fc.constantFrom(...memberPool), weight: 5 }, { arbitrary: fc.constantFrom(...ineligiblePool), weight: 1 });
const ineligibleVoter = fc.constantFrom(...ineligiblePool);
// Ballots mostly from the body's own members, so ties, majorities and the chair's vote all come up.
const inputArbOf = (bodies: fc.Arbitrary<DecideInput['body']>): fc.Arbitrary<DecideInput> => bodies.chain((body) =>
  fc.record({
    body: fc.constant(body),
    ballots: fc.array(ballotArb(fc.oneof({ arbitrary: fc.constantFrom(...body.members), weight: 6 }, anyVoter)), { maxLength: 30 }),
    budgetMatter: fc.boolean(),
    closedAt: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined, freq: 4 }),
  }),
);
const inputArb = inputArbOf(bodyArb());
/** Digi Rogaland-like: consensus-then-majority with a chair, so the tie and budget branches are hit often. */
const chairedInputArb = inputArbOf(bodyArb(ctmRuleArb, true));

// ---- Oracle: straight from the spec ----
function referenceEffective({ body, ballots, closedAt }: DecideInput): Map<string, Ballot> {
  const voters = new Set(body.members);
  const result = new Map<string, { ballot: Ballot; index: number }>();
  ballots.forEach((ballot, index) => {
    if (!voters.has(ballot.voter) || (closedAt !== undefined && ballot.castAt > closedAt)) return;
    const seen = result.get(ballot.voter);
    const later = seen === undefined || ballot.castAt > seen.ballot.castAt || (ballot.castAt === seen.ballot.castAt && index > seen.index);
    if (later) result.set(ballot.voter, { ballot, index });
  });
  return new Map([...result].map(([voter, { ballot }]) => [voter, ballot]));
}
function referenceStatus(input: DecideInput): Outcome['status'] {
  const { body, budgetMatter = false } = input;
  const effective = referenceEffective(input);
  const choices = [...effective.values()].map((b) => b.choice);
  const F = choices.filter((c) => c === 'for').length;
  const A = choices.filter((c) => c === 'against').length;
  const cast = choices.length;
  const eligible = new Set(body.members).size;
  const q = body.rule.quorum;
  const quorate = cast >= (q?.minVotesCast ?? 0) && cast + 1e-9 >= (q?.minShareCast ?? 0) * eligible;
  if (!quorate) return 'no-quorum';
  const consensus = A === 0 && F > 0;
  const chair = body.chair === undefined ? undefined : effective.get(body.chair)?.choice;
  let adopted: boolean;
  const rule = body.rule;
  if (rule.kind === 'consensus') adopted = consensus;
  else if (rule.kind === 'majority') adopted = F > A;
  else if (consensus) adopted = true;
  else if (budgetMatter && rule.chairDecidesBudgetMatters) adopted = chair === 'for';
  else adopted = F > A || (F === A && rule.chairDoubleVoteOnTie && chair === 'for');
  return adopted ? 'adopted' : 'rejected';
}

const later = (ballots: readonly Ballot[]) => Math.max(0, ...ballots.map((b) => b.castAt)) + 1;
/** Everything but the ignored list, which legitimately grows with ineligible ballots. */
const decisive = ({ ignored: _ignored, ...rest }: Outcome) => rest;

describe('decision rule properties', () => {
  it('agrees with the spec oracle on status, adoption and the effective ballots', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const outcome = decide(input);
        expect(outcome.status).toBe(referenceStatus(input));
        expect(outcome.adopted).toBe(outcome.status === 'adopted');
        expect(outcome.reason.code === 'no-quorum').toBe(outcome.status === 'no-quorum');
        const reference = referenceEffective(input);
        expect(new Map(outcome.effective.map((b) => [b.voter, b]))).toEqual(reference);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the spec oracle for chaired consensus-then-majority bodies (ties, budget matters)', () => {
    fc.assert(
      fc.property(chairedInputArb, (input) => {
        expect(decide(input).status).toBe(referenceStatus(input));
      }),
      { numRuns: 1000 },
    );
  });

  it('counts always sum to the number of eligible members, each counted once', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { counts, effective, didNotVote } = decide(input);
        const eligible = new Set(input.body.members).size;
        expect(counts.for + counts.against + counts.abstain + counts.notVoted).toBe(eligible);
        expect(effective.length + didNotVote.length).toBe(eligible);
        expect(counts.notVoted).toBe(didNotVote.length);
        expect(effective.filter((b) => b.choice === 'for')).toHaveLength(counts.for);
      }),
    );
  });

  it('adding a late "for" vote from a member never turns adopted into anything else, under every rule', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), ({ closedAt: _ignored, ...input }, pick) => {
        const members = [...new Set(input.body.members)];
        const voter = members[pick % members.length] ?? 'm0';
        const before = decide(input);
        const after = decide({ ...input, ballots: [...input.ballots, { voter, choice: 'for', castAt: later(input.ballots) }] });
        if (before.adopted) expect(after.status).toBe('adopted');
        if (after.status === 'no-quorum') expect(before.status).toBe('no-quorum');
      }),
      { numRuns: 500 },
    );
  });

  it('abstentions never block consensus: for/abstain/absent with at least one "for" is adopted by consensus', () => {
    const consensusRule = fc.oneof(
      fc.constant<DecisionRule>({ kind: 'consensus' }),
      fc.record({ kind: fc.constant('consensus-then-majority' as const), chairDoubleVoteOnTie: fc.boolean(), chairDecidesBudgetMatters: fc.boolean() }),
    );
    fc.assert(
      fc.property(
        bodyArb(consensusRule),
        fc.array(fc.constantFrom<Choice | 'none'>('for', 'abstain', 'none'), { minLength: 10, maxLength: 10 }),
        fc.nat(),
        fc.boolean(),
        (body, pattern, forcedFor, budgetMatter) => {
          const members = [...new Set(body.members)];
          const choices = members.map((_, i) => (i === forcedFor % members.length ? 'for' : pattern[i]));
          const ballots = members.flatMap((voter, i) => {
            const choice = choices[i];
            return choice === undefined || choice === 'none' ? [] : [{ voter, choice, castAt: i }];
          });
          const outcome = decide({ body, ballots, budgetMatter });
          expect(outcome.status).toBe('adopted');
          expect(outcome.reason.code).toBe('consensus');
        },
      ),
    );
  });

  it('abstentions added by members who had not voted never turn adopted into rejected', () => {
    fc.assert(
      fc.property(inputArb, ({ closedAt: _ignored, ...input }) => {
        const before = decide(input);
        const t = later(input.ballots);
        const abstentions = before.didNotVote.map((voter, i) => ({ voter, choice: 'abstain' as const, castAt: t + i }));
        const after = decide({ ...input, ballots: [...input.ballots, ...abstentions] });
        if (before.adopted) expect(after.adopted).toBe(true);
        expect(after.counts.abstain).toBe(before.counts.abstain + before.counts.notVoted);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on ballot order when every castAt is distinct', () => {
    const distinct = fc.uniqueArray(ballotArb(anyVoter), { selector: (b) => b.castAt, maxLength: 30 });
    fc.assert(
      fc.property(
        fc.record({ body: bodyArb(), ballots: distinct, budgetMatter: fc.boolean(), closedAt: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }) }),
        fc.infiniteStream(fc.nat()),
        ({ body, ballots, budgetMatter, closedAt }, randoms) => {
          // Fisher–Yates with fast-check's randoms, so a failure shrinks and replays.
          const shuffled = [...ballots];
          const next = randoms[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (next.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j] as Ballot, shuffled[i] as Ballot];
          }
          expect(decide({ body, ballots: shuffled, budgetMatter, closedAt })).toEqual(decide({ body, ballots, budgetMatter, closedAt }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('ballots from observers, the secretary and outsiders never change the outcome, and are all reported', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.record({ ballot: ballotArb(ineligibleVoter), at: fc.nat() }), { minLength: 1, maxLength: 10 }),
        (input, intruders) => {
          const mixed = [...input.ballots];
          for (const { ballot, at } of intruders) mixed.splice(at % (mixed.length + 1), 0, ballot);
          const clean = decide(input);
          const noisy = decide({ ...input, ballots: mixed });
          expect(decisive(noisy)).toEqual(decisive(clean));
          expect(noisy.ignored).toHaveLength(clean.ignored.length + intruders.length);
          for (const { ballot } of intruders) expect(noisy.ignored.some((i) => i.ballot === ballot && i.why !== 'after-close')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('always explains itself in both languages', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { nb, en } = describeReason(decide(input).reason);
        expect(nb.length).toBeGreaterThan(10);
        expect(en.length).toBeGreaterThan(10);
        expect(nb).not.toBe(en);
      }),
    );
  });
});
