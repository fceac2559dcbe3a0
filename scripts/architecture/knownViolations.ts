// The known-violations list: what today's code still breaks while issue 26 moves it into
// features. The architecture test fails on any violation not listed here, and on any listed one
// that no longer occurs (so the list only shrinks: delete the line when you fix it).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KNOWN_VIOLATIONS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'knownViolations.txt');

export async function readKnownViolations(file = KNOWN_VIOLATIONS_FILE): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

export async function writeKnownViolations(keys: readonly string[], file = KNOWN_VIOLATIONS_FILE): Promise<void> {
  const header = '# Architecture rules today\'s code still breaks (scripts/architecture). One per line; only ever remove lines.\n';
  await writeFile(file, header + keys.join('\n') + '\n');
}

/** What is new (not listed) and what is listed but gone. */
export function compareWithKnown(found: readonly string[], known: readonly string[]): { added: string[]; gone: string[] } {
  const knownSet = new Set(known);
  const foundSet = new Set(found);
  return { added: found.filter((k) => !knownSet.has(k)), gone: known.filter((k) => !foundSet.has(k)) };
}
