// Which vote a prepared gate needs next (DSOP §3.2, BP2/BP3): the preparing body's
// recommendation first; the deciding body only on an adopted recommendation not yet used.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GateVote } from '../../../src/domain/vote/gateVote.js';
import { preparationStep } from '../../../src/domain/vote/preparation.js';

const gate = { id: 'BP2', body: 'topplederforum', preparedBy: 'styringsgruppe' };

function vote(body: string, openedAt: number, closed?: { adopted: boolean; at: number }, n = 0): GateVote {
  return {
    id: n === 0 ? `v-${body}-${openedAt}` : `v-${body}-${openedAt}-${n}`,
    gate: 'BP2',
    body,
    openedAt,
    deadline: openedAt + 1000,
    status: closed ? 'closed' : 'open',
    ...(body === 'styringsgruppe' ? { matter: { kind: 'recommendation', to: 'topplederforum' } } : {}),
    ...(closed ? { outcome: { adopted: closed.adopted }, closing: { at: closed.at } } : {}),
  } as unknown as GateVote;
}

describe('preparationStep', () => {
  it('a gate without a preparing body goes straight to its body', () => {
    expect(preparationStep({ id: 'BP1', body: 'styringsgruppe' }, [])).toEqual({ stage: 'decision', body: 'styringsgruppe' });
  });

  it('asks for the recommendation first, and while it is open', () => {
    expect(preparationStep(gate, [])).toEqual({ stage: 'recommendation', body: 'styringsgruppe', to: 'topplederforum' });
    expect(preparationStep(gate, [vote('styringsgruppe', 10)]).stage).toBe('recommendation');
  });

  it('an adopted recommendation opens the decision, with the recommendation attached', () => {
    const step = preparationStep(gate, [vote('styringsgruppe', 10, { adopted: true, at: 20 })]);
    expect(step).toEqual({ stage: 'decision', body: 'topplederforum', recommendation: { voteId: 'v-styringsgruppe-10', body: 'styringsgruppe', adopted: true, closedAt: 20 } });
  });

  it('a rejected recommendation needs a new one, and says so', () => {
    const step = preparationStep(gate, [vote('styringsgruppe', 10, { adopted: false, at: 20 })]);
    expect(step).toMatchObject({ stage: 'recommendation', last: { adopted: false, closedAt: 20 } });
  });

  it('a deciding vote uses the recommendation up: a new round starts with a new recommendation', () => {
    const votes = [vote('styringsgruppe', 10, { adopted: true, at: 20 }), vote('topplederforum', 30, { adopted: false, at: 40 })];
    expect(preparationStep(gate, votes)).toEqual({ stage: 'recommendation', body: 'styringsgruppe', to: 'topplederforum' });
  });

  it('property: the deciding body votes only on the newest recommendation, adopted and unused, whatever the order', () => {
    const arbVote = fc.record({ prep: fc.boolean(), openedAt: fc.nat(1000), closed: fc.option(fc.record({ adopted: fc.boolean(), after: fc.nat(100) }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(arbVote, { maxLength: 8 }), (specs) => {
        const votes = specs.map((s, i) =>
          vote(s.prep ? 'styringsgruppe' : 'topplederforum', s.openedAt, s.closed ? { adopted: s.closed.adopted, at: s.openedAt + s.closed.after } : undefined, i + 1),
        );
        const step = preparationStep(gate, [...votes].reverse());
        expect(step).toEqual(preparationStep(gate, votes));
        if (step.stage === 'decision') {
          const recs = votes.filter((v) => v.body === 'styringsgruppe' && v.status === 'closed');
          const newest = Math.max(...recs.map((v) => v.closing!.at));
          expect(step.recommendation?.adopted).toBe(true);
          expect(step.recommendation?.closedAt).toBe(newest);
          expect(votes.some((v) => v.body === 'topplederforum' && v.openedAt >= newest)).toBe(false);
        }
      }),
    );
  });
});
