// Bun (npm `bun`): the matrix's checks.
import { binaries, entry, runJson, runtimeSuite } from './suite.js';

runtimeSuite('bun', {
  readKinds: ['Bun.file (a Blob)', 'Bun.file().stream()', 'Response(Bun.file()).body', 'Bun.file().bytes()'],
  needs: [binaries.bun],
  run: (fx) => runJson(binaries.bun, [entry('bun.mjs'), fx.dir], { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }),
});
