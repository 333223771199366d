export * from './envelopes/index.js';
export type { CloudTrailIssue, CloudTrailParseErrorCode, CloudTrailParseErrorOptions } from './errors.js';
export { CloudTrailParseError, isCloudTrailParseError } from './errors.js';
export * from './identity/index.js';
export * from './integrity/index.js';
export * from './keys/index.js';
export * from './schemas/index.js';
export * from './stream/index.js';
