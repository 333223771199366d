/**
 * Helpers of the CLI tests: run the built bin (`dist/cli.js`, built with tsup when missing) as a
 * subprocess, and count the sample logs independently of the CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** Project root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI. */
export const cli = join(root, 'dist/cli.js');
/** The sample logs. */
export const sampleLogs = join(root, 'examples/logs');

/** Builds `dist/` with tsup when the CLI or the worker script is missing. */
export function ensureCli(): void {
  const worker = join(root, 'dist/node-worker.js');
  if (!existsSync(cli) || statSync(cli).size < 10_000 || !existsSync(worker)) {
    execFileSync('npx', ['tsup'], { cwd: root, stdio: 'ignore' });
  }
}

/** What a run of the CLI printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` in the project root (stdin: `input`, else empty). */
export function runCli(args: readonly string[], input?: string | Buffer): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under a folder, sorted. */
export function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** Every record of the sample log files (digests excluded), read with zlib and JSON.parse. */
export function sampleRecords(): Record<string, unknown>[] {
  return walk(sampleLogs)
    .filter((f) => f.endsWith('.json.gz') && !f.includes('CloudTrail-Digest'))
    .flatMap(
      (f) =>
        (JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: Record<string, unknown>[] }).Records,
    );
}
