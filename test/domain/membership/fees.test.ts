// Membership fees (Digi Rogaland §6): fixed part + per-inhabitant part, the three smallest
// municipalities pay only the per-inhabitant part; ties at the third-smallest place all do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../src/platform/config/programmeFiles.js';
import { computeFees, rateFor, variableOnlyBoundary, type FeeRule, type Municipality } from '../../../src/features/membership/domain/fees.js';
import { membershipSchema } from '../../../src/shared/programme/schema.js';

const rate2021 = { fromYear: 2021, fixed: 150_000, perInhabitant: 5, smallestPayVariableOnly: 3 };
const rule: FeeRule = { rates: [rate2021] };
const m = (partyId: string, inhabitants: number): Municipality => ({ partyId, name: partyId, inhabitants });
const nok = (ore: number) => ore / 100;

function table(municipalities: Municipality[], year = 2021, r: FeeRule = rule) {
  const result = computeFees(r, year, municipalities);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
const line = (t: ReturnType<typeof table>, id: string) => t.lines.find((l) => l.partyId === id)!;

describe('the 2021 rule', () => {
  const five = [m('stavanger', 144_699), m('sandnes', 80_450), m('bokn', 875), m('utsira', 197), m('kvitsoy', 531)];

  it('charges NOK 150 000 + NOK 5 per inhabitant, the three smallest only NOK 5 per inhabitant', () => {
    const t = table(five);
    expect(nok(line(t, 'stavanger').totalOre)).toBe(150_000 + 5 * 144_699);
    expect(nok(line(t, 'sandnes').totalOre)).toBe(150_000 + 5 * 80_450);
    expect(nok(line(t, 'bokn').totalOre)).toBe(5 * 875);
    expect(nok(line(t, 'utsira').totalOre)).toBe(5 * 197);
    expect(nok(line(t, 'kvitsoy').totalOre)).toBe(5 * 531);
    expect(t.lines.filter((l) => l.variableOnly).map((l) => l.partyId)).toEqual(['bokn', 'utsira', 'kvitsoy']);
    expect(nok(t.totalOre)).toBe(2 * 150_000 + 5 * (144_699 + 80_450 + 875 + 197 + 531));
    expect(t.variableOnlyUpTo).toBe(875);
    expect(t.tieAtBoundary).toBe(false);
  });

  it('keeps the order it was given', () => {
    expect(table(five).lines.map((l) => l.partyId)).toEqual(five.map((x) => x.partyId));
  });

  it('exempts every municipality tied at the third-smallest place (more than three)', () => {
    const t = table([m('a', 100), m('b', 200), m('c', 300), m('d', 300), m('e', 1000)]);
    expect(t.lines.filter((l) => l.variableOnly).map((l) => l.partyId)).toEqual(['a', 'b', 'c', 'd']);
    expect(t.tieAtBoundary).toBe(true);
    expect(line(t, 'e').fixedOre).toBe(15_000_000);
  });

  it('exempts a whole tie below the boundary too', () => {
    const t = table([m('a', 100), m('b', 100), m('c', 100), m('d', 100), m('e', 500)]);
    expect(t.lines.filter((l) => l.variableOnly)).toHaveLength(4);
    expect(line(t, 'e').variableOnly).toBe(false);
  });

  it('a tie just above the boundary pays the fixed part', () => {
    const t = table([m('a', 100), m('b', 200), m('c', 300), m('d', 301), m('e', 301)]);
    expect(t.lines.filter((l) => l.variableOnly).map((l) => l.partyId)).toEqual(['a', 'b', 'c']);
    expect(t.tieAtBoundary).toBe(false);
  });

  it('with three municipalities or fewer, all are among the three smallest', () => {
    expect(table([m('a', 10_000), m('b', 20_000)]).lines.every((l) => l.variableOnly)).toBe(true);
    expect(table([m('a', 10_000), m('b', 20_000), m('c', 30_000)]).lines.every((l) => l.variableOnly)).toBe(true);
  });

  it('without an exemption everyone pays the fixed part', () => {
    const t = table([m('a', 1), m('b', 2)], 2021, { rates: [{ ...rate2021, smallestPayVariableOnly: 0 }] });
    expect(t.lines.every((l) => !l.variableOnly && l.fixedOre === 15_000_000)).toBe(true);
    expect(t.variableOnlyUpTo).toBeUndefined();
  });

  it('counts øre exactly for a rate with decimals', () => {
    const t = table([m('a', 3), m('b', 1_000_001)], 2021, { rates: [{ ...rate2021, perInhabitant: 4.75, smallestPayVariableOnly: 1 }] });
    expect(line(t, 'a').totalOre).toBe(3 * 475);
    expect(line(t, 'b').totalOre).toBe(15_000_000 + 1_000_001 * 475);
  });
});

describe('which rate applies', () => {
  const rates: FeeRule = { rates: [rate2021, { fromYear: 2024, fixed: 160_000, perInhabitant: 6, smallestPayVariableOnly: 3 }] };

  it('uses the latest rate from a year not after the one asked for', () => {
    expect(rateFor(rates, 2021)?.fixed).toBe(150_000);
    expect(rateFor(rates, 2023)?.fixed).toBe(150_000);
    expect(rateFor(rates, 2024)?.fixed).toBe(160_000);
    expect(rateFor(rates, 2030)?.fixed).toBe(160_000);
    expect(rateFor(rates, 2020)).toBeUndefined();
  });

  it('refuses a year before the first rate, and bad input', () => {
    expect(computeFees(rule, 2020, [m('a', 1)])).toEqual({ ok: false, error: { code: 'no-rate', year: 2020, firstYear: 2021 } });
    expect(computeFees(rule, 2021, [])).toEqual({ ok: false, error: { code: 'no-municipalities' } });
    expect(computeFees(rule, 2021, [m('a', -1)])).toEqual({ ok: false, error: { code: 'invalid-inhabitants', partyId: 'a' } });
    expect(computeFees(rule, 2021, [m('a', 1.5)])).toEqual({ ok: false, error: { code: 'invalid-inhabitants', partyId: 'a' } });
    expect(computeFees(rule, 2021, [m('a', 1), m('a', 2)])).toEqual({ ok: false, error: { code: 'duplicate-municipality', partyId: 'a' } });
  });
});

describe('configuration', () => {
  it('the Digi Rogaland preset carries the 2021 rule and the §7 notice rule', () => {
    const membership = loadPreset('digi-rogaland').membership;
    expect(membership?.fee?.rates).toEqual([rate2021]);
    expect(membership?.fee?.basis?.nb).toContain('NOK 150 000 pr. kommune pluss NOK 5 pr. innbygger');
    expect(membership?.notice?.rule).toEqual({ kind: 'years-from-next-new-year', years: 1 });
    expect(membership?.notice?.basis?.nb).toContain('ett år gjeldende fra 1. januar i påfølgende år');
  });

  it('the other presets have no fee or notice rule (their seeds have none)', () => {
    // DSOP has membership terms, but only for admitting new parties (§2.3) and retiring them (§3.1).
    expect(loadPreset('dsop').membership).toEqual({
      admission: expect.objectContaining({ body: 'topplederforum' }),
      retirement: expect.objectContaining({ body: 'topplederforum' }),
    });
    expect(loadPreset('skate').membership).toBeUndefined();
  });

  it('rejects two rates for the same year and rates finer than øre', () => {
    expect(membershipSchema.safeParse({ fee: { rates: [rate2021, rate2021] } }).success).toBe(false);
    expect(membershipSchema.safeParse({ fee: { rates: [{ ...rate2021, perInhabitant: 5.001 }] } }).success).toBe(false);
    expect(membershipSchema.safeParse({ fee: { rates: [{ ...rate2021, perInhabitant: 4.75 }] } }).success).toBe(true);
    expect(membershipSchema.safeParse({ notice: { rule: { kind: 'months', months: 3, agreementEnds: '2022-09-01' } } }).success).toBe(true);
  });
});

describe('properties', () => {
  const municipalities = fc
    .uniqueArray(fc.record({ partyId: fc.string({ minLength: 1, maxLength: 6 }), inhabitants: fc.integer({ min: 0, max: 1_000_000 }) }), {
      minLength: 1,
      maxLength: 30,
      selector: (x) => x.partyId,
    })
    .map((xs) => xs.map((x) => ({ ...x, name: x.partyId })));
  const rates = fc.record({
    fromYear: fc.constant(2021),
    fixed: fc.integer({ min: 0, max: 1_000_000 }),
    perInhabitant: fc.integer({ min: 0, max: 2000 }).map((ore) => ore / 100),
    smallestPayVariableOnly: fc.integer({ min: 0, max: 5 }),
  });

  it('the total is the sum of the parts, and each part is fixed + inhabitants × rate', () => {
    fc.assert(
      fc.property(municipalities, rates, (ms, rate) => {
        const t = table(ms, 2021, { rates: [rate] });
        expect(t.totalOre).toBe(t.lines.reduce((s, l) => s + l.totalOre, 0));
        for (const l of t.lines) {
          expect(l.totalOre).toBe(l.fixedOre + l.variableOre);
          expect(l.variableOre).toBe(l.inhabitants * Math.round(rate.perInhabitant * 100));
          expect(l.fixedOre).toBe(l.variableOnly ? 0 : rate.fixed * 100);
        }
      }),
    );
  });

  it('the smallest never pay the fixed part: at least min(N, count) are exempt, and no exempt one is larger than one that pays', () => {
    fc.assert(
      fc.property(municipalities, rates, (ms, rate) => {
        const t = table(ms, 2021, { rates: [rate] });
        const exempt = t.lines.filter((l) => l.variableOnly);
        const paying = t.lines.filter((l) => !l.variableOnly);
        expect(exempt.length).toBeGreaterThanOrEqual(Math.min(rate.smallestPayVariableOnly, ms.length));
        for (const e of exempt) for (const p of paying) expect(e.inhabitants).toBeLessThan(p.inhabitants);
        // Exactly N when the sizes are all different.
        if (new Set(ms.map((x) => x.inhabitants)).size === ms.length) expect(exempt.length).toBe(Math.min(rate.smallestPayVariableOnly, ms.length));
        // Whoever is strictly among the N smallest is exempt.
        const sorted = [...ms].sort((a, b) => a.inhabitants - b.inhabitants);
        const boundary = variableOnlyBoundary(ms.map((x) => x.inhabitants), rate.smallestPayVariableOnly);
        for (const x of sorted.slice(0, rate.smallestPayVariableOnly)) {
          expect(boundary).toBeDefined();
          expect(t.lines.find((l) => l.partyId === x.partyId)?.variableOnly).toBe(true);
        }
      }),
    );
  });

  it('a municipality with more inhabitants never pays less than one with fewer', () => {
    fc.assert(
      fc.property(municipalities, rates, (ms, rate) => {
        const t = table(ms, 2021, { rates: [rate] });
        for (const a of t.lines) for (const b of t.lines) if (a.inhabitants <= b.inhabitants) expect(a.totalOre).toBeLessThanOrEqual(b.totalOre);
      }),
    );
  });

  it("a municipality's own fee grows with its inhabitants; it jumps by the fixed part only where it leaves the smallest", () => {
    fc.assert(
      fc.property(municipalities, rates, fc.nat({ max: 29 }), fc.integer({ min: 1, max: 500_000 }), (ms, rate, pick, growth) => {
        const i = pick % ms.length;
        const before = table(ms, 2021, { rates: [rate] }).lines[i]!;
        const grown = ms.map((x, j) => (j === i ? { ...x, inhabitants: x.inhabitants + growth } : x));
        const after = table(grown, 2021, { rates: [rate] }).lines[i]!;
        expect(after.totalOre).toBeGreaterThanOrEqual(before.totalOre);
        const perInhabitant = Math.round(rate.perInhabitant * 100);
        if (after.variableOnly === before.variableOnly) {
          expect(after.totalOre - before.totalOre).toBe(growth * perInhabitant);
        } else {
          // Across the boundary (it can only leave the smallest by growing): the fixed part is added.
          expect(before.variableOnly).toBe(true);
          expect(after.totalOre - before.totalOre).toBe(growth * perInhabitant + rate.fixed * 100);
        }
      }),
    );
  });

  it("is not monotonic for the others: when one grows past a small one, that one's fee can drop", () => {
    const before = table([m('a', 100), m('b', 200), m('c', 300), m('d', 400), m('e', 5000)]);
    const after = table([m('a', 100), m('b', 200), m('c', 1000), m('d', 400), m('e', 5000)]);
    expect(line(before, 'd').variableOnly).toBe(false);
    expect(line(after, 'd').variableOnly).toBe(true);
    expect(line(after, 'd').totalOre).toBeLessThan(line(before, 'd').totalOre);
  });
});
