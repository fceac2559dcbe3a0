// The period a report card offers (issue 24.6): Skate's Q4, due mid-October, is not offered in
// December; a late report is offered for a bounded while; the next period is offered, not yet open.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/shared/programme/schema.js';
import { lateUntil, offeredPeriod } from '../../../src/shared/schedule/offeredPeriod.js';
import { nextPeriod, periodAt } from '../../../src/shared/schedule/period.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' }).toMillis();
const osloDay = (instant: number) => DateTime.fromMillis(instant, { zone: 'Europe/Oslo' }).toISODate();

type Rule = Pick<Schedule, 'cadence' | 'deadlineBusinessDays'>;
const skate: Rule = { cadence: { kind: 'quarterly' }, deadlineBusinessDays: 10 };
const dsop: Rule = { cadence: { kind: 'monthly', exceptMonths: [7] }, deadlineBusinessDays: 5 };

describe('the period a report card offers', () => {
  it('Skate in December: not Q4 (due 15 Oct) but Q1 of next year, whether Q4 was filed or not', () => {
    for (const filed of [false, true]) {
      const offered = offeredPeriod(skate, oslo('2026-12-07T10:00'), filed)!;
      expect(offered.standing).toBe('upcoming');
      expect(offered.period.key).toBe('2027-Q1');
      expect(offered.period.openDate).toBe('2027-01-04');
      expect(offered.period.deadlineDate).toBe('2027-01-18');
    }
  });

  it('Skate in October: Q4 is due until the end of its deadline day in Oslo, then late if not filed', () => {
    const onTheDay = offeredPeriod(skate, oslo('2026-10-15T23:59'), false)!;
    expect([onTheDay.period.key, onTheDay.standing, onTheDay.period.deadlineDate]).toEqual(['2026-Q4', 'due', '2026-10-15']);
    expect(offeredPeriod(skate, oslo('2026-10-16T00:00'), false)).toMatchObject({ period: { key: '2026-Q4' }, standing: 'late' });
    // Filed on time: the card moves on to the next quarter.
    expect(offeredPeriod(skate, oslo('2026-10-16T00:00'), true)).toMatchObject({ period: { key: '2027-Q1' }, standing: 'upcoming' });
    // Late for ten business days after the deadline day (to 29 October), then the next quarter.
    expect(osloDay(lateUntil(skate, periodAt(skate, oslo('2026-10-16T12:00'))!))).toBe('2026-10-29');
    expect(offeredPeriod(skate, oslo('2026-10-29T16:00'), false)?.standing).toBe('late');
    expect(offeredPeriod(skate, oslo('2026-10-30T08:00'), false)).toMatchObject({ period: { key: '2027-Q1' }, standing: 'upcoming' });
  });

  it('DSOP: in July (no report) the card offers August', () => {
    expect(offeredPeriod(dsop, oslo('2026-07-15T10:00'), false)).toMatchObject({ period: { key: '2026-08' }, standing: 'upcoming' });
    // At 08:59 on the first business day of a month the previous period still runs; its deadline has passed.
    expect(offeredPeriod(dsop, oslo('2026-12-01T08:59'), true)).toMatchObject({ period: { key: '2026-12' }, standing: 'upcoming' });
    expect(offeredPeriod(dsop, oslo('2026-12-01T09:00'), true)).toMatchObject({ period: { key: '2026-12' }, standing: 'due' });
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: oslo('2025-01-01T00:00'), max: oslo('2030-12-31T23:59') });
  const rule: fc.Arbitrary<Rule> = fc.record({
    cadence: fc.oneof(
      fc.record({ kind: fc.constant('monthly' as const), exceptMonths: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 11 }) }),
      fc.record({ kind: fc.constant('quarterly' as const) }),
      fc.record({ kind: fc.constant('half-yearly' as const), months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 4 }) }),
      fc.record({ kind: fc.constant('yearly' as const), month: fc.integer({ min: 1, max: 12 }) }),
    ),
    deadlineBusinessDays: fc.integer({ min: 0, max: 30 }),
  });

  it('a period is offered as due only while open and before its deadline; a passed deadline only as late, within its late window', () => {
    fc.assert(
      fc.property(rule, instant, fc.boolean(), (r, now, filed) => {
        const { period, standing } = offeredPeriod(r, now, filed)!;
        if (standing === 'due') expect(period.opens <= now && now <= period.deadline).toBe(true);
        if (standing === 'late') {
          expect(filed).toBe(false);
          expect(period.deadline < now && now <= lateUntil(r, period) && now < period.closes).toBe(true);
        }
        if (standing === 'upcoming') expect(now).toBeLessThan(period.opens);
        // Never a deadline further back than the late window allows.
        if (period.deadline < now) expect(now).toBeLessThanOrEqual(lateUntil(r, period));
      }),
    );
  });

  it('the offered period is the one now belongs to or the next, and a filed report never keeps a passed period on the card', () => {
    fc.assert(
      fc.property(rule, instant, fc.boolean(), (r, now, filed) => {
        const current = periodAt(r, now)!;
        const { period, standing } = offeredPeriod(r, now, filed)!;
        expect([current.key, nextPeriod(r, current).key]).toContain(period.key);
        if (filed && now > current.deadline) expect(standing).toBe('upcoming');
      }),
    );
  });

  it('as time passes, the card never goes back to an earlier period', () => {
    fc.assert(
      fc.property(rule, instant, fc.integer({ min: 1, max: 120 * 24 * 3600_000 }), fc.boolean(), (r, now, later, filed) => {
        const before = offeredPeriod(r, now, filed)!.period;
        const after = offeredPeriod(r, now + later, filed)!.period;
        expect(after.opens).toBeGreaterThanOrEqual(before.opens);
      }),
    );
  });
});
