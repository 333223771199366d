import type { ChimeEvent } from './events.js';
import { type ChimeRecordLike, isChimeEventSource } from './namespace.js';

/**
 * Whether a record comes from a Chime event source (see `isChimeEventSource`), whatever its
 * eventName: records of operations not in the catalog are Chime events too
 * ({@link UnknownChimeEvent}).
 *
 * @example
 * ```ts
 * import { readRecords } from 'cloudtrail-chime';
 * import { isChimeEvent } from 'cloudtrail-chime/chime';
 * declare const body: Uint8Array;
 * for await (const record of readRecords(body)) {
 *   if (isChimeEvent(record) && record.eventName === 'CreateMeeting') console.log(record.requestParameters?.mediaRegion);
 * }
 * ```
 */
export function isChimeEvent(record: ChimeRecordLike | null | undefined): record is ChimeEvent {
  return isChimeEventSource(record?.eventSource);
}
