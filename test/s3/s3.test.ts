import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogFileKey, readRecords } from '../../src/index.js';
import { browserAvailable, withBrowserPage } from '../browser/harness.js';
import type { PageRead } from '../browser/pages/read.js';
import { digestText, gz, logKey, logText, record } from '../node/fixtures.js';
import { type LocalS3, startLocalS3 } from './server.js';

const Bucket = 'trail-bucket';
const browserOk = browserAvailable();

interface Stored {
  key: string;
  records: number;
  contentEncoding?: string | undefined;
}

const insightKey =
  'AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/20/123456789012_CloudTrail-Insight_us-east-1_20261120T1010Z_insightinsightin.json.gz';
const digestKey =
  'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/20/123456789012_CloudTrail-Digest_us-east-1_trail_us-east-1_20261120T101500Z.json.gz';

let s3: LocalS3;
let client: S3Client;
const stored: Stored[] = [];

beforeAll(async () => {
  s3 = await startLocalS3([Bucket]);
  client = s3.client();
  const put = async (key: string, body: Uint8Array, records: number, contentEncoding?: string) => {
    await client.send(
      new PutObjectCommand({
        Bucket,
        Key: key,
        Body: body,
        ContentType: contentEncoding ? 'application/json' : 'application/x-gzip',
        ContentEncoding: contentEncoding,
      }),
    );
    stored.push({ key, records, contentEncoding });
  };
  for (let n = 0; n < 9; n++) {
    const records = Array.from({ length: (n * 37) % 251 }, (_, i) => record(n, i));
    // a third stored with Content-Encoding: gzip, as some pipelines (and reportedly CloudTrail) do
    await put(logKey(n), gz(logText(records)), records.length, n % 3 === 0 ? 'gzip' : undefined);
  }
  const insight = {
    eventVersion: '1.07',
    eventTime: '2026-11-20T10:00:00Z',
    awsRegion: 'us-east-1',
    eventID: 'e1',
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: '123456789012',
    sharedEventID: 's1',
    insightDetails: { state: 'Start', eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting' },
    eventCategory: 'Insight',
  };
  await put(insightKey, gz(logText([insight, { ...insight, eventID: 'e2' }])), 2);
  await put(digestKey, gz(digestText), 0, 'gzip');
  // a large object, uploaded as a stream (needs requestChecksumCalculation: 'WHEN_REQUIRED')
  const big = Array.from({ length: 3000 }, (_, i) => record(50, i));
  const bigKey = logKey(50, '22');
  const bigBody = gz(logText(big));
  await client.send(
    new PutObjectCommand({
      Bucket,
      Key: bigKey,
      Body: Readable.from([bigBody.subarray(0, 50_000), bigBody.subarray(50_000)]),
      ContentLength: bigBody.length,
    }),
  );
  stored.push({ key: bigKey, records: big.length });
});

afterAll(async () => {
  await s3?.stop();
});

/**
 * Every key under `AWSLogs/`, paginated (4 keys a page). One listing per kind folder
 * (`CloudTrail/`, `CloudTrail-Digest/`, `CloudTrail-Insight/`, found with a delimiter listing):
 * s3rver 3.7.1 walks its directories in name order, so a paginated listing across
 * `CloudTrail/` and `CloudTrail-Digest/` (where `-` sorts before `/` in keys) drops keys
 * after a continuation token. Real S3 lists in UTF-8 key order.
 */
async function listAll(): Promise<string[]> {
  const keys: string[] = [];
  let pages = 0;
  const prefixes = ['CloudTrail/', 'CloudTrail-Digest/', 'CloudTrail-Insight/'].map((k) => `AWSLogs/123456789012/${k}`);
  for (const Prefix of prefixes) {
    for await (const page of paginateListObjectsV2({ client, pageSize: 4 }, { Bucket, Prefix })) {
      pages++;
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    }
  }
  expect(pages).toBeGreaterThan(3);
  return keys;
}

async function count(body: Parameters<typeof readRecords>[0]): Promise<number> {
  let n = 0;
  for await (const _ of readRecords(body)) n++;
  return n;
}

describe('CloudTrail tree in a real local S3 server (s3rver over HTTP)', () => {
  it('lists with ListObjectsV2 (paginated) every uploaded key', async () => {
    expect((await listAll()).sort()).toEqual(stored.map((s) => s.key).sort());
  });

  it('streams each GetObject Body (transformToWebStream) straight into readRecords', async () => {
    for (const key of await listAll()) {
      const out: GetObjectCommandOutput = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      expect(out.Body, key).toBeDefined();
      if (!out.Body) continue;
      expect(typeof out.Body.transformToWebStream).toBe('function');
      const want = stored.find((s) => s.key === key);
      expect(out.ContentEncoding).toBe(want?.contentEncoding);
      expect(await count(out.Body), key).toBe(want?.records);
    }
  });

  it('reads the Body as a Node stream (async iterable IncomingMessage) too', async () => {
    for (const s of stored) {
      const out = await client.send(new GetObjectCommand({ Bucket, Key: s.key }));
      const body = out.Body as unknown as Readable;
      expect(body).toBeInstanceOf(Readable);
      // hide transformToWebStream so the Node stream path is taken
      const iterable: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => body[Symbol.asyncIterator]() };
      expect(await count(iterable), s.key).toBe(s.records);
    }
  });

  it('yields nothing for the digest and Insight records for the Insight file', async () => {
    expect(parseLogFileKey(digestKey)?.kind).toBe('digest');
    const d = await client.send(new GetObjectCommand({ Bucket, Key: digestKey }));
    expect(await count(d.Body!)).toBe(0);
    const i = await client.send(new GetObjectCommand({ Bucket, Key: insightKey }));
    const types: unknown[] = [];
    for await (const r of readRecords(i.Body!)) types.push(r.eventType);
    expect(types).toEqual(['AwsCloudTrailInsight', 'AwsCloudTrailInsight']);
  });

  it.skipIf(!browserOk)('Chromium reads objects from S3, gzip-encoded ones inflated by the browser', async () => {
    const encoded = stored.filter((s) => s.contentEncoding === 'gzip' && s.records > 0);
    const raw = stored.filter((s) => !s.contentEncoding && s.records > 0).slice(0, 2);
    expect(encoded.length).toBeGreaterThan(1);
    const urls = (list: Stored[]) => list.map((s) => `${s3.endpoint}/${Bucket}/${s.key}`);
    const results = await withBrowserPage('test/browser/pages/read.ts', async ({ call }) => {
      const out: { enc: PageRead[]; raw: PageRead[] } = { enc: [], raw: [] };
      for (const url of urls(encoded)) out.enc.push(await call<PageRead>('readUrl', url, 'stream'));
      for (const url of urls(raw)) out.raw.push(await call<PageRead>('readUrl', url, 'blob'));
      return out;
    });
    results.enc.forEach((r, i) => {
      expect(r.contentEncoding).toBe('gzip');
      expect(r.head).toEqual([0x7b, 0x22]); // '{"': the browser inflated it
      expect(r.records).toHaveLength(encoded[i]!.records);
    });
    results.raw.forEach((r, i) => {
      expect(r.head).toEqual([0x1f, 0x8b]);
      expect(r.records).toHaveLength(raw[i]!.records);
    });
  });
});
