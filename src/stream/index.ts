export { DEFAULT_MAX_DEPTH } from '../json.js';
export type { ReadBytesOptions } from './bytes.js';
export { readBodyBytes } from './bytes.js';
export { DEFAULT_MAX_RECORD_BYTES, readLogFile, readRecords, VERIFY_WINDOW } from './records.js';
export type { LogBody, LogFile, LogFormat, ReadOptions, RecordIssue, WebStreamSource } from './types.js';
