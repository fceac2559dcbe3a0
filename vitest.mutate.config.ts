// The tests Stryker runs for each mutant (npm run mutate): the pure domain tests, the preset and
// programme-file tests and the disclosure property test. No Azurite, no HTTP: fast enough to run
// hundreds of times on a shared 2-core machine. Everything else is covered by `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/domain/**/*.test.ts',
      'test/config/presets.test.ts',
      'test/config/programmeFiles.test.ts',
      'test/app/votesDomain.test.ts',
      'test/disclosure/renderings.property.test.ts',
    ],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
