// Checks a source tree against Samspill's architecture rules: the import graph (dependency-cruiser,
// reading the real imports, type-only ones included) and the source rules. Run by
// test/architecture/architecture.test.ts over src/ and over each rule's negative fixture, and by
// `npm run architecture` for a readable list.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { importRules } from './importRules.js';
import { sourceViolations } from './sourceRules.js';

export interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** One line per violation, stable across edits (no line numbers), for the known-violations list. */
export const violationKey = (v: Violation) => `${v.rule}: ${v.from} -> ${v.to}`;

/** Every violation of the rules in `<baseDir>/src`, sorted and without repeats. */
export async function architectureViolations(baseDir: string, tsConfigFile = path.join(baseDir, 'tsconfig.json')): Promise<Violation[]> {
  const [imports, sources] = await Promise.all([importViolations(baseDir, tsConfigFile), sourceRuleViolations(baseDir)]);
  const unique = new Map([...imports, ...sources].map((v) => [violationKey(v), v]));
  return [...unique.values()].sort((a, b) => violationKey(a).localeCompare(violationKey(b)));
}

async function importViolations(baseDir: string, tsConfigFile: string): Promise<Violation[]> {
  const tsConfig = extractTSConfig(tsConfigFile);
  const result = await cruise(
    ['src'],
    {
      baseDir,
      validate: true,
      ruleSet: { forbidden: importRules },
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: true,
      tsConfig: { fileName: tsConfigFile },
      outputType: 'json',
    },
    { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    { tsConfig },
  );
  const output = typeof result.output === 'string' ? (JSON.parse(result.output) as ICruiseResult) : result.output;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.type === 'cycle' ? cycleOf(v.from, v.cycle?.map((c) => c.name) ?? [v.to]) : packagePath(v.to) }));
}

/** A cycle is named by its members in order from the smallest, so each cycle has one key whichever module reports it. */
function cycleOf(from: string, rest: string[]): string {
  const members = [...new Set([from, ...rest])];
  const start = members.indexOf([...members].sort()[0]!);
  return `cycle ${[...members.slice(start), ...members.slice(0, start)].join(' > ')}`;
}

async function sourceRuleViolations(baseDir: string): Promise<Violation[]> {
  const files = (await readdir(path.join(baseDir, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => `src/${f.split(path.sep).join('/')}`);
  const found = await Promise.all(files.map(async (file) => sourceViolations(file, await readFile(path.join(baseDir, file), 'utf8'))));
  return found.flat().map((v) => ({ ...v, to: v.to.replace(/ at \d+:\d+$/, '') }));
}

/** A package's module by its path inside node_modules, wherever node_modules is (a worktree may link another's). */
const packagePath = (resolved: string) => resolved.replace(/^(?:.*\/)?node_modules\//, 'node_modules/');
