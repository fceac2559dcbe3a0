// Reads the table of spans and metrics in docs/operations.md and checks telemetry against it:
// every span and metric the table names must have been emitted, with every attribute it lists.
// The table is the operator's contract; this keeps it true.

export interface Documented {
  kind: 'span' | 'metric';
  name: string;
  attributes: string[];
}

export interface Emitted {
  /** Span or metric name → every attribute key seen on it (across spans / data points). */
  spans: ReadonlyMap<string, ReadonlySet<string>>;
  metrics: ReadonlyMap<string, ReadonlySet<string>>;
}

const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The rows `| span | `name` | `attr`, … | meaning |` and `| metric | … |` of the markdown. */
export function readOperationsTable(markdown: string): Documented[] {
  const rows: Documented[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    // '' | kind | name | attributes | meaning | ''
    if (cells.length < 6) continue;
    const kind = cells[1];
    if (kind !== 'span' && kind !== 'metric') continue;
    const names = ticked(cells[2]!);
    if (names.length !== 1) throw new Error(`a ${kind} row must name one ${kind} in backticks: ${line}`);
    rows.push({ kind, name: names[0]!, attributes: ticked(cells[3]!) });
  }
  return rows;
}

/** What the table names that was not emitted ('span turn invoke', 'metric x: attribute y'). */
export function missingTelemetry(documented: readonly Documented[], emitted: Emitted): string[] {
  const missing: string[] = [];
  for (const row of documented) {
    const seen = (row.kind === 'span' ? emitted.spans : emitted.metrics).get(row.name);
    if (!seen) {
      missing.push(`${row.kind} ${row.name}`);
      continue;
    }
    for (const attribute of row.attributes) if (!seen.has(attribute)) missing.push(`${row.kind} ${row.name}: attribute ${attribute}`);
  }
  return missing;
}
