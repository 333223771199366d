import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ is built once here; no test file runs tsup (test/node/dist.ts, test/cli/helpers.ts read it)
    globalSetup: ['test/setup/build.mjs'],
    // two test files at a time even on 2 cores (vitest's default there is 1): many tests wait on
    // child processes (runtimes, browsers, the CLI, typedoc), so two overlap well
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    typecheck: {
      enabled: false,
      include: ['test/**/*.test-d.ts'],
      // vitest runs tsc over the whole project (this tsconfig): the one type check of `npm test`
      tsconfig: './tsconfig.json',
    },
  },
});
