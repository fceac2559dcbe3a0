// The decision log's view of a vote: ballots in cast order, what each changed, which counts;
// votes newest first.
import { describe, expect, it } from 'vitest';
import { ballotTrail, newestFirst } from '../../../src/features/votes/domain/decisionLog.js';
import type { BallotRecord, GateVote } from '../../../src/features/votes/domain/gateVote.js';

const b = (voter: string, seq: number, castAt: number, choice: BallotRecord['choice'] = 'for'): BallotRecord => ({ voter, seq, castAt, choice });

describe('ballotTrail', () => {
  it('in the same millisecond, orders by the voter’s sequence, then by voter', () => {
    const trail = ballotTrail([b('m2', 2, 10, 'against'), b('m1', 3, 10), b('m2', 1, 5), b('m1', 2, 10, 'abstain'), b('m3', 2, 10)]);
    expect(trail.map((e) => [e.voter, e.seq])).toEqual([
      ['m2', 1],
      ['m1', 2],
      ['m2', 2],
      ['m3', 2],
      ['m1', 3],
    ]);
    expect(trail.map((e) => e.latest)).toEqual([false, false, true, true, true]);
    expect(trail.find((e) => e.voter === 'm2' && e.seq === 2)?.changedFrom).toBe('for');
    expect('changedFrom' in trail[0]!).toBe(false);
  });

  it('a later cast comes later even with a lower sequence number', () => {
    expect(ballotTrail([b('m1', 1, 20), b('m2', 5, 10)]).map((e) => e.voter)).toEqual(['m2', 'm1']);
  });
});

describe('newestFirst', () => {
  it('orders votes by when they opened, newest first, leaving the input alone', () => {
    const votes = [{ id: 'a', openedAt: 1 }, { id: 'c', openedAt: 3 }, { id: 'b', openedAt: 2 }] as GateVote[];
    expect(newestFirst(votes).map((v) => v.id)).toEqual(['c', 'b', 'a']);
    expect(votes.map((v) => v.id)).toEqual(['a', 'c', 'b']);
  });
});
