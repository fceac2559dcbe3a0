import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { checkPhaseDuration, type PhaseClock } from '../../../src/shared/schedule/phaseDuration.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' }).toMillis();
const utc = (instant: number) => new Date(instant).toISOString();

// DSOP §4: a phase should normally last at most 3 months. Started 5 Jan 2026 10:00: the guideline
// is reached on Easter Sunday 5 April 10:00 (summer time); 14 days before is Sunday 22 March.
const konsept: PhaseClock = { subjectId: 'DSOP-2026-014:konsept', phaseStartedAt: oslo('2026-01-05T10:00'), guidelineMonths: 3 };
const key = (kind: string) => `DSOP-2026-014:konsept:phase:${konsept.phaseStartedAt}:${kind}`;

describe('checkPhaseDuration', () => {
  it('computes the instants in Oslo wall-clock time', () => {
    const check = checkPhaseDuration(konsept, oslo('2026-02-01T12:00'));
    expect(utc(check.exceededAt)).toBe('2026-04-05T08:00:00.000Z'); // 10:00 CEST
    expect(utc(check.approachingFrom)).toBe('2026-03-22T09:00:00.000Z'); // 10:00 CET
  });

  it.each([
    ['2026-02-01T12:00', 'ok', []],
    ['2026-03-22T09:59', 'ok', []],
    ['2026-03-22T10:00', 'approaching', []], // a Sunday: the warning waits for Monday
    ['2026-03-23T09:00', 'approaching', ['approaching']],
    ['2026-04-05T10:00', 'exceeded', ['approaching']], // Easter: the exceeded warning waits
    ['2026-04-07T08:59', 'exceeded', ['approaching']],
    ['2026-04-07T09:00', 'exceeded', ['exceeded']], // first business day after Easter
    ['2026-09-01T09:00', 'exceeded', ['exceeded']],
  ])('at %s: %s, due %j', (at, status, due) => {
    const check = checkPhaseDuration(konsept, oslo(at));
    expect(check.status).toBe(status);
    expect(check.due.map((w) => w.key)).toEqual(due.map(key));
  });

  it('sends warnings at 09:00 on a business morning', () => {
    const due = checkPhaseDuration(konsept, oslo('2026-04-06T12:00')).due;
    expect(due.map((w) => [w.kind, utc(w.at)])).toEqual([['approaching', '2026-03-23T08:00:00.000Z']]);
    const later = checkPhaseDuration(konsept, oslo('2026-04-07T12:00')).due;
    expect(later.map((w) => [w.kind, utc(w.at)])).toEqual([['exceeded', '2026-04-07T07:00:00.000Z']]);
  });

  it.each([
    ['2026-11-30T12:00', 3, '2027-02-28T12:00'], // month end clamps
    ['2026-01-15T09:00', 3, '2026-04-15T09:00'], // same wall-clock time across DST
    ['2026-08-15T09:00', 3, '2026-11-15T09:00'],
    ['2026-01-31T12:00', 1.5, '2026-03-15T12:00'], // 1 month + 15 days
  ])('started %s + %f months = %s', (start, months, expected) => {
    const check = checkPhaseDuration({ subjectId: 'x', phaseStartedAt: oslo(start), guidelineMonths: months }, oslo(start));
    expect(check.exceededAt).toBe(oslo(expected));
  });

  it('the warning lead time is configurable', () => {
    const check = checkPhaseDuration({ ...konsept, warnDaysBefore: 7 }, oslo('2026-03-23T12:00'));
    expect(check.status).toBe('ok');
    expect(check.approachingFrom).toBe(oslo('2026-03-29T10:00')); // DST day, still 10:00 local
  });

  it('a guideline shorter than the lead time is approaching from the start', () => {
    const check = checkPhaseDuration({ subjectId: 'x', phaseStartedAt: oslo('2026-06-01T10:00'), guidelineMonths: 0.25 }, oslo('2026-06-01T10:00'));
    expect(check.approachingFrom).toBe(oslo('2026-06-01T10:00'));
    expect(check.status).toBe('approaching');
  });

  it('a phase entered again gets new keys', () => {
    const again = checkPhaseDuration({ ...konsept, phaseStartedAt: oslo('2026-06-01T10:00') }, oslo('2026-09-02T12:00'));
    expect(again.due.map((w) => w.key)).toEqual([`DSOP-2026-014:konsept:phase:${oslo('2026-06-01T10:00')}:exceeded`]);
  });

  it('status and warnings only move forward in time', () => {
    const rank = { ok: 0, approaching: 1, exceeded: 2 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: oslo('2025-01-01T00:00'), max: oslo('2030-01-01T00:00') }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        (start, months, a, b) => {
          const clock = { subjectId: 's', phaseStartedAt: start, guidelineMonths: months };
          const early = checkPhaseDuration(clock, start + Math.min(a, b));
          const late = checkPhaseDuration(clock, start + Math.max(a, b));
          expect(rank[early.status]).toBeLessThanOrEqual(rank[late.status]);
          expect(early.approachingFrom).toBeLessThan(early.exceededAt);
          for (const w of late.due) expect(w.at).toBeLessThanOrEqual(start + Math.max(a, b));
          if (early.due.some((w) => w.kind === 'exceeded')) expect(late.due.map((w) => w.kind)).toEqual(['exceeded']);
        },
      ),
    );
  });
});
