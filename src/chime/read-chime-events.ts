import { readRecords } from '../stream/records.js';
import type { LogBody, ReadOptions } from '../stream/types.js';
import type { ChimeEvent } from './events.js';
import { isChimeEvent } from './is-chime-event.js';

/**
 * Like `readRecords`, yielding only the Chime events (records from a Chime event source; see
 * {@link isChimeEvent}). Events whose eventName is in no table are yielded as
 * {@link UnknownChimeEvent}, never dropped.
 *
 * @example
 * ```ts
 * import { readChimeEvents } from 'cloudtrail-chime/chime';
 * declare const body: Uint8Array; // a gzipped CloudTrail log file
 * for await (const e of readChimeEvents(body)) {
 *   if (e.eventName === 'CreateMediaCapturePipeline') console.log(e.requestParameters?.sourceType);
 * }
 * ```
 */
export async function* readChimeEvents(body: LogBody, options?: ReadOptions): AsyncIterableIterator<ChimeEvent> {
  for await (const record of readRecords(body, options)) {
    if (isChimeEvent(record)) yield record as ChimeEvent;
  }
}
