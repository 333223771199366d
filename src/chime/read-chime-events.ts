import { readRecords } from '../stream/records.js';
import type { LogBody, ReadOptions } from '../stream/types.js';
import { isChimeRecord } from './is-chime-event.js';
import type { ChimeRecord } from './types.js';

/**
 * Like `readRecords`, yielding every Chime record (see {@link isChimeRecord}): records of
 * operations newer than the catalog included, never dropped. Test each with `isChimeEvent` for
 * typed payloads.
 *
 * @example
 * ```ts
 * import { isChimeEvent, readChimeEvents } from 'cloudtrail-chime/chime';
 * declare const body: Uint8Array; // a gzipped CloudTrail log file
 * const names = new Set<string>();
 * for await (const e of readChimeEvents(body)) {
 *   names.add(e.eventName);
 *   if (isChimeEvent(e) && e.eventName === 'CreateMediaCapturePipeline') console.log(e.requestParameters?.sourceType);
 * }
 * ```
 */
export async function* readChimeEvents(body: LogBody, options?: ReadOptions): AsyncIterableIterator<ChimeRecord> {
  for await (const record of readRecords(body, options)) {
    if (isChimeRecord(record)) yield record;
  }
}
