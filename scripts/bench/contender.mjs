// One contender on one corpus, in this process (started by run.mjs); prints one JSON line.
//   node scripts/bench/contender.mjs single <contender> <corpusDir> <corpus>
//   node scripts/bench/contender.mjs steady <contender> <corpusDir> <corpus> <reps>
// single: one pass as a CLI run or a Lambda does it: every input is read from disk inside the
//   timed work (module imports excluded); reports the pass time and this process's peak RSS
//   (VmHWM on Linux, see peakRssMiB).
// steady: a first pass, warm-up until >= 1 s has passed, then <reps> timed passes; reports the
//   median. Inputs of kind 'body' are read into memory beforehand; 'file' contenders read the
//   file (page cache) on every pass; 'path' / 'folder' contenders open it themselves.
// The record count of every pass must equal the manifest's (the Chime count for the Chime
// contenders), or this throws.
import { createReadStream, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createGunzip, gunzipSync } from 'node:zlib';
import { readManifest } from './corpus.mjs';

const dist = (entry) => import(new URL(`../../dist/${entry}`, import.meta.url).href);
const lib = () => dist('index.js');

function* chunks(body) {
  for (let at = 0; at < body.length; at += 65536) yield body.subarray(at, at + 65536);
}
const naiveRecords = (body) => JSON.parse(gunzipSync(body).toString('utf8')).Records;

/**
 * input: 'body' (bytes; in memory in steady state), 'file' (bytes read from disk on every pass),
 * 'path' (the contender opens the file), 'folder' (the folder of the corpus's files, once a pass).
 * load() returns (input, sink) => Promise<void> | void.
 */
export const contenders = {
  naive: {
    input: 'body',
    load: async () => (body, sink) => {
      for (const r of naiveRecords(body)) sink(r);
    },
  },
  'naive-disk': {
    input: 'file',
    load: async () => (body, sink) => {
      for (const r of naiveRecords(body)) sink(r);
    },
  },
  'readRecords-stream': {
    input: 'path',
    load: async () => {
      const { readRecords } = await lib();
      return async (path, sink) => {
        for await (const r of readRecords(createReadStream(path, { highWaterMark: 65536 }))) sink(r);
      };
    },
  },
  'readRecords-bytes': {
    input: 'body',
    load: async () => {
      const { readRecords } = await lib();
      return async (body, sink) => {
        for await (const r of readRecords(body)) sink(r);
      };
    },
  },
  'readRecords-novalidate': {
    input: 'body',
    load: async () => {
      const { readRecords } = await lib();
      return async (body, sink) => {
        for await (const r of readRecords(body, { validate: false })) sink(r);
      };
    },
  },
  // folder contenders: readLogFiles from cloudtrail-chime/node over the corpus's folder
  ...Object.fromEntries(
    [
      ['readLogFiles', {}],
      ['readLogFiles-novalidate', { validate: false }],
      ['readLogFiles-c0', { concurrency: 0 }],
      ['readLogFiles-c1', { concurrency: 1 }],
      ['readLogFiles-c2', { concurrency: 2 }],
    ].map(([name, options]) => [
      name,
      {
        input: 'folder',
        load: async () => {
          const { readLogFiles } = await dist('node.js');
          return async (folder, sink) => {
            // the corpus files are not named like CloudTrail objects
            for await (const { record } of readLogFiles(folder, { ...options, allFiles: true })) sink(record);
          };
        },
      },
    ]),
  ),
  // mixed corpus: Chime records only
  'naive-chime': {
    input: 'file',
    chime: true,
    load: async () => {
      const { isChimeRecord } = await dist('chime.js');
      return (body, sink) => {
        for (const r of naiveRecords(body)) if (isChimeRecord(r)) sink(r);
      };
    },
  },
  'readChimeEvents-stream': {
    input: 'path',
    chime: true,
    load: async () => {
      const { readChimeEvents } = await dist('chime.js');
      return async (path, sink) => {
        for await (const r of readChimeEvents(createReadStream(path, { highWaterMark: 65536 }))) sink(r);
      };
    },
  },
  'readRecords-eventSource-stream': {
    input: 'path',
    chime: true,
    load: async () => {
      const [{ readRecords }, { chimeEventSources }] = await Promise.all([lib(), dist('chime.js')]);
      const options = { eventSource: [...chimeEventSources] };
      return async (path, sink) => {
        for await (const r of readRecords(createReadStream(path, { highWaterMark: 65536 }), options)) sink(r);
      };
    },
  },
  // peers (steady state, in memory, 64 KiB chunks)
  streamparser: {
    input: 'body',
    load: async () => {
      const { JSONParser } = await import('@streamparser/json');
      const { Gunzip } = await import('fflate');
      return (body, sink) => {
        const parser = new JSONParser({ paths: ['$.Records.*'], keepStack: false });
        parser.onValue = ({ value }) => sink(value);
        const gunzip = new Gunzip((data) => parser.write(data));
        for (const c of chunks(body)) gunzip.push(c);
        gunzip.push(new Uint8Array(0), true);
      };
    },
  },
  'stream-json': {
    input: 'body',
    load: async () => {
      const { parser } = await import('stream-json');
      const { pick } = await import('stream-json/filters/pick.js');
      const { streamArray } = await import('stream-json/streamers/stream-array.js');
      const { chain } = await import('stream-chain');
      return async (body, sink) => {
        const pipeline = chain([
          Readable.from(chunks(body)),
          createGunzip(),
          parser(),
          pick({ filter: 'Records' }),
          streamArray(),
        ]);
        for await (const { value } of pipeline) sink(value);
      };
    },
  },
};

/**
 * This process's peak RSS since it started Node. On Linux, VmHWM of /proc/self/status:
 * `process.resourceUsage().maxRSS` (getrusage) keeps the high-water mark across execve, so a
 * child forked from a big parent (run.mjs after generating a 128 MiB corpus) would report at
 * least the parent's RSS. Elsewhere, maxRSS.
 */
function peakRssMiB() {
  try {
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Number(kib) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [mode, name, dir, corpus, repsArg] = process.argv.slice(2);
  const def = contenders[name];
  if (!def) throw new Error(`unknown contender ${name}`);
  const entry = readManifest(dir)[corpus];
  if (!entry) throw new Error(`no corpus ${corpus} in ${dir}`);
  const paths = entry.files.map((f) => join(dir, f));
  const expected = def.chime ? entry.chimeRecords : entry.records;
  if (expected === undefined) throw new Error(`${name}: corpus ${corpus} has no Chime record count`);
  const run = await def.load();

  let count = 0;
  const sink = () => {
    count++;
  };
  let inputs;
  if (def.input === 'folder') {
    const folder = dirname(paths[0]);
    if (paths.some((p) => dirname(p) !== folder)) throw new Error(`${corpus}: files are not in one folder`);
    inputs = () => [folder];
  } else if (def.input === 'path') inputs = () => paths;
  else if (def.input === 'body' && mode === 'steady') {
    const bodies = paths.map((p) => readFileSync(p));
    inputs = () => bodies;
  } else
    inputs = function* () {
      for (const p of paths) yield readFileSync(p); // one at a time, inside the timed pass
    };
  async function pass() {
    count = 0;
    const t = performance.now();
    for (const input of inputs()) await run(input, sink);
    const ms = performance.now() - t;
    if (count !== expected) throw new Error(`${name} on ${corpus}: ${count} records, expected ${expected}`);
    return ms;
  }

  const out = { contender: name, corpus, mode, records: count };
  if (mode === 'single') {
    out.ms = await pass();
  } else {
    const reps = Number(repsArg);
    out.firstMs = await pass();
    const warmEnd = performance.now() + 1000;
    while (performance.now() < warmEnd) await pass();
    const times = [];
    for (let i = 0; i < reps; i++) times.push(await pass());
    times.sort((a, b) => a - b);
    out.ms = times[Math.floor(times.length / 2)];
    out.times = times.map((t) => Math.round(t * 10) / 10);
  }
  out.records = count;
  out.maxRssMiB = peakRssMiB();
  console.log(JSON.stringify(out));
}
