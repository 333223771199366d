// Browsers (Chromium, Firefox): the checks against dist/ with the page's own body types, the
// fixtures fetched from the test server. Bundled by test/browser/harness.ts; the page calls run().
import { readChimeEvents } from '../../../dist/chime.js';
import { classifyIdentity, readRecords, verifyDigestFile } from '../../../dist/index.js';
import { runChecks } from '../checks.mjs';

const get = async (name) => {
  const response = await fetch(`/${name}`);
  if (!response.ok) throw new Error(`GET /${name}: ${response.status}`);
  return response;
};

const bodies = {
  'fetch().body': async (name) => (await get(name)).body,
  'Response.blob()': async (name) => (await get(name)).blob(),
  File: async (name) => new File([await (await get(name)).arrayBuffer()], name),
  'Uint8Array(Response.arrayBuffer())': async (name) => new Uint8Array(await (await get(name)).arrayBuffer()),
};

export async function run() {
  const manifest = await (await get('fixtures.json')).json();
  const result = await runChecks(
    { readRecords, classifyIdentity, verifyDigestFile, readChimeEvents },
    (file, kind) => bodies[kind](manifest.files[file]),
    Object.keys(bodies),
    manifest,
  );
  return { runtime: navigator.userAgent, result };
}
