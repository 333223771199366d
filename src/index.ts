/**
 * `cloudtrail-chime`: the reader (`readRecords`, `readLogFile`), the record schemas, caller
 * identities (`classifyIdentity`, `describeIdentity`), digest verification, S3 keys and
 * envelopes. No `node:` imports, no Chime catalog: it runs in Node, browsers and other runtimes.
 *
 * @module cloudtrail-chime
 */
export * from './envelopes/index.js';
export type { CloudTrailIssue, CloudTrailParseErrorCode, CloudTrailParseErrorOptions } from './errors.js';
export { CloudTrailParseError, isCloudTrailParseError } from './errors.js';
export * from './identity/index.js';
export * from './integrity/index.js';
export * from './keys/index.js';
export * from './schemas/index.js';
export * from './stream/index.js';
