// npm run bench: generates the seeded corpora (once, under bench-results/corpus), runs each
// contender x corpus in its own process (3 processes per cell, median), and prints a markdown
// table of MiB/s of uncompressed JSON, records/s, the ratio to the naive baseline measured in
// the same run, and peak RSS. Options: --quick (fewer reps, 1 process per cell), --only c16.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, 'bench-results', 'corpus');
mkdirSync(dir, { recursive: true });
const quick = process.argv.includes('--quick');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const t0 = performance.now();
const manifest = writeCorpus(dir);
console.error(`corpus ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const corpora = ['c1', 'c16', 'c128', 'many'].filter((c) => !only || only.split(',').includes(c));
const contenders = [
  'naive',
  'readRecords',
  'readRecords-novalidate',
  'readRecords-stream',
  'streamparser',
  'stream-json',
];
const reps = { c1: 20, c16: 7, c128: 3, many: 5 };
const processes = quick ? 1 : 3;

const results = [];
for (const corpus of corpora) {
  for (const name of contenders) {
    if ((name === 'stream-json' || name === 'streamparser') && corpus === 'c128' && quick) continue;
    const runs = [];
    for (let p = 0; p < processes; p++) {
      const out = execFileSync(
        process.execPath,
        [
          join(root, 'scripts/bench/contender.mjs'),
          name,
          dir,
          corpus,
          String(quick ? Math.max(2, Math.ceil(reps[corpus] / 3)) : reps[corpus]),
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      runs.push(JSON.parse(out.trim().split('\n').pop()));
    }
    runs.sort((a, b) => a.mibs - b.mibs);
    const mid = runs[Math.floor(runs.length / 2)];
    // peak RSS: a separate single cold pass reading from disk
    const cold = JSON.parse(
      execFileSync(process.execPath, [join(root, 'scripts/bench/contender.mjs'), name, dir, corpus, '0'], {
        encoding: 'utf8',
      })
        .trim()
        .split('\n')
        .pop(),
    );
    mid.maxRssMiB = cold.maxRssMiB;
    mid.coldMs = cold.coldMs;
    results.push(mid);
    console.error(`${corpus} ${name}: ${mid.mibs.toFixed(1)} MiB/s, ${mid.maxRssMiB.toFixed(0)} MiB RSS`);
  }
}

const lines = [
  `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; median of ${processes} process(es) per cell; ratio = x of the naive baseline in this run.`,
  '',
  '| contender | corpus | MiB/s | records/s | ratio | peak RSS MiB (one pass from disk) |',
  '|---|---|---:|---:|---:|---:|',
];
for (const r of results) {
  const base = results.find((b) => b.corpus === r.corpus && b.name === 'naive');
  lines.push(
    `| ${r.name} | ${r.corpus} (${r.mib.toFixed(0)} MiB JSON, ${r.records} rec) | ${r.mibs.toFixed(1)} | ${Math.round(r.recs)} | ${(r.mibs / base.mibs).toFixed(2)}x | ${r.maxRssMiB.toFixed(0)} |`,
  );
}
const table = lines.join('\n');
console.log(table);
writeFileSync(join(root, 'bench-results', 'results.md'), `${table}\n`);
console.log(`\n(${manifest.many.files.length} small files in 'many'; results also in bench-results/results.md)`);
