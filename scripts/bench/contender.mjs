// Runs one contender on one corpus in this process; prints one JSON line.
//   node scripts/bench/contender.mjs <contender> <corpusDir> <corpus> <reps>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

const [name, dir, corpus, repsArg] = process.argv.slice(2);
const reps = Number(repsArg);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))[corpus];
const bodies = reps === 0 ? [] : manifest.files.map((f) => readFileSync(join(dir, f)));
const lib = await import('../../dist/index.js');

const contenders = {
  async naive(body, sink) {
    for (const r of JSON.parse(gunzipSync(body).toString('utf8')).Records) sink(r);
  },
  async readRecords(body, sink) {
    for await (const r of lib.readRecords(body)) sink(r);
  },
  async 'readRecords-novalidate'(body, sink) {
    for await (const r of lib.readRecords(body, { validate: false })) sink(r);
  },
  async 'readRecords-stream'(body, sink) {
    // from a Node stream of 64 KiB chunks, as from fs or S3
    for await (const r of lib.readRecords(Readable.from(chunks(body)))) sink(r);
  },
  async streamparser(body, sink) {
    const { JSONParser } = await import('@streamparser/json');
    const { Gunzip } = await import('fflate');
    const parser = new JSONParser({ paths: ['$.Records.*'], keepStack: false });
    parser.onValue = ({ value }) => sink(value);
    const gunzip = new Gunzip((data) => parser.write(data));
    for (const c of chunks(body)) gunzip.push(c);
    gunzip.push(new Uint8Array(0), true);
  },
  async 'stream-json'(body, sink) {
    const { parser } = await import('stream-json');
    const { pick } = await import('stream-json/filters/pick.js');
    const { streamArray } = await import('stream-json/streamers/stream-array.js');
    const { chain } = await import('stream-chain');
    const pipeline = chain([
      Readable.from(chunks(body)),
      createGunzip(),
      parser(),
      pick({ filter: 'Records' }),
      streamArray(),
    ]);
    for await (const { value } of pipeline) sink(value);
  },
};

function* chunks(body) {
  for (let at = 0; at < body.length; at += 65536) yield body.subarray(at, at + 65536);
}

const run = contenders[name];
if (reps === 0) {
  // peak-RSS mode: one cold pass, each file read from disk (streamed where the contender streams)
  const { createReadStream } = await import('node:fs');
  const streaming = name.startsWith('readRecords');
  let n = 0;
  const t = performance.now();
  for (const f of manifest.files) {
    const path = join(dir, f);
    if (streaming)
      for await (const _ of lib.readRecords(
        createReadStream(path, { highWaterMark: 65536 }),
        name === 'readRecords-novalidate' ? { validate: false } : {},
      ))
        n++;
    else await run(readFileSync(path), () => n++);
  }
  console.log(
    JSON.stringify({
      name,
      corpus,
      records: n,
      coldMs: performance.now() - t,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}
if (!run) throw new Error(`unknown contender ${name}`);
let count = 0;
const sink = () => {
  count++;
};
async function once() {
  count = 0;
  const t = performance.now();
  for (const b of bodies) await run(b, sink);
  return performance.now() - t;
}
const first = await once();
const warmEnd = performance.now() + 1000;
while (performance.now() < warmEnd) await once();
const times = [];
for (let i = 0; i < reps; i++) times.push(await once());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
if (count !== manifest.records) throw new Error(`${name}: ${count} records, expected ${manifest.records}`);
const mib = manifest.jsonBytes / 1048576;
console.log(
  JSON.stringify({
    name,
    corpus,
    records: count,
    mib,
    medianMs: median,
    firstMs: first,
    mibs: mib / (median / 1000),
    recs: count / (median / 1000),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
