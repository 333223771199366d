// Node (20, 22, 24): the checks against dist/ with Node's own body types. Usage: node node.mjs FIXTURES_DIR
import { createReadStream, openAsBlob, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readChimeEvents } from '../../../dist/chime.js';
import { classifyIdentity, readRecords, verifyDigestFile } from '../../../dist/index.js';
import { runChecks } from '../checks.mjs';

const dir = process.argv[2];
const manifest = JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8'));
const path = (file) => join(dir, manifest.files[file]);
const bodies = {
  Buffer: (p) => readFileSync(p),
  'fs.createReadStream': (p) => createReadStream(p, { highWaterMark: 4096 }),
  'Readable.toWeb': (p) => Readable.toWeb(createReadStream(p)),
  'fs.openAsBlob': (p) => openAsBlob(p),
  'Response.body': (p) => new Response(readFileSync(p)).body,
};
const result = await runChecks(
  { readRecords, classifyIdentity, verifyDigestFile, readChimeEvents },
  async (file, kind) => bodies[kind](path(file)),
  Object.keys(bodies),
  manifest,
);
console.log(JSON.stringify({ runtime: `node ${process.version}`, result }));
