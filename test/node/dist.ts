import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Project root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const distDir = join(root, 'dist');

/**
 * Builds `dist/` with tsup when it is missing (the top-level `npm test` builds before vitest).
 * Returns the path of a built file.
 */
export function ensureDist(file = 'node.js'): string {
  const path = join(distDir, file);
  const worker = join(distDir, 'node-worker.js');
  if (!existsSync(path) || !existsSync(worker) || statSync(worker).size < 1000) {
    execFileSync('npx', ['tsup'], { cwd: root, stdio: 'ignore' });
  }
  return path;
}

/** The built `cloudtrail-chime/node` (ESM), typed from the sources. */
export async function importDistNode(): Promise<typeof import('../../src/node/index.js')> {
  return import(pathToFileURL(ensureDist('node.js')).href);
}
