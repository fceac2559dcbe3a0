import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Idea } from '../../../src/features/ideas/domain/idea.js';
import { guidelineEnd, guidelineMonths, phaseAge } from '../../../src/features/ideas/domain/phaseAge.js';
import type { Phase } from '../../../src/shared/programme/schema.js';
import { checkPhaseDuration } from '../../../src/shared/schedule/phaseDuration.js';

const phase = (id: string, extra: Partial<Phase> = {}): Phase => ({
  id,
  name: { nb: id, en: id },
  terminal: false,
  restrictedToParticipants: false,
  ...extra,
});
const programme = {
  phases: [phase('ide'), phase('konsept', { guidelineMonths: 3 }), phase('halv', { guidelineMonths: 1.5 }), phase('stanset', { terminal: true })],
};
const oslo = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Oslo' }).toMillis();
const idea = (phaseId: string, startedAt: number, status: Idea['status'] = 'active'): Idea => ({
  programmeId: 'dsop',
  number: 'DSOP-2026-001',
  title: 't',
  description: 'd',
  party: 'nav',
  links: [],
  submittedBy: { id: 'u', name: 'U' },
  registeredAt: startedAt,
  phase: phaseId,
  phaseStartedAt: startedAt,
  status,
  disputes: [],
});

describe('guidelineMonths', () => {
  it('reads the phase config', () => {
    expect(guidelineMonths(programme, 'konsept')).toBe(3);
    expect(guidelineMonths(programme, 'ide')).toBeUndefined();
    expect(guidelineMonths(programme, 'nope')).toBeUndefined();
  });
});

describe('phaseAge', () => {
  const start = oslo('2026-01-31T10:00');

  it('counts calendar months and is exceeded from the guideline\'s end, as the warnings are', () => {
    const ends = oslo('2026-04-30T10:00'); // 31 Jan + 3 months, clamped to the month's end
    expect(phaseAge(programme, idea('konsept', start), oslo('2026-04-29T10:00'))).toEqual({
      phase: 'konsept',
      startedAt: start,
      months: 2,
      guidelineMonths: 3,
      guidelineEndsAt: ends,
      exceeded: false,
    });
    expect(phaseAge(programme, idea('konsept', start), ends - 1)).toMatchObject({ months: 2, exceeded: false });
    expect(phaseAge(programme, idea('konsept', start), ends)).toMatchObject({ months: 3, exceeded: true });
    // The same instant the phase-length warning turns to 'exceeded'.
    expect(checkPhaseDuration({ subjectId: 'x', phaseStartedAt: start, guidelineMonths: 3 }, ends).status).toBe('exceeded');
    expect(checkPhaseDuration({ subjectId: 'x', phaseStartedAt: start, guidelineMonths: 3 }, ends - 1).status).not.toBe('exceeded');
  });

  it('adds months in Oslo time across daylight saving', () => {
    // 00:30 on 1 March in Oslo is still 28 February in UTC; month arithmetic in UTC would say 28 June.
    const s = oslo('2026-03-01T00:30');
    expect(guidelineEnd(s, 3)).toBe(oslo('2026-06-01T00:30'));
    expect(phaseAge(programme, idea('konsept', s), oslo('2026-06-01T00:29')).months).toBe(2);
    expect(phaseAge(programme, idea('konsept', s), oslo('2026-06-01T00:30')).months).toBe(3);
  });

  it('has no guideline where the phase has none', () => {
    const age = phaseAge(programme, idea('ide', start, 'registered'), start + 400 * 86_400_000);
    expect(age.guidelineMonths).toBeUndefined();
    expect(age.guidelineEndsAt).toBeUndefined();
    expect(age.exceeded).toBe(false);
    expect(age.months).toBe(13);
  });

  it('never warns about a stopped or completed idea', () => {
    for (const status of ['stopped', 'completed'] as const) {
      const age = phaseAge(programme, idea('konsept', start, status), oslo('2027-01-01T00:00'));
      expect(age.exceeded).toBe(false);
      expect(age.guidelineEndsAt).toBeUndefined();
    }
  });

  it('reads 0 months when the clock is behind the phase start', () => {
    expect(phaseAge(programme, idea('konsept', start), start - 60_000)).toMatchObject({ months: 0, exceeded: false });
  });

  it('supports fractional guidelines', () => {
    const age = phaseAge(programme, idea('halv', start), oslo('2026-03-20T10:00'));
    expect(age.guidelineEndsAt).toBe(guidelineEnd(start, 1.5));
    expect(age.guidelineEndsAt).toBeGreaterThan(oslo('2026-02-28T10:00'));
    expect(age.guidelineEndsAt).toBeLessThan(oslo('2026-03-31T10:00'));
    expect(age.exceeded).toBe(true);
  });

  it('agrees with whole months for whole-month guidelines', () => {
    const instant = fc.integer({ min: oslo('2024-01-01T00:00'), max: oslo('2030-01-01T00:00') });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 800 * 86_400_000 }), (s, elapsed) => {
        const age = phaseAge(programme, idea('konsept', s), s + elapsed);
        expect(age.exceeded).toBe(s + elapsed >= age.guidelineEndsAt!);
        if (age.exceeded) expect(age.months).toBeGreaterThanOrEqual(3);
        else expect(age.months).toBeLessThan(3);
        // A whole month is never shorter than 28 days less the DST hour, nor longer than 31 days and an hour.
        expect(age.months * 28 * 86_400_000 - 3_600_000).toBeLessThanOrEqual(elapsed);
        expect(elapsed).toBeLessThan((age.months + 1) * (31 * 86_400_000 + 3_600_000));
      }),
    );
  });
});
