/**
 * Options shared by the functions of `cloudtrail-chime/s3`.
 *
 * @module
 */
import type { LogFileKind } from '../keys/parse-log-file-key.js';
import type { TimeInput } from './range.js';
import type { RetryOptions } from './retry.js';
import type { S3ClientLike } from './s3-store.js';

/** Which part of a trail: bucket, key prefix, organization, accounts, regions and time range. */
export interface TrailRange {
  /** An AWS SDK v3 `S3Client` (from `@aws-sdk/client-s3`, an optional peer dependency). */
  client: S3ClientLike;
  /** The trail's bucket. */
  bucket: string;
  /** Key prefix of the trail (the part before `AWSLogs/`), if it has one. */
  prefix?: string | undefined;
  /** Organization id (`o-…`) of an organization trail; discovered when absent. */
  organizationId?: string | undefined;
  /** Accounts to read (12-digit ids); every account folder when absent (found with a delimiter listing). */
  accounts?: readonly string[] | undefined;
  /** Regions to read; every region folder when absent (found with a delimiter listing). */
  regions?: readonly string[] | undefined;
  /**
   * Start of the range (inclusive). Log files are selected by the delivery time in their key
   * (to the minute): a file delivered just after `until` can still hold events from before it.
   */
  since: TimeInput;
  /** End of the range (exclusive). */
  until: TimeInput;
  /** Cancels listing and reading (in-flight requests included) with `ABORTED`. */
  signal?: AbortSignal | undefined;
  /** How throttled (503 `SlowDown`, 429) and failed (5xx, dropped connections) requests are retried. */
  retry?: RetryOptions | undefined;
}

/** Options of {@link listLogFiles}. */
export interface ListLogFilesOptions extends TrailRange {
  /** Kinds of files to list (default `['log']`; add `'insight'`, `'digest'` for those folders). */
  kinds?: readonly LogFileKind[] | undefined;
}
