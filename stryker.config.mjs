// Mutation testing of the pure domain (npm run mutate). The machine is small and shared, so one
// test runner, the fast vitest config (vitest.mutate.config.ts) and incremental mode: a run
// after a change tests only the mutants whose code or covering tests changed.
// A narrower run: npm run mutate -- --mutate "src/shared/disclosure/**/*.ts"
// The presets are JSON, which Stryker cannot mutate: test/config/presets.test.ts pins what the
// seeds say in them (see README, "Mutation testing").
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: ['src/features/*/domain/**/*.ts', 'src/shared/{decision,disclosure,programme,schedule}/**/*.ts', 'src/shared/{feedbackRound,result,text,personRef}.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  ignorePatterns: ['.data', 'test-output', 'build', 'dist', 'coverage', 'reports', 'devTools', 'test/e2e'],
  tempDirName: '.stryker-tmp',
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 85, break: null },
};
