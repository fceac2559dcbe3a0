// Meeting periods from a body's `meets`, and who convenes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../src/platform/config/programmeFiles.js';
import { conveners, meetingPeriodAt } from '../../../src/shared/schedule/meetings.js';

describe('meetingPeriodAt', () => {
  it('quarterly: Q1 2027 opens at 09:00 Oslo on 4 January (1 January is a holiday)', () => {
    expect(meetingPeriodAt({ meets: 'quarterly' }, Date.UTC(2027, 0, 4, 7, 59))?.key).toBe('2026-Q4');
    expect(meetingPeriodAt({ meets: 'quarterly' }, Date.UTC(2027, 0, 4, 8))).toMatchObject({ key: '2027-Q1', opens: Date.UTC(2027, 0, 4, 8) });
  });

  it('half-yearly (DSOP Topplederforum: 2 meetings a year): periods open in January and August', () => {
    expect(meetingPeriodAt({ meets: 'half-yearly' }, Date.UTC(2027, 6, 20))?.key).toBe('2027-H1');
    expect(meetingPeriodAt({ meets: 'half-yearly' }, Date.UTC(2027, 7, 20))).toMatchObject({ key: '2027-H2', month: 8 });
  });

  it('ad hoc: no period, no reminder', () => {
    expect(meetingPeriodAt({ meets: 'ad-hoc' }, Date.UTC(2027, 0, 4, 8))).toBeNull();
  });

  it('property: a half-yearly body has exactly two periods a year, and each instant is in the one opened last', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2035, 0, 1) }), (now) => {
        const period = meetingPeriodAt({ meets: 'half-yearly' }, now)!;
        expect(period.opens).toBeLessThanOrEqual(now);
        expect(period.closes).toBeGreaterThan(now);
        expect(['H1', 'H2']).toContain(period.key.slice(5));
      }),
    );
  });
});

describe('the presets’ meetings', () => {
  it('DSOP Topplederforum twice a year (§3.1), Digi Rogaland’s steering group and Skate quarterly', () => {
    expect(loadPreset('dsop').bodies.find((b) => b.id === 'topplederforum')?.meets).toBe('half-yearly');
    expect(loadPreset('digi-rogaland').bodies[0]?.meets).toBe('quarterly');
    expect(loadPreset('skate').bodies.find((b) => b.id === 'skate')?.meets).toBe('quarterly');
  });

  it('the chair and the secretary convene, once each', () => {
    expect(conveners({ chair: 'a', secretary: 'b' })).toEqual(['a', 'b']);
    expect(conveners({ chair: 'a', secretary: 'a' })).toEqual(['a']);
    expect(conveners({ chair: undefined, secretary: undefined })).toEqual([]);
  });
});
