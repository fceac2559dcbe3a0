import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addBusinessDays,
  businessDaysBetween,
  businessMorning,
  firstBusinessDayOfMonth,
  isBusinessDay,
  nextBusinessMorning,
  publicHolidays,
} from '../../../src/shared/schedule/businessDays.js';
import { addDays, osloDate, osloEndOfDay, osloTime, weekday } from '../../../src/shared/schedule/oslo.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' }).toMillis();
const utc = (instant: number) => new Date(instant).toISOString();

describe('public holidays in Norway (date-holidays, type public)', () => {
  // Written out by hand from the calendar, so a change in the library's data fails here.
  it.each([
    [
      2026,
      [
        '2026-01-01', // nyttårsdag
        '2026-04-02', // skjærtorsdag
        '2026-04-03', // langfredag
        '2026-04-05', // første påskedag
        '2026-04-06', // andre påskedag
        '2026-05-01', // arbeidernes dag
        '2026-05-14', // Kristi himmelfartsdag
        '2026-05-17', // grunnlovsdag (a Sunday)
        '2026-05-24', // første pinsedag
        '2026-05-25', // andre pinsedag
        '2026-12-25',
        '2026-12-26',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-25',
        '2027-03-26',
        '2027-03-28',
        '2027-03-29',
        '2027-05-01', // a Saturday
        '2027-05-06',
        '2027-05-16',
        '2027-05-17', // grunnlovsdag and andre pinsedag on the same day
        '2027-12-25',
        '2027-12-26',
      ],
    ],
  ])('%i', (year, expected) => {
    expect([...publicHolidays(year)].sort()).toEqual(expected);
  });
});

describe('isBusinessDay', () => {
  it.each([
    ['2026-01-01', false], // New Year's Day, Thursday
    ['2026-01-02', true],
    ['2026-01-03', false], // Saturday
    ['2026-01-04', false], // Sunday
    ['2026-04-01', true], // Wednesday before Easter
    ['2026-04-02', false], // Maundy Thursday
    ['2026-04-03', false], // Good Friday
    ['2026-04-06', false], // Easter Monday
    ['2026-04-07', true],
    ['2026-05-01', false], // Labour Day, Friday
    ['2026-05-08', true], // Liberation Day is only a flag day
    ['2026-05-14', false], // Ascension Day
    ['2026-05-15', true],
    ['2026-05-25', false], // Whit Monday
    ['2026-06-23', true], // Midsummer Eve is not a holiday
    ['2026-07-29', true], // Olsok is not a public holiday
    ['2026-11-02', true],
    ['2026-12-24', true], // Christmas Eve: a 'bank' day in the data, not 'public'
    ['2026-12-25', false],
    ['2026-12-31', true], // New Year's Eve: likewise
    ['2027-03-25', false], // Maundy Thursday 2027
    ['2027-05-06', false], // Ascension 2027
    ['2027-05-17', false], // Constitution Day and Whit Monday, a Monday
    ['2027-05-18', true],
  ])('%s → %s', (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it('rejects a date that does not exist', () => {
    expect(() => isBusinessDay('2026-02-30')).toThrow(RangeError);
    expect(() => isBusinessDay('2026-4-1')).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it.each([
    ['2026-01-02', 1, '2026-01-05'], // Friday → Monday
    ['2026-01-05', -1, '2026-01-02'],
    ['2026-01-01', 0, '2026-01-02'], // a holiday rolls forward
    ['2026-01-02', 0, '2026-01-02'],
    ['2026-04-01', 1, '2026-04-07'], // over Easter
    ['2026-04-07', -1, '2026-04-01'],
    ['2026-04-01', 5, '2026-04-13'],
    ['2026-04-30', 1, '2026-05-04'], // 1 May is a Friday
    ['2026-05-13', 1, '2026-05-15'], // over Ascension
    ['2026-05-22', 1, '2026-05-26'], // over Whit Monday
    ['2026-12-23', 1, '2026-12-24'],
    ['2026-12-24', 1, '2026-12-28'], // over Christmas
    ['2026-12-31', 1, '2027-01-04'], // over New Year
    ['2027-01-04', -1, '2026-12-31'],
    ['2027-03-24', 1, '2027-03-30'], // Easter 2027
    ['2027-05-14', 1, '2027-05-18'], // 17 May 2027 is also Whit Monday
    ['2027-05-03', 5, '2027-05-11'], // Ascension 6 May in between
    ['2026-02-27', 20, '2026-03-27'],
  ])('%s %+i → %s', (date, n, expected) => {
    expect(addBusinessDays(date, n)).toBe(expected);
  });

  it('refuses a fraction of a day', () => {
    expect(() => addBusinessDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('firstBusinessDayOfMonth', () => {
  it.each([
    [2026, ['01-02', '02-02', '03-02', '04-01', '05-04', '06-01', '07-01', '08-03', '09-01', '10-01', '11-02', '12-01']],
    [2027, ['01-04', '02-01', '03-01', '04-01', '05-03', '06-01', '07-01', '08-02', '09-01', '10-01', '11-01', '12-01']],
  ])('%i', (year, expected) => {
    const actual = Array.from({ length: 12 }, (_, i) => firstBusinessDayOfMonth(year, i + 1));
    expect(actual).toEqual(expected.map((d) => `${year}-${d}`));
  });
});

describe('Oslo time and DST', () => {
  it.each([
    ['2026-03-27', '2026-03-27T08:00:00.000Z'], // winter (CET)
    ['2026-03-30', '2026-03-30T07:00:00.000Z'], // summer from 29 March
    ['2026-10-23', '2026-10-23T07:00:00.000Z'],
    ['2026-10-26', '2026-10-26T08:00:00.000Z'], // winter again from 25 October
    ['2027-03-29', '2027-03-29T07:00:00.000Z'], // DST starts 28 March 2027
  ])('09:00 Oslo on %s is %s', (date, expected) => {
    expect(utc(osloTime(date, 9))).toBe(expected);
  });

  it('09:00 exists on the DST days themselves', () => {
    expect(utc(osloTime('2026-03-29', 9))).toBe('2026-03-29T07:00:00.000Z');
    expect(utc(osloTime('2026-10-25', 9))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('end of day is 23:59:59.999 local', () => {
    expect(utc(osloEndOfDay('2026-01-09'))).toBe('2026-01-09T22:59:59.999Z');
    expect(utc(osloEndOfDay('2026-06-08'))).toBe('2026-06-08T21:59:59.999Z');
  });

  it('osloDate uses the Oslo day, not the UTC day', () => {
    expect(osloDate(Date.parse('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(osloDate(Date.parse('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('businessMorning refuses a non-business day', () => {
    expect(utc(businessMorning('2026-04-07'))).toBe('2026-04-07T07:00:00.000Z');
    expect(() => businessMorning('2026-04-06')).toThrow(RangeError);
  });

  it.each([
    ['2026-04-01T08:00', '2026-04-01T09:00'],
    ['2026-04-01T09:00', '2026-04-01T09:00'],
    ['2026-04-01T09:00:01', '2026-04-07T09:00'], // Easter
    ['2026-10-24T15:00', '2026-10-26T09:00'], // Saturday, over the DST change
    ['2026-12-31T23:59', '2027-01-04T09:00'],
  ])('nextBusinessMorning(%s) = %s', (from, expected) => {
    expect(nextBusinessMorning(oslo(from))).toBe(oslo(expected));
  });
});

describe('properties', () => {
  // Any day 2020–2035.
  const day = fc.integer({ min: 0, max: 16 * 366 }).map((n) => addDays('2020-01-01', n));
  const steps = fc.integer({ min: -40, max: 40 });

  it('always lands on a business day', () => {
    fc.assert(fc.property(day, steps, (d, n) => isBusinessDay(addBusinessDays(d, n))));
  });

  it('is non-decreasing in n, and strictly increasing from a business day', () => {
    fc.assert(
      fc.property(day, steps, (d, n) => {
        expect(addBusinessDays(d, n) <= addBusinessDays(d, n + 1)).toBe(true);
        const start = addBusinessDays(d, 0);
        expect(addBusinessDays(start, n) < addBusinessDays(start, n + 1)).toBe(true);
      }),
    );
  });

  it('from a weekend or holiday, 0 and 1 business days both give the next business day', () => {
    expect(addBusinessDays('2026-04-03', 0)).toBe('2026-04-07');
    expect(addBusinessDays('2026-04-03', 1)).toBe('2026-04-07');
    expect(addBusinessDays('2026-04-03', -1)).toBe('2026-04-01');
  });

  it('is non-decreasing in the start date', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), steps, (d, later, n) =>
        addBusinessDays(d, n) <= addBusinessDays(addDays(d, later), n),
      ),
    );
  });

  it('steps compose and businessDaysBetween inverts them', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (d, a, b) => {
        const start = addBusinessDays(d, 0);
        expect(addBusinessDays(addBusinessDays(start, a), b)).toBe(addBusinessDays(start, a + b));
        expect(addBusinessDays(addBusinessDays(start, -a), -b)).toBe(addBusinessDays(start, -a - b));
        expect(businessDaysBetween(start, addBusinessDays(start, a))).toBe(a);
        expect(businessDaysBetween(start, addBusinessDays(start, -a))).toBe(-a);
      }),
    );
  });

  it('skips only weekends and public holidays', () => {
    fc.assert(
      fc.property(day, (d) => {
        const next = addBusinessDays(d, 1);
        for (let between = addDays(d, 1); between < next; between = addDays(between, 1)) {
          const holiday = publicHolidays(Number(between.slice(0, 4))).has(between);
          expect(weekday(between) >= 6 || holiday).toBe(true);
        }
      }),
    );
  });
});
