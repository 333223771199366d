import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogFile, readRecords } from '../../src/index.js';
import { corporaDir, corpusFiles, hasCorpora } from '../helpers/corpora.js';

describe.skipIf(!hasCorpora)('public corpora (../shared/corpora)', () => {
  const files = corpusFiles();

  it('has the files the manifest lists', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('reads every log and Insights file with the record count of manifest.json', async () => {
    let total = 0;
    for (const f of files.filter((x) => x.kind !== 'digest')) {
      const body = readFileSync(join(corporaDir, f.path));
      const issues: unknown[] = [];
      const records = [];
      for await (const r of readRecords(body, { onInvalid: (i) => issues.push(i) })) records.push(r);
      expect(issues, f.path).toEqual([]);
      expect(records.length, f.path).toBe(f.records);
      total += records.length;
    }
    expect(total).toBe(files.reduce((n, f) => n + (f.kind === 'digest' ? 0 : f.records), 0));
  });

  it('yields the Insights records of Insights files', async () => {
    for (const f of files.filter((x) => x.kind === 'insight')) {
      const file = await readLogFile(readFileSync(join(corporaDir, f.path)));
      expect(file.kind).toBe('log');
      if (file.kind === 'log') {
        expect(file.records.every((r) => r.eventType === 'AwsCloudTrailInsight')).toBe(true);
      }
    }
  });

  it('reads digest files as digests, and readRecords yields nothing for them', async () => {
    const digests = files.filter((x) => x.kind === 'digest');
    expect(digests.length).toBeGreaterThan(0);
    for (const f of digests) {
      const body = readFileSync(join(corporaDir, f.path));
      const file = await readLogFile(body);
      expect(file.kind, f.path).toBe('digest');
      const records = [];
      for await (const r of readRecords(body)) records.push(r);
      expect(records).toEqual([]);
    }
  });

  it('validates what the whole-file JSON.parse sees, record for record', async () => {
    const { gunzipSync } = await import('node:zlib');
    for (const f of files.filter((x) => x.kind !== 'digest').slice(0, 60)) {
      const body = readFileSync(join(corporaDir, f.path));
      const expected = (JSON.parse(gunzipSync(body).toString('utf8')) as { Records: unknown[] }).Records;
      const file = await readLogFile(body);
      expect(file.kind === 'log' && file.records).toEqual(expected);
    }
  });
});
