// Parties that leave: the effective date from the notice rule, and the seats lost from it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordWithdrawal, withoutWithdrawnSeats } from '../../../src/features/membership/domain/withdrawal.js';
import { programmeSchema } from '../../../src/shared/programme/schema.js';
import { addDays } from '../../../src/shared/schedule/oslo.js';
import { testProgramme } from '../../support/fixtures.js';

const by = { id: 'aad-office', name: 'Ola Office' };
const base = testProgramme();
const withRule = (rule: unknown) => programmeSchema.parse({ ...base, membership: { notice: { rule } } });

describe('recordWithdrawal', () => {
  it('gives the notice today and takes effect by the rule (Digi Rogaland §7, KMD–KS §7, none: the same day)', () => {
    const at = Date.UTC(2026, 10, 23, 9);
    const digi = recordWithdrawal(withRule({ kind: 'years-from-next-new-year', years: 1 }), [], { partyId: 'finans-norge', kind: 'withdrawal', by, at });
    expect(digi).toEqual({ ok: true, value: { partyId: 'finans-norge', kind: 'withdrawal', givenOn: '2026-11-23', effective: '2028-01-01', recordedBy: by, recordedAt: at } });
    const kmd = recordWithdrawal(withRule({ kind: 'months', months: 3 }), [], { partyId: 'finans-norge', kind: 'withdrawal', by, at });
    expect(kmd.ok && kmd.value.effective).toBe('2027-02-23');
    const dsop = recordWithdrawal(base, [], { partyId: 'finans-norge', kind: 'retirement', by, at });
    expect(dsop.ok && dsop.value.effective).toBe('2026-11-23');
  });

  it('refuses an unknown party and a second record for one party', () => {
    const at = Date.UTC(2026, 10, 23, 9);
    expect(recordWithdrawal(base, [], { partyId: 'x', kind: 'withdrawal', by, at })).toEqual({ ok: false, error: { code: 'unknown-party', partyId: 'x' } });
    const first = recordWithdrawal(base, [], { partyId: 'finans-norge', kind: 'withdrawal', by, at });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(recordWithdrawal(base, [first.value], { partyId: 'finans-norge', kind: 'retirement', by, at })).toMatchObject({ ok: false, error: { code: 'already-withdrawn' } });
  });
});

describe('recordWithdrawal where a body decides retirements (DSOP §3.1)', () => {
  const at = Date.UTC(2026, 10, 23, 9);
  const body = base.bodies[0]!.id;
  const byVote = (notice?: unknown) =>
    programmeSchema.parse({ ...base, membership: { retirement: { body }, ...(notice ? { notice: { rule: notice } } : {}) } });

  it('refuses a retirement without that body\'s decision, and one decided by another body', () => {
    expect(recordWithdrawal(byVote(), [], { partyId: 'finans-norge', kind: 'retirement', by, at })).toEqual({
      ok: false,
      error: { code: 'retirement-by-vote', partyId: 'finans-norge', body },
    });
    expect(recordWithdrawal(byVote(), [], { partyId: 'finans-norge', kind: 'retirement', by, at, decision: { voteId: 'v', body: 'other' } })).toMatchObject({
      ok: false,
      error: { code: 'retirement-by-vote' },
    });
  });

  it('records a decided retirement with its vote, effective the day of the decision whatever the notice rule; a withdrawal still follows the rule', () => {
    const decided = recordWithdrawal(byVote({ kind: 'months', months: 3 }), [], { partyId: 'finans-norge', kind: 'retirement', by, at, decision: { voteId: 'v1', body } });
    expect(decided).toEqual({
      ok: true,
      value: { partyId: 'finans-norge', kind: 'retirement', givenOn: '2026-11-23', effective: '2026-11-23', recordedBy: by, recordedAt: at, decision: { voteId: 'v1', body } },
    });
    const withdrawal = recordWithdrawal(byVote({ kind: 'months', months: 3 }), [], { partyId: 'finans-norge', kind: 'withdrawal', by, at });
    expect(withdrawal.ok && withdrawal.value.effective).toBe('2027-02-23');
    // Membership terms without a notice rule: a withdrawal takes effect the same day.
    const noNotice = recordWithdrawal(byVote(), [], { partyId: 'finans-norge', kind: 'withdrawal', by, at });
    expect(noNotice.ok && noNotice.value.effective).toBe('2026-11-23');
    // Another party's record does not stand in the way.
    if (!decided.ok) return;
    const other = recordWithdrawal(byVote(), [{ ...decided.value, partyId: 'skatteetaten' }], { partyId: 'finans-norge', kind: 'retirement', by, at, decision: { voteId: 'v2', body } });
    expect(other.ok).toBe(true);
  });
});

describe('withoutWithdrawnSeats', () => {
  const w = { partyId: 'finans-norge', kind: 'withdrawal' as const, givenOn: '2026-11-23', effective: '2028-01-01', recordedBy: by, recordedAt: 0 };

  it('removes the party’s people from every seat from the effective date, and keeps them as people', () => {
    expect(withoutWithdrawnSeats(base, [w], '2027-12-31')).toBe(base);
    const after = withoutWithdrawnSeats(base, [w], '2028-01-01');
    expect(after.bodies[0]).toMatchObject({ members: ['aad-chair'], chair: 'aad-chair', observers: [], secretary: 'aad-office' });
    expect(after.people).toEqual(base.people);
  });

  it('property: on any day, a seat is lost exactly when the day is on or after the effective date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800, max: 800 }), (offset) => {
        const today = addDays(w.effective, offset);
        const body = withoutWithdrawnSeats(base, [w], today).bodies[0]!;
        expect(body.members.includes('aad-member')).toBe(offset < 0);
        expect(body.observers.includes('aad-observer')).toBe(offset < 0);
        expect(body.members.includes('aad-chair')).toBe(true);
      }),
    );
  });
});
