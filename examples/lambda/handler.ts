/**
 * AWS Lambda handler for S3 `ObjectCreated` notifications on a CloudTrail bucket (directly, or
 * through SQS): streams each new log file with `readRecords`, keeps the Amazon Chime events and
 * writes a per-file summary (one JSON line to stdout, and optionally an object under
 * `summaries/`). Deployment notes: `docs/lambda.md`.
 *
 * In a deployed function import from the package instead:
 * `import { parseLogFileKey, readRecords } from 'cloudtrail-chime'` and
 * `import { isChimeRecord } from 'cloudtrail-chime/chime'`.
 *
 * Environment: `S3_ENDPOINT` (optional, e.g. a local S3 for tests), `SUMMARY_BUCKET` (optional;
 * no summary objects without it), `SUMMARY_PREFIX` (default `summaries/`).
 *
 * @module
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event, S3EventRecord, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { isChimeRecord } from '../../src/chime/index.js';
import { parseLogFileKey, readRecords } from '../../src/index.js';

/** What the handler found in one log file. */
export interface FileSummary {
  bucket: string;
  /** The object key, decoded from the notification's URL encoding. */
  key: string;
  /** `log`, `insight`, `digest` (skipped unread) or `other` (not a CloudTrail key; read anyway). */
  kind: 'log' | 'insight' | 'digest' | 'other';
  /** Records read (all event sources). */
  records: number;
  /** Records that were not valid and were skipped. */
  invalidRecords: number;
  /** Chime events among them. */
  chimeEvents: number;
  /** Chime events by `eventSource` / `eventName`. */
  byEventName: Record<string, number>;
  /** Chime events by `errorCode` (`-` for none). */
  byErrorCode: Record<string, number>;
  /** `eventID`s of the Chime events (for idempotent downstream processing), at most 1,000. */
  eventIds: string[];
  /** Where the summary was written, if it was. */
  summaryKey?: string;
}

/** Dependencies of {@link createHandler} (all injectable for tests). */
export interface HandlerOptions {
  /** S3 client (default: one for `S3_ENDPOINT` if set, else the Lambda's region). */
  s3?: S3Client;
  /** Bucket for summary objects (default `SUMMARY_BUCKET`; none: no summary objects). */
  summaryBucket?: string;
  /** Prefix of summary objects (default `SUMMARY_PREFIX` or `summaries/`). */
  summaryPrefix?: string;
  /** Where summary lines go (default `console.log`). */
  log?: (line: string) => void;
}

/** Decodes an S3 notification key: URL-encoded, with `+` for spaces. */
export const decodeS3Key = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

const MAX_IDS = 1000;

/** Reads one object and summarises its Chime events. Throws on unreadable files (so the message is retried). */
export async function summarizeObject(s3: S3Client, bucket: string, key: string): Promise<FileSummary> {
  const parsed = parseLogFileKey(key);
  const kind: FileSummary['kind'] = parsed?.kind ?? 'other';
  const summary: FileSummary = {
    bucket,
    key,
    kind,
    records: 0,
    invalidRecords: 0,
    chimeEvents: 0,
    byEventName: {},
    byErrorCode: {},
    eventIds: [],
  };
  if (kind === 'digest') return summary; // digests hold no events (and yield none if read anyway)
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!Body) throw new Error(`s3://${bucket}/${key}: empty GetObject body`);
  // the SDK Body goes straight in: streamed, gzip detected by magic bytes, bounded memory
  const records = readRecords(Body, { onInvalid: () => void summary.invalidRecords++ });
  for await (const record of records) {
    summary.records++;
    if (!isChimeRecord(record)) continue;
    summary.chimeEvents++;
    const name = `${record.eventSource}/${record.eventName}`;
    summary.byEventName[name] = (summary.byEventName[name] ?? 0) + 1;
    const code = typeof record.errorCode === 'string' ? record.errorCode : '-';
    summary.byErrorCode[code] = (summary.byErrorCode[code] ?? 0) + 1;
    if (typeof record.eventID === 'string' && summary.eventIds.length < MAX_IDS) summary.eventIds.push(record.eventID);
  }
  return summary;
}

/** The S3 notification records in a direct S3 event or in the bodies of an SQS batch. */
function s3Records(body: unknown): S3EventRecord[] {
  const records = (body as Partial<S3Event> | undefined)?.Records;
  // s3:TestEvent (sent when the notification is configured) has no Records
  return Array.isArray(records) ? records.filter((r) => r?.eventSource === 'aws:s3' && r.s3) : [];
}

/** Builds a handler with injected dependencies. */
export function createHandler(options: HandlerOptions = {}) {
  const env = process.env;
  const s3 = options.s3 ?? new S3Client(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {});
  const summaryBucket = options.summaryBucket ?? env.SUMMARY_BUCKET;
  const prefix = options.summaryPrefix ?? env.SUMMARY_PREFIX ?? 'summaries/';
  const log = options.log ?? ((line: string) => console.log(line));

  async function one(record: S3EventRecord): Promise<FileSummary> {
    const bucket = record.s3.bucket.name;
    const key = decodeS3Key(record.s3.object.key);
    const summary = await summarizeObject(s3, bucket, key);
    if (summaryBucket && summary.kind !== 'digest') {
      summary.summaryKey = `${prefix}${key}.summary.json`;
      await s3.send(
        new PutObjectCommand({
          Bucket: summaryBucket,
          Key: summary.summaryKey,
          Body: JSON.stringify(summary),
          ContentType: 'application/json',
        }),
      );
    }
    log(JSON.stringify({ type: 'cloudtrail-chime-summary', ...summary }));
    return summary;
  }

  /**
   * Handles an S3 event (all files must succeed, else it throws and Lambda retries the event)
   * or an SQS batch of S3 events (failed messages are returned in `batchItemFailures`, so only
   * they are retried and end in the DLQ after `maxReceiveCount`; needs
   * `ReportBatchItemFailures` on the event source mapping).
   */
  return async function handler(event: S3Event | SQSEvent): Promise<SQSBatchResponse | { summaries: FileSummary[] }> {
    const first = event.Records[0] as { eventSource?: string } | undefined;
    if (first?.eventSource !== 'aws:sqs') {
      const summaries: FileSummary[] = [];
      for (const r of s3Records(event)) summaries.push(await one(r));
      return { summaries };
    }
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const message of (event as SQSEvent).Records) {
      try {
        for (const r of s3Records(JSON.parse(message.body))) await one(r);
      } catch (e) {
        log(JSON.stringify({ type: 'cloudtrail-chime-error', messageId: message.messageId, error: String(e) }));
        failures.push({ itemIdentifier: message.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

/** The Lambda entry point (`handler.handler`), configured from the environment. */
export const handler = createHandler();
