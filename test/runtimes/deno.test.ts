// Deno (npm `deno`): the matrix's checks, bare imports of dist/ resolved from node_modules.
import { binaries, entry, runJson, runtimeSuite } from './suite.js';

runtimeSuite('deno', {
  readKinds: ['Deno.open().readable', 'Deno.readFile', 'fetch(file:).body', 'Blob'],
  needs: [binaries.deno],
  run: (fx) =>
    runJson(binaries.deno, ['run', '--no-lock', '--no-prompt', '--allow-read', entry('deno.mjs'), fx.dir], {
      DENO_NO_UPDATE_CHECK: '1',
    }),
});
