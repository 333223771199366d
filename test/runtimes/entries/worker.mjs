// Cloudflare workerd: a Worker running the checks against dist/ (bundled by esbuild in
// test/runtimes/workerd.test.ts). The fixtures are the Worker's data modules; `POST /read` reads
// the incoming request's own body (a gzip or plain log file) with readRecords.
import digest from 'digest.json.gz';
import manifest from 'fixtures.json';
import plain from 'log.json';
import gzip from 'log.json.gz';
import tampered from 'tampered.json.gz';
import { readChimeEvents } from '../../../dist/chime.js';
import { classifyIdentity, readRecords, verifyDigestFile } from '../../../dist/index.js';
import { runChecks, summarizeRead } from '../checks.mjs';

const lib = { readRecords, classifyIdentity, verifyDigestFile, readChimeEvents };
const data = { gzip, plain, digest, tampered };
const bodies = {
  'Response.body': (bytes) => new Response(bytes).body,
  Blob: (bytes) => new Blob([bytes]),
};
const requestBodies = {
  'Request.body': (request) => request.body,
  'Request.arrayBuffer()': (request) => request.arrayBuffer(),
};

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/read') {
      try {
        return Response.json(await summarizeRead(lib, await requestBodies[url.searchParams.get('kind')](request)));
      } catch (e) {
        return Response.json({ error: `${e?.name}: ${e?.message}` });
      }
    }
    const result = await runChecks(lib, async (file, kind) => bodies[kind](data[file]), Object.keys(bodies), manifest);
    return Response.json({ runtime: 'workerd', result });
  },
};
