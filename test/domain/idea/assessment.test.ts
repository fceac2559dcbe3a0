import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  latestAssessments,
  recordAssessment,
  scoreProblems,
  type Assessment,
} from '../../../src/features/ideas/domain/assessment.js';
import type { Criterion } from '../../../src/shared/programme/schema.js';

const criteria: Criterion[] = [
  { id: 'nytteverdi', name: { nb: 'Nytteverdi', en: 'Benefit' }, weight: 2 },
  { id: 'gjennomforbarhet', name: { nb: 'Gjennomførbarhet', en: 'Feasibility' }, weight: 1 },
];

const assessment = (over: Partial<Assessment>): Assessment => ({
  ideaNumber: 'DSOP-2026-001',
  assessor: { id: 'a1', name: 'Kari' },
  scores: { nytteverdi: 3, gjennomforbarhet: 3 },
  comment: '',
  at: 1_000,
  ...over,
});

describe('scoreProblems', () => {
  it('accepts every criterion scored with an integer 1–5', () => {
    for (const v of [1, 2, 3, 4, 5]) expect(scoreProblems(criteria, { nytteverdi: v, gjennomforbarhet: 6 - v })).toEqual([]);
  });

  it('reports a missing criterion', () => {
    expect(scoreProblems(criteria, { nytteverdi: 3 })).toEqual([{ code: 'missing', criterion: 'gjennomforbarhet' }]);
  });

  it('reports an unknown criterion', () => {
    expect(scoreProblems(criteria, { nytteverdi: 3, gjennomforbarhet: 3, pris: 2 })).toEqual([
      { code: 'unknown-criterion', criterion: 'pris' },
    ]);
  });

  it.each([0, 6, -1, 100])('reports %d as out of range', (value) => {
    expect(scoreProblems(criteria, { nytteverdi: value, gjennomforbarhet: 3 })).toEqual([
      { code: 'out-of-range', criterion: 'nytteverdi', value },
    ]);
  });

  it.each([2.5, Number.NaN, Number.POSITIVE_INFINITY])('reports %d as not an integer', (value) => {
    expect(scoreProblems(criteria, { nytteverdi: 3, gjennomforbarhet: value })).toEqual([
      { code: 'not-an-integer', criterion: 'gjennomforbarhet', value },
    ]);
  });

  it('lists every problem at once', () => {
    expect(scoreProblems(criteria, { pris: 9 })).toHaveLength(3);
  });

  it('does not take inherited keys for scores', () => {
    expect(scoreProblems([{ id: 'constructor', name: { nb: 'x', en: 'x' }, weight: 1 }], {})).toEqual([
      { code: 'missing', criterion: 'constructor' },
    ]);
  });
});

describe('latestAssessments', () => {
  it('replaces an assessor’s earlier assessment of the same idea', () => {
    const first = assessment({ at: 1, scores: { nytteverdi: 1, gjennomforbarhet: 1 } });
    const second = assessment({ at: 2, scores: { nytteverdi: 5, gjennomforbarhet: 5 } });
    expect(recordAssessment([first], second)).toEqual([second]);
    // An older assessment arriving late does not win.
    expect(recordAssessment([second], first)).toEqual([second]);
  });

  it('keeps other assessors and other ideas', () => {
    const a = assessment({});
    const b = assessment({ assessor: { id: 'a2', name: 'Ola' } });
    const c = assessment({ ideaNumber: 'DSOP-2026-002' });
    expect(latestAssessments([a, b, c])).toEqual([a, b, c]);
  });

  it('does not depend on the order assessments arrive in', () => {
    const arb = fc.array(
      fc.record({
        ideaNumber: fc.constantFrom('DSOP-2026-001', 'DSOP-2026-002'),
        assessor: fc.constantFrom({ id: 'a1', name: 'Kari' }, { id: 'a2', name: 'Ola' }),
        scores: fc.record({ nytteverdi: fc.integer({ min: 1, max: 5 }), gjennomforbarhet: fc.integer({ min: 1, max: 5 }) }),
        comment: fc.constantFrom('', 'ok'),
        at: fc.integer({ min: 0, max: 3 }),
      }),
      { maxLength: 12 },
    );
    const sortKey = (a: Assessment) => `${a.ideaNumber}/${a.assessor.id}`;
    fc.assert(
      fc.property(arb, fc.func(fc.integer()), (list, order) => {
        const shuffled = [...list].sort((x, y) => order(x) - order(y));
        const norm = (l: Assessment[]) => [...l].sort((x, y) => (sortKey(x) < sortKey(y) ? -1 : 1));
        const latest = latestAssessments(list);
        expect(norm(latestAssessments(shuffled))).toEqual(norm(latest));
        // The survivor is always one with the latest time for its (idea, assessor).
        for (const a of latest) {
          const rivals = list.filter((x) => sortKey(x) === sortKey(a));
          expect(a.at).toBe(Math.max(...rivals.map((x) => x.at)));
        }
      }),
    );
  });
});
