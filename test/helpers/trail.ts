/**
 * A generated CloudTrail trail: accounts × regions × days of hourly log files and a signed,
 * chained digest file per hour (a test RSA key; digests built as cloudtrail-format.md §4 says),
 * to upload to the local S3 server or write to a folder.
 */
import { createHash, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { startingDigest } from './digest.js';

export const TRAIL_ACCOUNTS = ['111122223333', '444455556666'] as const;
export const TRAIL_REGIONS = ['us-east-1', 'eu-west-1'] as const;
export const TRAIL_DAYS = ['2026-11-20', '2026-11-21'] as const;
export const TRAIL_NAME = 'chime-audit';
export const RECORDS_PER_FILE = 3;

/** One object of the trail as stored. */
export interface TrailFile {
  key: string;
  /** The stored body (gzip). */
  body: Uint8Array;
  /** `x-amz-meta-signature` of a digest. */
  signature?: string;
}

export interface TestKey {
  privateKey: KeyObject;
  /** DER PKCS#1 RSAPublicKey, as ListPublicKeys returns it. */
  pkcs1: Uint8Array;
  fingerprint: string;
}

let cachedKey: TestKey | undefined;

/** A 2048-bit test RSA key (made once per process). */
export function testKey(): TestKey {
  if (!cachedKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = new Uint8Array(publicKey.export({ type: 'pkcs1', format: 'der' }));
    cachedKey = { privateKey, pkcs1, fingerprint: createHash('md5').update(pkcs1).digest('hex') };
  }
  return cachedKey;
}

/** The key as a `ListPublicKeys` output of `@aws-sdk/client-cloudtrail`. */
export const listPublicKeysOutput = (key: TestKey) => ({
  PublicKeyList: [
    {
      Value: key.pkcs1,
      ValidityStartTime: new Date('2026-01-01T00:00:00Z'),
      ValidityEndTime: new Date('2027-01-01T00:00:00Z'),
      Fingerprint: key.fingerprint,
    },
  ],
  $metadata: {},
});

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const gz = (text: string) => new Uint8Array(gzipSync(text));
const stamp = (iso: string, seconds: boolean) => iso.replace(/[-:]/g, '').slice(0, seconds ? 15 : 13) + 'Z';
const dayPath = (iso: string) => iso.slice(0, 10).replaceAll('-', '/');

export const logKeyAt = (account: string, region: string, iso: string, tail = 'EXAMPLEfakelog00') =>
  `AWSLogs/${account}/CloudTrail/${region}/${dayPath(iso)}/${account}_CloudTrail_${region}_${stamp(iso, false)}_${tail}.json.gz`;

export const digestKeyAt = (account: string, region: string, iso: string) =>
  `AWSLogs/${account}/CloudTrail-Digest/${region}/${dayPath(iso)}/${account}_CloudTrail-Digest_${region}_${TRAIL_NAME}_us-east-1_${stamp(iso, true)}.json.gz`;

/** The records of the log file of an hour. */
export function logRecords(account: string, region: string, hourIso: string, n = RECORDS_PER_FILE): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    eventVersion: '1.11',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEFAKE000000', accountId: account, userName: 'example' },
    eventTime: hourIso.replace(':05:00Z', `:0${i}:00Z`),
    eventSource: 'chime.amazonaws.com',
    eventName: i % 2 ? 'CreateAttendee' : 'CreateMeeting',
    awsRegion: region,
    sourceIPAddress: '192.0.2.10',
    userAgent: 'example-agent',
    requestParameters: { externalMeetingId: `m-${i}` },
    responseElements: null,
    requestID: `req-${account}-${region}-${hourIso}-${i}`,
    eventID: `evt-${account}-${region}-${hourIso}-${i}`,
    eventType: 'AwsApiCall',
    recipientAccountId: account,
  }));
}

const hourIso = (day: string, hour: number, minute: number) =>
  `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;

/** Signs a digest's bytes as CloudTrail does (string to sign of cloudtrail-format.md §4.2 step 4). */
export function signDigest(
  key: TestKey,
  bucket: string,
  digestKey: string,
  endTime: string,
  bytes: Uint8Array,
  previousSignature: string | null,
): string {
  const toSign = `${endTime}\n${bucket}/${digestKey}\n${sha256(bytes)}\n${previousSignature ?? 'null'}`;
  return createSign('RSA-SHA256').update(toSign).sign(key.privateKey, 'hex');
}

/**
 * The whole trail of `bucket`: for each account and region, a log file at HH:05 of every hour of
 * every day (`RECORDS_PER_FILE` records) and a digest ending at HH:35 that lists it, chained to
 * the digest of the hour before (the first digest starts the chain).
 */
export function makeTrail(bucket: string, key = testKey()): TrailFile[] {
  const files: TrailFile[] = [];
  for (const account of TRAIL_ACCOUNTS) {
    for (const region of TRAIL_REGIONS) {
      let previous: { key: string; bytes: Uint8Array; signature: string } | undefined;
      for (const day of TRAIL_DAYS) {
        for (let hour = 0; hour < 24; hour++) {
          const logAt = hourIso(day, hour, 5);
          const logKey = logKeyAt(account, region, logAt);
          const text = JSON.stringify({ Records: logRecords(account, region, logAt) });
          files.push({ key: logKey, body: gz(text) });
          const end = hourIso(day, hour, 35);
          const start = new Date(Date.parse(end) - 3_600_000).toISOString().replace('.000Z', 'Z');
          const digestKey = digestKeyAt(account, region, end);
          const digest = startingDigest({
            awsAccountId: account,
            digestStartTime: start,
            digestEndTime: end,
            digestS3Bucket: bucket,
            digestS3Object: digestKey,
            digestPublicKeyFingerprint: key.fingerprint,
            newestEventTime: logAt.replace(':05:00Z', ':02:00Z'),
            oldestEventTime: logAt.replace(':05:00Z', ':00:00Z'),
            previousDigestS3Bucket: previous ? bucket : null,
            previousDigestS3Object: previous?.key ?? null,
            previousDigestHashValue: previous ? sha256(previous.bytes) : null,
            previousDigestHashAlgorithm: previous ? 'SHA-256' : null,
            previousDigestSignature: previous?.signature ?? null,
            logFiles: [
              {
                s3Bucket: bucket,
                s3Object: logKey,
                hashValue: sha256(text),
                hashAlgorithm: 'SHA-256',
                newestEventTime: logAt.replace(':05:00Z', ':02:00Z'),
                oldestEventTime: logAt.replace(':05:00Z', ':00:00Z'),
              },
            ],
          });
          // pretty-printed: a verifier that re-serialised the digest would get another hash
          const bytes = new TextEncoder().encode(JSON.stringify(digest, null, 1));
          const signature = signDigest(key, bucket, digestKey, end, bytes, previous?.signature ?? null);
          files.push({ key: digestKey, body: new Uint8Array(gzipSync(bytes)), signature });
          previous = { key: digestKey, bytes, signature };
        }
      }
    }
  }
  return files;
}

/** The tampering of the "everything goes wrong" scenario, and the statuses it must give. */
export function tamper(files: TrailFile[]): {
  files: TrailFile[];
  digestStatus: Map<string, string>;
  logStatus: Map<string, string>;
} {
  const [a1, a2] = TRAIL_ACCOUNTS;
  const [r1, r2] = TRAIL_REGIONS;
  const out = files.map((f) => ({ ...f }));
  const byKey = (key: string) => {
    const f = out.find((x) => x.key === key);
    if (!f) throw new Error(`no ${key}`);
    return f;
  };
  const drop = (key: string) => out.splice(out.indexOf(byKey(key)), 1);
  const digestStatus = new Map(out.filter((f) => f.signature).map((f) => [f.key, 'valid']));
  const logStatus = new Map(out.filter((f) => !f.signature).map((f) => [f.key, 'valid']));

  // a log file altered (other records, re-gzipped)
  const altered = logKeyAt(a1, r1, '2026-11-20T05:05:00Z');
  byKey(altered).body = gz(JSON.stringify({ Records: logRecords(a1, r1, '2026-11-20T05:05:00Z', 2) }));
  logStatus.set(altered, 'modified');
  // a log file deleted
  const deleted = logKeyAt(a1, r1, '2026-11-21T10:05:00Z');
  drop(deleted);
  logStatus.set(deleted, 'missing');
  // a digest deleted: the chain has a hole; its log file is then covered by no digest
  const deletedDigest = digestKeyAt(a1, r2, '2026-11-20T12:35:00Z');
  drop(deletedDigest);
  digestStatus.set(deletedDigest, 'missing');
  logStatus.set(logKeyAt(a1, r2, '2026-11-20T12:05:00Z'), 'not-covered');
  // a digest's metadata signature broken in the middle of a chain: the newer digest still vouches for its body
  const midChain = digestKeyAt(a2, r1, '2026-11-21T07:35:00Z');
  byKey(midChain).signature = `${byKey(midChain).signature!.slice(0, -4)}0000`;
  digestStatus.set(midChain, 'chain-broken');
  // the newest digest's signature broken: nothing vouches for it
  const newest = digestKeyAt(a2, r2, '2026-11-21T23:35:00Z');
  byKey(newest).signature = `${byKey(newest).signature!.slice(0, -4)}0000`;
  digestStatus.set(newest, 'invalid-signature');
  // an object no digest covers
  const extra = logKeyAt(a2, r1, '2026-11-20T15:20:00Z', 'EXAMPLEaddedfile');
  out.push({ key: extra, body: gz(JSON.stringify({ Records: logRecords(a2, r1, '2026-11-20T15:05:00Z') })) });
  logStatus.set(extra, 'not-covered');
  return { files: out, digestStatus, logStatus };
}
