/**
 * `cloudtrail-chime verify` (and `summary` over s3://) on a generated trail: a local copy and the
 * real local S3 server. Exit 0 only when everything verified; --json is the library's result.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_SIDECAR, verifyTrailFolder } from '../../src/node/index.js';
import { verifyTrail } from '../../src/s3/index.js';
import { makeTrail, RECORDS_PER_FILE, type TrailFile, tamper, testKey } from '../helpers/trail.js';
import { put, tempDir } from '../node/fixtures.js';
import { type LocalS3, startLocalS3 } from '../s3/server.js';
import { cli, ensureCli, root } from './helpers.js';

const BUCKET = 'cli-trail';
let dir: string;
let cleanDir: string;
let keysFile: string;
let signaturesFile: string;
let s3: LocalS3;

/** The CLI as a child process (not spawnSync: the test keeps serving while it runs). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: {
        ...process.env,
        FORCE_COLOR: '0',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_REGION: 'us-east-1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // the AWS SDK warns on Node 20 that its 2027 versions need Node 22: not the CLI's output
    const sdkWarning = /\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?--trace-warnings[^\n]*\n/;
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.replace(sdkWarning, '') }));
  });
}

function writeCopy(target: string, files: TrailFile[], sidecars: boolean) {
  for (const f of files) {
    put(target, f.key, f.body);
    if (sidecars && f.signature) put(target, `${f.key}${SIGNATURE_SIDECAR}`, f.signature);
  }
}

beforeAll(async () => {
  ensureCli();
  dir = tempDir('ct-cli-verify-');
  const key = testKey();
  // what `aws cloudtrail list-public-keys` prints (Value in base64)
  keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      PublicKeyList: [
        {
          Value: Buffer.from(key.pkcs1).toString('base64'),
          ValidityStartTime: '2026-01-01T00:00:00+00:00',
          ValidityEndTime: '2027-01-01T00:00:00+00:00',
          Fingerprint: key.fingerprint,
        },
      ],
    }),
  );
  cleanDir = join(dir, 'clean');
  writeCopy(cleanDir, makeTrail(BUCKET), true);
  const tampered = tamper(makeTrail(BUCKET));
  writeCopy(join(dir, 'tampered'), tampered.files, false);
  signaturesFile = join(dir, 'signatures.json');
  writeFileSync(
    signaturesFile,
    JSON.stringify(Object.fromEntries(tampered.files.filter((f) => f.signature).map((f) => [f.key, f.signature]))),
  );
  s3 = await startLocalS3([BUCKET, 'clean-cli-trail']);
  const client = s3.client();
  const upload = async (bucket: string, files: TrailFile[]) => {
    for (let i = 0; i < files.length; i += 16) {
      await Promise.all(
        files.slice(i, i + 16).map((f) =>
          client.send(
            new PutObjectCommand({
              Bucket: bucket,
              Key: f.key,
              Body: f.body,
              Metadata: f.signature ? { signature: f.signature } : undefined,
            }),
          ),
        ),
      );
    }
  };
  await upload(BUCKET, tampered.files);
  await upload('clean-cli-trail', makeTrail('clean-cli-trail'));
});

afterAll(async () => {
  await s3?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('cloudtrail-chime verify', () => {
  it('a valid copy: a readable report, exit 0', async () => {
    const r = await run(['verify', cleanDir, '--public-keys', keysFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('digests:   192 valid');
    expect(r.stdout).toContain('log files: 192 valid');
    expect(r.stdout).toContain('VERIFIED: every digest and log file in the range is valid.');
    expect(r.stdout).not.toContain('Problems:');
  });

  it('a tampered copy: every problem listed, exit 1; --json is the library result', async () => {
    const args = ['verify', join(dir, 'tampered'), '--since', '2026-11-20', '--until', '2026-11-22'];
    const r = await run([...args, '--public-keys', keysFile, '--signatures', signaturesFile]);
    expect(r.code).toBe(1);
    const problems = r.stdout.split('\n').filter((l) => /^ {2}(digest|log file) /.test(l));
    expect(problems.map((l) => l.trim().split(/\s+/).slice(0, -1).join(' ')).sort()).toEqual(
      [
        'digest chain-broken',
        'digest invalid-signature',
        'digest missing',
        'log file missing',
        'log file modified',
        'log file not-covered',
        'log file not-covered',
      ].sort(),
    );
    expect(r.stdout).toContain('named by AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/11/20/');
    expect(r.stdout).toMatch(/NOT VERIFIED: 7 problems\.\n$/);

    const json = await run([...args, '--public-keys', keysFile, '--signatures', signaturesFile, '--json']);
    expect(json.code).toBe(1);
    const library = await verifyTrailFolder(join(dir, 'tampered'), {
      publicKeys: testKey().pkcs1,
      since: '2026-11-20',
      until: '2026-11-22',
      signatures: signaturesFile,
    });
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(library)));
  });

  it('the same trail in S3: exit 1, --json equal to verifyTrail; a clean bucket exits 0', async () => {
    const range = ['--since', '2026-11-20T00:00:00Z', '--until', '2026-11-22T00:00:00Z'];
    const endpoint = ['--endpoint-url', s3.endpoint, '--public-keys', keysFile];
    const r = await run(['verify', `s3://${BUCKET}`, ...range, ...endpoint, '--json']);
    expect(r.code).toBe(1);
    const client = s3.client();
    const library = await verifyTrail({
      client,
      bucket: BUCKET,
      since: '2026-11-20T00:00:00Z',
      until: '2026-11-22T00:00:00Z',
      publicKeys: testKey().pkcs1,
    });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(library)));
    const ok = await run(['verify', 's3://clean-cli-trail', ...range, ...endpoint, '--account', '444455556666']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('digests:   96 valid');
  });

  it('usage errors exit 2: no range for s3://, no public keys', async () => {
    const noRange = await run(['verify', `s3://${BUCKET}`, '--public-keys', keysFile]);
    expect(noRange.code).toBe(2);
    expect(noRange.stderr).toMatch(/needs --since and --until/);
    const noKeys = await run(['verify', cleanDir]);
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toMatch(/aws cloudtrail list-public-keys/);
  });
});

describe('summary and events over s3://', () => {
  it('summary --json counts every Chime event of the range; --account/--region narrow it', async () => {
    const base = ['--since', '2026-11-21T00:00:00Z', '--until', '2026-11-21T06:00:00Z', '--endpoint-url', s3.endpoint];
    const r = await run(['summary', 's3://clean-cli-trail', ...base, '--json', '--no-progress']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { input: Record<string, number> };
    // the files delivered in the hour after --until are read too; the time filter keeps the range exact
    expect(summary.input).toMatchObject({
      filesRead: 4 * 7,
      filesInvalid: 0,
      matchedRecords: 4 * 6 * RECORDS_PER_FILE,
    });
    const narrow = await run([
      'events',
      's3://clean-cli-trail',
      ...base,
      '--account',
      '111122223333',
      '--region',
      'eu-west-1',
      '--ndjson',
    ]);
    expect(narrow.code).toBe(0);
    const events = narrow.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events).toHaveLength(6 * RECORDS_PER_FILE);
    expect(new Set(events.map((e) => `${e.recipientAccountId}/${e.awsRegion}`))).toEqual(
      new Set(['111122223333/eu-west-1']),
    );
  });
});
