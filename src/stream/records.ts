import type { CloudTrailRecord } from '../schemas/record.js';
import type { LogBody, LogFile, ReadOptions } from './types.js';

// placeholder until the streaming reader lands
export async function* readRecords(
  _body: LogBody,
  _options: ReadOptions = {},
): AsyncIterableIterator<CloudTrailRecord> {
  throw new Error('not implemented yet');
}
export async function readLogFile(_body: LogBody, _options: ReadOptions = {}): Promise<LogFile> {
  throw new Error('not implemented yet');
}
