import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../src/index.js';
import { corporaDir, hasCorpora } from '../helpers/corpora.js';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** What the file holds, read whole: a JSON array of records or NDJSON. */
function expected(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as unknown[];
  return trimmed
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

describe.skipIf(!hasCorpora)('corpora as published (JSON arrays and NDJSON, auto-detected)', () => {
  for (const source of ['stratus-red-team', 'panther-analysis', 'security-datasets']) {
    it(`${source}: every record of every original file comes through`, async () => {
      const files = jsonFiles(join(corporaDir, source, 'original')).filter((f) => !f.endsWith('manifest.json'));
      expect(files.length).toBeGreaterThan(0);
      let total = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const trimmed = text.trim();
        if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) continue;
        let want: unknown[];
        try {
          want = expected(text);
        } catch {
          continue; // not a record collection (e.g. a pretty-printed single object)
        }
        if (!want.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) continue;
        const got: unknown[] = [];
        for await (const r of readRecords(text)) got.push(r);
        expect(got, file).toEqual(want);
        total += got.length;
      }
      expect(total).toBeGreaterThan(0);
    });
  }
});
