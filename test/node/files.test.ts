/**
 * Finding log files (`findLogFiles`) and what `readLogFiles` does with paths it cannot read.
 */
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLogFiles, isCloudTrailFileName, type LogFileIssue, readLogFiles } from '../../src/node/index.js';
import { gz, logKey, logText, put, record, tempDir } from './fixtures.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const log = put(dir, logKey(1), gz(logText([record(1, 0), record(1, 1)])));
const insight = put(
  dir,
  'AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/20/123456789012_CloudTrail-Insight_us-east-1_20261120T1000Z_abc.json.gz',
  gz(logText([])),
);
put(dir, 'node_modules/pkg/package.json', '{"name":"pkg"}');
put(dir, 'node_modules/pkg/123456789012_CloudTrail_us-east-1_20261120T1000Z_dep.json', '{}');
put(dir, '.cache/123456789012_CloudTrail_us-east-1_20261120T1000Z_hidden.json.gz', gz(logText([])));
put(dir, 'config.json', '{}');
put(dir, 'notes.json.gz', gz('{}'));

describe('findLogFiles', () => {
  it('skips node_modules/ and dot-folders, and files not named like CloudTrail objects', async () => {
    const found = await findLogFiles(dir);
    expect(found.logFiles.sort()).toEqual([log, insight].sort());
    expect(found.sizes).toHaveLength(2);
    expect(found.sizes.every((s) => s > 0)).toBe(true);
  });

  it('allFiles takes every *.json and *.json.gz (still not node_modules/ or dot-folders)', async () => {
    const found = await findLogFiles(dir, { allFiles: true });
    expect(found.logFiles.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      ['config.json', 'notes.json.gz', log.slice(dir.length + 1), insight.slice(dir.length + 1)].sort(),
    );
  });

  it('takes a path named explicitly whatever its name; follows a symbolic link to a folder once', async () => {
    expect((await findLogFiles(join(dir, 'config.json'))).logFiles).toEqual([join(dir, 'config.json')]);
    const linked = tempDir();
    try {
      mkdirSync(join(linked, 'logs'));
      symlinkSync(join(dir, 'AWSLogs'), join(linked, 'logs', 'a'));
      symlinkSync(join(dir, 'AWSLogs'), join(linked, 'logs', 'b'));
      expect((await findLogFiles(linked)).logFiles).toHaveLength(2);
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  });

  it('throws for a missing path, or hands it to onError and goes on', async () => {
    const missing = join(dir, 'missing');
    await expect(findLogFiles([missing, dir])).rejects.toMatchObject({ code: 'ENOENT' });
    const errors: [string, string | undefined][] = [];
    const found = await findLogFiles([missing, dir], {
      onError: (path, error) => errors.push([path, (error as NodeJS.ErrnoException).code]),
    });
    expect(errors).toEqual([[missing, 'ENOENT']]);
    expect(found.logFiles).toHaveLength(2);
  });

  it('isCloudTrailFileName', () => {
    expect(isCloudTrailFileName('111122223333_CloudTrail_us-east-1_20251104T1015Z_HotrVGY2w6YSxunu.json.gz')).toBe(
      true,
    );
    expect(isCloudTrailFileName('111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20251104T190000Z.json.gz')).toBe(
      true,
    );
    expect(isCloudTrailFileName('package.json')).toBe(false);
    expect(isCloudTrailFileName('f0001.json.gz')).toBe(false);
  });
});

describe('readLogFiles with paths it cannot read', () => {
  it('hands a missing path to onInvalid with its path and reads the rest', async () => {
    const missing = join(dir, 'missing.json.gz');
    const issues: LogFileIssue[] = [];
    const files = readLogFiles([missing, dir], { onInvalid: (i) => issues.push(i) });
    let n = 0;
    for await (const _ of files) n++;
    expect(n).toBe(2);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: missing, error: { code: 'ENOENT' } });
    expect(issues[0]?.record).toBeUndefined();
    expect(files.summary.invalidFiles.map((f) => f.file)).toEqual([missing]);
    expect(files.summary).toMatchObject({ files: 2, filesRead: 2, records: 2 });
    expect(files.summary.bytesRead).toBe(files.summary.bytes);
  });

  it("throws the system error with the path under 'throw'", async () => {
    const missing = join(dir, 'missing.json.gz');
    const err = await (async () => {
      for await (const _ of readLogFiles([missing, dir])) {
        // nothing
      }
    })().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOENT', file: missing });
  });
});
