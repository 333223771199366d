/**
 * `cloudtrail-chime/node`: reading CloudTrail log files from the file system, in parallel on
 * worker threads, and finding them in folders.
 *
 * @module cloudtrail-chime/node
 */
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
