// Builds dist/ once per test run: vitest's globalSetup (vitest.config.ts), and scripts/test.sh
// before the package checks (`node test/setup/build.mjs`). No test file runs tsup: they all read
// the dist/ built here. The build is skipped when dist/ is newer than every input (a stamp in
// node_modules/.cache, outside the published files); `--force` always builds.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const stamp = join(root, 'node_modules/.cache/cloudtrail-chime/dist-built');
const inputs = ['src', 'tsup.config.ts', 'package.json', 'tsconfig.json'];

/** Newest modification time among the build's inputs. */
function newestInput() {
  let newest = 0;
  const visit = (path) => {
    const s = statSync(path);
    newest = Math.max(newest, s.mtimeMs);
    if (s.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const input of inputs) visit(join(root, input));
  return newest;
}

/** Runs tsup unless dist/ is up to date; returns whether it built. */
export function ensureBuilt({ force = false } = {}) {
  if (!force && existsSync(stamp) && existsSync(join(root, 'dist')) && statSync(stamp).mtimeMs > newestInput()) {
    return false;
  }
  execFileSync(join(root, 'node_modules/.bin/tsup'), ['--silent'], { cwd: root, stdio: 'inherit' });
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return true;
}

/** vitest globalSetup */
export default function setup() {
  ensureBuilt();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuilt({ force: process.argv.includes('--force') });
