import { createPublicKey, createSign, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CloudTrailDigestFileSchema,
  findPublicKey,
  importCloudTrailPublicKey,
  publicKeyMap,
  readBodyBytes,
  verifyDigestFile,
} from '../../src/index.js';
import { pkcs1ToSpki, spkiToPkcs1 } from '../../src/integrity/der.js';
import { fromHex, toHex } from '../../src/integrity/hex.js';
import { corporaDir, hasCorpora } from '../helpers/corpora.js';
import { startingDigest } from '../helpers/digest.js';
import { runDigestScenario } from './digest-vectors.js';

const ok = { valid: true, signature: 'valid', location: 'match', previous: true, backfill: false };

describe('runDigestScenario (self-made vectors, Web APIs only)', () => {
  // biome-ignore lint/suspicious/noExplicitAny: scenario outcomes are plain JSON, checked by deep equality
  let r: Record<string, any>;
  beforeAll(async () => {
    r = await runDigestScenario();
  });

  it('accepts the untouched set', () => {
    expect(r.untouched).toEqual([
      { ...ok, previous: false, logFiles: ['valid'] },
      { ...ok, logFiles: ['valid'] },
      { ...ok, logFiles: ['valid'] },
    ]);
    for (const name of [
      'importedCryptoKey',
      'publicKeyMap',
      'plainDigestBody',
      'plainDigestString',
      'logPlainUntouched',
    ]) {
      expect(r[name], name).toEqual({ ...ok, logFiles: ['valid'] });
    }
    expect(r.emptyDigest).toEqual({ ...ok, previous: false, logFiles: [] });
  });

  it('does not count unchecked log files against validity', () => {
    expect(r.noLogFileReader).toEqual({ ...ok, logFiles: ['not-checked'] });
  });

  it('reports a changed, damaged, missing or extended log file', () => {
    for (const name of ['logByteChanged', 'logGzipByteChanged', 'logAppendedMember', 'logZeroPadding']) {
      expect(r[name], name).toEqual({ ...ok, valid: false, logFiles: ['hash-mismatch'] });
    }
    expect(r.logMissing).toEqual({ ...ok, valid: false, logFiles: ['missing'] });
  });

  it('reports a moved digest', () => {
    expect(r.digestMoved).toEqual({ ...ok, valid: false, location: 'moved', logFiles: ['valid'] });
    expect(r.digestOtherBucket).toEqual({ ...ok, valid: false, location: 'moved', logFiles: ['valid'] });
  });

  it('rejects wrong, malformed or missing signatures and keys without throwing', () => {
    for (const name of [
      'signatureOfOtherDigest',
      'verifiedWithOtherKey',
      'unknownFingerprint',
      'malformedSignature',
      'oddLengthSignature',
      'shortSignature',
      'missingSignature',
      'digestByteChanged',
    ]) {
      expect(r[name], name).toEqual({ ...ok, valid: false, signature: 'invalid', logFiles: ['valid'] });
    }
    expect(r.signatureFromOtherKey).toEqual({ ...ok, valid: false, signature: 'invalid', logFiles: [] });
  });

  it('treats unreadable digests (appended data, not JSON, missing keys) as invalid', () => {
    const unreadable = {
      valid: false,
      signature: 'invalid',
      location: 'moved',
      logFiles: [],
      previous: false,
      backfill: false,
    };
    expect(r.digestAppendedData).toEqual(unreadable);
    expect(r.digestNotJson).toEqual(unreadable);
    expect(r.missingRequiredKey).toEqual({ ...unreadable, mentionsKey: true });
  });

  it('verifies backfill digests with the same algorithm', () => {
    expect(r.backfill).toEqual({ ...ok, previous: false, backfill: true, logFiles: ['valid'] });
  });

  it('walks an untouched chain newest to oldest', () => {
    const digests = [
      '_20240501T030000Z:valid:metadata',
      '_20240501T020000Z:valid:newer-digest',
      '_20240501T010000Z:valid:newer-digest',
    ];
    const expected = { valid: true, digests, breaks: [], gaps: ['_20240501T010000Z'], end: 'start-or-gap' };
    expect(r.chainUntouched).toEqual(expected);
    expect(r.chainKeyFunction).toEqual(expected);
    expect(r.chainOlderWithoutMetadata).toEqual(expected);
    expect(r.chainLimit).toEqual({ valid: true, digests: digests.slice(0, 2), breaks: [], gaps: [], end: 'limit' });
  });

  it('reports broken links', () => {
    expect(r.chainMissingLink).toEqual({
      valid: false,
      digests: ['_20240501T030000Z:valid:metadata'],
      breaks: ['missing-digest@_20240501T020000Z'],
      gaps: [],
      end: 'missing-digest',
    });
    expect(r.chainReplacedLink).toEqual({
      valid: false,
      digests: [
        '_20240501T030000Z:valid:metadata',
        '_20240501T020000Z:invalid:newer-digest',
        '_20240501T010000Z:valid:newer-digest',
      ],
      breaks: ['signature-mismatch@_20240501T020000Z', 'invalid-digest@_20240501T020000Z'],
      gaps: ['_20240501T010000Z'],
      end: 'start-or-gap',
    });
    expect(r.chainLogTampered.valid).toBe(false);
    expect(r.chainLogTampered.breaks).toEqual(['invalid-digest@_20240501T010000Z']);
    expect(r.chainLoop).toMatchObject({ valid: false, breaks: ['loop@_20240501T090000Z'], end: 'loop' });
  });

  it('reports gaps and continues past them with olderThan', () => {
    expect(r.chainGapStops).toEqual({
      valid: true,
      digests: ['_20240501T060000Z:valid:metadata'],
      breaks: [],
      gaps: ['_20240501T060000Z'],
      end: 'start-or-gap',
    });
    expect(r.chainGap).toMatchObject({
      valid: true,
      gaps: ['_20240501T060000Z', '_20240501T010000Z'],
      digests: [
        '_20240501T060000Z:valid:metadata',
        '_20240501T030000Z:valid:metadata',
        '_20240501T020000Z:valid:newer-digest',
        '_20240501T010000Z:valid:newer-digest',
      ],
    });
  });
});

describe('cross-check with node:crypto and node:zlib', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs1 = new Uint8Array(publicKey.export({ type: 'pkcs1', format: 'der' }));
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const bucket = 'amzn-s3-demo-bucket';
  const key =
    'AWSLogs/o-exampleorg1/111122223333/CloudTrail-Digest/cn-north-1/2024/05/01/111122223333_CloudTrail-Digest_cn-north-1_org_trail_us-east-1_20240501T010000Z.json.gz';
  const logKey =
    'AWSLogs/o-exampleorg1/111122223333/CloudTrail/cn-north-1/2024/05/01/111122223333_CloudTrail_cn-north-1_20240501T0005Z_EXAMPLEfakeLog000.json.gz';
  const log = Buffer.from('{"Records":[]}\n');
  const sha = async (b: Uint8Array) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(b))));

  it('wraps PKCS#1 into the same SPKI as node:crypto and back', () => {
    expect(toHex(pkcs1ToSpki(pkcs1))).toBe(toHex(spki));
    expect(toHex(spkiToPkcs1(spki))).toBe(toHex(pkcs1));
    expect(pkcs1ToSpki(spki)).toBe(spki);
    const roundTrip = createPublicKey({ key: Buffer.from(pkcs1ToSpki(pkcs1)), format: 'der', type: 'spki' });
    expect(roundTrip.export({ type: 'pkcs1', format: 'der' }).equals(Buffer.from(pkcs1))).toBe(true);
    expect(() => pkcs1ToSpki(new Uint8Array([1, 2, 3]))).toThrow(TypeError);
  });

  it('verifies a digest signed with node:crypto and gzipped with node:zlib', async () => {
    const digest = startingDigest({
      digestStartTime: '2024-05-01T00:00:00Z',
      digestEndTime: '2024-05-01T01:00:00Z',
      digestS3Bucket: bucket,
      digestS3Object: key,
      digestPublicKeyFingerprint: 'FEDCBA9876543210FEDCBA9876543210',
      logFiles: [
        { s3Bucket: bucket, s3Object: logKey, hashValue: (await sha(log)).toUpperCase(), hashAlgorithm: 'SHA-256' },
      ],
    });
    const bytes = Buffer.from(JSON.stringify(digest));
    const signer = createSign('sha256');
    signer.update(`${digest.digestEndTime}\n${bucket}/${key}\n${await sha(bytes)}\nnull`);
    const signature = signer.sign(privateKey).toString('hex').toUpperCase();
    const logFile = async (b: string, k: string) => (b === bucket && k === logKey ? gzipSync(log) : undefined);
    const input = { digest: gzipSync(bytes), location: { bucket, key }, signature, logFile };

    const keys = publicKeyMap({
      PublicKeyList: [
        { Fingerprint: 'fedcba9876543210fedcba9876543210', Value: Buffer.from(pkcs1).toString('base64') },
      ],
    });
    const result = await verifyDigestFile({ ...input, publicKey: keys });
    expect(result).toMatchObject({ valid: true, signature: 'valid', location: 'match', problems: [] });
    expect(result.logFiles).toEqual([{ bucket, key: logKey, status: 'valid' }]);
    expect(result.previous).toBeUndefined();
    expect(result.digest?.awsAccountId).toBe('111122223333');

    // a Node Readable-like async iterable body works too
    async function* chunks() {
      const gz = gzipSync(bytes);
      yield gz.subarray(0, 10);
      yield gz.subarray(10);
    }
    expect((await verifyDigestFile({ ...input, digest: chunks(), publicKey: pkcs1 })).valid).toBe(true);
    // base64 text of the key (as the AWS CLI prints it) works too
    expect((await verifyDigestFile({ ...input, publicKey: Buffer.from(pkcs1).toString('base64') })).valid).toBe(true);
    // a key that is not DER does not throw
    const garbage = await verifyDigestFile({ ...input, publicKey: new Uint8Array([0x30, 0x03, 0x01, 0x01, 0x00]) });
    expect(garbage.signature).toBe('invalid');
    expect(garbage.problems.join()).toMatch(/public key/);
  });

  it('picks keys by fingerprint and validity', async () => {
    const list = {
      PublicKeyList: [
        {
          Fingerprint: 'aa',
          Value: new Uint8Array([1]),
          ValidityStartTime: new Date('2020-01-01'),
          ValidityEndTime: new Date('2021-01-01'),
        },
        {
          Fingerprint: 'AA',
          Value: pkcs1,
          ValidityStartTime: new Date('2024-01-01'),
          ValidityEndTime: new Date('2025-01-01'),
        },
      ],
    };
    expect(findPublicKey(list, 'aa')).toEqual(new Uint8Array([1]));
    expect(findPublicKey(list, 'aA', '2024-05-01T01:00:00Z')).toBe(pkcs1);
    expect(findPublicKey(list.PublicKeyList, 'bb')).toBeUndefined();
    expect(findPublicKey(list, 'aa', new Date('2030-01-01'))).toBeUndefined();
    const cryptoKey = await importCloudTrailPublicKey(pkcs1);
    expect(cryptoKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    expect(cryptoKey.usages).toEqual(['verify']);
  });

  it('hex helpers', () => {
    expect(fromHex('00ffAB')).toEqual(new Uint8Array([0, 255, 171]));
    expect(fromHex('0')).toBeUndefined();
    expect(fromHex('zz')).toBeUndefined();
    expect(fromHex('')).toBeUndefined();
  });
});

const corpora = corporaDir;
const manifestPath = join(corpora, 'manifest.json');
const haveCorpora = hasCorpora;

describe.skipIf(!haveCorpora)('AWS documentation digests (../shared/corpora)', () => {
  const manifest = haveCorpora
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { path: string; kind: string }[] })
    : { files: [] };
  const digests = manifest.files.filter((f) => f.kind === 'digest');
  const { publicKey } = haveCorpora
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : { publicKey: undefined as never };

  it('has digest samples', () => {
    expect(digests.length).toBeGreaterThan(0);
  });

  it.each(digests.map((d) => d.path))(
    '%s parses as CloudTrailDigestFile and fails verification cleanly',
    async (path) => {
      const gz = readFileSync(join(corpora, path));
      const digest = CloudTrailDigestFileSchema.parse(JSON.parse(new TextDecoder().decode(await readBodyBytes(gz))));
      expect(digest.digestPublicKeyFingerprint).toMatch(/^[0-9a-f]{32}$/);
      const key = path.slice(path.indexOf('AWSLogs/'));
      const result = await verifyDigestFile({
        digest: gz,
        location: { bucket: digest.digestS3Bucket, key },
        signature: 'ab'.repeat(256), // the published samples carry made-up signatures
        publicKey: new Uint8Array(publicKey.export({ type: 'pkcs1', format: 'der' })),
      });
      expect(result.valid).toBe(false);
      expect(result.signature).toBe('invalid');
      expect(result.logFiles.every((f) => f.status === 'not-checked')).toBe(true);
      expect(result.logFiles).toHaveLength(digest.logFiles.length);
    },
  );
});
