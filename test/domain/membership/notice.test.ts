// When a notice of withdrawal takes effect. Digi Rogaland §7: «oppsigelsestiden [er] ett år
// gjeldende fra 1. januar i påfølgende år»; KMD–KS §7: «minst tre måneders varsel», and the
// agreement runs «til 1. september 2022».
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, noticeEffect } from '../../../src/features/membership/domain/notice.js';
import type { NoticeRule } from '../../../src/shared/programme/schema.js';
import { addDays, isoDate } from '../../../src/shared/schedule/oslo.js';

const digiRogaland: NoticeRule = { kind: 'years-from-next-new-year', years: 1 };
const kmdKs: NoticeRule = { kind: 'months', months: 3, agreementEnds: '2022-09-01' };
const threeMonths: NoticeRule = { kind: 'months', months: 3 };

describe('Digi Rogaland: one year from 1 January of the following year', () => {
  it.each([
    ['2026-06-15', '2027-01-01', '2027-12-31', '2028-01-01'],
    ['2026-12-31', '2027-01-01', '2027-12-31', '2028-01-01'],
    ['2027-01-01', '2028-01-01', '2028-12-31', '2029-01-01'],
    ['2026-01-01', '2027-01-01', '2027-12-31', '2028-01-01'],
    ['2024-02-29', '2025-01-01', '2025-12-31', '2026-01-01'],
    ['2023-12-31', '2024-01-01', '2024-12-31', '2025-01-01'],
  ])('notice given %s: period from %s, member through %s, out from %s', (given, periodStarts, lastDay, effective) => {
    expect(noticeEffect(digiRogaland, given)).toEqual({ givenOn: given, periodStarts, lastDay, effective, agreementEndsFirst: false });
  });

  it('a longer notice period counts whole years from the same 1 January', () => {
    expect(noticeEffect({ kind: 'years-from-next-new-year', years: 2 }, '2026-03-01')).toMatchObject({
      periodStarts: '2027-01-01',
      lastDay: '2028-12-31',
      effective: '2029-01-01',
    });
  });

  it('notices on 31 December and 1 January a day apart take effect a year apart', () => {
    expect(noticeEffect(digiRogaland, '2026-12-31').effective).toBe('2028-01-01');
    expect(noticeEffect(digiRogaland, '2027-01-01').effective).toBe('2029-01-01');
  });

  it('for any day: the period starts on 1 January of the next year, runs a whole year, and later notices never take effect earlier', () => {
    const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const e = noticeEffect(digiRogaland, a);
        const year = Number(a.slice(0, 4));
        expect(e.periodStarts).toBe(isoDate(year + 1, 1, 1));
        expect(e.lastDay).toBe(isoDate(year + 1, 12, 31));
        expect(e.effective).toBe(isoDate(year + 2, 1, 1));
        expect(addDays(e.lastDay, 1)).toBe(e.effective);
        expect(e.effective > a).toBe(true);
        if (a <= b) expect(noticeEffect(digiRogaland, b).effective >= e.effective).toBe(true);
      }),
    );
  });
});

describe('KMD–KS: at least three months’ notice', () => {
  it.each([
    ['2020-09-14', '2020-12-14'],
    ['2021-10-31', '2022-01-31'],
    ['2021-12-31', '2022-03-31'],
    ['2021-11-30', '2022-02-28'],
    ['2023-11-30', '2024-02-29'],
    ['2023-11-29', '2024-02-29'],
    ['2024-11-30', '2025-02-28'],
    ['2024-01-01', '2024-04-01'],
  ])('notice given %s ends the agreement on %s at the earliest', (given, effective) => {
    expect(noticeEffect(threeMonths, given)).toEqual({
      givenOn: given,
      periodStarts: given,
      lastDay: addDays(effective, -1),
      effective,
      agreementEndsFirst: false,
    });
  });

  it('the agreement ends by itself on 1 September 2022 when that comes first', () => {
    expect(noticeEffect(kmdKs, '2022-05-31')).toMatchObject({ effective: '2022-08-31', agreementEndsFirst: false });
    expect(noticeEffect(kmdKs, '2022-06-01')).toMatchObject({ effective: '2022-09-01', agreementEndsFirst: true });
    expect(noticeEffect(kmdKs, '2022-07-15')).toMatchObject({ effective: '2022-09-01', agreementEndsFirst: true });
  });

  it('for any day: between 89 and 92 days’ notice, and later notices never end it earlier', () => {
    const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    fc.assert(
      fc.property(day, day, (a, b) => {
        const e = noticeEffect(threeMonths, a);
        expect(days(a, e.effective)).toBeGreaterThanOrEqual(89);
        expect(days(a, e.effective)).toBeLessThanOrEqual(92);
        if (a <= b) expect(noticeEffect(threeMonths, b).effective >= e.effective).toBe(true);
      }),
    );
  });

  it('adds calendar months, keeping the last day of a shorter month', () => {
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addCalendarMonths('2023-08-31', 3)).toBe('2023-11-30');
  });

  it('refuses a date that does not exist', () => {
    expect(() => noticeEffect(digiRogaland, '2026-02-30')).toThrow(RangeError);
    expect(() => noticeEffect(threeMonths, '31.12.2026')).toThrow(RangeError);
  });
});
