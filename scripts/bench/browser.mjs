#!/usr/bin/env node
// npm run bench:browser: the core reader in real Chromium (playwright-core; binary at
// CHROMIUM_PATH or /usr/bin/chromium) against the browser's naive way, side by side in one page.
// dist/index.js is bundled for the browser with esbuild (platform browser, no Node built-ins, as
// the browser tests do) and served from a throwaway node:http server on 127.0.0.1 with the body:
// the gen corpus's c16 (16 MiB of JSON gzipped) if bench-results/gen-corpus has it, else the
// project's c16. The page fetches it once as a Blob, then times
//   (a) naive        new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text()
//                    + JSON.parse -> Records
//   (b) readRecords  readRecords(blob)
//   (c) novalidate   readRecords(blob, { validate: false })
// 1 warm-up (cold) pass + 5 timed passes each, alternating a, b, c, a, b, c...; medians; ratios
// b/a and c/a as speed (x of naive, > 1 is faster). Every pass must count the manifest's records.
// Prints a markdown table and writes bench-results/browser.md. (needs `npx tsup` first)
//   node scripts/bench/browser.mjs [--passes 5]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { builtinModules } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.mjs';
import { readManifest, writeCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'bench-results');
const args = process.argv.slice(2);
const passes = Number(args.includes('--passes') ? args[args.indexOf('--passes') + 1] : 5);
if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`);
if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/index.js missing: npm run build first');
const loadStart = loadavg();

// ---- the body ---------------------------------------------------------------------------------
let corpus = 'gen:c16';
let dir = join(out, 'gen-corpus');
if (!existsSync(join(dir, 'manifest.json'))) {
  corpus = 'project:c16';
  dir = join(out, 'corpus');
  writeCorpus(dir);
}
const entry = readManifest(dir).c16;
const gz = readFileSync(join(dir, entry.files[0]));

// ---- the page ---------------------------------------------------------------------------------
const PAGE = `
import { readRecords } from './dist/index.js';
const ways = {
  async naive(blob) {
    const text = await new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    return JSON.parse(text).Records.length;
  },
  async readRecords(blob) {
    let n = 0;
    for await (const _ of readRecords(blob)) n++;
    return n;
  },
  async novalidate(blob) {
    let n = 0;
    for await (const _ of readRecords(blob, { validate: false })) n++;
    return n;
  },
};
let blob;
export async function load() {
  blob = await (await fetch('/body.json.gz')).blob();
  return blob.size;
}
export async function pass(way) {
  const t = performance.now();
  const records = await ways[way](blob);
  return { ms: performance.now() - t, records };
}
`;
/** Refuses every Node built-in, whatever esbuild's platform rules would do. */
const noNodeModules = {
  name: 'no-node-modules',
  setup(build) {
    const builtins = new Set(builtinModules);
    build.onResolve({ filter: /.*/ }, (a) => {
      const bare = a.path.replace(/^node:/, '').split('/')[0] ?? '';
      if (a.path.startsWith('node:') || builtins.has(bare) || builtins.has(a.path))
        return { errors: [{ text: `Node module "${a.path}" imported by ${a.importer} in a browser bundle` }] };
      return undefined;
    });
  },
};
const bundle = (
  await esbuild.build({
    stdin: { contents: PAGE, resolveDir: root, sourcefile: 'bench-page.js' },
    bundle: true,
    format: 'iife',
    globalName: '__exports',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    logLevel: 'silent',
    plugins: [noNodeModules],
    footer: { js: 'window.__ready = true;' },
  })
).outputFiles[0].text;

const files = {
  '/': {
    body: '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/entry.js"></script>',
    type: 'text/html; charset=utf-8',
  },
  '/entry.js': { body: bundle, type: 'text/javascript; charset=utf-8' },
  '/body.json.gz': { body: gz, type: 'application/octet-stream' },
};
const server = http.createServer((req, res) => {
  const file = files[new URL(req.url ?? '/', 'http://x').pathname];
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: CHROMIUM_ARGS,
});
const ways = ['naive', 'readRecords', 'novalidate'];
const times = Object.fromEntries(ways.map((w) => [w, []]));
const cold = {};
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${url}/`);
  await page
    .waitForFunction(() => window.__ready === true, undefined, { timeout: 30_000 })
    .catch((e) => {
      throw new Error(`page did not load: ${errors.join('; ') || e}`);
    });
  const size = await page.evaluate(() => window.__exports.load());
  if (size !== gz.length) throw new Error(`the page got ${size} bytes, expected ${gz.length}`);
  for (let i = 0; i <= passes; i++)
    for (const way of ways) {
      const r = await page.evaluate((w) => window.__exports.pass(w), way);
      if (r.records !== entry.records) throw new Error(`${way}: ${r.records} records, expected ${entry.records}`);
      if (i === 0) cold[way] = r.ms;
      else times[way].push(r.ms);
      console.error(`${way} pass ${i}${i === 0 ? ' (cold)' : ''}: ${r.ms.toFixed(0)} ms`);
    }
  const version = browser.version();
  await page.close();

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mib = entry.jsonBytes / 1048576;
  const med = Object.fromEntries(ways.map((w) => [w, median(times[w])]));
  const label = {
    naive: '(a) naive: DecompressionStream + Response.text() + JSON.parse',
    readRecords: '(b) readRecords(blob)',
    novalidate: '(c) readRecords(blob, { validate: false })',
  };
  const la = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const report = [
    `Chromium ${version} (playwright-core, headless), Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${availableParallelism()} cores, loadavg ${la(loadStart)} at start, ${la(loadavg())} at end.`,
    `Body: ${corpus}, ${mib.toFixed(1)} MiB JSON (${(gz.length / 1048576).toFixed(1)} MiB gz), ${entry.records} records, one Blob in the page; 1 cold pass + ${passes} timed passes each, alternating; median. ratio = x of (a) (> 1 is faster).`,
    '',
    '| way | MiB/s | records/s | ratio | median ms | cold (first) pass ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...ways.map(
      (w) =>
        `| ${label[w]} | ${(mib / (med[w] / 1000)).toFixed(1)} | ${Math.round(entry.records / (med[w] / 1000))} | ${(med.naive / med[w]).toFixed(2)}x | ${med[w].toFixed(0)} | ${cold[w].toFixed(0)} |`,
    ),
    '',
    `b/a = ${(med.naive / med.readRecords).toFixed(2)}x, c/a = ${(med.naive / med.novalidate).toFixed(2)}x (speed; time ratios a/b, a/c).`,
  ].join('\n');
  console.log(report);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'browser.md'), `${report}\n`);
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}
