#!/usr/bin/env node
// Trail benchmark: `readTrail` (cloudtrail-chime/s3, built dist/) at several concurrencies
// against a sequential loop of GetObject + whole-body gunzip + JSON.parse, over the local S3
// server (s3rver on 127.0.0.1, started here). Each measurement runs in its own process (peak
// RSS is that process's); medians of --runs alternating runs.
//
//   node scripts/bench/trail.mjs [--objects 200] [--kib 256] [--runs 3] [--seed 7] [--modes naive,1,4,16]
//   (needs `npx tsup` first; `npm run bench:trail` builds and runs it)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { logFile, recordFactory } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : args[i + 1];
};
const BUCKET = 'bench-trail';
const ACCOUNT = '111122223333';
const since = '2026-11-20T00:00:00Z';
const until = '2026-11-30T00:00:00Z';
const client = (endpoint) =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });

// ---- child: one measured run -------------------------------------------------------------
if (args[0] === '--run') {
  const [, mode, endpoint] = args;
  const s3 = client(endpoint);
  const t0 = process.hrtime.bigint();
  let records = 0;
  if (mode === 'naive') {
    // the obvious loop: list, then one object after the other, whole body, gunzip, JSON.parse
    let token;
    const keys = [];
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'AWSLogs/', ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    for (const Key of keys) {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
      const text = gunzipSync(await Body.transformToByteArray());
      records += JSON.parse(text.toString('utf8')).Records.length;
    }
  } else {
    const { readTrail } = await import(pathToFileURL(join(root, 'dist/s3.js')).href);
    for await (const { record } of readTrail({ client: s3, bucket: BUCKET, since, until, concurrency: Number(mode) })) {
      records++;
      if (record.eventName === undefined) throw new Error('no eventName');
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const usage = process.resourceUsage();
  s3.destroy();
  process.stdout.write(JSON.stringify({ records, seconds, rssKiB: usage.maxRSS }));
  process.exit(0);
}

// ---- orchestration ------------------------------------------------------------------------
const objects = Number(opt('objects', '200'));
const kib = Number(opt('kib', '256'));
const runs = Number(opt('runs', '3'));
const seed = Number(opt('seed', '7'));
const modes = opt('modes', 'naive,1,4,16').split(',');

const dir = mkdtempSync(join(tmpdir(), 'ct-trail-bench-'));
const server = spawn(
  process.execPath,
  ['--openssl-legacy-provider', join(root, 'test/s3/s3rver-child.mjs'), dir, BUCKET],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
try {
  const port = await new Promise((resolvePort, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolvePort(JSON.parse(out.split('\n')[0]).port);
    });
    server.on('exit', (code) => reject(new Error(`s3rver exited (${code})`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const s3 = client(endpoint);
  const next = recordFactory(seed);
  let inflated = 0;
  let compressed = 0;
  let total = 0;
  for (let i = 0; i < objects; i++) {
    const { text, records } = logFile(next, kib * 1024);
    const day = String(20 + (i % 10)).padStart(2, '0');
    const hhmm = String(Math.floor(i / 10) % 24).padStart(2, '0') + String(i % 60).padStart(2, '0');
    const Key = `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/${day}/${ACCOUNT}_CloudTrail_us-east-1_202611${day}T${hhmm}Z_${String(i).padStart(16, '0')}.json.gz`;
    const Body = gzipSync(text);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
    inflated += Buffer.byteLength(text);
    compressed += Body.length;
    total += records;
  }
  s3.destroy();
  const mib = (b) => b / 1048576;
  console.log(
    `trail: ${objects} objects, ${total} records, ${mib(inflated).toFixed(1)} MiB JSON, ${mib(compressed).toFixed(1)} MiB gz; ` +
      `node ${process.version}, ${availableParallelism()} cores (s3rver on 127.0.0.1 shares them)`,
  );
  const results = Object.fromEntries(modes.map((m) => [m, []]));
  for (let r = 0; r < runs; r++) {
    for (const mode of modes) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--run', mode, endpoint], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const line = child.stdout.trim().split('\n').pop();
      if (child.status !== 0 || !line?.startsWith('{')) throw new Error(`${mode}: ${child.stderr}`);
      const m = JSON.parse(line);
      if (m.records !== total) throw new Error(`${mode}: ${m.records} records, expected ${total}`);
      results[mode].push(m);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const naive = results.naive ? median(results.naive.map((m) => m.seconds)) : undefined;
  console.log(
    '\n| reader | objects/s | MiB/s (JSON) | records/s | ratio | peak RSS MiB |\n|---|---:|---:|---:|---:|---:|',
  );
  for (const mode of modes) {
    const s = median(results[mode].map((m) => m.seconds));
    const rss = median(results[mode].map((m) => m.rssKiB)) / 1024;
    const name = mode === 'naive' ? 'sequential GetObject + gunzipSync + JSON.parse' : `readTrail, concurrency ${mode}`;
    const ratio = naive ? `${(naive / s).toFixed(2)}x` : '-';
    console.log(
      `| ${name} | ${(objects / s).toFixed(1)} | ${mib(inflated / s).toFixed(1)} | ${Math.round(total / s)} | ${ratio} | ${rss.toFixed(0)} |`,
    );
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
