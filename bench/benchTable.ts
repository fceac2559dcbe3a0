// The one table every benchmark prints: each figure beside its floor measured in the same run.
/** A figure of the one table: the bot's value beside the floor's, measured in the same run. */
export interface BenchRow {
  figure: string;
  value: number;
  /** NaN (null once through JSON) where the figure has no floor. */
  floor: number | null;
  unit: string;
}

export function printTable(rows: readonly BenchRow[]): void {
  const shown = (n: number | null, unit: string) => (n === null || !Number.isFinite(n) ? '–' : `${n.toFixed(unit === '' || unit === '/s' ? 1 : 0)}${unit ? ` ${unit}` : ''}`);
  console.log('| figure | measured | floor (same run) | ratio |');
  console.log('|---|---|---|---|');
  // A ratio to a floor of (almost) nothing, or to no floor, says nothing: shown as a dash.
  const ratio = (r: BenchRow) =>
    r.floor === null || !Number.isFinite(r.floor) || r.floor < 0.05 ? '–' : r.unit === '/s' ? `${((r.value / r.floor) * 100).toFixed(1)} % of the ceiling` : `${(r.value / r.floor).toFixed(2)}×`;
  for (const r of rows) console.log(`| ${r.figure} | ${shown(r.value, r.unit)} | ${shown(r.floor, r.unit)} | ${ratio(r)} |`);
}

