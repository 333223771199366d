/**
 * Helpers of the CLI tests: run the built bin (`dist/cli.js`, built by vitest's globalSetup) as a
 * subprocess, and count the sample logs independently of the CLI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** Project root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI. */
export const cli = join(root, 'dist/cli.js');
/** The sample logs. */
export const sampleLogs = join(root, 'examples/logs');

/** Checks that the CLI is built (vitest's globalSetup, test/setup/build.mjs, builds dist/ once per run). */
export function ensureCli(): void {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run the tests through vitest (its globalSetup builds dist/)`);
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
