/**
 * verifyTrailFolder over a local copy of a generated trail (as `aws s3 sync` leaves it), with
 * the digests' signatures in sidecar files or a JSON map: the same scenarios as the S3 tests.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_SIDECAR, verifyTrailFolder } from '../../src/node/index.js';
import {
  digestKeyAt,
  listPublicKeysOutput,
  makeTrail,
  TRAIL_ACCOUNTS,
  type TrailFile,
  tamper,
  testKey,
} from '../helpers/trail.js';
import { put, tempDir } from './fixtures.js';

const BUCKET = 'amzn-s3-demo-bucket';
let cleanDir: string;
let tamperedDir: string;
let clean: TrailFile[];
let tampered: ReturnType<typeof tamper>;
let signaturesFile: string;

const statuses = (list: { key: string; status: string }[]) => new Map(list.map((x) => [x.key, x.status]));

beforeAll(() => {
  clean = makeTrail(BUCKET);
  tampered = tamper(makeTrail(BUCKET));
  cleanDir = tempDir('ct-trail-clean-');
  for (const f of clean) {
    put(cleanDir, f.key, f.body);
    if (f.signature) put(cleanDir, `${f.key}${SIGNATURE_SIDECAR}`, `${f.signature}\n`);
  }
  tamperedDir = tempDir('ct-trail-tampered-');
  const signatures: Record<string, unknown> = {};
  for (const f of tampered.files) {
    put(tamperedDir, f.key, f.body);
    // both shapes: a hex string, and head-object Metadata
    if (f.signature) signatures[f.key] = f.key.includes('444455556666') ? { signature: f.signature } : f.signature;
  }
  signaturesFile = join(tamperedDir, '..', `${tamperedDir.split(/[\\/]/).pop()}-signatures.json`);
  writeFileSync(signaturesFile, JSON.stringify(signatures));
});

afterAll(() => {
  for (const d of [cleanDir, tamperedDir, signaturesFile]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('verifyTrailFolder', () => {
  it('an untouched copy with signature sidecars: everything valid, with or without a range', async () => {
    const publicKeys = listPublicKeysOutput(testKey());
    const all = await verifyTrailFolder(cleanDir, { publicKeys });
    expect(all.valid).toBe(true);
    expect(new Map([...statuses(all.digests), ...statuses(all.logFiles)])).toEqual(
      new Map(clean.map((f) => [f.key, 'valid'])),
    );
    expect(all).toMatchObject({ since: null, until: null });
    const ranged = await verifyTrailFolder(cleanDir, {
      publicKeys,
      since: '2026-11-21T00:00:00Z',
      until: '2026-11-22T00:00:00Z',
      accounts: [TRAIL_ACCOUNTS[0]],
    });
    expect(ranged.valid).toBe(true);
    expect(ranged.counts.digests.valid).toBe(2 * 24);
    expect(ranged.counts.logFiles.valid).toBe(2 * 24);
    expect(ranged.since).toBe('2026-11-21T00:00:00.000Z');
  });

  it('a tampered copy with a --signatures JSON: each object reported precisely', async () => {
    const result = await verifyTrailFolder(tamperedDir, {
      publicKeys: testKey().pkcs1,
      since: '2026-11-20',
      until: '2026-11-22',
      signatures: signaturesFile,
    });
    expect(result.valid).toBe(false);
    expect(statuses(result.digests)).toEqual(tampered.digestStatus);
    expect(statuses(result.logFiles)).toEqual(tampered.logStatus);
  });

  it('without signatures only the newest digest of each chain cannot be checked', async () => {
    const result = await verifyTrailFolder(tamperedDir, { publicKeys: testKey().pkcs1, bucket: BUCKET });
    const invalid = result.digests.filter((d) => d.status === 'invalid-signature').map((d) => d.key);
    // the newest of each chain, and the oldest digest after the deleted one (a new walk starts there)
    expect(invalid.sort()).toEqual(
      [
        ...TRAIL_ACCOUNTS.flatMap((a) =>
          ['us-east-1', 'eu-west-1'].map((r) => digestKeyAt(a, r, '2026-11-21T23:35:00Z')),
        ),
        digestKeyAt(TRAIL_ACCOUNTS[0], 'eu-west-1', '2026-11-20T11:35:00Z'),
      ].sort(),
    );
    expect(
      invalid.every((k) =>
        result.digests
          .find((d) => d.key === k)
          ?.problems.join()
          .match(/signature/),
      ),
    ).toBe(true);
  });

  it('a copy said to be of another bucket: the newest digest is "moved"', async () => {
    const result = await verifyTrailFolder(cleanDir, {
      publicKeys: testKey().pkcs1,
      bucket: 'amzn-s3-demo-other-bucket',
      since: '2026-11-21T22:00:00Z',
      until: '2026-11-22T00:00:00Z',
      accounts: [TRAIL_ACCOUNTS[1]],
      regions: ['us-east-1'],
    });
    // the older one is then read where the newer one says it is, and holds
    expect(result.digests.map((d) => [d.bucket, d.key.slice(-24, -8), d.status])).toEqual([
      [BUCKET, '20261121T223500Z', 'valid'],
      ['amzn-s3-demo-other-bucket', '20261121T233500Z', 'moved'],
    ]);
    expect(result.valid).toBe(false);
  });
});
