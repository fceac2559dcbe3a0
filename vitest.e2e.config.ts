// End-to-end tests only (test/e2e/*.e2e.ts): the real bot with embedded Azurite, the Microsoft
// 365 Agents Playground and Debian's headless Chromium. One file at a time, one worker, long
// timeouts; `npm test` does not run these (its config includes only *.test.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    maxWorkers: 1,
    minWorkers: 1,
    sequence: { concurrent: false },
    // A failure in one step makes the later steps of the same story skip; never retry a story.
    retry: 0,
  },
});
