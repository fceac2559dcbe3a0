import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../../src/features/ideas/domain/assessment.js';
import { formatIdeaNumber } from '../../../src/features/ideas/domain/ideaNumber.js';
import { rankIdeas, scoreIdea, type ScoringRules } from '../../../src/features/ideas/domain/ranking.js';

const rules: ScoringRules = {
  criteria: [
    { id: 'nytteverdi', name: { nb: 'Nytteverdi', en: 'Benefit' }, weight: 2 },
    { id: 'gjennomforbarhet', name: { nb: 'Gjennomførbarhet', en: 'Feasibility' }, weight: 1 },
    { id: 'strategi', name: { nb: 'Strategisk', en: 'Strategic' }, weight: 0.5 },
  ],
  disagreementSpread: 2,
};
const ids = rules.criteria.map((c) => c.id);

const num = (n: number) => formatIdeaNumber({ prefix: 'DSOP', year: 2026, sequence: n });
const person = (i: number) => ({ id: `p${i}`, name: `Person ${i}` });
const assess = (idea: string, assessor: number, scores: Record<string, number>, at = 1): Assessment => ({
  ideaNumber: idea,
  assessor: person(assessor),
  scores,
  comment: '',
  at,
});

describe('scoreIdea', () => {
  it('computes mean, spread and the weighted score', () => {
    const score = scoreIdea(
      num(1),
      [
        assess(num(1), 1, { nytteverdi: 5, gjennomforbarhet: 2, strategi: 3 }),
        assess(num(1), 2, { nytteverdi: 3, gjennomforbarhet: 2, strategi: 3 }),
        assess(num(2), 3, { nytteverdi: 1, gjennomforbarhet: 1, strategi: 1 }),
      ],
      rules,
    );
    expect(score?.assessors).toBe(2);
    expect(score?.criteria.map((c) => [c.criterion, c.mean, c.spread, c.count])).toEqual([
      ['nytteverdi', 4, 2, 2],
      ['gjennomforbarhet', 2, 0, 2],
      ['strategi', 3, 0, 2],
    ]);
    // (2·4 + 1·2 + 0.5·3) / 3.5
    expect(score?.weightedScore).toBeCloseTo(11.5 / 3.5, 12);
    expect(score?.disagreements).toEqual(['nytteverdi']);
    expect(score?.disagreement).toBe(true);
  });

  it('flags disagreement exactly from the configured spread', () => {
    const spreadOf = (low: number, high: number, threshold: number) =>
      scoreIdea(
        num(1),
        [
          assess(num(1), 1, { nytteverdi: low, gjennomforbarhet: 3, strategi: 3 }),
          assess(num(1), 2, { nytteverdi: high, gjennomforbarhet: 3, strategi: 3 }),
        ],
        { ...rules, disagreementSpread: threshold },
      )?.disagreement;
    expect(spreadOf(2, 3, 2)).toBe(false);
    expect(spreadOf(2, 4, 2)).toBe(true);
    expect(spreadOf(2, 4, 3)).toBe(false);
    expect(spreadOf(1, 5, 4)).toBe(true);
  });

  it('uses only the assessor’s latest assessment', () => {
    const score = scoreIdea(
      num(1),
      [
        assess(num(1), 1, { nytteverdi: 1, gjennomforbarhet: 1, strategi: 1 }, 1),
        assess(num(1), 1, { nytteverdi: 5, gjennomforbarhet: 5, strategi: 5 }, 2),
      ],
      rules,
    );
    expect(score?.weightedScore).toBe(5);
    expect(score?.disagreement).toBe(false);
    expect(score?.assessors).toBe(1);
  });

  it('leaves out invalid values and criteria no longer configured', () => {
    const score = scoreIdea(num(1), [assess(num(1), 1, { nytteverdi: 4, gjennomforbarhet: 9, strategi: 2.5, gammel: 1 })], rules);
    expect(score?.criteria.map((c) => c.criterion)).toEqual(['nytteverdi']);
    expect(score?.weightedScore).toBe(4);
  });

  it('is undefined without any valid score', () => {
    expect(scoreIdea(num(1), [], rules)).toBeUndefined();
    expect(scoreIdea(num(1), [assess(num(1), 1, { gammel: 3 })], rules)).toBeUndefined();
  });

  it('has the right mean and spread for any scores', () => {
    const scores = fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(scores, (rows) => {
        const list = rows.map((row, i) => assess(num(1), i, Object.fromEntries(ids.map((id, j) => [id, row[j]!]))));
        const score = scoreIdea(num(1), list, rules);
        let weighted = 0;
        ids.forEach((id, j) => {
          const column = rows.map((r) => r[j]!).sort((a, b) => a - b);
          const summary = score?.criteria.find((c) => c.criterion === id);
          const mean = column.reduce((s, v) => s + v, 0) / column.length;
          expect(summary?.mean).toBeCloseTo(mean, 12);
          expect(summary?.spread).toBe(column[column.length - 1]! - column[0]!);
          expect(summary?.mean).toBeGreaterThanOrEqual(column[0]!);
          expect(summary?.mean).toBeLessThanOrEqual(column[column.length - 1]!);
          weighted += rules.criteria[j]!.weight * mean;
        });
        expect(score?.weightedScore).toBeCloseTo(weighted / 3.5, 12);
        expect(score?.disagreement).toBe(score!.criteria.some((c) => c.spread >= rules.disagreementSpread));
      }),
    );
  });
});

// Ideas numbered 1..n, each with 0–4 assessors' full score sets.
const portfolio = fc
  .array(fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }), { maxLength: 4 }), {
    minLength: 1,
    maxLength: 8,
  })
  .map((perIdea) => {
    const ideas = perIdea.map((_, i) => ({ number: num(i + 995) })); // crosses 999 → 1000
    const assessments = perIdea.flatMap((rows, i) =>
      rows.map((row, a) => assess(num(i + 995), a, Object.fromEntries(ids.map((id, j) => [id, row[j]!])))),
    );
    return { ideas, assessments };
  });

describe('rankIdeas', () => {
  it('orders by weighted score, unassessed last, ties by number', () => {
    const ideas = [num(1000), num(3), num(999), num(2), num(1)].map((number) => ({ number }));
    const all = (n: number) => ({ nytteverdi: n, gjennomforbarhet: n, strategi: n });
    const ranked = rankIdeas(
      ideas,
      [assess(num(3), 1, all(2)), assess(num(1000), 1, all(4)), assess(num(999), 1, all(4))],
      rules,
    );
    expect(ranked.map((r) => r.idea.number)).toEqual([num(999), num(1000), num(3), num(1), num(2)]);
    expect(ranked.map((r) => r.score?.weightedScore)).toEqual([4, 4, 2, undefined, undefined]);
  });

  it('puts a higher score before a lower one', () => {
    fc.assert(
      fc.property(portfolio, ({ ideas, assessments }) => {
        const ranked = rankIdeas(ideas, assessments, rules);
        expect(ranked).toHaveLength(ideas.length);
        ranked.forEach((a, i) =>
          ranked.slice(i + 1).forEach((b) => {
            const sa = a.score?.weightedScore ?? -Infinity;
            const sb = b.score?.weightedScore ?? -Infinity;
            expect(sa).toBeGreaterThanOrEqual(sb);
          }),
        );
        for (const r of ranked) expect(r.score).toEqual(scoreIdea(r.idea.number, assessments, rules));
      }),
    );
  });

  it('does not depend on the order of ideas or assessments', () => {
    const shuffled = portfolio.chain((p) =>
      fc
        .tuple(
          fc.shuffledSubarray(p.ideas, { minLength: p.ideas.length, maxLength: p.ideas.length }),
          fc.shuffledSubarray(p.assessments, { minLength: p.assessments.length, maxLength: p.assessments.length }),
        )
        .map(([ideas, assessments]) => ({ p, ideas, assessments })),
    );
    fc.assert(
      fc.property(shuffled, ({ p, ideas, assessments }) => {
        expect(rankIdeas(ideas, assessments, rules)).toEqual(rankIdeas(p.ideas, p.assessments, rules));
      }),
    );
  });

  it('never lowers an idea’s score when an assessor gives all fives', () => {
    fc.assert(
      fc.property(portfolio, fc.nat(), ({ ideas, assessments }, pick) => {
        const target = ideas[pick % ideas.length]!.number;
        const before = scoreIdea(target, assessments, rules)?.weightedScore ?? -Infinity;
        const fives = assess(target, 99, { nytteverdi: 5, gjennomforbarhet: 5, strategi: 5 });
        const after = scoreIdea(target, [...assessments, fives], rules)?.weightedScore;
        expect(after).toBeGreaterThanOrEqual(before);
        // …and the idea never drops in the ranking.
        const pos = (list: { idea: { number: string } }[]) => list.findIndex((r) => r.idea.number === target);
        expect(pos(rankIdeas(ideas, [...assessments, fives], rules))).toBeLessThanOrEqual(pos(rankIdeas(ideas, assessments, rules)));
      }),
    );
  });
});
