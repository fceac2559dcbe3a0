// `npm run architecture`: every violation of the architecture rules in src/, marked new or
// known. `-- --write-known` writes the current ones as the known list (after a move that fixed
// some; review the diff: it may only lose lines).
import { architectureViolations, violationKey } from './check.js';
import { compareWithKnown, readKnownViolations, writeKnownViolations } from './knownViolations.js';

const found = (await architectureViolations(process.cwd())).map(violationKey);
if (process.argv.includes('--write-known')) {
  await writeKnownViolations(found);
  console.log(`${found.length} known violations written`);
} else {
  const { added, gone } = compareWithKnown(found, await readKnownViolations());
  for (const key of found) console.log(`${added.includes(key) ? 'NEW  ' : 'known'} ${key}`);
  for (const key of gone) console.log(`gone  ${key} (delete it from knownViolations.txt)`);
  console.log(`${found.length} violations: ${added.length} new, ${gone.length} listed but gone`);
  process.exitCode = added.length + gone.length > 0 ? 1 : 0;
}
