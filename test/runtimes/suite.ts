/**
 * One suite per runtime of the matrix: the runtime runs test/runtimes/checks.mjs against dist/
 * (built once by test/setup/build.ts) and each check is one test comparing its answer with the
 * host's (test/runtimes/fixtures.ts). scripts/test.sh prints one "NAME: N passed, N failed" line
 * per suite, found by its title "runtime NAME".
 *
 * A runtime that is missing fails its suite when `CI` is set, and is skipped with a warning otherwise.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../node/dist.js';
import { type Fixtures, runtimeFixtures } from './fixtures.js';

export interface Runtime {
  /** The body types of this runtime that the read checks use (as named in its entry script). */
  readKinds: readonly string[];
  /** Paths that must exist for the runtime to run (binaries, browsers). */
  needs: readonly string[];
  /** Runs the checks in the runtime; resolves to the `result` object of checks.mjs. */
  run(fixtures: Fixtures): Promise<Record<string, unknown>>;
}

const ok = { valid: true, signature: 'valid', location: 'match', logFiles: ['valid'] };

/** What the digest checks must give, whatever the host says. */
const verdicts: Record<string, unknown> = {
  'verifyDigestFile: signed digest and its log file': ok,
  'verifyDigestFile: a log file changed after delivery': { ...ok, valid: false, logFiles: ['hash-mismatch'] },
  'verifyDigestFile: a signature of other bytes': { ...ok, valid: false, signature: 'invalid' },
};

/** Names of the checks a runtime with these body types answers. */
export function checkNames(readKinds: readonly string[]): string[] {
  return [
    ...readKinds.flatMap((k) => [`read gzip from ${k}`, `read plain from ${k}`]),
    'classifyIdentity',
    'readChimeEvents',
    ...Object.keys(verdicts),
  ];
}

/** The host's answer for a check (the read checks compare with the host's byte bodies). */
function expectedFor(fixtures: Fixtures, name: string): unknown {
  const read = /^read (gzip|plain) from /.exec(name);
  return fixtures.expected[read ? `read ${read[1]} from bytes` : name];
}

/** Declares the suite "runtime NAME". */
export function runtimeSuite(name: string, runtime: Runtime): void {
  const missing = runtime.needs.filter((p) => !existsSync(p));
  const title = `runtime ${name}`;
  if (missing.length > 0) {
    const message = `${name}: ${missing.join(', ')} not found (run \`bash .ci/run\` or \`npm test\`, which install it)`;
    if (process.env.CI) {
      describe(title, () => {
        it('is installed', () => {
          throw new Error(`${message}; required when CI is set`);
        });
      });
    } else {
      console.warn(`\n!!! SKIPPING ${message} !!!\n`);
      describe.skip(title, () => {
        it('is installed', () => {});
      });
    }
    return;
  }
  describe(title, () => {
    let fixtures: Fixtures;
    let got: Record<string, unknown>;
    beforeAll(async () => {
      fixtures = await runtimeFixtures();
      // the host's own answers are not trivial, so every comparison below can fail
      expect(fixtures.expected['read gzip from bytes']).toMatchObject({ records: expect.any(Number) });
      expect((fixtures.expected['read gzip from bytes'] as { records: number }).records).toBeGreaterThan(0);
      expect(Object.keys(fixtures.expected.readChimeEvents as object).length).toBeGreaterThan(0);
      got = await runtime.run(fixtures);
    }, 180_000);
    for (const check of checkNames(runtime.readKinds)) {
      it(check, () => {
        expect(got[check]).toEqual(expectedFor(fixtures, check));
        if (check in verdicts) expect(got[check]).toEqual(verdicts[check]);
      });
    }
  });
}

/** Runs a command (cwd: project root), and parses the JSON line it prints last. */
export function runJson(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        const parsed = JSON.parse(last) as { runtime: string; result: Record<string, unknown> };
        console.log(`[${parsed.runtime}]`);
        resolve(parsed.result);
      } catch {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stdout}\n${stderr}`));
      }
    });
  });
}

/**
 * The first of `paths` that is a real binary (over 1 MB: the npm wrappers' postinstall copies the
 * platform package's binary into the wrapper, or leaves a placeholder there), else the first path.
 */
function binary(...paths: string[]): string {
  const rel = paths.map((p) => join(root, p));
  return rel.find((p) => existsSync(p) && statSync(p).size > 1_000_000) ?? (rel[0] as string);
}

/** Paths of the runtime binaries: npm packages of the root install, Node 22/24 from .ci/runtimes. */
export const binaries = {
  node22: binary('.ci/runtimes/node_modules/node22/bin/node'),
  node24: binary('.ci/runtimes/node_modules/node24/bin/node'),
  deno: binary('node_modules/deno/deno', 'node_modules/@deno/linux-x64-glibc/deno'),
  bun: binary('node_modules/bun/bin/bun.exe', 'node_modules/@oven/bun-linux-x64/bin/bun'),
  workerd: binary('node_modules/@cloudflare/workerd-linux-64/bin/workerd', 'node_modules/workerd/bin/workerd'),
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
};

/** The entry script of a runtime. */
export const entry = (file: string) => join(root, 'test/runtimes/entries', file);
