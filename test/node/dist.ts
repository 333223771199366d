import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Project root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = join(root, 'dist');

/**
 * Path of a built file. `dist/` is built once per run by vitest's globalSetup
 * (test/setup/build.mjs); no test builds it, so parallel test files never race on `dist/`.
 */
export function ensureDist(file = 'node.js'): string {
  const path = join(distDir, file);
  if (!existsSync(path))
    throw new Error(`${path} is missing: run the tests through vitest (its globalSetup builds dist/)`);
  return path;
}

/** The built `cloudtrail-chime/node` (ESM), typed from the sources. */
export async function importDistNode(): Promise<typeof import('../../src/node/index.js')> {
  return import(pathToFileURL(ensureDist('node.js')).href);
}
