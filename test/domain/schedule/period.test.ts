import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  nextPeriod,
  openingMonths,
  periodAt,
  periodByKey,
  periodOpeningIn,
  previousPeriod,
  type PeriodRule,
} from '../../../src/shared/schedule/period.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' }).toMillis();
const utc = (instant: number) => new Date(instant).toISOString();

const dsop: PeriodRule = { cadence: { kind: 'monthly', exceptMonths: [7] }, deadlineBusinessDays: 5 };
const skate: PeriodRule = { cadence: { kind: 'quarterly' }, deadlineBusinessDays: 10 };
const roadmap: PeriodRule = { cadence: { kind: 'half-yearly', months: [9, 3] }, deadlineBusinessDays: 20 };

describe('openingMonths', () => {
  it('drops excepted months and sorts the half-yearly ones', () => {
    expect(openingMonths(dsop.cadence)).toEqual([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
    expect(openingMonths(skate.cadence)).toEqual([1, 4, 7, 10]);
    expect(openingMonths(roadmap.cadence)).toEqual([3, 9]);
  });
});

describe('a yearly period (Digi Rogaland §8: the agreement «revideres årlig»)', () => {
  const yearly: PeriodRule = { cadence: { kind: 'yearly', month: 1 }, deadlineBusinessDays: 20 };

  it('opens on the first business day of its month and runs until the same day a year later', () => {
    expect(openingMonths(yearly.cadence)).toEqual([1]);
    const p = periodAt(yearly, oslo('2027-06-15T12:00'))!;
    expect(p.key).toBe('2027-Y');
    // 1 January 2027 is a Friday and a public holiday.
    expect(p.openDate).toBe('2027-01-04');
    expect(p.deadlineDate).toBe('2027-02-01');
    expect(utc(p.closes)).toBe(utc(oslo('2028-01-03T09:00')));
    expect(periodAt(yearly, oslo('2027-01-04T08:59'))!.key).toBe('2026-Y');
    expect(periodByKey(yearly, '2027-Y')).toEqual(p);
    expect(periodByKey(yearly, '2027-H1')).toBeNull();
  });
});

describe('periodAt', () => {
  it.each([
    // DSOP, monthly except July
    [dsop, '2026-01-01T12:00', '2025-12'], // New Year's Day: December still runs
    [dsop, '2026-01-02T08:59:59.999', '2025-12'],
    [dsop, '2026-01-02T09:00', '2026-01'],
    [dsop, '2026-04-30T23:59', '2026-04'],
    [dsop, '2026-05-01T12:00', '2026-04'], // 1 May holiday, then a weekend
    [dsop, '2026-05-04T09:00', '2026-05'],
    [dsop, '2026-07-01T09:00', '2026-06'], // no July period
    [dsop, '2026-07-31T23:59', '2026-06'],
    [dsop, '2026-08-03T08:59', '2026-06'],
    [dsop, '2026-08-03T09:00', '2026-08'],
    [dsop, '2026-11-01T12:00', '2026-10'], // 1 November 2026 is a Sunday
    [dsop, '2026-11-02T09:00', '2026-11'],
    [dsop, '2027-07-15T12:00', '2027-06'],
    // Skate, quarterly
    [skate, '2026-03-31T23:59', '2026-Q1'],
    [skate, '2026-04-01T09:00', '2026-Q2'],
    [skate, '2026-07-01T09:00', '2026-Q3'], // quarterly has no July exception
    [skate, '2026-10-01T08:00', '2026-Q3'],
    [skate, '2026-12-31T12:00', '2026-Q4'],
    [skate, '2027-01-03T12:00', '2026-Q4'],
    [skate, '2027-01-04T09:00', '2027-Q1'],
    // Digi Rogaland roadmap, March and September
    [roadmap, '2026-02-15T12:00', '2025-H2'],
    [roadmap, '2026-03-02T09:00', '2026-H1'],
    [roadmap, '2026-08-31T12:00', '2026-H1'],
    [roadmap, '2026-09-01T09:00', '2026-H2'],
    [roadmap, '2027-03-01T09:00', '2027-H1'],
  ] as const)('%# %s', (rule, at, key) => {
    expect(periodAt(rule, oslo(at))?.key).toBe(key);
  });

  it('is null when every month is excepted', () => {
    const never: PeriodRule = {
      cadence: { kind: 'monthly', exceptMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      deadlineBusinessDays: 5,
    };
    expect(periodAt(never, oslo('2026-05-05T12:00'))).toBeNull();
  });
});

describe('period boundaries', () => {
  it('June (DSOP) closes when August opens', () => {
    const june = periodOpeningIn(dsop, 2026, 6);
    expect(june).toEqual({
      key: '2026-06',
      year: 2026,
      month: 6,
      openDate: '2026-06-01',
      opens: oslo('2026-06-01T09:00'),
      deadlineDate: '2026-06-08',
      deadline: oslo('2026-06-08T23:59:59.999'),
      closes: oslo('2026-08-03T09:00'),
    });
    expect(nextPeriod(dsop, june).key).toBe('2026-08');
    expect(previousPeriod(dsop, periodOpeningIn(dsop, 2026, 8)).key).toBe('2026-06');
  });

  it('no period opens in July for DSOP', () => {
    expect(() => periodOpeningIn(dsop, 2026, 7)).toThrow(RangeError);
  });

  it('Q2 2026 opens before Easter and its deadline lands after it, in summer time', () => {
    const q2 = periodOpeningIn(skate, 2026, 4);
    expect(q2.openDate).toBe('2026-04-01');
    expect(utc(q2.opens)).toBe('2026-04-01T07:00:00.000Z');
    expect(q2.deadlineDate).toBe('2026-04-20');
    expect(utc(q2.deadline)).toBe('2026-04-20T21:59:59.999Z');
    expect(utc(q2.closes)).toBe('2026-07-01T07:00:00.000Z');
  });

  it('Q4 2026 opens in summer time and closes in winter time across the year end', () => {
    const q4 = periodOpeningIn(skate, 2026, 10);
    expect(utc(q4.opens)).toBe('2026-10-01T07:00:00.000Z');
    expect(q4.deadlineDate).toBe('2026-10-15');
    expect(utc(q4.closes)).toBe('2027-01-04T08:00:00.000Z');
    expect(nextPeriod(skate, q4).key).toBe('2027-Q1');
    expect(previousPeriod(skate, nextPeriod(skate, q4)).key).toBe('2026-Q4');
  });

  it('deadlineBusinessDays 0 means the opening day itself', () => {
    const p = periodOpeningIn({ ...dsop, deadlineBusinessDays: 0 }, 2026, 11);
    expect(p.deadlineDate).toBe('2026-11-02');
    expect(utc(p.deadline)).toBe('2026-11-02T22:59:59.999Z');
  });

  it('the roadmap H1 period spans the DST change', () => {
    const h1 = periodOpeningIn(roadmap, 2026, 3);
    expect(utc(h1.opens)).toBe('2026-03-02T08:00:00.000Z');
    expect(h1.deadlineDate).toBe('2026-03-30');
    expect(utc(h1.closes)).toBe('2026-09-01T07:00:00.000Z');
  });
});

describe('periodByKey', () => {
  it.each([
    [dsop, '2026-11', '2026-11-02'],
    [dsop, '2026-07', null],
    [skate, '2026-Q2', '2026-04-01'],
    [skate, '2026-04', null],
    [roadmap, '2026-H2', '2026-09-01'],
    [roadmap, '2026-H3', null],
    [dsop, 'nonsense', null],
  ] as const)('%# %s', (rule, key, openDate) => {
    expect(periodByKey(rule, key)?.openDate ?? null).toBe(openDate);
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: oslo('2024-01-01T00:00'), max: oslo('2032-12-31T23:59') });
  const rule: fc.Arbitrary<PeriodRule> = fc.record({
    cadence: fc.oneof(
      fc.record({
        kind: fc.constant('monthly' as const),
        exceptMonths: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 11 }),
      }),
      fc.record({ kind: fc.constant('quarterly' as const) }),
      fc.record({
        kind: fc.constant('half-yearly' as const),
        months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 4 }),
      }),
      fc.record({ kind: fc.constant('yearly' as const), month: fc.integer({ min: 1, max: 12 }) }),
    ),
    deadlineBusinessDays: fc.integer({ min: 0, max: 15 }),
  });

  it('the period at an instant contains it, and its neighbours abut it', () => {
    fc.assert(
      fc.property(rule, instant, (r, now) => {
        const p = periodAt(r, now);
        expect(p).not.toBeNull();
        if (!p) return;
        expect(p.opens <= now && now < p.closes).toBe(true);
        expect(nextPeriod(r, p).opens).toBe(p.closes);
        expect(previousPeriod(r, p).closes).toBe(p.opens);
        expect(periodByKey(r, p.key)).toEqual(p);
        expect(p.opens < p.deadline).toBe(true);
      }),
    );
  });
});
