export type { LogBody, LogFile, LogFormat, ReadOptions, RecordIssue, WebStreamSource } from './types.js';
