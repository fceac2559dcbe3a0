import { describe, expect, it } from 'vitest';
import type { Ballot } from '../../../src/shared/decision/ballot.js';
import { decide, type DecideInput } from '../../../src/shared/decision/decide.js';
import { decisionRight, finalDecision, mayDecide, recordedOnBehalf } from '../../../src/shared/decision/director.js';

// Skate (seed 004 §2.1, §2.4, §6.3–6.4): Skate seeks consensus in its advice; Difi's director decides.
const skate: DecideInput['body'] = {
  members: ['skatteetaten', 'nav', 'brreg', 'ks', 'helsedir'],
  observers: [],
  secretary: 'skatesekretariatet',
  rule: { kind: 'consensus', quorum: { minShareCast: 0.5 } },
};
const vote = (choices: Ballot['choice'][]): Ballot[] =>
  choices.map((choice, i) => ({ voter: skate.members[i] ?? 'nobody', choice, castAt: 100 + i }));
const adoptedAdvice = decide({ body: skate, ballots: vote(['for', 'for', 'for', 'abstain', 'for']) });
const rejectedAdvice = decide({ body: skate, ballots: vote(['for', 'against', 'for']) });
const noAdvice = decide({ body: skate, ballots: vote(['for']) });

describe('finalDecision', () => {
  it('checks the fixtures: one adopted, one rejected, one inquorate advice', () => {
    expect([adoptedAdvice.status, rejectedAdvice.status, noAdvice.status]).toEqual(['adopted', 'rejected', 'no-quorum']);
  });

  it('is pending until the director decides, and keeps the advice', () => {
    expect(finalDecision(adoptedAdvice)).toEqual({ decided: false, advice: adoptedAdvice });
  });

  it.each([
    { name: 'follows adopted advice', advice: adoptedAdvice, adopted: true, followed: 'yes' },
    { name: 'overrules adopted advice', advice: adoptedAdvice, adopted: false, followed: 'no' },
    { name: 'follows rejected advice', advice: rejectedAdvice, adopted: false, followed: 'yes' },
    { name: 'adopts against rejected advice', advice: rejectedAdvice, adopted: true, followed: 'no' },
    { name: 'decides when Skate gave no advice (no quorum)', advice: noAdvice, adopted: true, followed: 'no-advice' },
  ])('director $name', ({ advice, adopted, followed }) => {
    const director = { adopted, by: 'difi-direktor', at: 1_000, comment: 'etter råd fra Skate' };
    const result = finalDecision(advice, director);
    expect(result).toEqual({ decided: true, adopted, advice, director, followedAdvice: followed });
    // The body's advice is recorded unchanged next to the director's decision.
    expect(result.advice.adopted).toBe(advice.adopted);
  });
});

describe('mayDecide', () => {
  const title = { nb: 'Difis direktør', en: "Difi's director" };
  it.each([
    { name: 'a body without decidedBy decides itself', body: {}, person: 'difi-direktor', want: false },
    { name: 'the named director', body: { decidedBy: { person: 'difi-direktor', title } }, person: 'difi-direktor', want: true },
    { name: 'someone else than the named director', body: { decidedBy: { person: 'difi-direktor', title } }, person: 'skatteetaten', want: false },
    { name: 'anyone, when only a title is configured', body: { decidedBy: { title } }, person: 'fungerende-direktor', want: true },
  ])('$name → $want', ({ body, person, want }) => {
    expect(mayDecide(body, person)).toBe(want);
  });
});

describe('decisionRight and recordedOnBehalf (§6.4: who wrote the decision down)', () => {
  const title = { nb: 'Difis direktør', en: "Difi's director" };
  const named = { decidedBy: { person: 'difi-direktor', title } };
  const unnamed = { decidedBy: { title } };
  it.each([
    { name: 'the named director records as the director', body: named, person: 'difi-direktor', isOffice: false, want: 'director' },
    { name: 'the office may not record for a named director', body: named, person: 'kontoret', isOffice: true, want: undefined },
    { name: 'the office records on behalf when nobody is named', body: unnamed, person: 'kontoret', isOffice: true, want: 'office-on-behalf' },
    { name: 'nobody else records when nobody is named', body: unnamed, person: 'skatteetaten', isOffice: false, want: undefined },
    { name: 'a deciding body has no director', body: {}, person: 'kontoret', isOffice: true, want: undefined },
  ])('$name', ({ body, person, isOffice, want }) => {
    expect(decisionRight(body, person, isOffice)).toBe(want);
  });
  it('reads the stored mark, and for older records without it whether a director was named', () => {
    expect(recordedOnBehalf(named, { onBehalf: true })).toBe(true);
    expect(recordedOnBehalf(unnamed, { onBehalf: false })).toBe(false);
    expect(recordedOnBehalf(named, {})).toBe(false);
    expect(recordedOnBehalf(unnamed, {})).toBe(true);
  });
});

describe('a vote closed without quorum (not decided)', () => {
  it('is neither adopted nor rejected and may be reopened once; an advisory one goes to the director instead', async () => {
    const { finalAdoption, mayReopen } = await import('../../../src/features/votes/domain/gateVote.js');
    const closed = { status: 'closed' as const, outcome: noAdvice, decidedBy: undefined, reopenedAs: undefined };
    expect(finalAdoption(closed as never)).toBeUndefined();
    expect(mayReopen(closed)).toBe(true);
    expect(mayReopen({ ...closed, reopenedAs: 'x' })).toBe(false);
    expect(mayReopen({ ...closed, outcome: adoptedAdvice })).toBe(false);
    expect(finalAdoption({ ...closed, outcome: rejectedAdvice } as never)).toBe(false);
    expect(mayReopen({ ...closed, decidedBy: { title: { nb: 'D', en: 'D' } } })).toBe(false);
  });
});
