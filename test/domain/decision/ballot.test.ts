import { describe, expect, it } from 'vitest';
import { ballotSchema, latestPerVoter, type Ballot } from '../../../src/shared/decision/ballot.js';

const b = (voter: string, choice: Ballot['choice'], castAt: number, comment?: string): Ballot =>
  comment === undefined ? { voter, choice, castAt } : { voter, choice, castAt, comment };

describe('latestPerVoter', () => {
  it.each([
    { name: 'a later castAt replaces an earlier vote', ballots: [b('a', 'for', 1), b('a', 'against', 2)], want: 'against' },
    { name: 'castAt wins over array order', ballots: [b('a', 'against', 2), b('a', 'for', 1)], want: 'against' },
    { name: 'an equal castAt is broken by array order (last recorded wins)', ballots: [b('a', 'for', 5), b('a', 'abstain', 5)], want: 'abstain' },
    { name: 'three changes, last by time counts', ballots: [b('a', 'for', 1), b('a', 'abstain', 3), b('a', 'against', 2)], want: 'abstain' },
  ])('$name', ({ ballots, want }) => {
    expect(latestPerVoter(ballots).get('a')?.choice).toBe(want);
  });

  it('keeps one ballot per voter and leaves the history untouched', () => {
    const history = Object.freeze([b('a', 'for', 1), b('b', 'against', 1), b('a', 'abstain', 2, 'changed my mind')]);
    const latest = latestPerVoter(history);
    expect([...latest.keys()]).toEqual(['a', 'b']);
    expect(latest.get('a')).toEqual(b('a', 'abstain', 2, 'changed my mind'));
    expect(history).toHaveLength(3);
  });
});

describe('ballotSchema', () => {
  it('accepts a well-formed ballot with a comment', () => {
    expect(ballotSchema.parse({ voter: 'aad-1', choice: 'abstain', castAt: 1_700_000_000_000, comment: 'inhabil' })).toEqual({
      voter: 'aad-1',
      choice: 'abstain',
      castAt: 1_700_000_000_000,
      comment: 'inhabil',
    });
  });

  it.each([
    { name: 'unknown choice', input: { voter: 'aad-1', choice: 'yes', castAt: 1 } },
    { name: 'empty voter', input: { voter: '', choice: 'for', castAt: 1 } },
    { name: 'NaN castAt (would make ordering undefined)', input: { voter: 'aad-1', choice: 'for', castAt: Number.NaN } },
    { name: 'infinite castAt', input: { voter: 'aad-1', choice: 'for', castAt: Number.POSITIVE_INFINITY } },
    { name: 'castAt as a string', input: { voter: 'aad-1', choice: 'for', castAt: '2026-01-01' } },
    { name: 'unknown field', input: { voter: 'aad-1', choice: 'for', castAt: 1, weight: 2 } },
  ])('rejects $name', ({ input }) => {
    expect(ballotSchema.safeParse(input).success).toBe(false);
  });
});
