// The architecture held by a test (issue 26.1): src/ breaks no rule beyond the known list, which
// may only shrink, and each rule is shown to bite on a fixture that breaks it (and only it), while
// a fixture laid out as the target layout breaks none.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { architectureViolations, violationKey } from '../../scripts/architecture/check.js';
import { importRules } from '../../scripts/architecture/importRules.js';
import { compareWithKnown, readKnownViolations } from '../../scripts/architecture/knownViolations.js';
import { sourceRules } from '../../scripts/architecture/sourceRules.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const tsconfig = path.join(root, 'tsconfig.json');
const fixtures = path.join(here, 'fixtures');

describe('the architecture rules', () => {
  it('hold on src/: no violation that is not on the known list, and none listed that is gone', async () => {
    const found = (await architectureViolations(root, tsconfig)).map(violationKey);
    const { added, gone } = compareWithKnown(found, await readKnownViolations());
    expect({ added, gone }).toEqual({ added: [], gone: [] });
  }, 60_000);

  it('have a breaking fixture for every rule, and a fixture for every rule name', () => {
    const names = [...importRules.map((r) => r.name), ...sourceRules.map((r) => r.name)];
    const folders = readdirSync(fixtures).filter((f) => f !== 'clean');
    expect(folders.sort()).toEqual([...names].sort());
  });

  for (const rule of [...importRules.map((r) => r.name), ...sourceRules.map((r) => r.name)]) {
    it(`${rule}: its fixture breaks it, and nothing else`, async () => {
      const found = await architectureViolations(path.join(fixtures, rule), tsconfig);
      expect(found.length).toBeGreaterThan(0);
      expect([...new Set(found.map((v) => v.rule))]).toEqual([rule]);
    });
  }

  it('the target layout (shared kernel, features meeting through index.ts, ports, the SDK in the channel) breaks none', async () => {
    expect(await architectureViolations(path.join(fixtures, 'clean'), tsconfig)).toEqual([]);
  });

  it('known violations are keyed without line numbers, so an edit elsewhere in a file does not change them', async () => {
    const found = await architectureViolations(path.join(fixtures, 'wall-clock-only-in-clocks'), tsconfig);
    expect(found.map(violationKey)).toEqual([
      'wall-clock-only-in-clocks: src/features/votes/app/closeVote.ts -> Date.now()',
      'wall-clock-only-in-clocks: src/features/votes/app/closeVote.ts -> new Date()',
    ]);
  });
});
