import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, decodeS3Key, type FileSummary } from '../../examples/lambda/handler.js';
import { digestText, gz, logText, record } from '../node/fixtures.js';
import { type LocalS3, startLocalS3 } from '../s3/server.js';

const Bucket = 'trail-bucket';
const SummaryBucket = 'summary-bucket';
// a bucket prefix with a space and a colon, as users configure them
const prefix = 'team logs:prod/AWSLogs/123456789012';
const logKey = `${prefix}/CloudTrail/us-east-1/2026/11/20/123456789012_CloudTrail_us-east-1_20261120T1005Z_aB3dE5fG7hI9jK1l.json.gz`;
const digestKey = `${prefix}/CloudTrail-Digest/us-east-1/2026/11/20/123456789012_CloudTrail-Digest_us-east-1_main_us-east-1_20261120T100500Z.json.gz`;

/** How S3 encodes keys in notifications: URL-encoded, spaces as '+'. */
const encodeKey = (key: string) => encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');

function s3Event(keys: string[]): S3Event {
  return {
    Records: keys.map((key, i) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2026-11-20T10:05:30.123Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:AROAEXAMPLE:regionalDeliverySession' },
      requestParameters: { sourceIPAddress: '192.0.2.1' },
      responseElements: { 'x-amz-request-id': `REQ${i}`, 'x-amz-id-2': 'id2' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'cloudtrail-chime',
        bucket: { name: Bucket, ownerIdentity: { principalId: 'A1EXAMPLE' }, arn: `arn:aws:s3:::${Bucket}` },
        object: { key: encodeKey(key), size: 1024, eTag: 'etag', sequencer: `00${i}` },
      },
    })),
  };
}

let s3: LocalS3;
let client: S3Client;
const lines: string[] = [];
let handler: ReturnType<typeof createHandler>;

beforeAll(async () => {
  s3 = await startLocalS3([Bucket, SummaryBucket]);
  client = s3.client();
  const records = [
    record(1, 0),
    record(1, 1, 'chime-sdk-voice.amazonaws.com'),
    { ...record(1, 2, 'chime-sdk-media-pipelines.amazonaws.com'), errorCode: 'AccessDenied' },
    record(1, 3, 's3.amazonaws.com'),
    record(1, 4, 'sts.amazonaws.com'),
  ];
  await client.send(new PutObjectCommand({ Bucket, Key: logKey, Body: gz(logText(records)), ContentEncoding: 'gzip' }));
  await client.send(new PutObjectCommand({ Bucket, Key: digestKey, Body: gz(digestText) }));
  handler = createHandler({ s3: client, summaryBucket: SummaryBucket, log: (l) => lines.push(l) });
});

afterAll(async () => {
  await s3?.stop();
});

describe('examples/lambda handler against a local S3 server', () => {
  it('decodes notification keys', () => {
    expect(decodeS3Key('a+b%3Ac/d%2Be')).toBe('a b:c/d+e');
    expect(decodeS3Key(encodeKey(logKey))).toBe(logKey);
  });

  it('summarises the Chime events of a new log file and skips digests', async () => {
    const out = (await handler(s3Event([logKey, digestKey]))) as { summaries: FileSummary[] };
    const [log, digest] = out.summaries;
    expect(log).toMatchObject({
      bucket: Bucket,
      key: logKey,
      kind: 'log',
      records: 5,
      invalidRecords: 0,
      chimeEvents: 3,
      byEventName: {
        'chime.amazonaws.com/CreateAttendee': 1,
        'chime-sdk-voice.amazonaws.com/CreateMeeting': 1,
        'chime-sdk-media-pipelines.amazonaws.com/CreateAttendee': 1,
      },
      byErrorCode: { '-': 2, AccessDenied: 1 },
      summaryKey: `summaries/${logKey}.summary.json`,
    });
    expect(log?.eventIds).toHaveLength(3);
    expect(digest).toMatchObject({ kind: 'digest', records: 0, chimeEvents: 0 });
    expect(lines.map((l) => JSON.parse(l).key)).toEqual([logKey, digestKey]);
    const stored = await client.send(new GetObjectCommand({ Bucket: SummaryBucket, Key: log?.summaryKey }));
    expect(JSON.parse(await stored.Body!.transformToString())).toMatchObject({ chimeEvents: 3, key: logKey });
  });

  it('handles SQS batches, reporting only the failed messages', async () => {
    const message = (id: string, body: unknown) => ({
      messageId: id,
      receiptHandle: 'rh',
      body: JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1',
        SenderId: 's',
        ApproximateFirstReceiveTimestamp: '1',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:trail-events',
      awsRegion: 'us-east-1',
    });
    const missing = logKey.replace('aB3dE5fG7hI9jK1l', 'missingmissingmi');
    const event: SQSEvent = {
      Records: [
        message('m1', s3Event([logKey])),
        message('m2', s3Event([missing])),
        message('m3', { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket }),
      ],
    };
    const result = await handler(event);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
  });
});
