import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareIdeaNumbers,
  formatIdeaNumber,
  ideaYear,
  nextIdeaNumber,
  normaliseIdeaNumber,
  parseIdeaNumber,
} from '../../../src/features/ideas/domain/ideaNumber.js';

const prefix = fc.stringMatching(/^[A-Z][A-Z0-9]{1,9}$/);
const parts = fc.record({ prefix, year: fc.integer({ min: 1000, max: 9999 }), sequence: fc.integer({ min: 1, max: 10 ** 7 }) });

describe('formatIdeaNumber', () => {
  it('pads the sequence to three digits', () => {
    expect(formatIdeaNumber({ prefix: 'DSOP', year: 2026, sequence: 14 })).toBe('DSOP-2026-014');
    expect(formatIdeaNumber({ prefix: 'DSOP', year: 2026, sequence: 1 })).toBe('DSOP-2026-001');
    expect(formatIdeaNumber({ prefix: 'DSOP', year: 2026, sequence: 999 })).toBe('DSOP-2026-999');
  });

  it('keeps growing past 999', () => {
    expect(formatIdeaNumber({ prefix: 'DSOP', year: 2026, sequence: 1000 })).toBe('DSOP-2026-1000');
    expect(formatIdeaNumber({ prefix: 'DIGIROG', year: 2027, sequence: 12345 })).toBe('DIGIROG-2027-12345');
  });

  it('refuses parts that would not parse back', () => {
    expect(() => formatIdeaNumber({ prefix: 'dsop', year: 2026, sequence: 1 })).toThrow(RangeError);
    expect(() => formatIdeaNumber({ prefix: 'DSOP', year: 2026, sequence: 0 })).toThrow(RangeError);
    expect(() => formatIdeaNumber({ prefix: 'DSOP', year: 26, sequence: 1 })).toThrow(RangeError);
  });
});

describe('parseIdeaNumber', () => {
  it('reads canonical and typed forms', () => {
    expect(parseIdeaNumber('DSOP-2026-014')).toEqual({ prefix: 'DSOP', year: 2026, sequence: 14 });
    expect(parseIdeaNumber(' dsop-2026-14 ')).toEqual({ prefix: 'DSOP', year: 2026, sequence: 14 });
    expect(parseIdeaNumber('SKATE-2026-1000')).toEqual({ prefix: 'SKATE', year: 2026, sequence: 1000 });
    expect(normaliseIdeaNumber('dsop-2026-7')).toBe('DSOP-2026-007');
  });

  it.each(['', 'DSOP', 'DSOP-2026', 'DSOP-2026-', 'DSOP-26-014', 'D-2026-001', 'DSOP-2026-000', 'DSOP-0999-001', 'DSOP_2026_014', '1DSOP-2026-001', 'DSOP-2026-01a'])(
    'rejects %j',
    (text) => {
      expect(parseIdeaNumber(text)).toBeUndefined();
      expect(normaliseIdeaNumber(text)).toBeUndefined();
    },
  );

  it('round-trips every valid id', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const text = formatIdeaNumber(p);
        expect(parseIdeaNumber(text)).toEqual(p);
        expect(normaliseIdeaNumber(text.toLowerCase())).toBe(text);
      }),
    );
  });
});

describe('nextIdeaNumber', () => {
  it('starts at 001 and counts per prefix and year', () => {
    expect(nextIdeaNumber([], 'DSOP', 2026)).toBe('DSOP-2026-001');
    const issued = ['DSOP-2026-001', 'DSOP-2026-013', 'DSOP-2025-200', 'SKATE-2026-050', 'junk'];
    expect(nextIdeaNumber(issued, 'DSOP', 2026)).toBe('DSOP-2026-014');
    expect(nextIdeaNumber(issued, 'DSOP', 2027)).toBe('DSOP-2027-001');
    expect(nextIdeaNumber(issued, 'SKATE', 2026)).toBe('SKATE-2026-051');
  });

  it('goes from 999 to 1000 and on from there', () => {
    expect(nextIdeaNumber(['DSOP-2026-999'], 'DSOP', 2026)).toBe('DSOP-2026-1000');
    expect(nextIdeaNumber(['DSOP-2026-999', 'DSOP-2026-1000'], 'DSOP', 2026)).toBe('DSOP-2026-1001');
  });
});

describe('compareIdeaNumbers', () => {
  it('orders sequences as numbers, not strings', () => {
    const sorted = ['DSOP-2026-1000', 'DSOP-2026-999', 'DSOP-2025-500', 'DSOP-2026-014'].sort(compareIdeaNumbers);
    expect(sorted).toEqual(['DSOP-2025-500', 'DSOP-2026-014', 'DSOP-2026-999', 'DSOP-2026-1000']);
  });

  it('agrees with ordering by (prefix, year, sequence)', () => {
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 20 }), (list) => {
        const byParts = [...list].sort(
          (a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : a.year - b.year || a.sequence - b.sequence),
        );
        const byText = list.map(formatIdeaNumber).sort(compareIdeaNumbers);
        expect(byText).toEqual(byParts.map(formatIdeaNumber));
      }),
    );
  });

  it('puts unparseable text after real ids', () => {
    expect(['zzz', 'DSOP-2026-001'].sort(compareIdeaNumbers)).toEqual(['DSOP-2026-001', 'zzz']);
  });
});

describe('ideaYear', () => {
  it('uses the Oslo calendar year at new year', () => {
    expect(ideaYear(Date.parse('2025-12-31T23:30:00Z'))).toBe(2026); // 00:30 on 1 January in Oslo
    expect(ideaYear(Date.parse('2025-12-31T22:30:00Z'))).toBe(2025);
  });
});
