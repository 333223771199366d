// npm run bench: the benchmark of the reader against the naive baseline (`readFileSync` +
// `zlib.gunzipSync` + `JSON.parse(...).Records`) measured in the same run, side by side.
//
// Corpora (generated once under bench-results/, which git ignores):
//   project:c1 c16 c128 many  our seeded corpus (corpus.mjs writeCorpus; many = 2,000 small files)
//   gen:c1 c16 c128 many      ../shared/bench-baseline/gen-corpus.mjs, run as it is (skipped when absent)
//   mixed:mixed16 mixed128    one gzip file of 16 / 128 MiB of JSON, ~5 % Chime records (corpus.mjs)
// Modes (each contender runs in its own child process, contender.mjs; this file is the one place
// that starts a child and reads its JSON line):
//   single  a fresh process per pass, as a CLI run or a Lambda: the child reads the input from
//           disk and processes it once; time inside the child around the work (imports excluded),
//           peak RSS of that child (VmHWM on Linux: getrusage's maxRSS would carry this
//           process's RSS over the fork + exec). Median of 3 processes per cell (5 on the 16 MiB corpora),
//           contenders alternating so that machine noise hits all of them.
//   steady  one process per cell run: warm-up >= 1 s, then N timed passes, median; median of 3
//           processes. In-memory contenders are compared with naive on the same bytes in memory,
//           contenders that read the disk (streams, readLogFiles) with naive-disk (readFileSync on
//           every pass; naive-disk itself with naive).
// Every child checks its record count against the manifest (throws otherwise). On mixed,
// readChimeEvents, readRecords({eventSource}) and naive + isChimeRecord must agree.
// Prints markdown tables and writes bench-results/results.md.
//
//   node scripts/bench/run.mjs [--quick] [--only gen:c16,project:many,mixed16,gen] [--mode single|steady]
//                              [--peers] [--folder]
//   --quick   1 process per cell, fewer passes, no c128 / mixed128 (unless named in --only)
//   --peers   also @streamparser/json and stream-json (steady state, c16 only)
//   --folder  only the many corpora; readLogFiles at concurrency 0, 1, 2 too (npm run bench:folder)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { contenders as defs } from './contender.mjs';
import { readManifest, recordFactory, writeCorpus, writeMixedCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'bench-results');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const quick = args.includes('--quick');
const peers = args.includes('--peers');
const folderSweep = args.includes('--folder');
const modeArg = opt('mode');
if (modeArg && modeArg !== 'single' && modeArg !== 'steady') throw new Error('--mode single|steady');
const modes = modeArg ? [modeArg] : ['single', 'steady'];
const only = (opt('only') ?? (folderSweep ? 'many' : '')).split(',').filter(Boolean);

const started = Date.now();
const loadStart = loadavg();
const log = (s) => console.error(s);

// ---- corpora --------------------------------------------------------------------------------
const GEN = '../shared/bench-baseline/gen-corpus.mjs'; // relative to the repo root
const sets = {
  project: { dir: join(out, 'corpus'), names: ['c1', 'c16', 'c128', 'many'], what: 'project seeded corpus' },
  gen: { dir: join(out, 'gen-corpus'), names: ['c1', 'c16', 'c128', 'many'], what: `gen corpus (${GEN})` },
  mixed: {
    dir: join(out, 'corpus-mixed'),
    names: ['mixed16', 'mixed128'],
    what: 'mixed corpus (corpus.mjs, ~5 % Chime records)',
  },
};
const big = (name) => name === 'c128' || name === 'mixed128';
const known = new Set(
  Object.entries(sets).flatMap(([s, { names }]) => [s, ...names, ...names.map((n) => `${s}:${n}`)]),
);
for (const t of only) if (!known.has(t)) throw new Error(`--only: unknown corpus ${t}`);
const named = (set, name) => only.some((t) => t === name || t === `${set}:${name}`);
const selected = Object.entries(sets).flatMap(([set, { names }]) =>
  names
    .filter((name) => !only.length || named(set, name) || only.includes(set))
    .filter((name) => !quick || !big(name) || named(set, name))
    .filter((name) => !folderSweep || name === 'many')
    .map((name) => ({ set, name })),
);
const notes = [];
const want = (set) => selected.some((c) => c.set === set);

if (want('project')) {
  const t = performance.now();
  writeCorpus(sets.project.dir);
  log(`project corpus ready (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}
if (want('gen')) {
  const dir = sets.gen.dir;
  const ready = () => {
    if (!existsSync(join(dir, 'manifest.json'))) return false;
    return Object.values(readManifest(dir)).every((c) => c.files.every((f) => existsSync(join(dir, f))));
  };
  if (!existsSync(join(root, GEN))) {
    notes.push(`gen corpus SKIPPED: ${GEN} not found (../shared is absent)`);
  } else if (!ready()) {
    log(`generating the gen corpus: node ${GEN} ${relative(root, dir)}`);
    try {
      execFileSync(process.execPath, [GEN, relative(root, dir)], { cwd: root, stdio: ['ignore', 2, 2] });
    } catch (e) {
      notes.push(`gen corpus SKIPPED: ${GEN} failed (${e.message.split('\n')[0]})`);
    }
  }
  if (notes.some((n) => n.startsWith('gen corpus SKIPPED'))) {
    log(notes.at(-1));
    selected.splice(0, selected.length, ...selected.filter((c) => c.set !== 'gen'));
  }
}
if (want('mixed')) {
  const t = performance.now();
  writeMixedCorpus(
    sets.mixed.dir,
    selected.filter((c) => c.set === 'mixed').map((c) => c.name),
  );
  log(`mixed corpus ready (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

// Does dist honour ReadOptions.eventSource yet? (an S3 record must not come through a Chime filter)
async function eventSourceSupported() {
  const { readRecords } = await import(new URL('../../dist/index.js', import.meta.url).href);
  const record = recordFactory(1, { sources: [['s3.amazonaws.com', 1]] })();
  let n = 0;
  try {
    for await (const _ of readRecords(gzipSync(JSON.stringify({ Records: [record] })), {
      eventSource: ['chime.amazonaws.com'],
    }))
      n++;
  } catch {
    return false;
  }
  return n === 0;
}
const withEventSource = want('mixed') && (await eventSourceSupported());
if (want('mixed') && !withEventSource)
  notes.push(
    'readRecords-eventSource-stream SKIPPED: dist ignores ReadOptions.eventSource (a probe S3 record came through a Chime filter); it runs, with its count check, once the option lands',
  );

// ---- plan -----------------------------------------------------------------------------------
function plan(set, name, mode) {
  if (set === 'mixed')
    return ['naive-chime', 'readChimeEvents-stream', ...(withEventSource ? ['readRecords-eventSource-stream'] : [])];
  const naive = mode === 'steady' ? ['naive', 'naive-disk'] : ['naive'];
  if (name === 'many') {
    const folder = ['readLogFiles', 'readLogFiles-novalidate'];
    if (folderSweep) return [...naive, ...folder, 'readLogFiles-c0', 'readLogFiles-c1', 'readLogFiles-c2'];
    return [...naive, 'readRecords-stream', 'readRecords-bytes', 'readRecords-novalidate', ...folder];
  }
  const lib = ['readRecords-stream', 'readRecords-bytes', 'readRecords-novalidate'];
  return [...naive, ...lib, ...(mode === 'steady' && peers && name === 'c16' ? ['streamparser', 'stream-json'] : [])];
}
/** The row a contender's ratio is taken to. */
function baseline(set, contender, mode) {
  if (set === 'mixed') return 'naive-chime';
  if (mode === 'single' || contender === 'naive-disk') return 'naive';
  return defs[contender].input === 'body' ? 'naive' : 'naive-disk';
}
const processes = (name, mode) => (quick ? 1 : mode === 'single' && /16$/.test(name) ? 5 : 3);
const STEADY_REPS = { c1: 20, c16: 7, mixed16: 7, c128: 3, mixed128: 3, many: 5 };
const stepsOf = (name) => (quick ? Math.max(2, Math.ceil(STEADY_REPS[name] / 3)) : STEADY_REPS[name]);

/** The one place that starts a child process and reads its JSON line. */
function child(argv) {
  try {
    const stdout = execFileSync(process.execPath, [join(root, 'scripts/bench/contender.mjs'), ...argv], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(stdout.trim().split('\n').pop());
  } catch (e) {
    throw new Error(`contender.mjs ${argv.join(' ')} failed:\n${e.stderr || e.message}`);
  }
}

// ---- run ------------------------------------------------------------------------------------
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tables = [];
for (const { set, name } of selected) {
  const { dir, what } = sets[set];
  const entry = readManifest(dir)[name];
  const gzBytes = entry.files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const mib = entry.jsonBytes / 1048576;
  for (const mode of modes) {
    const list = plan(set, name, mode);
    const n = processes(name, mode);
    const runs = Object.fromEntries(list.map((c) => [c, []]));
    for (let p = 0; p < n; p++)
      for (const c of list) {
        const r = child([mode, c, dir, name, ...(mode === 'steady' ? [String(stepsOf(name))] : [])]);
        runs[c].push(r);
        log(`${set}:${name} ${mode} ${c} [${p + 1}/${n}]: ${r.ms.toFixed(0)} ms, ${r.maxRssMiB.toFixed(0)} MiB RSS`);
      }
    if (set === 'mixed') {
      const counts = new Set(list.map((c) => runs[c][0].records));
      if (counts.size !== 1) throw new Error(`${name}: the Chime contenders disagree on the count: ${[...counts]}`);
    }
    const rows = list.map((c) => {
      const ms = median(runs[c].map((r) => r.ms));
      const all = runs[c].map((r) => r.ms);
      return {
        contender: c,
        ms,
        records: runs[c][0].records,
        rss: median(runs[c].map((r) => r.maxRssMiB)),
        spread: n > 1 ? (Math.max(...all) - Math.min(...all)) / ms : undefined,
      };
    });
    const lines = [
      `### ${set}:${name} — ${mode === 'single' ? 'single pass' : 'steady state'}`,
      '',
      `${what}: ${entry.files.length} file${entry.files.length > 1 ? 's' : ''}, ${mib.toFixed(1)} MiB JSON (${(gzBytes / 1048576).toFixed(1)} MiB gz), ${entry.records} records` +
        (entry.chimeRecords !== undefined
          ? ` of which ${entry.chimeRecords} Chime (records/s counts all records)`
          : '') +
        '. ' +
        (mode === 'single'
          ? `Fresh process per pass, median of ${n}; time inside the child around reading + processing, imports excluded.`
          : `One process per run, warm-up >= 1 s then ${stepsOf(name)} passes (median); median of ${n} process${n > 1 ? 'es' : ''}.`),
      '',
      '| contender | MiB/s | records/s | ratio | vs | peak RSS MiB | spread |',
      '|---|---:|---:|---:|---|---:|---:|',
    ];
    for (const r of rows) {
      const base = rows.find((b) => b.contender === baseline(set, r.contender, mode));
      lines.push(
        `| ${r.contender} | ${(mib / (r.ms / 1000)).toFixed(1)} | ${Math.round(entry.records / (r.ms / 1000))} | ${(base.ms / r.ms).toFixed(2)}x | ${base.contender} | ${mode === 'single' ? r.rss.toFixed(0) : '—'} | ${r.spread === undefined ? '—' : `${(r.spread * 100).toFixed(0)} %`} |`,
      );
    }
    tables.push(lines.join('\n'));
  }
}

const loadEnd = loadavg();
const la = (l) => l.map((x) => x.toFixed(2)).join(' / ');
const minutes = (Date.now() - started) / 60000;
const report = [
  `Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${availableParallelism()} cores, loadavg (1/5/15 min) ${la(loadStart)} at start, ${la(loadEnd)} at end; ${minutes.toFixed(1)} min${quick ? '; --quick' : ''}.`,
  'ratio = x of the baseline row named in "vs", measured in this run (> 1 is faster). MiB/s counts uncompressed JSON. spread = (max - min) / median of the processes.',
  ...notes.map((n) => `\n**${n}**`),
  '',
  tables.join('\n\n'),
].join('\n');
console.log(report);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'results.md'), `${report}\n`);
console.log('\n(also in bench-results/results.md)');
