/**
 * The CLI's `s3://bucket[/prefix]` inputs: a trail in S3 read with `readTrail` (listing only the
 * day folders of `--since` / `--until`), with an `S3Client` from the standard AWS SDK chain.
 *
 * @module
 */
import type { S3ClientLike } from '../s3/index.js';
import { readTrail } from '../s3/index.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { FilterUsageError, list } from './filters.js';
import { type InputIssue, type InputStats, issueOf } from './inputs.js';

/** Where S3 inputs are read: options of `summary`, `events` and `verify`. */
export interface S3InputOptions {
  /** `--since` (required for S3 inputs). */
  since?: string | undefined;
  /** `--until` (required for S3 inputs). */
  until?: string | undefined;
  /** `--account` (repeatable, comma-separated). */
  account?: string[] | undefined;
  /** `--region` (repeatable, comma-separated): CloudTrail regions, not the client's. */
  region?: string[] | undefined;
  /** `--endpoint-url` of an S3-compatible store (path-style requests). */
  endpointUrl?: string | undefined;
}

/** True for an `s3://` input. */
export const isS3Url = (input: string): boolean => input.startsWith('s3://');

/** Bucket and key prefix of `s3://bucket[/prefix]`. */
export function parseS3Url(url: string): { bucket: string; prefix: string | undefined } {
  const rest = url.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new FilterUsageError(`'${url}' is not an s3://bucket[/prefix] URL`);
  }
  // a URL that already points into AWSLogs/ keeps only what comes before it
  const at = prefix === 'AWSLogs' ? 0 : prefix.indexOf('/AWSLogs');
  return { bucket, prefix: (at >= 0 ? prefix.slice(0, at) : prefix) || undefined };
}

/** The range and location options of an S3 input (usage errors when the range is missing). */
export function s3Range(url: string, options: S3InputOptions) {
  if (options.since === undefined || options.until === undefined) {
    throw new FilterUsageError(`an s3:// input needs --since and --until (only their day folders are listed): ${url}`);
  }
  const accounts = list(options.account);
  const regions = list(options.region);
  return {
    ...parseS3Url(url),
    since: options.since,
    until: options.until,
    accounts: accounts.length > 0 ? accounts : undefined,
    regions: regions.length > 0 ? regions : undefined,
  };
}

/** An `S3Client` with credentials and region from the standard AWS SDK chain. */
export async function s3Client(endpointUrl: string | undefined): Promise<S3ClientLike & { destroy(): void }> {
  let sdk: typeof import('@aws-sdk/client-s3');
  try {
    sdk = await import('@aws-sdk/client-s3');
  } catch {
    throw new FilterUsageError('s3:// inputs need the AWS SDK: npm install @aws-sdk/client-s3');
  }
  return new sdk.S3Client({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    followRegionRedirects: true,
    ...(endpointUrl ? { endpoint: endpointUrl, forcePathStyle: true } : {}),
  });
}

const HOUR = 3_600_000;

/**
 * Every record of the S3 inputs. Log files delivered up to an hour after `--until` are read too
 * (they hold the range's last events); the record filter keeps the range exact.
 */
export async function* readS3Inputs(
  urls: readonly string[],
  options: S3InputOptions & { concurrency?: number | undefined; signal?: AbortSignal | undefined },
  stats: InputStats,
  onIssue: (issue: InputIssue) => void,
): AsyncGenerator<{ file: string; record: CloudTrailRecord }> {
  const ranges = urls.map((url) => s3Range(url, options));
  const client = await s3Client(options.endpointUrl);
  try {
    for (const range of ranges) {
      const yielded = new Map<string, number>();
      const base = { files: stats.files, read: stats.filesRead, invalid: stats.filesInvalid, bytes: stats.bytes };
      const records = readTrail({
        client,
        ...range,
        until: new Date(Date.parse(range.until) + HOUR),
        concurrency: options.concurrency ? Math.max(1, options.concurrency) : 8,
        signal: options.signal,
        onProgress: (p) => {
          stats.files = base.files + p.objectsListed;
          stats.filesRead = base.read + p.objectsRead;
          stats.filesInvalid = base.invalid + p.objectsInvalid;
          stats.bytes = base.bytes + p.bytes;
          stats.bytesRead = base.bytes + p.bytes;
        },
        onInvalid: (issue) => {
          const file = `s3://${issue.bucket}/${issue.key}`;
          if (issue.record) {
            stats.invalidRecords++;
            onIssue({
              ...issueOf(file, issue.error, true),
              offset: issue.record.offset,
              recordIndex: issue.record.recordIndex,
            });
          } else {
            // records of it already yielded are whole and valid, but the object is incomplete
            stats.recordsOfInvalidFiles += yielded.get(issue.key) ?? 0;
            onIssue(issueOf(file, issue.error, false));
          }
        },
      });
      for await (const { bucket, key, record } of records) {
        yielded.set(key, (yielded.get(key) ?? 0) + 1);
        yield { file: `s3://${bucket}/${key}`, record };
      }
    }
  } finally {
    client.destroy();
  }
}
