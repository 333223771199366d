import type { TrailObject } from './list.js';
import { listTrail } from './list.js';
import type { ListLogFilesOptions } from './options.js';
import { toRange } from './range.js';
import { s3Store } from './s3-store.js';

/**
 * Lists the CloudTrail objects of a range of days, accounts and regions: only the day folders
 * (`…/<region>/YYYY/MM/DD/`) the range touches are listed, and the account and region folders
 * are found with `Delimiter: '/'` listings when `accounts` / `regions` are not given. Objects
 * come day by day, each day in time order (then key order); only keys whose time is in
 * [since, until) are yielded.
 *
 * @param options - Client, bucket, range and what to list.
 * @returns The objects, each with its parsed key.
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { listLogFiles } from 'cloudtrail-chime/s3';
 *
 * const client = new S3Client({ region: 'us-east-1' });
 * for await (const file of listLogFiles({ client, bucket: 'amzn-s3-demo-bucket', since: '2026-11-01', until: '2026-11-08' })) {
 *   console.log(file.key, file.parsed.accountId, file.parsed.region, file.parsed.time);
 * }
 * ```
 */
export function listLogFiles(options: ListLogFilesOptions): AsyncGenerator<TrailObject> {
  const range = toRange(options.since, options.until);
  const store = s3Store(options.client, options.bucket, options.retry);
  return listTrail(store, options, range, options.signal);
}
