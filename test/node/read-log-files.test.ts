import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../src/index.js';
import type { LogFileIssue } from '../../src/node/index.js';
import * as source from '../../src/node/index.js';
import { corporaDir, corpusFiles, hasCorpora } from '../helpers/corpora.js';
import { ensureDist, importDistNode, root } from './dist.js';
import { digestText, gz, logKey, logText, put, record, tempDir } from './fixtures.js';

let dist: typeof source;
let dir: string;
const expected = new Map<string, number>();
let corrupt: string;
let badRecordFile: string;

beforeAll(async () => {
  dist = await importDistNode();
  dir = tempDir();
  // 12 good files (gz, padded gz, two-member gz, plain json), a corrupt one in the middle, a digest
  for (let n = 0; n < 12; n++) {
    const records = Array.from({ length: 1 + ((n * 7) % 23) }, (_, i) => record(n, i));
    let bytes: Uint8Array = gz(logText(records));
    if (n === 3) bytes = new Uint8Array([...bytes, 0, 0, 0, 0, 0, 0, 0, 0]);
    if (n === 4) {
      const text = logText(records);
      bytes = new Uint8Array([...gz(text.slice(0, 100)), ...gz(text.slice(100))]);
    }
    const rel = n === 5 ? logKey(n).replace(/\.gz$/, '') : logKey(n);
    const path = put(dir, rel, n === 5 ? logText(records) : bytes);
    expected.set(path, records.length);
  }
  const bad = gz(logText([record(99, 0), record(99, 1)]));
  bad[bad.length - 6] = (bad[bad.length - 6] as number) ^ 0xff; // CRC-32 broken
  corrupt = put(dir, logKey(6, '21'), bad);
  badRecordFile = put(
    dir,
    logKey(7, '21'),
    gz(logText([record(77, 0), { eventVersion: '1.11', eventTime: 42, eventName: 'Broken' }, record(77, 2)])),
  );
  put(
    dir,
    'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/20/123456789012_CloudTrail-Digest_us-east-1_t_us-east-1_20261120T100000Z.json.gz',
    gz(digestText),
  );
  put(dir, 'AWSLogs/notes.txt', 'not a log file');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function drain(it: AsyncIterable<{ file: string; record: { eventID?: unknown } }>) {
  const byFile = new Map<string, number>();
  const ids: unknown[] = [];
  for await (const { file, record } of it) {
    byFile.set(file, (byFile.get(file) ?? 0) + 1);
    ids.push(record.eventID);
  }
  return { byFile, ids };
}

for (const mode of ['workers', 'in-process'] as const) {
  describe(`readLogFiles (${mode})`, () => {
    const concurrency = mode === 'workers' ? 2 : 0;

    it('reports a corrupt file with its path and still reads the others', async () => {
      const issues: LogFileIssue[] = [];
      const files = dist.readLogFiles(dir, { concurrency, onInvalid: (i) => issues.push(i) });
      const { byFile, ids } = await drain(files);
      for (const [path, n] of expected) expect(byFile.get(path), path).toBe(n);
      expect(byFile.get(badRecordFile)).toBe(2);
      expect(byFile.has(corrupt)).toBe(false);
      expect(new Set(ids).size).toBe(ids.length);
      const fileIssue = issues.find((i) => i.record === undefined);
      expect(fileIssue?.file).toBe(corrupt);
      expect((fileIssue?.error as { code?: string } | undefined)?.code).toBe('INVALID_GZIP');
      const recordIssue = issues.find((i) => i.record !== undefined);
      expect(recordIssue?.file).toBe(badRecordFile);
      expect(recordIssue?.record?.recordIndex).toBe(1);
      expect((recordIssue?.error as { code?: string } | undefined)?.code).toBe('INVALID_RECORD');
      expect(recordIssue?.record?.raw).toContain('Broken');
      expect(files.summary).toMatchObject({
        files: 14,
        filesRead: 13,
        digestFiles: 1,
        records: ids.length,
        invalidRecords: 1,
        workers: concurrency,
      });
      expect(files.summary.invalidFiles.map((f) => f.file)).toEqual([corrupt]);
    });

    it("throws a CloudTrailFileError naming the file by default ('throw')", async () => {
      const err = await drain(dist.readLogFiles([corrupt], { concurrency })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(dist.CloudTrailFileError);
      expect(err).toMatchObject({ name: 'CloudTrailFileError', code: 'INVALID_GZIP', file: corrupt });
      const rec = await drain(dist.readLogFiles([badRecordFile], { concurrency })).catch((e: unknown) => e);
      expect(rec).toMatchObject({ code: 'INVALID_RECORD', recordIndex: 1, file: badRecordFile });
    });

    it("skips silently with 'skip' but counts", async () => {
      const files = dist.readLogFiles([dir], { concurrency, onInvalid: 'skip' });
      await drain(files);
      expect(files.summary.invalidFiles).toHaveLength(1);
      expect(files.summary.invalidRecords).toBe(1);
    });

    it('rejects junk after zero padding (INVALID_GZIP), like the core reader', async () => {
      const d = tempDir();
      try {
        const junk = put(d, 'a.json.gz', new Uint8Array([...gz(logText([record(1, 1)])), 0, 0, 0, 0, 7]));
        const err = await drain(dist.readLogFiles(junk, { concurrency })).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'INVALID_GZIP', file: junk });
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    });

    it('stops on break and on abort', async () => {
      let n = 0;
      for await (const _ of dist.readLogFiles(dir, { concurrency, onInvalid: 'skip', batchSize: 2 })) {
        if (++n === 3) break;
      }
      expect(n).toBe(3);
      const ac = new AbortController();
      const it2 = dist.readLogFiles(dir, { concurrency, onInvalid: 'skip', signal: ac.signal, batchSize: 2 });
      const err = await (async () => {
        for await (const _ of it2) ac.abort();
      })().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ABORTED' });
    });
  });
}

describe('readLogFiles back-pressure', () => {
  it('delivers every record of many small files through tiny batches and a slow consumer', async () => {
    const d = tempDir();
    try {
      let total = 0;
      for (let n = 0; n < 150; n++) {
        const k = 1 + (n % 5);
        total += k;
        put(
          d,
          `f${String(n).padStart(3, '0')}.json.gz`,
          gz(logText(Array.from({ length: k }, (_, i) => record(n, i)))),
        );
      }
      for (const concurrency of [1, 2]) {
        const files = dist.readLogFiles(d, { concurrency, batchSize: 3, allFiles: true });
        let n = 0;
        for await (const _ of files) if (++n % 50 === 0) await new Promise((r) => setTimeout(r, 5));
        expect(n).toBe(total);
        expect(files.summary).toMatchObject({ files: 150, filesRead: 150, records: total });
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('readLogFiles from sources and CJS', () => {
  it('falls back to the calling thread when the worker script is missing (TypeScript sources)', async () => {
    const files = source.readLogFiles(dir, { onInvalid: 'skip' });
    const { ids } = await drain(files);
    expect(files.summary.workers).toBe(0);
    expect(ids.length).toBe(files.summary.records);
    expect(files.summary.records).toBe([...expected.values()].reduce((a, b) => a + b, 2));
  });

  it('uses an explicit worker script from the sources', async () => {
    const files = source.readLogFiles(dir, {
      onInvalid: 'skip',
      concurrency: 2,
      workerUrl: join(root, 'dist/node-worker.js'),
    });
    await drain(files);
    expect(files.summary.workers).toBe(2);
    expect(files.summary.records).toBe([...expected.values()].reduce((a, b) => a + b, 2));
  });

  it('works from the CJS build (worker found through __dirname)', () => {
    const cjs = ensureDist('node.cjs');
    const script = `const { readLogFiles } = require(${JSON.stringify(cjs)});
      (async () => { const it = readLogFiles(${JSON.stringify(dir)}, { onInvalid: 'skip', concurrency: 2 });
      let n = 0; for await (const _ of it) n++; console.log(JSON.stringify({ n, workers: it.summary.workers })); })();`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out).toEqual({ n: [...expected.values()].reduce((a, b) => a + b, 2), workers: 2 });
  });
});

describe.skipIf(!hasCorpora)('readLogFiles over the corpora (AWSLogs trees)', () => {
  it('yields each record exactly once', async () => {
    const roots = readdirSync(corporaDir)
      .map((d) => join(corporaDir, d, 'AWSLogs'))
      .filter((p) => existsSync(p));
    const manifest = corpusFiles();
    const files = dist.readLogFiles(roots);
    const got = new Map<string, string[]>();
    for await (const { file, record } of files) {
      const rel = file.slice(corporaDir.length + 1);
      const list = got.get(rel) ?? [];
      list.push(JSON.stringify(record));
      got.set(rel, list);
    }
    expect(files.summary.workers).toBeGreaterThan(0);
    expect(files.summary.digestFiles).toBe(manifest.filter((f) => f.kind === 'digest').length);
    expect(files.summary.records).toBe(manifest.reduce((a, f) => a + f.records, 0));
    for (const f of manifest) {
      if (f.kind === 'digest') {
        expect(got.has(f.path)).toBe(false);
        continue;
      }
      const want: string[] = [];
      for await (const r of readRecords(
        new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(join(corporaDir, f.path)))),
      )) {
        want.push(JSON.stringify(r));
      }
      expect(want.length, f.path).toBe(f.records);
      expect(got.get(f.path) ?? [], f.path).toEqual(want);
    }
  });
});

if (!hasCorpora) console.warn('[test/node] corpora absent: skipping the AWSLogs tree test');

describe('readLogFiles big files and options that rule out the fast path', () => {
  it('streams a file larger than 1 MiB and matches readRecords, with and without workers', async () => {
    const d = tempDir();
    try {
      const big = logText(Array.from({ length: 2500 }, (_, i) => record(500, i)));
      expect(big.length).toBeGreaterThan(1 << 20);
      const file = put(d, 'big.json', big);
      put(d, 'small.json.gz', gz(logText([record(1, 0), record(1, 1)])));
      const want: string[] = [];
      for await (const r of readRecords(big)) want.push(JSON.stringify(r));
      for (const concurrency of [0, 1]) {
        for (const strict of [false, true]) {
          const got: string[] = [];
          const files = dist.readLogFiles(d, { concurrency, strict, onInvalid: 'skip', allFiles: true });
          for await (const { file: f, record } of files) if (f === file) got.push(JSON.stringify(record));
          if (!strict) expect(got).toEqual(want);
          expect(files.summary).toMatchObject({ files: 2, filesRead: 2 });
        }
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
