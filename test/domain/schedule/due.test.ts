import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Schedule } from '../../../src/shared/programme/schema.js';
import { dueEvents, nextEventAt, periodEvents } from '../../../src/shared/schedule/due.js';
import { periodAt, periodOpeningIn } from '../../../src/shared/schedule/period.js';

const oslo = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Oslo' }).toMillis();
const utc = (instant: number) => new Date(instant).toISOString();
const osloDay = (instant: number) => DateTime.fromMillis(instant, { zone: 'Europe/Oslo' }).toISODate();

function schedule(overrides: Partial<Schedule> & Pick<Schedule, 'id' | 'cadence'>): Schedule {
  return {
    name: { nb: 'Test', en: 'Test' },
    kind: 'status-report',
    recipients: 'project-leaders',
    deadlineBusinessDays: 5,
    remindBusinessDaysBefore: [3, 1],
    ...overrides,
  };
}

const dsop = schedule({ id: 'dsop-status', cadence: { kind: 'monthly', exceptMonths: [7] } });
const skate = schedule({
  id: 'skate-quarterly',
  recipients: 'measure-owners',
  cadence: { kind: 'quarterly' },
  deadlineBusinessDays: 10,
  remindBusinessDaysBefore: [5, 1],
});
const roadmap = schedule({
  id: 'digi-rogaland-veikart',
  kind: 'roadmap-revision',
  recipients: 'secretariat',
  cadence: { kind: 'half-yearly', months: [3, 9] },
  deadlineBusinessDays: 20,
  remindBusinessDaysBefore: [10, 3],
});

/** A period's events as [key suffix, Oslo day] pairs. */
function summary(s: Schedule, year: number, month: number): string[] {
  const period = periodOpeningIn(s, year, month);
  return periodEvents(s, period).map((e) => `${e.key.slice(`${s.id}:${period.key}:`.length)} ${osloDay(e.at)}`);
}

describe('DSOP monthly status report, deadline 5 business days, reminders 3 and 1 days before', () => {
  // [month, open, remind:3, remind:1, overdue] — worked out by hand from the calendar.
  it.each([
    [2026, 1, '01-02', '01-06', '01-08', '01-12'], // 1 Jan holiday
    [2026, 2, '02-02', '02-04', '02-06', '02-10'], // 1 Feb Sunday
    [2026, 3, '03-02', '03-04', '03-06', '03-10'],
    [2026, 4, '04-01', '04-08', '04-10', '04-14'], // Easter 2–6 April
    [2026, 5, '05-04', '05-06', '05-08', '05-12'], // 1 May Friday
    [2026, 6, '06-01', '06-03', '06-05', '06-09'],
    [2026, 8, '08-03', '08-05', '08-07', '08-11'], // 1 Aug Saturday
    [2026, 9, '09-01', '09-03', '09-07', '09-09'],
    [2026, 10, '10-01', '10-05', '10-07', '10-09'],
    [2026, 11, '11-02', '11-04', '11-06', '11-10'], // 1 Nov Sunday
    [2026, 12, '12-01', '12-03', '12-07', '12-09'],
    [2027, 1, '01-04', '01-06', '01-08', '01-12'], // 1 Jan Friday
    [2027, 2, '02-01', '02-03', '02-05', '02-09'],
    [2027, 3, '03-01', '03-03', '03-05', '03-09'],
    [2027, 4, '04-01', '04-05', '04-07', '04-09'], // Easter was in March
    [2027, 5, '05-03', '05-05', '05-10', '05-12'], // 1 May Saturday, Ascension 6 May
    [2027, 6, '06-01', '06-03', '06-07', '06-09'],
    [2027, 8, '08-02', '08-04', '08-06', '08-10'],
    [2027, 9, '09-01', '09-03', '09-07', '09-09'],
    [2027, 10, '10-01', '10-05', '10-07', '10-11'],
    [2027, 11, '11-01', '11-03', '11-05', '11-09'],
    [2027, 12, '12-01', '12-03', '12-07', '12-09'],
  ])('%i-%i', (year, month, open, r3, r1, overdue) => {
    expect(summary(dsop, year, month)).toEqual([
      `open ${year}-${open}`,
      `remind:3 ${year}-${r3}`,
      `remind:1 ${year}-${r1}`,
      `overdue ${year}-${overdue}`,
    ]);
  });

  it.each([2026, 2027])('no July events in %i, and nothing is due all July but June’s', (year) => {
    const keys = new Set<string>();
    for (let day = 1; day <= 31; day++) {
      for (const e of dueEvents(dsop, oslo(`${year}-07-${String(day).padStart(2, '0')}T12:00`))) keys.add(e.key);
    }
    expect([...keys]).toEqual([
      `dsop-status:${year}-06:open`,
      `dsop-status:${year}-06:remind:3`,
      `dsop-status:${year}-06:remind:1`,
      `dsop-status:${year}-06:overdue`,
    ]);
  });

  it('every 09:00 event is 08:00Z in winter and 07:00Z in summer', () => {
    const times = [3, 4, 10, 11].map((month) => periodEvents(dsop, periodOpeningIn(dsop, 2026, month)).map((e) => utc(e.at)));
    expect(times).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z', '2026-03-06T08:00:00.000Z', '2026-03-10T08:00:00.000Z'],
      ['2026-04-01T07:00:00.000Z', '2026-04-08T07:00:00.000Z', '2026-04-10T07:00:00.000Z', '2026-04-14T07:00:00.000Z'],
      ['2026-10-01T07:00:00.000Z', '2026-10-05T07:00:00.000Z', '2026-10-07T07:00:00.000Z', '2026-10-09T07:00:00.000Z'],
      ['2026-11-02T08:00:00.000Z', '2026-11-04T08:00:00.000Z', '2026-11-06T08:00:00.000Z', '2026-11-10T08:00:00.000Z'],
    ]);
  });

  it('events carry the period key, the deadline and the reminder distance', () => {
    const [open, remind3] = periodEvents(dsop, periodOpeningIn(dsop, 2026, 11));
    expect(open).toEqual({
      key: 'dsop-status:2026-11:open',
      scheduleId: 'dsop-status',
      periodKey: '2026-11',
      kind: 'open',
      at: oslo('2026-11-02T09:00'),
      deadline: oslo('2026-11-09T23:59:59.999'),
    });
    expect(remind3?.businessDaysBefore).toBe(3);
    expect(remind3?.kind).toBe('remind');
  });
});

describe('Skate quarterly report, deadline 10 business days, reminders 5 and 1 days before', () => {
  it.each([
    [2026, 1, ['open 2026-01-02', 'remind:5 2026-01-09', 'remind:1 2026-01-15', 'overdue 2026-01-19']],
    [2026, 4, ['open 2026-04-01', 'remind:5 2026-04-13', 'remind:1 2026-04-17', 'overdue 2026-04-21']],
    [2026, 7, ['open 2026-07-01', 'remind:5 2026-07-08', 'remind:1 2026-07-14', 'overdue 2026-07-16']],
    [2026, 10, ['open 2026-10-01', 'remind:5 2026-10-08', 'remind:1 2026-10-14', 'overdue 2026-10-16']],
  ])('%i-%i', (year, month, expected) => {
    expect(summary(skate, year, month)).toEqual(expected);
  });
});

describe('Digi Rogaland roadmap revision in March and September', () => {
  it('H1 2026: reminders before DST are 08:00Z, the escalation after it is 07:00Z', () => {
    const events = periodEvents(roadmap, periodOpeningIn(roadmap, 2026, 3));
    expect(events.map((e) => [e.key, utc(e.at)])).toEqual([
      ['digi-rogaland-veikart:2026-H1:open', '2026-03-02T08:00:00.000Z'],
      ['digi-rogaland-veikart:2026-H1:remind:10', '2026-03-16T08:00:00.000Z'],
      ['digi-rogaland-veikart:2026-H1:remind:3', '2026-03-25T08:00:00.000Z'],
      ['digi-rogaland-veikart:2026-H1:overdue', '2026-03-31T07:00:00.000Z'],
    ]);
  });
});

describe('dueEvents', () => {
  it.each([
    ['2026-04-01T08:59', ['2026-03:open', '2026-03:remind:3', '2026-03:remind:1', '2026-03:overdue']],
    ['2026-04-01T09:00', ['2026-04:open']],
    ['2026-04-08T08:59', ['2026-04:open']],
    ['2026-04-08T09:00', ['2026-04:open', '2026-04:remind:3']],
    ['2026-04-13T23:59', ['2026-04:open', '2026-04:remind:3', '2026-04:remind:1']], // deadline day
    ['2026-04-14T09:00', ['2026-04:open', '2026-04:remind:3', '2026-04:remind:1', '2026-04:overdue']],
    // 1 November is a Sunday: October's escalation is still in its period until Monday 09:00.
    ['2026-11-01T12:00', ['2026-10:open', '2026-10:remind:3', '2026-10:remind:1', '2026-10:overdue']],
    ['2026-11-02T09:00', ['2026-11:open']],
    ['2027-01-01T12:00', ['2026-12:open', '2026-12:remind:3', '2026-12:remind:1', '2026-12:overdue']],
    ['2027-01-04T09:00', ['2027-01:open']],
  ])('DSOP at %s', (at, expected) => {
    expect(dueEvents(dsop, oslo(at)).map((e) => e.key)).toEqual(expected.map((k) => `dsop-status:${k}`));
  });
});

describe('reminders that do not fit', () => {
  it('a reminder on or before the opening day is left to the open event', () => {
    const s = schedule({ id: 's', cadence: { kind: 'monthly', exceptMonths: [] }, deadlineBusinessDays: 2, remindBusinessDaysBefore: [5, 2, 1, 0] });
    expect(summary(s, 2026, 11)).toEqual(['open 2026-11-02', 'remind:1 2026-11-03', 'remind:0 2026-11-04', 'overdue 2026-11-05']);
  });

  it('repeated reminder days are sent once', () => {
    const s = schedule({ id: 's', cadence: { kind: 'quarterly' }, remindBusinessDaysBefore: [1, 3, 1] });
    expect(summary(s, 2026, 10)).toEqual(['open 2026-10-01', 'remind:3 2026-10-05', 'remind:1 2026-10-07', 'overdue 2026-10-09']);
  });

  it('events past the next opening are dropped (a deadline longer than the period)', () => {
    const s = schedule({ id: 's', cadence: { kind: 'monthly', exceptMonths: [] }, deadlineBusinessDays: 25, remindBusinessDaysBefore: [3] });
    // Feb 2026: opens 2 Feb; 25 business days later is 9 March, after March opens on 2 March.
    expect(summary(s, 2026, 2)).toEqual(['open 2026-02-02']);
  });
});

describe('nextEventAt', () => {
  it.each([
    ['2026-04-01T09:00', '2026-04-08T09:00'],
    ['2026-04-14T09:00', '2026-05-04T09:00'],
    ['2026-06-09T09:00', '2026-08-03T09:00'], // July skipped
    ['2026-12-31T12:00', '2027-01-04T09:00'],
  ])('DSOP after %s: %s', (from, expected) => {
    expect(nextEventAt(dsop, oslo(from))).toBe(oslo(expected));
  });

  it('is null for a schedule with no periods', () => {
    const never = schedule({ id: 'never', cadence: { kind: 'monthly', exceptMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] } });
    expect(nextEventAt(never, oslo('2026-01-01T00:00'))).toBeNull();
    expect(dueEvents(never, oslo('2026-01-01T00:00'))).toEqual([]);
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: oslo('2025-01-01T00:00'), max: oslo('2030-12-31T23:59') });
  const anySchedule: fc.Arbitrary<Schedule> = fc
    .record({
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
      ),
      deadlineBusinessDays: fc.integer({ min: 0, max: 30 }),
      remindBusinessDaysBefore: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }),
    })
    .map((r) => schedule({ id: 'p', ...r }));

  it('events of a period are in time order, inside the period, with unique keys', () => {
    fc.assert(
      fc.property(anySchedule, instant, (s, now) => {
        const period = periodAt(s, now);
        if (!period) throw new Error('every generated cadence has periods');
        const events = periodEvents(s, period);
        for (let i = 1; i < events.length; i++) expect(events[i - 1]!.at).toBeLessThan(events[i]!.at);
        expect(new Set(events.map((e) => e.key)).size).toBe(events.length);
        expect(events[0]?.kind).toBe('open');
        for (const e of events) {
          expect(e.at >= period.opens && e.at < period.closes).toBe(true);
          expect(e.key.startsWith(`p:${period.key}:`)).toBe(true);
          if (e.kind === 'overdue') expect(e.at).toBeGreaterThan(period.deadline);
          if (e.kind === 'remind') expect(e.at).toBeLessThan(period.deadline);
        }
      }),
    );
  });

  it('keys never repeat across consecutive periods', () => {
    fc.assert(
      fc.property(anySchedule, instant, (s, now) => {
        const keys = new Set<string>();
        let count = 0;
        let period = periodAt(s, now);
        for (let i = 0; i < 6 && period; i++) {
          for (const e of periodEvents(s, period)) {
            keys.add(e.key);
            count++;
          }
          period = periodAt(s, period.closes);
        }
        expect(keys.size).toBe(count);
      }),
    );
  });

  it('what is due only grows within a period, and the next event becomes due exactly then', () => {
    fc.assert(
      fc.property(anySchedule, instant, fc.integer({ min: 0, max: 40 * 86_400_000 }), (s, now, gap) => {
        const before = dueEvents(s, now);
        for (const e of before) expect(e.at).toBeLessThanOrEqual(now);
        const later = now + gap;
        if (periodAt(s, later)?.key === periodAt(s, now)?.key) {
          const after = dueEvents(s, later).map((e) => e.key);
          for (const e of before) expect(after).toContain(e.key);
        }
        const next = nextEventAt(s, now);
        expect(next).not.toBeNull();
        expect(next!).toBeGreaterThan(now);
        expect(dueEvents(s, next!).some((e) => e.at === next)).toBe(true);
        expect(dueEvents(s, next! - 1).some((e) => e.at === next)).toBe(false);
      }),
    );
  });
});
