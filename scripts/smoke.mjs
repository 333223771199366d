// Imports the built package through its exports map, as ESM and as CJS, and reads a record.
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const body = gzipSync(JSON.stringify({ Records: [{ eventVersion: '1.11', eventName: 'CreateMeeting' }] }));
const pkg = require('../package.json');
const entries = Object.keys(pkg.exports).filter((k) => k !== './package.json');
for (const entry of entries) {
  const spec = entry === '.' ? 'cloudtrail-chime' : `cloudtrail-chime/${entry.slice(2)}`;
  const esm = await import(spec);
  const cjs = require(spec);
  if (Object.keys(esm).length === 0 || Object.keys(cjs).length === 0) throw new Error(`${spec}: no exports`);
}
for (const mod of [await import('cloudtrail-chime'), require('cloudtrail-chime')]) {
  const file = await mod.readLogFile(body);
  if (file.kind !== 'log' || file.records.length !== 1) throw new Error('smoke: wrong read');
}
console.log(`smoke: ${entries.length} entry point(s) imported as ESM and CJS`);
