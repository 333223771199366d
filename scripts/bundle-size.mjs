// One way to measure what a browser app pays for an import of this package, shared by
// scripts/sizes.mjs (the published figures) and test/browser/bundle-size.test.ts (the budgets):
// `export <what> from '<path>'` bundled by esbuild for the browser, minified, then gzip -9.
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

/**
 * @param {{ root: string, path: string, what: string, external?: string[] }} input
 *   `path` relative to `root` (e.g. `dist/index.js`); `what` is `*` or `{ a, b }`.
 * @returns {Promise<{ min: number, gzip: number }>} bytes, minified and minified + gzip
 */
export async function bundleSize({ root, path, what, external = [] }) {
  const contents = `export ${what} from './${path}';`;
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
    external,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
