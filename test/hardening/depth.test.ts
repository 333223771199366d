/**
 * Nesting depth: a record nested 100,000 levels deep is reported as that one record
 * (`INVALID_RECORD`, through `onInvalid`) by readRecords, readLogFiles (workers included: the
 * other files are still read) and the CLI (exit 1, a clear message, no stack trace). Records are
 * transferred from workers exactly (`1e400`, `-0`).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LogBody, type ReadOptions, readLogFile, readRecords } from '../../src/index.js';
import type * as source from '../../src/node/index.js';
import { ensureCli, runCli } from '../cli/helpers.js';
import { importDistNode } from '../node/dist.js';
import { gz, logKey, put, record, tempDir } from '../node/fixtures.js';

const deep = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
/** A record whose `requestParameters` nests `levels` deep (so the record itself is `levels + 1` deep). */
const deepRecord = (levels: number) =>
  `{"eventVersion":"1.11","eventSource":"chime.amazonaws.com","eventName":"CreateMeeting","requestParameters":${deep(levels)}}`;
const good = record(1, 1);
const text = `{"Records":[${JSON.stringify(good)},${deepRecord(100_000)},${JSON.stringify(good)}]}`;

async function outcome(body: LogBody, options: ReadOptions = {}) {
  const issues: string[] = [];
  const records: unknown[] = [];
  try {
    for await (const r of readRecords(body, {
      ...options,
      onInvalid: (i) => issues.push(`${i.recordIndex} ${i.error.code} ${i.error.message}`),
    })) {
      records.push(r);
    }
    return { records, issues, error: undefined };
  } catch (e) {
    return { records, issues, error: e };
  }
}

describe('maxDepth in readRecords', () => {
  it('a 100,000-deep record is reported as one record; the others are yielded (every form)', async () => {
    const bytes = new TextEncoder().encode(text);
    for (const body of [text, bytes, gz(text), new Blob([gz(text)]), [bytes.subarray(0, 1000), bytes.subarray(1000)]]) {
      const r = await outcome(body);
      expect(r.error).toBeUndefined();
      expect(r.records).toEqual([good, good]);
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatch(/^1 INVALID_RECORD record 1 at byte \d+ is nested deeper than maxDepth \(1000\)$/);
    }
    await expect(readLogFile(text)).rejects.toMatchObject({ code: 'INVALID_RECORD', recordIndex: 1 });
  });

  it('the limit is the record’s own depth, whatever the layout', async () => {
    const at = `{"eventVersion":"1.11","x":${deep(4)}}`; // 5 levels
    for (const body of [`{"Records":[${at}]}`, `[${at}]`, `${at}\n${at}\n`, at]) {
      expect((await outcome(body, { maxDepth: 5 })).issues, body).toEqual([]);
      expect((await outcome(body, { maxDepth: 4 })).issues[0], body).toMatch(/INVALID_RECORD/);
    }
  });
});

describe('maxDepth in readLogFiles and the CLI', () => {
  let dir: string;
  let deepFile: string;
  let exactFile: string;
  let dist: typeof source;

  beforeAll(async () => {
    dist = await importDistNode();
    ensureCli();
    dir = tempDir('ct-depth-');
    put(dir, logKey(1), gz(JSON.stringify({ Records: [good] })));
    deepFile = put(dir, logKey(2), text);
    // over 1 MiB: read by the core reader in a worker, records sent as their own text
    const filler = Array.from({ length: 2500 }, (_, i) => JSON.stringify(record(3, i)));
    exactFile = put(
      dir,
      logKey(3),
      `{"Records":[{"eventVersion":"1.11","eventName":"Numbers","requestParameters":{"big":1e400,"neg":-0}},${filler.join(',')}]}`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('readLogFiles reports the deep record and reads every other record and file (workers and in-process)', async () => {
    for (const concurrency of [1, 0]) {
      const issues: string[] = [];
      const files = new Map<string, number>();
      for await (const { file } of dist.readLogFiles([dir], {
        concurrency,
        onInvalid: ({ file, error, record }) =>
          issues.push(`${file === deepFile} ${record?.recordIndex} ${(error as { code?: string }).code}`),
      })) {
        files.set(file, (files.get(file) ?? 0) + 1);
      }
      expect(issues, `concurrency ${concurrency}`).toEqual(['true 1 INVALID_RECORD']);
      expect(files.get(deepFile)).toBe(2);
      expect([...files.values()].reduce((a, b) => a + b)).toBe(1 + 2 + 2501);
    }
  });

  it('workers transfer records exactly as JSON.parse gives them (1e400, -0)', async () => {
    let seen = 0;
    for (const concurrency of [1, 0]) {
      for await (const { file, record } of dist.readLogFiles([exactFile], { concurrency })) {
        if (record.eventName !== 'Numbers') continue;
        seen++;
        const p = record.requestParameters as { big: number; neg: number };
        expect(p.big, file).toBe(Number.POSITIVE_INFINITY);
        expect(Object.is(p.neg, -0)).toBe(true);
      }
    }
    expect(seen).toBe(2);
  });

  it('cloudtrail-chime events --ndjson: exit 1, a clear message, no stack trace', () => {
    const r = runCli(['events', '--ndjson', join(deepFile)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nested deeper than maxDepth/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout.trim().split('\n')).toHaveLength(2); // the two good records
  });
});
