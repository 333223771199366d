export type { LogFileKey, LogFileKind } from './parse-log-file-key.js';
export { parseLogFileKey } from './parse-log-file-key.js';
