import { describe, expect, it } from 'vitest';
import { decisionRuleSchema, type DecisionRule } from '../../../src/shared/programme/schema.js';
import type { Ballot, Choice } from '../../../src/shared/decision/ballot.js';
import { decide, type DecideInput } from '../../../src/shared/decision/decide.js';
import { formatReason, type Reason } from '../../../src/shared/decision/reason.js';

// Votes as a string, one character per member in member order:
// F = for, A = against, - = abstain, . = did not vote.
const symbol: Record<string, Choice | undefined> = { F: 'for', A: 'against', '-': 'abstain', '.': undefined };
function ballots(members: string[], pattern: string, t0 = 1_000): Ballot[] {
  if (pattern.length !== members.length) throw new Error(`pattern "${pattern}" needs ${members.length} votes`);
  return [...pattern].flatMap((s, i) => {
    const choice = symbol[s];
    const voter = members[i];
    if (voter === undefined || !(s in symbol)) throw new Error(`bad pattern "${pattern}"`);
    return choice === undefined ? [] : [{ voter, choice, castAt: t0 + i }];
  });
}
const b = (voter: string, choice: Choice, castAt: number): Ballot => ({ voter, choice, castAt });

// Digi Rogaland §4.2 — the chair (Stavanger) is listed first, so pattern position 0 is the chair.
const rogalandMembers = ['stavanger', 'sandnes', 'haugesund', 'karmoy', 'sola', 'klepp', 'time', 'ks-rogaland'];
type CtmRule = Extract<DecisionRule, { kind: 'consensus-then-majority' }>;
// Through the schema, so the preset's defaults (double vote on, chair decides budget on) are what we test.
const ctm = (over: Partial<Omit<CtmRule, 'kind'>> = {}): CtmRule => {
  const parsed = decisionRuleSchema.parse({ kind: 'consensus-then-majority' });
  if (parsed.kind !== 'consensus-then-majority') throw new Error('schema changed the rule kind');
  return { ...parsed, ...over };
};
const styringsgruppe = (rule: DecisionRule = ctm()): DecideInput['body'] => ({
  members: rogalandMembers,
  chair: 'stavanger',
  observers: ['statsforvalteren', 'rogaland-fylkeskommune'],
  secretary: 'sekretariatet',
  rule,
});

// DSOP Topplederforum (seed 000 §3.1): consensus-oriented; the programme office is secretary.
const dsopMembers = ['finans-norge', 'brreg', 'skatteetaten', 'politiet', 'nav', 'kartverket'];
const topplederforum = (rule: DecisionRule = { kind: 'consensus' }): DecideInput['body'] => ({
  members: dsopMembers,
  observers: [],
  secretary: 'programkontoret',
  rule,
});

describe('consensus-then-majority: Digi Rogaland steering group (seed 003 §4.2)', () => {
  const noDouble = ctm({ chairDoubleVoteOnTie: false });
  const chairNotBudget = ctm({ chairDecidesBudgetMatters: false });
  it.each<{ name: string; pattern: string; budget?: boolean; rule?: DecisionRule; status: string; reason: Reason }>([
    { name: 'unanimous', pattern: 'FFFFFFFF', status: 'adopted', reason: { code: 'consensus', for: 8, abstain: 0 } },
    { name: 'the chair abstains: still consensus', pattern: '-FFFFFF-', status: 'adopted', reason: { code: 'consensus', for: 6, abstain: 2 } },
    { name: 'one votes for, the rest abstain or stay away', pattern: '.F-----.', status: 'adopted', reason: { code: 'consensus', for: 1, abstain: 5 } },
    {
      name: 'majority 5–3',
      pattern: 'FFFFFAAA',
      status: 'adopted',
      reason: { code: 'majority-for', for: 5, against: 3, afterNoConsensus: true, chairDoubleVoteOnTie: true },
    },
    {
      name: 'majority against 3–5 (chair in the minority)',
      pattern: 'FFFAAAAA',
      status: 'rejected',
      reason: { code: 'majority-against', for: 3, against: 5, afterNoConsensus: true, chairDoubleVoteOnTie: true },
    },
    {
      name: 'one objection among abstentions is a majority against',
      pattern: '------A-',
      status: 'rejected',
      reason: { code: 'majority-against', for: 0, against: 1, afterNoConsensus: true, chairDoubleVoteOnTie: true },
    },
    { name: 'tie 4–4, chair for → double vote adopts', pattern: 'FFFFAAAA', status: 'adopted', reason: { code: 'tie-chair-decides', for: 4, against: 4, chairVote: 'for' } },
    { name: 'tie 4–4, chair against → double vote rejects', pattern: 'AFFFFAAA', status: 'rejected', reason: { code: 'tie-chair-decides', for: 4, against: 4, chairVote: 'against' } },
    { name: 'tie 3–3, chair abstains → tie stands', pattern: '-FFFAAA-', status: 'rejected', reason: { code: 'tie-chair-no-vote', for: 3, against: 3, chair: 'abstain' } },
    { name: 'tie 3–3, chair did not vote → tie stands', pattern: '.FFFAAA-', status: 'rejected', reason: { code: 'tie-chair-no-vote', for: 3, against: 3, chair: 'not-voted' } },
    { name: 'everyone abstains: tie 0–0 and the chair abstained', pattern: '--------', status: 'rejected', reason: { code: 'tie-chair-no-vote', for: 0, against: 0, chair: 'abstain' } },
    { name: 'tie 4–4 without a double vote in the rule', pattern: 'FFFFAAAA', rule: noDouble, status: 'rejected', reason: { code: 'tie', for: 4, against: 4, afterNoConsensus: true } },
    {
      name: 'majority without a double vote does not mention it',
      pattern: 'FFFFFAAA',
      rule: noDouble,
      status: 'adopted',
      reason: { code: 'majority-for', for: 5, against: 3, afterNoConsensus: true, chairDoubleVoteOnTie: false },
    },
    // Budget matters: consensus still wins; without it the chair's own vote decides, whatever the majority.
    { name: 'budget, consensus with the chair abstaining', pattern: '-FFFFFFF', budget: true, status: 'adopted', reason: { code: 'consensus', for: 7, abstain: 1 } },
    { name: 'budget, 6–2 for but the chair against → rejected', pattern: 'AFFFFFFA', budget: true, status: 'rejected', reason: { code: 'budget-chair-decides', for: 6, against: 2, chairVote: 'against' } },
    { name: 'budget, 1–7: only the chair for → adopted', pattern: 'FAAAAAAA', budget: true, status: 'adopted', reason: { code: 'budget-chair-decides', for: 1, against: 7, chairVote: 'for' } },
    { name: 'budget, tie 4–4 with chair for → the chair decides, not the double vote', pattern: 'FFFFAAAA', budget: true, status: 'adopted', reason: { code: 'budget-chair-decides', for: 4, against: 4, chairVote: 'for' } },
    { name: 'budget, chair abstains 4–3 → no budget decision', pattern: '-FFFFAAA', budget: true, status: 'rejected', reason: { code: 'budget-chair-no-vote', for: 4, against: 3, chair: 'abstain' } },
    { name: 'budget, chair did not vote 6–1 → no budget decision', pattern: '.FFFFFFA', budget: true, status: 'rejected', reason: { code: 'budget-chair-no-vote', for: 6, against: 1, chair: 'not-voted' } },
    {
      name: 'budget, but the rule does not let the chair decide → majority 6–2',
      pattern: 'AFFFFFFA',
      budget: true,
      rule: chairNotBudget,
      status: 'adopted',
      reason: { code: 'majority-for', for: 6, against: 2, afterNoConsensus: true, chairDoubleVoteOnTie: true },
    },
    {
      name: 'not a budget matter: the same 6–2 with the chair against is adopted by majority',
      pattern: 'AFFFFFFA',
      status: 'adopted',
      reason: { code: 'majority-for', for: 6, against: 2, afterNoConsensus: true, chairDoubleVoteOnTie: true },
    },
  ])('$name', ({ pattern, budget, rule, status, reason }) => {
    const outcome = decide({ body: styringsgruppe(rule), ballots: ballots(rogalandMembers, pattern), budgetMatter: budget });
    expect(outcome.reason).toEqual(reason);
    expect(outcome.status).toBe(status);
    expect(outcome.adopted).toBe(status === 'adopted');
  });

  it('explains 5–3 in both languages as the programme office writes it', () => {
    const { reason } = decide({ body: styringsgruppe(), ballots: ballots(rogalandMembers, 'FFFFFAAA') });
    expect(formatReason(reason, 'nb')).toBe('Ikke konsensus; flertall 5–3; lederens dobbeltstemme ikke nødvendig');
    expect(formatReason(reason, 'en')).toBe("No consensus; majority 5–3; chair's double vote not needed");
  });

  it('explains a tie the abstaining chair did not break', () => {
    const { reason } = decide({ body: styringsgruppe(), ballots: ballots(rogalandMembers, '-FFFAAA-') });
    expect(formatReason(reason, 'nb')).toBe('Ikke konsensus; stemmelikhet 3–3; lederen avsto; dobbeltstemmen bryter ikke likheten; ikke vedtatt');
    expect(formatReason(reason, 'en')).toBe('No consensus; tie 3–3; the chair abstained; no double vote breaks the tie; not adopted');
  });

  it('ignores both observers and the secretariat, who never count', () => {
    const history = [
      ...ballots(rogalandMembers, 'FFFFFFF.'),
      b('statsforvalteren', 'against', 2_000),
      b('rogaland-fylkeskommune', 'against', 2_001),
      b('sekretariatet', 'against', 2_002),
      b('bergen', 'against', 2_003),
    ];
    const outcome = decide({ body: styringsgruppe(), ballots: history });
    expect(outcome.reason).toEqual({ code: 'consensus', for: 7, abstain: 0 });
    expect(outcome.counts).toEqual({ for: 7, against: 0, abstain: 0, notVoted: 1 });
    expect(outcome.didNotVote).toEqual(['ks-rogaland']);
    expect(outcome.ignored.map((i) => [i.ballot.voter, i.why])).toEqual([
      ['statsforvalteren', 'observer'],
      ['rogaland-fylkeskommune', 'observer'],
      ['sekretariatet', 'secretary'],
      ['bergen', 'non-member'],
    ]);
  });

  it('treats a chair whose only ballot came after the close as not having voted', () => {
    const history = [...ballots(rogalandMembers, '.FFFAAA-'), b('stavanger', 'for', 9_000)];
    const outcome = decide({ body: styringsgruppe(), ballots: history, closedAt: 5_000 });
    expect(outcome.reason).toEqual({ code: 'tie-chair-no-vote', for: 3, against: 3, chair: 'not-voted' });
    expect(outcome.ignored).toEqual([{ ballot: b('stavanger', 'for', 9_000), why: 'after-close' }]);
  });

  it('reports a missing chair rather than pretending the chair abstained', () => {
    const { chair: _chair, ...withoutChair } = styringsgruppe();
    const outcome = decide({ body: withoutChair, ballots: ballots(rogalandMembers, 'FFFFAAAA'), budgetMatter: true });
    expect(outcome.reason).toEqual({ code: 'budget-chair-no-vote', for: 4, against: 4, chair: 'no-chair' });
    expect(decide({ body: withoutChair, ballots: ballots(rogalandMembers, 'FFFFAAAA') }).reason).toEqual({
      code: 'tie-chair-no-vote',
      for: 4,
      against: 4,
      chair: 'no-chair',
    });
  });
});

describe('consensus: DSOP Topplederforum (seed 000 §3.1)', () => {
  it.each<{ name: string; pattern: string; status: string; reason: Reason }>([
    { name: 'all six for', pattern: 'FFFFFF', status: 'adopted', reason: { code: 'consensus', for: 6, abstain: 0 } },
    { name: 'abstentions do not block', pattern: 'FF--F-', status: 'adopted', reason: { code: 'consensus', for: 3, abstain: 3 } },
    { name: 'absent members do not block', pattern: 'F.....', status: 'adopted', reason: { code: 'consensus', for: 1, abstain: 0 } },
    { name: 'one objection blocks a 5–1 majority', pattern: 'FFFFFA', status: 'rejected', reason: { code: 'objection', for: 5, against: 1, abstain: 0 } },
    { name: 'objection among abstentions', pattern: '--A-F.', status: 'rejected', reason: { code: 'objection', for: 1, against: 1, abstain: 3 } },
    { name: 'everyone abstains', pattern: '------', status: 'rejected', reason: { code: 'no-votes-for', abstain: 6 } },
    { name: 'nobody voted', pattern: '......', status: 'rejected', reason: { code: 'no-votes-for', abstain: 0 } },
  ])('$name', ({ pattern, status, reason }) => {
    const outcome = decide({ body: topplederforum(), ballots: ballots(dsopMembers, pattern) });
    expect(outcome.reason).toEqual(reason);
    expect(outcome.status).toBe(status);
    expect(outcome.adopted).toBe(status === 'adopted');
  });

  it('ignores the programme office, which is secretary and not a member', () => {
    const outcome = decide({ body: topplederforum(), ballots: [...ballots(dsopMembers, 'FFFFFF'), b('programkontoret', 'against', 5_000)] });
    expect(outcome.status).toBe('adopted');
    expect(outcome.ignored).toEqual([{ ballot: b('programkontoret', 'against', 5_000), why: 'secretary' }]);
  });

  it('ignores the budget flag, which only consensus-then-majority reads', () => {
    expect(decide({ body: topplederforum(), ballots: ballots(dsopMembers, 'FFFFFA'), budgetMatter: true }).reason.code).toBe('objection');
  });
});

describe('majority', () => {
  const members = ['a', 'b', 'c', 'd', 'e', 'f'];
  const body = { members, observers: ['o'], rule: { kind: 'majority' } as DecisionRule };
  it.each<{ pattern: string; status: string; reason: Reason }>([
    { pattern: 'FFFAA.', status: 'adopted', reason: { code: 'majority-for', for: 3, against: 2, afterNoConsensus: false, chairDoubleVoteOnTie: false } },
    { pattern: 'FA----', status: 'rejected', reason: { code: 'tie', for: 1, against: 1, afterNoConsensus: false } },
    { pattern: 'FFAAA.', status: 'rejected', reason: { code: 'majority-against', for: 2, against: 3, afterNoConsensus: false, chairDoubleVoteOnTie: false } },
    { pattern: 'F-----', status: 'adopted', reason: { code: 'majority-for', for: 1, against: 0, afterNoConsensus: false, chairDoubleVoteOnTie: false } },
    { pattern: '......', status: 'rejected', reason: { code: 'tie', for: 0, against: 0, afterNoConsensus: false } },
  ])('$pattern → $status', ({ pattern, status, reason }) => {
    const outcome = decide({ body, ballots: ballots(members, pattern) });
    expect(outcome.reason).toEqual(reason);
    expect(outcome.status).toBe(status);
  });

  it('says just "majority" when no consensus was sought', () => {
    const { reason } = decide({ body, ballots: ballots(members, 'FFFAA.') });
    expect(formatReason(reason, 'nb')).toBe('Flertall 3–2');
    expect(formatReason(reason, 'en')).toBe('Majority 3–2');
  });
});

describe('quorum', () => {
  it.each<{ name: string; rule: DecisionRule; pattern: string; extra?: Ballot[]; closedAt?: number; status: string; reason?: Reason }>([
    {
      name: 'too few votes cast, even though unanimous',
      rule: ctm({ quorum: { minVotesCast: 5 } }),
      pattern: 'FFFF....',
      status: 'no-quorum',
      reason: { code: 'no-quorum', cast: 4, eligible: 8, required: 5 },
    },
    { name: 'abstentions count as cast', rule: ctm({ quorum: { minVotesCast: 5 } }), pattern: 'FF---...', status: 'adopted' },
    {
      name: 'observer and secretary ballots do not make a quorum',
      rule: ctm({ quorum: { minVotesCast: 5 } }),
      pattern: 'FFFF....',
      extra: [b('statsforvalteren', 'for', 3_000), b('sekretariatet', 'for', 3_001)],
      status: 'no-quorum',
      reason: { code: 'no-quorum', cast: 4, eligible: 8, required: 5 },
    },
    {
      name: 'a changed vote counts once',
      rule: ctm({ quorum: { minVotesCast: 5 } }),
      pattern: 'FFFF....',
      extra: [b('sandnes', 'against', 3_000)],
      status: 'no-quorum',
      reason: { code: 'no-quorum', cast: 4, eligible: 8, required: 5 },
    },
    {
      name: 'a ballot after the close does not make a quorum',
      rule: ctm({ quorum: { minVotesCast: 5 } }),
      pattern: 'FFFF....',
      extra: [b('ks-rogaland', 'for', 9_000)],
      closedAt: 5_000,
      status: 'no-quorum',
      reason: { code: 'no-quorum', cast: 4, eligible: 8, required: 5 },
    },
    {
      name: 'share: two thirds of 8 needs 6',
      rule: { kind: 'majority', quorum: { minShareCast: 2 / 3 } },
      pattern: 'FFFFA...',
      status: 'no-quorum',
      reason: { code: 'no-quorum', cast: 5, eligible: 8, required: 6 },
    },
    { name: 'share: exactly two thirds rounded up is enough', rule: { kind: 'majority', quorum: { minShareCast: 2 / 3 } }, pattern: 'FFFFA-..', status: 'adopted' },
    {
      name: 'a quorum blocks consensus too',
      rule: { kind: 'consensus', quorum: { minShareCast: 0.5 } },
      pattern: 'FFF.....',
      status: 'no-quorum',
      reason: { code: 'no-quorum', cast: 3, eligible: 8, required: 4 },
    },
  ])('$name', ({ rule, pattern, extra = [], closedAt, status, reason }) => {
    const outcome = decide({ body: styringsgruppe(rule), ballots: [...ballots(rogalandMembers, pattern), ...extra], closedAt });
    expect(outcome.status).toBe(status);
    expect(outcome.adopted).toBe(status === 'adopted');
    if (reason !== undefined) expect(outcome.reason).toEqual(reason);
    else expect(outcome.reason.code).not.toBe('no-quorum');
  });

  it('explains a missing quorum in both languages', () => {
    const { reason } = decide({ body: styringsgruppe(ctm({ quorum: { minVotesCast: 5 } })), ballots: ballots(rogalandMembers, 'FFF.....') });
    expect(formatReason(reason, 'nb')).toBe('Ikke beslutningsdyktig: 3 av 8 medlemmer stemte, minst 5 kreves');
    expect(formatReason(reason, 'en')).toBe('No quorum: 3 of 8 members voted, at least 5 required');
  });
});

describe('changed votes: the last one by castAt counts', () => {
  const body = styringsgruppe();
  it.each<{ name: string; history: Ballot[]; closedAt?: number; sandnes: Choice; code: string }>([
    { name: 'against, then for', history: [b('sandnes', 'against', 10), b('sandnes', 'for', 20)], sandnes: 'for', code: 'consensus' },
    { name: 'for, then against', history: [b('sandnes', 'for', 10), b('sandnes', 'against', 20)], sandnes: 'against', code: 'majority-for' },
    { name: 'stored out of order: castAt wins', history: [b('sandnes', 'against', 20), b('sandnes', 'for', 10)], sandnes: 'against', code: 'majority-for' },
    { name: 'same castAt: the later record wins', history: [b('sandnes', 'against', 20), b('sandnes', 'for', 20)], sandnes: 'for', code: 'consensus' },
    { name: 'a change after the close is ignored', history: [b('sandnes', 'for', 10), b('sandnes', 'against', 20)], closedAt: 15, sandnes: 'for', code: 'consensus' },
    { name: 'a change exactly at the close counts', history: [b('sandnes', 'for', 10), b('sandnes', 'against', 15)], closedAt: 15, sandnes: 'against', code: 'majority-for' },
  ])('$name', ({ history, closedAt, sandnes, code }) => {
    // Everyone else votes for at t = 1…7 (Sandnes's own slot left empty).
    const rest = ballots(rogalandMembers, 'F.FFFFFF', 1);
    const outcome = decide({ body, ballots: [...rest, ...history], closedAt });
    expect(outcome.effective.find((x) => x.voter === 'sandnes')?.choice).toBe(sandnes);
    expect(outcome.reason.code).toBe(code);
  });

  it('returns the effective ballot per voter in member order, with time and comment, and keeps the history intact', () => {
    const history = Object.freeze([
      { voter: 'time', choice: 'against', castAt: 30, comment: 'budsjettet er for stramt' },
      b('stavanger', 'for', 10),
      b('time', 'for', 5),
      b('sandnes', 'abstain', 20),
    ] satisfies Ballot[]);
    const copy = structuredClone(history);
    const outcome = decide({ body, ballots: history });
    expect(outcome.effective).toEqual([b('stavanger', 'for', 10), b('sandnes', 'abstain', 20), history[0]]);
    expect(outcome.counts).toEqual({ for: 1, against: 1, abstain: 1, notVoted: 5 });
    expect(outcome.didNotVote).toEqual(['haugesund', 'karmoy', 'sola', 'klepp', 'ks-rogaland']);
    expect(outcome.ignored).toEqual([]);
    expect(history).toEqual(copy);
  });
});
