// Bun: the checks against dist/ with Bun's own body types. Usage: bun bun.mjs FIXTURES_DIR
import { readChimeEvents } from '../../../dist/chime.js';
import { classifyIdentity, readRecords, verifyDigestFile } from '../../../dist/index.js';
import { runChecks } from '../checks.mjs';

const dir = Bun.argv[2];
const manifest = await Bun.file(`${dir}/fixtures.json`).json();
const path = (file) => `${dir}/${manifest.files[file]}`;
const bodies = {
  'Bun.file (a Blob)': (p) => Bun.file(p),
  'Bun.file().stream()': (p) => Bun.file(p).stream(),
  'Response(Bun.file()).body': (p) => new Response(Bun.file(p)).body,
  'Bun.file().bytes()': (p) => Bun.file(p).bytes(),
};
const result = await runChecks(
  { readRecords, classifyIdentity, verifyDigestFile, readChimeEvents },
  async (file, kind) => bodies[kind](path(file)),
  Object.keys(bodies),
  manifest,
);
console.log(JSON.stringify({ runtime: `bun ${Bun.version}`, result }));
