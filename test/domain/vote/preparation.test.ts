// A gate prepared by another body (DSOP BP2/BP3): the preparing body recommends first; the
// deciding body votes on the latest adopted recommendation that no deciding vote has used.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/shared/decision/index.js';
import type { GateVote } from '../../../src/features/votes/domain/gateVote.js';
import { adviceStep, isOwnerApproved, isRecommendation, preparationStep } from '../../../src/features/votes/domain/preparation.js';

const gate = { id: 'BP2', body: 'tlf', preparedBy: 'sg' };
const outcome = (adopted: boolean) => ({ status: adopted ? 'adopted' : 'rejected', adopted }) as Outcome;

/** A closed recommendation of the steering group on BP2, closed (by hand) at `closedAt`. */
function recommendation(id: string, adopted: boolean, closedAt: number, over: Partial<GateVote> = {}): GateVote {
  return {
    id,
    gate: 'BP2',
    body: 'sg',
    matter: { kind: 'recommendation', to: 'tlf' },
    status: 'closed',
    outcome: outcome(adopted),
    closing: { at: closedAt, by: { id: 'chair', name: 'Chair' }, how: 'manual' },
    openedAt: closedAt - 100,
    deadline: closedAt + 1000,
    ...over,
  } as GateVote;
}
const deciding = (openedAt: number, over: Partial<GateVote> = {}) => ({ id: `d-${openedAt}`, gate: 'BP2', body: 'tlf', status: 'open', openedAt, ...over }) as GateVote;
const asRec = (v: GateVote, closedAt: number) => ({ voteId: v.id, body: 'sg', adopted: v.outcome!.adopted, closedAt });

describe('preparationStep', () => {
  it('a gate nobody prepares goes straight to its body', () => {
    expect(preparationStep({ id: 'BP1', body: 'sg' }, [recommendation('r1', true, 10)])).toStrictEqual({ stage: 'decision', body: 'sg' });
  });

  it('asks the preparing body first, then lets the deciding body vote on an adopted recommendation', () => {
    expect(preparationStep(gate, [])).toStrictEqual({ stage: 'recommendation', body: 'sg', to: 'tlf' });
    // A deciding vote without any recommendation (e.g. opened before the gate was prepared).
    expect(preparationStep(gate, [deciding(300)])).toStrictEqual({ stage: 'recommendation', body: 'sg', to: 'tlf' });
    const r = recommendation('r1', true, 500);
    expect(preparationStep(gate, [r])).toStrictEqual({ stage: 'decision', body: 'tlf', recommendation: asRec(r, 500) });
    // Closed at its deadline (no closing record): the deadline is when it closed.
    const byDeadline = recommendation('r2', true, 500, { closing: undefined });
    expect(preparationStep(gate, [byDeadline])).toStrictEqual({ stage: 'decision', body: 'tlf', recommendation: asRec(byDeadline, 1500) });
  });

  it('a rejected recommendation sends the matter back to the preparing body, with the last one', () => {
    const r = recommendation('r1', false, 500);
    expect(preparationStep(gate, [r])).toStrictEqual({ stage: 'recommendation', body: 'sg', to: 'tlf', last: asRec(r, 500) });
  });

  it('counts only closed recommendations with an outcome, by the preparing body, on this gate', () => {
    const none = { stage: 'recommendation', body: 'sg', to: 'tlf' };
    expect(preparationStep(gate, [recommendation('r1', true, 500, { status: 'closing' })])).toStrictEqual(none);
    expect(preparationStep(gate, [recommendation('r1', true, 500, { outcome: undefined })])).toStrictEqual(none);
    expect(preparationStep(gate, [recommendation('r1', true, 500, { gate: 'BP3' })])).toStrictEqual(none);
    expect(preparationStep(gate, [recommendation('r1', true, 500, { body: 'tlf' })])).toStrictEqual(none);
    expect(preparationStep(gate, [recommendation('r1', true, 500, { matter: undefined })])).toStrictEqual(none);
    expect(isRecommendation({ matter: { kind: 'admission', applicationId: 'M-001' } })).toBe(false);
  });

  it('the newest recommendation counts, whatever order the votes come in; on a tie the larger id', () => {
    const older = recommendation('r9', true, 500);
    const newer = recommendation('r1', false, 900);
    for (const votes of [[older, newer], [newer, older]]) {
      expect(preparationStep(gate, votes)).toStrictEqual({ stage: 'recommendation', body: 'sg', to: 'tlf', last: asRec(newer, 900) });
    }
    const a = recommendation('r-a', true, 700);
    const b = recommendation('r-b', false, 700);
    for (const votes of [[a, b], [b, a]]) expect(preparationStep(gate, votes)).toMatchObject({ stage: 'recommendation', last: { voteId: 'r-b' } });
  });

  it('a deciding vote opened at or after the recommendation closed has used it up; other votes do not', () => {
    const r = recommendation('r1', true, 500);
    const fresh = { stage: 'recommendation', body: 'sg', to: 'tlf' };
    expect(preparationStep(gate, [r, deciding(500)])).toStrictEqual(fresh);
    expect(preparationStep(gate, [r, deciding(800)])).toStrictEqual(fresh);
    expect(preparationStep(gate, [r, deciding(499)])).toMatchObject({ stage: 'decision' });
    expect(preparationStep(gate, [r, deciding(800, { body: 'sg' })])).toMatchObject({ stage: 'decision' });
    expect(preparationStep(gate, [r, deciding(800, { gate: 'BP3' })])).toMatchObject({ stage: 'decision' });
    expect(preparationStep(gate, [r, deciding(800, { matter: { kind: 'recommendation', to: 'tlf' }, body: 'tlf' })])).toMatchObject({ stage: 'decision' });
  });
});

describe('an advisory preparation (Skate §2.1 «Forbehandling skal skje i AU», §5.3 AU «lager innstilling»)', () => {
  const advisory = { ...gate, preparationAdvisory: true };
  it('opens the deciding vote on a closed recommendation whatever it said, no quorum included', () => {
    const against = recommendation('r1', false, 500);
    expect(preparationStep(advisory, [against])).toStrictEqual({ stage: 'decision', body: 'tlf', recommendation: asRec(against, 500) });
    const noQuorum = recommendation('r2', false, 600, { outcome: { status: 'no-quorum', adopted: false } as Outcome });
    expect(preparationStep(advisory, [noQuorum])).toMatchObject({ stage: 'decision', recommendation: { voteId: 'r2', adopted: false } });
    // A binding preparation still waits for an adopted one.
    expect(preparationStep(gate, [against])).toMatchObject({ stage: 'recommendation' });
  });
  it('still needs the recommendation vote first, and a fresh one once a deciding vote used it', () => {
    expect(preparationStep(advisory, [])).toStrictEqual({ stage: 'recommendation', body: 'sg', to: 'tlf' });
    expect(preparationStep(advisory, [recommendation('r1', true, 500, { status: 'open', outcome: undefined })])).toMatchObject({ stage: 'recommendation' });
    const r = recommendation('r1', false, 500);
    expect(preparationStep(advisory, [r, deciding(800)])).toStrictEqual({ stage: 'recommendation', body: 'sg', to: 'tlf' });
  });
});

describe('a gate the measure owner approves (Skate §3.1, §3.4)', () => {
  const owner = { id: 'konsept', approvedBy: 'owner' as const, advisedBy: 'au' };
  it('has no deciding vote at all; its advising body gives advice', () => {
    expect(isOwnerApproved(owner)).toBe(true);
    expect(isOwnerApproved({ approvedBy: undefined })).toBe(false);
    expect(preparationStep(owner, [recommendation('r1', true, 500)])).toBeUndefined();
    expect(adviceStep(owner)).toStrictEqual({ stage: 'advice', body: 'au' });
    expect(adviceStep({ advisedBy: undefined })).toBeUndefined();
  });
});
