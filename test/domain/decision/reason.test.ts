import { describe, expect, it } from 'vitest';
import { describeIgnored, describeReason, formatReason, type Reason, type ReasonCode } from '../../../src/shared/decision/reason.js';
import type { IgnoreWhy } from '../../../src/shared/decision/tally.js';

// One or more samples per code. The mapped type makes tsc fail if a code has no sample.
const samples: { [C in ReasonCode]: Extract<Reason, { code: C }>[] } = {
  'no-quorum': [{ code: 'no-quorum', cast: 3, eligible: 8, required: 5 }],
  consensus: [
    { code: 'consensus', for: 7, abstain: 1 },
    { code: 'consensus', for: 6, abstain: 0 },
  ],
  objection: [{ code: 'objection', for: 5, against: 1, abstain: 2 }],
  'no-votes-for': [
    { code: 'no-votes-for', abstain: 6 },
    { code: 'no-votes-for', abstain: 0 },
  ],
  'majority-for': [
    { code: 'majority-for', for: 5, against: 3, afterNoConsensus: true, chairDoubleVoteOnTie: true },
    { code: 'majority-for', for: 5, against: 3, afterNoConsensus: false, chairDoubleVoteOnTie: false },
  ],
  'majority-against': [{ code: 'majority-against', for: 3, against: 5, afterNoConsensus: true, chairDoubleVoteOnTie: true }],
  tie: [
    { code: 'tie', for: 4, against: 4, afterNoConsensus: true },
    { code: 'tie', for: 2, against: 2, afterNoConsensus: false },
  ],
  'tie-chair-decides': [
    { code: 'tie-chair-decides', for: 4, against: 4, chairVote: 'for' },
    { code: 'tie-chair-decides', for: 4, against: 4, chairVote: 'against' },
  ],
  'tie-chair-no-vote': [
    { code: 'tie-chair-no-vote', for: 3, against: 3, chair: 'abstain' },
    { code: 'tie-chair-no-vote', for: 3, against: 3, chair: 'not-voted' },
    { code: 'tie-chair-no-vote', for: 3, against: 3, chair: 'no-chair' },
  ],
  'budget-chair-decides': [
    { code: 'budget-chair-decides', for: 6, against: 2, chairVote: 'against' },
    { code: 'budget-chair-decides', for: 1, against: 7, chairVote: 'for' },
  ],
  'budget-chair-no-vote': [
    { code: 'budget-chair-no-vote', for: 4, against: 3, chair: 'abstain' },
    { code: 'budget-chair-no-vote', for: 4, against: 3, chair: 'not-voted' },
    { code: 'budget-chair-no-vote', for: 4, against: 3, chair: 'no-chair' },
  ],
};
const all: Reason[] = Object.values(samples).flat();
const numbers = (r: Reason) => Object.values(r).filter((v): v is number => typeof v === 'number');

describe('describeReason', () => {
  it.each(all.map((reason) => ({ reason, label: JSON.stringify(reason) })))('$label has Bokmål and English text with its numbers', ({ reason }) => {
    const text = describeReason(reason);
    expect(text.nb).not.toBe(text.en);
    for (const lang of ['nb', 'en'] as const) {
      expect(text[lang]).toMatch(/^\p{Lu}/u); // starts a sentence
      expect(text[lang]).not.toMatch(/undefined|NaN|\[object/);
      expect(formatReason(reason, lang)).toBe(text[lang]);
      // Abstentions of 0 are left out of the text; every other number must be shown.
      for (const n of numbers(reason)) if (n !== 0 || !('abstain' in reason && reason.abstain === 0)) expect(text[lang]).toContain(String(n));
    }
  });

  it('gives every sample of a code its own text (no detail is silently dropped)', () => {
    for (const list of Object.values(samples)) {
      const texts = list.map((r) => describeReason(r).nb);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it.each<{ reason: Reason; nb: string; en: string }>([
    { reason: { code: 'consensus', for: 6, abstain: 2 }, nb: 'Konsensus: 6 for, ingen mot, 2 avsto', en: 'Consensus: 6 for, none against, 2 abstained' },
    { reason: { code: 'objection', for: 5, against: 1, abstain: 0 }, nb: 'Ikke konsensus: 1 mot, 5 for', en: 'No consensus: 1 against, 5 for' },
    { reason: { code: 'no-votes-for', abstain: 6 }, nb: 'Ikke vedtatt: ingen stemte for, 6 avsto', en: 'Not adopted: nobody voted for, 6 abstained' },
    {
      reason: { code: 'majority-against', for: 3, against: 5, afterNoConsensus: true, chairDoubleVoteOnTie: true },
      nb: 'Ikke konsensus; flertall mot: 3 for, 5 mot; lederens dobbeltstemme ikke nødvendig',
      en: "No consensus; majority against: 3 for, 5 against; chair's double vote not needed",
    },
    { reason: { code: 'tie', for: 2, against: 2, afterNoConsensus: false }, nb: 'Stemmelikhet 2–2; ikke vedtatt', en: 'Tie 2–2; not adopted' },
    {
      reason: { code: 'tie-chair-decides', for: 4, against: 4, chairVote: 'for' },
      nb: 'Ikke konsensus; stemmelikhet 4–4; lederen stemte for; dobbeltstemmen avgjør',
      en: 'No consensus; tie 4–4; the chair voted for; the double vote decides',
    },
    {
      reason: { code: 'budget-chair-decides', for: 6, against: 2, chairVote: 'against' },
      nb: 'Ikke konsensus i budsjettsak (6 for, 2 mot); lederen beslutter og stemte mot',
      en: 'No consensus in a budget matter (6 for, 2 against); the chair decides and voted against',
    },
    {
      reason: { code: 'budget-chair-no-vote', for: 4, against: 3, chair: 'not-voted' },
      nb: 'Ikke konsensus i budsjettsak (4 for, 3 mot); lederen stemte ikke; ingen budsjettbeslutning; ikke vedtatt',
      en: 'No consensus in a budget matter (4 for, 3 against); the chair did not vote; no budget decision; not adopted',
    },
  ])('$en', ({ reason, nb, en }) => {
    expect(describeReason(reason)).toEqual({ nb, en });
  });
});

describe('describeIgnored', () => {
  it.each<IgnoreWhy>(['observer', 'secretary', 'non-member', 'after-close'])('%s has text in both languages', (why) => {
    const text = describeIgnored(why);
    expect(text.nb.length).toBeGreaterThan(5);
    expect(text.en.length).toBeGreaterThan(5);
    expect(text.nb).not.toBe(text.en);
  });

  it('tells an observer plainly that they have no vote', () => {
    expect(describeIgnored('observer')).toEqual({ nb: 'observatører har ikke stemmerett', en: 'observers have no vote' });
  });

  it('gives each cause its own text', () => {
    const texts = (['observer', 'secretary', 'non-member', 'after-close'] as const).map((w) => describeIgnored(w).en);
    expect(new Set(texts).size).toBe(4);
  });
});
