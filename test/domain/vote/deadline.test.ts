// The deadline typed on the proposal form: a date and an Oslo wall-clock time, at least an hour
// and at most 92 days ahead; 16:00 when no time is given.
import { describe, expect, it } from 'vitest';
import { defaultDeadline, MAX_VOTE_DAYS, MIN_VOTE_MS, parseDeadline } from '../../../src/features/votes/domain/deadline.js';
import { addOsloDays, osloTime } from '../../../src/shared/schedule/oslo.js';

const now = osloTime('2026-03-02', 10); // Monday 10:00 Oslo

describe('parseDeadline', () => {
  it('reads a date and a time in Oslo, seconds allowed, spaces around allowed; no time means 16:00', () => {
    expect(parseDeadline(' 2026-03-09 ', ' 14:30 ', now)).toEqual({ ok: true, value: osloTime('2026-03-09', 14, 30) });
    expect(parseDeadline('2026-03-09', '9:05:00', now)).toEqual({ ok: true, value: osloTime('2026-03-09', 9, 5) });
    expect(parseDeadline('2026-03-09', '  ', now)).toEqual({ ok: true, value: osloTime('2026-03-09', 16) });
    expect(parseDeadline('2026-03-09', '23:59', now)).toEqual({ ok: true, value: osloTime('2026-03-09', 23, 59) });
  });

  it('refuses anything else as invalid', () => {
    for (const [date, time] of [
      ['2026-3-9', '14:00'],
      ['x2026-03-09', '14:00'],
      ['2026-03-09x', '14:00'],
      ['2026-02-30', '14:00'],
      ['2026-03-09', '24:00'],
      ['2026-03-09', '14:60'],
      ['2026-03-09', 'x14:00'],
      ['2026-03-09', '14:00x'],
      ['2026-03-09', '14:00:5'],
      ['2026-03-09', '14:00:ab'],
      ['2026-03-09', '140'],
      ['', '14:00'],
    ]) {
      expect([date, time, parseDeadline(date!, time!, now)]).toEqual([date, time, { ok: false, error: 'invalid' }]);
    }
  });

  it('is at least an hour ahead and at most 92 days', () => {
    expect([MIN_VOTE_MS, MAX_VOTE_DAYS]).toEqual([3_600_000, 92]);
    expect(parseDeadline('2026-03-02', '10:59', now)).toEqual({ ok: false, error: 'too-soon' });
    expect(parseDeadline('2026-03-02', '11:00', now)).toEqual({ ok: true, value: now + MIN_VOTE_MS });
    const last = addOsloDays(now, MAX_VOTE_DAYS);
    expect(last).toBe(osloTime('2026-06-02', 10));
    expect(parseDeadline('2026-06-02', '10:00', now)).toEqual({ ok: true, value: last });
    expect(parseDeadline('2026-06-02', '10:01', now)).toEqual({ ok: false, error: 'too-far' });
  });
});

describe('defaultDeadline', () => {
  it('is a week ahead at 16:00', () => {
    expect(defaultDeadline(now)).toEqual({ date: '2026-03-09', time: '16:00' });
    expect(defaultDeadline(osloTime('2026-03-28', 23, 30))).toEqual({ date: '2026-04-04', time: '16:00' });
  });
});
