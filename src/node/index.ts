/**
 * `cloudtrail-chime/node`: reading CloudTrail log files from the file system, in parallel on
 * worker threads, and finding them in folders.
 *
 * @module cloudtrail-chime/node
 */

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
} from '../s3/verify.js';
export {
  type FindLogFilesOptions,
  type FoundLogFiles,
  findLogFiles,
  isCloudTrailFileName,
  isDigestPath,
} from './files.js';
export {
  CloudTrailFileError,
  defaultConcurrency,
  type LogFileIssue,
  type LogFileRecord,
  type LogFilesIterator,
  type ReadLogFilesOptions,
  type ReadLogFilesSummary,
  readLogFiles,
} from './read-log-files.js';
export {
  type DigestSignatures,
  SIGNATURE_SIDECAR,
  type VerifyTrailFolderOptions,
  verifyTrailFolder,
} from './verify-trail-folder.js';
