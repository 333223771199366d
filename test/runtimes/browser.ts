/** The browser runtimes of the matrix: test/runtimes/entries/browser.mjs in a page served from 127.0.0.1. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServedFile } from '../browser/harness.js';
import type { Fixtures } from './fixtures.js';

/** Body types of the page (as named in entries/browser.mjs). */
export const browserReadKinds = ['fetch().body', 'Response.blob()', 'File', 'Uint8Array(Response.arrayBuffer())'];

/** The fixture folder as served files (raw bytes: no content-encoding, so gzip stays gzip). */
export function servedFixtures(fx: Fixtures): Record<string, ServedFile> {
  const files: Record<string, ServedFile> = {};
  for (const name of readdirSync(fx.dir)) files[`/${name}`] = { body: readFileSync(join(fx.dir, name)), chunk: 8192 };
  return files;
}

/** The `result` of `run()` in the page, after logging which browser answered. */
export function resultOf(answer: { runtime: string; result: Record<string, unknown> }): Record<string, unknown> {
  console.log(`[${answer.runtime}]`);
  return answer.result;
}
