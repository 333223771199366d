/**
 * `cloudtrail-chime/s3`: trails in S3. List the objects of a range of days, accounts and
 * regions, read every record with bounded concurrency and memory, and verify the digest chains.
 * The caller passes an AWS SDK v3 `S3Client` (`@aws-sdk/client-s3` is an optional peer
 * dependency, loaded on first use).
 *
 * @module
 */
export { publicKeyMap } from '../integrity/public-key.js';
export type { TrailObject } from './list.js';
export { listLogFiles } from './list-log-files.js';
export type { ListLogFilesOptions, TrailRange } from './options.js';
export type { TimeInput } from './range.js';
export type { ReadTrailOptions, TrailIssue, TrailProgress, TrailRecord } from './read-trail.js';
export { readTrail } from './read-trail.js';
export type { RetryOptions } from './retry.js';
export type { S3ClientLike } from './s3-store.js';
export type {
  TrailChainReport,
  TrailDigestReport,
  TrailDigestStatus,
  TrailLogFileReport,
  TrailLogFileStatus,
  TrailPublicKeys,
  TrailVerification,
  TrailVerificationCounts,
  TrailVerifyProgress,
} from './verify.js';
export type { VerifyTrailOptions } from './verify-trail.js';
export { verifyTrail } from './verify-trail.js';
