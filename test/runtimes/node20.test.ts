// Node 20, the host: the matrix's checks in a child process of the Node that runs the tests.
import { entry, runJson, runtimeSuite } from './suite.js';

runtimeSuite('node20', {
  readKinds: ['Buffer', 'fs.createReadStream', 'Readable.toWeb', 'fs.openAsBlob', 'Response.body'],
  needs: [process.execPath],
  run: (fx) => runJson(process.execPath, [entry('node.mjs'), fx.dir]),
});
