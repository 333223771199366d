import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dist/ is built once here; no test file runs tsup (test/node/dist.ts, test/cli/helpers.ts read it)
    globalSetup: ['test/setup/build.mjs'],
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
