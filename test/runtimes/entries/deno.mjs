// Deno: the checks against dist/ with Deno's own body types. Usage: deno run --allow-read deno.mjs FIXTURES_DIR
import { readChimeEvents } from '../../../dist/chime.js';
import { classifyIdentity, readRecords, verifyDigestFile } from '../../../dist/index.js';
import { runChecks } from '../checks.mjs';

const dir = Deno.args[0];
const manifest = JSON.parse(await Deno.readTextFile(`${dir}/fixtures.json`));
const path = (file) => `${dir}/${manifest.files[file]}`;
const bodies = {
  'Deno.open().readable': async (p) => (await Deno.open(p)).readable,
  'Deno.readFile': (p) => Deno.readFile(p),
  'fetch(file:).body': async (p) => (await fetch(new URL(`file://${p}`))).body,
  Blob: async (p) => new Blob([await Deno.readFile(p)]),
};
const result = await runChecks(
  { readRecords, classifyIdentity, verifyDigestFile, readChimeEvents },
  async (file, kind) => bodies[kind](path(file)),
  Object.keys(bodies),
  manifest,
);
console.log(JSON.stringify({ runtime: `deno ${Deno.version.deno}`, result }));
