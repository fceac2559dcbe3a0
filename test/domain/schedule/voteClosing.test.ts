import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { closingSoon } from '../../../src/shared/schedule/voteClosing.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' }).toMillis();
const utc = (instant: number) => new Date(instant).toISOString();

describe('closingSoon: 09:00 Oslo on the last business day before the closing day', () => {
  it.each([
    ['2026-03-31T12:00', '2026-03-30T07:00:00.000Z'], // Tuesday → Monday, after DST
    ['2026-03-30T12:00', '2026-03-27T08:00:00.000Z'], // Monday → Friday, before DST
    ['2026-04-07T12:00', '2026-04-01T07:00:00.000Z'], // after Easter → the Wednesday before it
    ['2026-04-05T23:59', '2026-04-01T07:00:00.000Z'], // closing on Easter Sunday
    ['2026-05-18T16:00', '2026-05-15T07:00:00.000Z'], // 17 May is a Sunday in 2026
    ['2027-05-18T16:00', '2027-05-14T07:00:00.000Z'], // 17 May 2027 is a Monday holiday
    ['2026-10-26T16:00', '2026-10-23T07:00:00.000Z'], // Friday before the change to winter time
    ['2027-01-04T12:00', '2026-12-31T08:00:00.000Z'], // New Year's Eve is a business day
    ['2026-11-03T00:30', '2026-11-02T08:00:00.000Z'], // shortly after midnight: still the day before
  ])('closing %s → reminder %s', (deadline, expected) => {
    const result = closingSoon({ voteId: 'v1', openedAt: oslo('2026-01-01T00:00'), deadline: oslo(deadline) }, 0);
    expect(result.at === null ? null : utc(result.at)).toBe(expected);
    expect(result.key).toBe('v1:closing-soon');
  });

  const vote = { voteId: 'bp2-dsop-2026-014', openedAt: oslo('2026-04-20T10:00'), deadline: oslo('2026-04-24T12:00') };
  it.each([
    ['2026-04-22T12:00', false],
    ['2026-04-23T08:59', false],
    ['2026-04-23T09:00', true],
    ['2026-04-24T11:59', true],
    ['2026-04-24T12:00', false], // closed
  ])('at %s due = %s', (now, due) => {
    expect(closingSoon(vote, oslo(now)).due).toBe(due);
  });

  it('a vote opened after the reminder time gets none (its card is fresh)', () => {
    const late = { voteId: 'v2', openedAt: oslo('2026-04-23T10:00'), deadline: oslo('2026-04-24T12:00') };
    expect(closingSoon(late, oslo('2026-04-24T09:00'))).toEqual({ key: 'v2:closing-soon', at: null, due: false });
    const justBefore = { ...late, openedAt: oslo('2026-04-23T08:59') };
    expect(closingSoon(justBefore, oslo('2026-04-24T09:00')).due).toBe(true);
  });
});
