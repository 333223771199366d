import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../src/index.js';
import { corporaDir, corpusFiles, hasCorpora } from '../helpers/corpora.js';
import { gz, logText, record, tempDir } from '../node/fixtures.js';
import { browserAvailable, bundleForBrowser, type ServedFile, withBrowserPage } from './harness.js';
import type { BodyForm, PageRead } from './pages/read.js';

const run = browserAvailable();

/** Files served to the page: name → bytes as stored (gzip or plain), and the records Node reads from them. */
const cases = new Map<string, { bytes: Uint8Array; headers?: Record<string, string> }>();

function addOwnFixtures() {
  const records = Array.from({ length: 300 }, (_, i) => record(1, i));
  const text = logText(records);
  cases.set('/own/single.json.gz', { bytes: gz(text) });
  cases.set('/own/two-members.json.gz', {
    bytes: new Uint8Array([...gz(text.slice(0, 5000)), ...gz(text.slice(5000))]),
  });
  cases.set('/own/padded.json.gz', { bytes: new Uint8Array([...gz(text), ...new Uint8Array(512)]) });
  cases.set('/own/plain.json', { bytes: new TextEncoder().encode(text) });
  cases.set('/own/ndjson.json', { bytes: new TextEncoder().encode(records.map((r) => JSON.stringify(r)).join('\n')) });
  // stored gzip, served WITH Content-Encoding: the browser inflates it before the page sees it
  cases.set('/own/content-encoding.json.gz', { bytes: gz(text), headers: { 'content-encoding': 'gzip' } });
}

function addCorpusFixtures(): number {
  if (!hasCorpora) return 0;
  const picked = corpusFiles()
    .filter((f) => f.kind !== 'digest')
    .filter((_, i) => i % 40 === 0);
  const insight = corpusFiles().find((f) => f.kind === 'insight');
  const digest = corpusFiles().find((f) => f.kind === 'digest');
  for (const f of [...picked, insight, digest]) {
    if (f) cases.set(`/corpora/${f.path}`, { bytes: new Uint8Array(readFileSync(join(corporaDir, f.path))) });
  }
  return cases.size;
}

async function nodeRead(bytes: Uint8Array): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of readRecords(bytes)) out.push(r);
  return out;
}

describe.skipIf(!run)('core reader in Chromium (esbuild browser bundle)', () => {
  const results = new Map<string, PageRead>();
  const forms: BodyForm[] = ['blob', 'file', 'stream', 'arraybuffer', 'bytes', 'sdk-like'];
  let damaged = '';
  let userAgent = '';

  beforeAll(async () => {
    addOwnFixtures();
    const before = cases.size;
    if (addCorpusFixtures() === 0) console.warn('[test/browser] ../shared/corpora absent: only own fixtures are read');
    else expect(cases.size).toBeGreaterThan(before);
    const files: Record<string, ServedFile> = {};
    for (const [path, c] of cases) files[path] = { body: c.bytes, headers: c.headers, chunk: 4096 };
    const bad = gz(logText([record(2, 0)]));
    bad[bad.length - 1] = 0x7f; // ISIZE wrong
    files['/own/damaged.json.gz'] = { body: bad };
    await withBrowserPage(
      'test/browser/pages/read.ts',
      async ({ call }) => {
        for (const path of cases.keys()) {
          for (const form of forms) {
            const r = await call<PageRead>('readUrl', path, form);
            results.set(`${path} ${form}`, r);
            userAgent = r.userAgent;
          }
        }
        damaged = await call<string>('errorCode', '/own/damaged.json.gz');
      },
      { files },
    );
  });

  it('really runs in headless Chromium', () => {
    expect(userAgent).toMatch(/HeadlessChrome\//);
  });

  it('reads every body form (Blob, File, fetch stream, ArrayBuffer, bytes, SDK-like) like Node does', async () => {
    for (const [path, c] of cases) {
      const want = await nodeRead(c.bytes);
      if (!path.includes('Digest')) expect(want.length, path).toBeGreaterThan(0);
      for (const form of forms) {
        expect(results.get(`${path} ${form}`)?.records, `${path} as ${form}`).toEqual(want);
      }
    }
  });

  it('reads a gzip object the browser already inflated (Content-Encoding: gzip)', () => {
    const r = results.get('/own/content-encoding.json.gz stream');
    expect(r?.contentEncoding).toBe('gzip');
    expect(r?.head).toEqual([0x7b, 0x22]); // '{"': inflated by the HTTP layer
    expect(r?.records).toHaveLength(300);
    expect(results.get('/own/single.json.gz blob')?.head).toEqual([0x1f, 0x8b]); // served raw
  });

  it('rejects damaged gzip in the browser too', () => {
    expect(damaged).toBe('INVALID_GZIP');
  });
});

describe('browser bundle', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('ct-bundle-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles the core entry for the browser without Node modules', async () => {
    const code = await bundleForBrowser('src/index.ts');
    expect(code.length).toBeGreaterThan(1000);
  });

  it('fails the build when anything imports a Node module', async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, "import { gunzipSync } from 'node:zlib';\nexport const f = gunzipSync;\n");
    await expect(bundleForBrowser(entry)).rejects.toThrow(/node:zlib/);
    writeFileSync(entry, "import { readFileSync } from 'fs';\nexport const f = readFileSync;\n");
    await expect(bundleForBrowser(entry)).rejects.toThrow(/fs/);
  });
});
