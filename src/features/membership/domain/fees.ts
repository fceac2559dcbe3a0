// Membership fees (Digi Rogaland §6): each member municipality pays a fixed amount plus an
// amount per inhabitant; the N smallest municipalities pay only the per-inhabitant part. The
// rule is configuration (`membership.fee` of the programme); this file only does arithmetic.
//
// Money is counted in whole øre (integers), so sums are exact whatever the rate.
//
// Ties at the N-th smallest place: every municipality with as few inhabitants as the N-th
// smallest pays only the per-inhabitant part, so more than N may be exempt. Two municipalities
// of the same size are treated alike, and §6 asks for "a model that does not exclude small
// municipalities", so a tie is settled in favour of the small ones rather than by name or
// order. With N or fewer municipalities, all of them are among the N smallest.
import { err, ok, type Result } from '../../../shared/result.js';
import type { FeeRate } from '../../../shared/programme/schema.js';

export interface FeeRule {
  rates: readonly FeeRate[];
}

export interface Municipality {
  partyId: string;
  name: string;
  inhabitants: number;
}

export interface FeeLine extends Municipality {
  /** True when the municipality is among the smallest and pays no fixed part. */
  variableOnly: boolean;
  fixedOre: number;
  variableOre: number;
  totalOre: number;
}

export interface FeeTable {
  year: number;
  rate: FeeRate;
  /** In the order given. */
  lines: FeeLine[];
  totalOre: number;
  /** Inhabitants of the N-th smallest municipality: everyone at or below pays only the
   * per-inhabitant part. Undefined when nobody is exempt. */
  variableOnlyUpTo?: number;
  /** True when more than N municipalities are exempt because of a tie at the N-th place. */
  tieAtBoundary: boolean;
}

export type FeeProblem =
  | { code: 'no-rate'; year: number; firstYear: number }
  | { code: 'no-municipalities' }
  | { code: 'invalid-inhabitants'; partyId: string }
  | { code: 'duplicate-municipality'; partyId: string };

/** The rate in force in `year`: the one with the latest `fromYear` not after it. */
export function rateFor(rule: FeeRule, year: number): FeeRate | undefined {
  let best: FeeRate | undefined;
  for (const rate of rule.rates) {
    if (rate.fromYear <= year && (!best || rate.fromYear > best.fromYear)) best = rate;
  }
  return best;
}

export const oreOf = (nok: number): number => Math.round(nok * 100);

/** Inhabitants of the n-th smallest municipality (the exemption boundary), if n > 0. */
export function variableOnlyBoundary(inhabitants: readonly number[], n: number): number | undefined {
  if (n <= 0 || inhabitants.length === 0) return undefined;
  const sorted = [...inhabitants].sort((a, b) => a - b);
  return sorted[Math.min(n, sorted.length) - 1];
}

/** Each municipality's fee for the year. Inhabitants must be whole numbers ≥ 0. */
export function computeFees(rule: FeeRule, year: number, municipalities: readonly Municipality[]): Result<FeeTable, FeeProblem> {
  const rate = rateFor(rule, year);
  if (!rate) return err({ code: 'no-rate', year, firstYear: Math.min(...rule.rates.map((r) => r.fromYear)) });
  if (municipalities.length === 0) return err({ code: 'no-municipalities' });
  const seen = new Set<string>();
  for (const m of municipalities) {
    if (!Number.isSafeInteger(m.inhabitants) || m.inhabitants < 0) return err({ code: 'invalid-inhabitants', partyId: m.partyId });
    if (seen.has(m.partyId)) return err({ code: 'duplicate-municipality', partyId: m.partyId });
    seen.add(m.partyId);
  }

  const boundary = variableOnlyBoundary(
    municipalities.map((m) => m.inhabitants),
    rate.smallestPayVariableOnly,
  );
  const fixedOre = oreOf(rate.fixed);
  const perInhabitantOre = oreOf(rate.perInhabitant);
  const lines = municipalities.map((m): FeeLine => {
    const variableOnly = boundary !== undefined && m.inhabitants <= boundary;
    const fixed = variableOnly ? 0 : fixedOre;
    const variable = m.inhabitants * perInhabitantOre;
    const { partyId, name, inhabitants } = m;
    return { partyId, name, inhabitants, variableOnly, fixedOre: fixed, variableOre: variable, totalOre: fixed + variable };
  });
  const exempt = lines.filter((l) => l.variableOnly).length;
  return ok({
    year,
    rate,
    lines,
    totalOre: lines.reduce((sum, l) => sum + l.totalOre, 0),
    ...(boundary !== undefined ? { variableOnlyUpTo: boundary } : {}),
    tieAtBoundary: exempt > rate.smallestPayVariableOnly,
  });
}
