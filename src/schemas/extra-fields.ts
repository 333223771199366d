import { RECORD_DOCUMENTED } from './generated/validator.js';
import type { CloudTrailRecord } from './record.js';

/**
 * The top-level keys of a record that `CloudTrailRecord` does not document (fields newer than
 * this package, pipeline additions such as `@timestamp`), with their values. The reader keeps
 * them on the record; this is the typed way to read them.
 *
 * @example
 * ```ts
 * import { extraFields, parseRecord } from 'cloudtrail-chime';
 * const record = parseRecord({ eventName: 'CreateMeeting', '@timestamp': '2026-01-01T00:00:00Z' });
 * console.log(extraFields(record)); // { '@timestamp': '2026-01-01T00:00:00Z' }
 * ```
 */
export function extraFields(record: CloudTrailRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !Object.hasOwn(RECORD_DOCUMENTED, key)));
}
