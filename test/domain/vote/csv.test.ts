// CSV fields (RFC 4180, plus the formula guard): an absent value is an empty field.
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../src/features/votes/domain/csv.js';

describe('csvField', () => {
  it('writes undefined and null as empty fields, other values as their text', () => {
    expect([csvField(undefined), csvField(null), csvField(0), csvField(false), csvField('')]).toEqual(['', '', '0', 'false', '']);
    expect(toCsv(['a', 'b', 'c'], [[undefined, 'x', 1]])).toBe('a,b,c\r\n,x,1\r\n');
  });
});
