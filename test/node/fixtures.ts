import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startingDigest } from '../helpers/digest.js';

/** A small, valid CloudTrail record. */
export function record(file: number, i: number, source = 'chime.amazonaws.com'): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    userIdentity: {
      type: 'IAMUser',
      accountId: '123456789012',
      userName: `user-${file}`,
      arn: `arn:aws:iam::123456789012:user/u${file}`,
    },
    eventTime: '2026-11-20T10:00:00Z',
    eventSource: source,
    eventName: i % 2 ? 'CreateMeeting' : 'CreateAttendee',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.10',
    userAgent: `agent é ☃ ${file}/${i}`,
    requestParameters: { externalMeetingId: `m-${file}-${i}` },
    responseElements: null,
    eventID: `00000000-0000-4000-8000-${String(file * 10000 + i).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    recipientAccountId: '123456789012',
  };
}

export const logText = (records: unknown[]) => JSON.stringify({ Records: records });

export const digestText = JSON.stringify(
  startingDigest({
    awsAccountId: '123456789012',
    digestStartTime: '2026-11-20T09:00:00Z',
    digestEndTime: '2026-11-20T10:00:00Z',
    digestS3Bucket: 'b',
    digestS3Object: 'k',
    digestPublicKeyFingerprint: '0123',
    newestEventTime: '2026-11-20T09:59:00Z',
    oldestEventTime: '2026-11-20T09:00:00Z',
  }),
);

/** A temporary folder. */
export const tempDir = (prefix = 'ct-node-') => mkdtempSync(join(tmpdir(), prefix));

/** Writes `bytes` to `dir/rel`, creating folders. Returns the path. */
export function put(dir: string, rel: string, bytes: string | Uint8Array): string {
  const path = join(dir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

export const gz = (text: string | Uint8Array) => new Uint8Array(gzipSync(text));

/** `AWSLogs/...` key of log file `n`. */
export const logKey = (n: number, day = '20') =>
  `AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/${day}/123456789012_CloudTrail_us-east-1_202611${day}T10${String(n % 60).padStart(2, '0')}Z_${String(n).padStart(16, 'x')}.json.gz`;
