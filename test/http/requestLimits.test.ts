// The header checks and the in-flight budget of the HTTP edge, as pure functions: each refusal
// Bot Framework's own requests never meet, and the one shape they always have passes.
import { describe, expect, it } from 'vitest';
import { OncePerWindow } from '../../src/platform/channel/authenticatedTurn.js';
import { BodyBudget, refusalFor } from '../../src/platform/http/requestLimits.js';

const limits = { maxBodyBytes: 1_000 };
const botFramework = { 'content-type': 'application/json; charset=utf-8', 'content-length': '512', authorization: 'Bearer abc.def.ghi' };

describe('refusalFor', () => {
  it('lets what Bot Framework sends through, with and without auth', () => {
    expect(refusalFor(botFramework, limits, true)).toBeUndefined();
    expect(refusalFor({ 'content-type': 'application/json' }, limits, false)).toBeUndefined();
    expect(refusalFor({ ...botFramework, 'content-encoding': 'identity' }, limits, true)).toBeUndefined();
    expect(refusalFor({ ...botFramework, 'content-length': '1000' }, limits, true)).toBeUndefined();
  });

  it.each([
    ['gzip', { 'content-encoding': 'gzip' }, 415],
    ['deflate', { 'content-encoding': 'deflate' }, 415],
    ['an empty coding', { 'content-encoding': '' }, 415],
    ['no type', { 'content-type': undefined }, 415],
    ['text/plain', { 'content-type': 'text/plain' }, 415],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, 415],
    ['a JSON look-alike type', { 'content-type': 'application/jsonp' }, 415],
    ['a length one over', { 'content-length': '1001' }, 413],
    ['a negative length', { 'content-length': '-1' }, 411],
    ['a length that is not a number', { 'content-length': '12abc' }, 411],
    ['no token', { authorization: undefined }, 401],
    ['a Basic token', { authorization: 'Basic eDp5' }, 401],
    ['an empty Bearer', { authorization: 'Bearer ' }, 401],
  ] as const)('%s → %i', (_name, change, status) => {
    expect(refusalFor({ ...botFramework, ...change }, limits, true)?.status).toBe(status);
  });

  it('asks for no token without auth', () => {
    expect(refusalFor({ ...botFramework, authorization: undefined }, limits, false)).toBeUndefined();
  });
});

describe('BodyBudget', () => {
  it('reserves up to its total and gives room back', () => {
    const budget = new BodyBudget(100);
    expect(budget.reserve(60)).toBe(true);
    expect(budget.reserve(41)).toBe(false);
    expect(budget.reserve(40)).toBe(true);
    expect(budget.inUse).toBe(100);
    budget.release(60);
    expect(budget.reserve(60)).toBe(true);
  });
});

describe('OncePerWindow', () => {
  it('writes once per window and counts what it held back', () => {
    let now = 0;
    const once = new OncePerWindow(1_000, () => now);
    const written: number[] = [];
    for (const t of [0, 10, 500, 999, 1_000, 1_500, 2_100]) {
      now = t;
      once.maybe((suppressed) => written.push(suppressed));
    }
    expect(written).toEqual([0, 3, 1]);
  });
});
