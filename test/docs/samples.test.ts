/**
 * Every ```ts block of README.md and docs/*.md is executed (its type check is in
 * readme.test.ts), against the built package (dist/, built by the existing `ensureDist` pattern
 * when missing) and the sample logs in examples/logs:
 *
 * - blocks run one after the other in one Node process (test/docs/runner.mjs), transpiled by
 *   TypeScript; `cloudtrail-chime*` imports resolve to dist/ (test/docs/hooks.mjs);
 * - what a block `declare`s (a body, a digest's signature and public key, an EventBridge event)
 *   is given as a global made from the sample logs; the digest is signed here with a fresh key;
 * - S3 is real: a local s3rver on 127.0.0.1 holding the sample logs (the AWS SDK is pointed at
 *   it with AWS_ENDPOINT_URL_S3); CloudTrail's ListPublicKeys is stubbed at the HTTP edge (a
 *   local server answering the JSON protocol with the test's key);
 * - the browser blocks run in Node with `document` and `fetch` stubbed at the I/O edge: the file
 *   input holds a sample log as a `File`, `fetch` answers with the sample log of that name;
 * - a block exporting a Lambda `handler` is called with a CloudWatch Logs event of sample records.
 */
import { spawn } from 'node:child_process';
import { createHash, webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, sampleLogs, walk } from '../cli/helpers.js';
import { ensureDist } from '../node/dist.js';
import { type LocalS3, startLocalS3 } from '../s3/server.js';
import { blocks, docs, where } from './blocks.js';

const outDir = join(root, 'node_modules/.cache/cloudtrail-chime-docs-run');
const all = docs().flatMap(blocks);
const files = walk(sampleLogs).filter((f) => f.endsWith('.json.gz'));
const digestFile = files.find((f) => f.includes('CloudTrail-Digest'))!;
const digestJson = JSON.parse(gunzipSync(readFileSync(digestFile)).toString('utf8')) as Record<string, string>;

interface Result {
  name: string;
  ok: boolean;
  output: string[];
  error?: string;
}
const results = new Map<string, Result>();
let s3: LocalS3;
let cloudtrail: Server;

/** A fresh RSA key; the sample digest signed with it as CloudTrail would; the key as ListPublicKeys gives it. */
async function signDigest() {
  const pair = await webcrypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const inflated = gunzipSync(readFileSync(digestFile));
  const text = [
    digestJson.digestEndTime,
    `${digestJson.digestS3Bucket}/${digestJson.digestS3Object}`,
    createHash('sha256').update(inflated).digest('hex'),
    digestJson.previousDigestSignature ?? 'null',
  ].join('\n');
  const signature = Buffer.from(
    await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, new TextEncoder().encode(text)),
  ).toString('hex');
  // ListPublicKeys returns the DER PKCS#1 RSAPublicKey: Node exports it as 'pkcs1'
  const { createPublicKey } = await import('node:crypto');
  const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', pair.publicKey));
  const pkcs1 = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'der', type: 'pkcs1' });
  return { signature, publicKey: pkcs1.toString('base64') };
}

/** CloudTrail's JSON API, stubbed: ListPublicKeys answers with the test's key. */
async function startCloudTrailStub(publicKey: string): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (!target.endsWith('.ListPublicKeys')) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'UnsupportedOperationException', message: target }));
        return;
      }
      res.end(
        JSON.stringify({
          PublicKeyList: [
            {
              Value: publicKey,
              ValidityStartTime: Date.parse('2025-01-01T00:00:00Z') / 1000,
              ValidityEndTime: Date.parse('2026-01-01T00:00:00Z') / 1000,
              Fingerprint: digestJson.digestPublicKeyFingerprint,
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

beforeAll(async () => {
  ensureDist('index.js');
  const digest = await signDigest();
  s3 = await startLocalS3(['amzn-s3-demo-bucket', digestJson.digestS3Bucket as string]);
  const client = s3.client();
  for (const bucket of ['amzn-s3-demo-bucket', digestJson.digestS3Bucket as string]) {
    for (const file of files) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: relative(sampleLogs, file),
          Body: readFileSync(file),
          Metadata: file === digestFile ? { signature: digest.signature } : undefined,
        }),
      );
    }
  }
  cloudtrail = await startCloudTrailStub(digest.publicKey);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const manifest = {
    blocks: all.map((b) => {
      const file = join(outDir, `${b.name}.mjs`);
      const js = ts.transpileModule(b.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        fileName: `${b.name}.ts`,
      }).outputText;
      writeFileSync(file, js);
      return { name: b.name, file };
    }),
    fixtures: {
      logsDir: sampleLogs,
      files,
      digest: {
        key: relative(sampleLogs, digestFile),
        bucket: digestJson.digestS3Bucket,
        fingerprint: digestJson.digestPublicKeyFingerprint,
        ...digest,
      },
    },
  };
  const manifestFile = join(outDir, 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest));
  // asynchronous: the CloudTrail stub answers from this process's event loop
  const child = spawn(process.execPath, [join(root, 'test/docs/runner.mjs'), manifestFile], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_CLOUDTRAIL: `http://127.0.0.1:${(cloudtrail.address() as AddressInfo).port}`,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      NODE_NO_WARNINGS: '1',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    },
  });
  const r = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (r.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (r.stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  for (const line of r.stdout.split('\n').filter((l) => l.startsWith('{'))) {
    const result = JSON.parse(line) as Result;
    results.set(result.name, result);
  }
  if (results.size !== all.length) throw new Error(`the sample runner stopped early:\n${r.stderr}`);
}, 180_000);

afterAll(async () => {
  await s3?.stop();
  await new Promise((r) => (cloudtrail ? cloudtrail.close(r) : r(undefined)));
});

/** The output of the block whose code contains `text`. */
const outputOf = (text: string) => {
  const block = all.find((b) => b.code.includes(text));
  expect(block, text).toBeDefined();
  return results.get(block!.name)!.output;
};

describe('code samples in README.md and docs/*.md run', () => {
  it.each(all.map((b) => [where(b), b] as const))('%s runs', (_, b) => {
    const r = results.get(b.name)!;
    expect(r.error ?? '', r.output.join('\n')).toBe('');
    expect(r.ok).toBe(true);
    // nothing reported as invalid by an onInvalid callback or a catch
    expect(r.output.filter((l) => l.startsWith('error:'))).toEqual([]);
  });

  it('README: the first Quick start prints the Chime events of a shipped file', () => {
    const file = files.find((f) => f.includes('20251104T1015Z'))!;
    const records = (
      JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: { eventSource: string }[] }
    ).Records;
    const chime = records.filter((r) => r.eventSource.startsWith('chime'));
    const out = outputOf("const file =\n  'examples/logs/");
    expect(chime.length).toBeGreaterThan(0);
    expect(out).toHaveLength(chime.length);
    for (const line of out)
      expect(line).toMatch(/^log: 2025-11-04T\S+Z (chime|identity|meetings|messaging|media-pipelines|voice) \w+$/);
  });

  it('README: parseLogFileKey tells an Insights key', () => {
    expect(outputOf("); // 'insight'")).toContain('log: insight');
  });

  it('README: the digest verifies (signature, location and every log file)', () => {
    expect(outputOf('const result = await verifyDigestFile({\n  digest: digestBody')).toEqual([
      'log: true valid match',
    ]);
  });

  it('docs/integrity.md: the AWS SDK example verifies the sample digest through S3 and CloudTrail', () => {
    const out = outputOf('ListPublicKeysCommand');
    expect(out[0]).toBe('log: true valid match');
    expect(out.at(-1)).toMatch(/^log: chain intact ended: /);
  });

  it('README: the S3 sample reads the object from a local S3', () => {
    const out = outputOf('GetObjectCommand({ Bucket');
    expect(out[0]).toMatch(/^log: \{"kind":"log","accountId":"111122223333"/);
    expect(out.length).toBeGreaterThan(2);
  });
});
