import type { ChimeEvent, ChimeEventIn } from './events.js';
import { type ChimeRecordLike, chimeNamespaceOf, isChimeEventSource } from './namespace.js';
import { chimeOperation, isChimeEventName } from './operations.js';
import type { ChimeNamespace, ChimeRecord } from './types.js';

/**
 * Whether a record comes from a Chime event source (see `isChimeEventSource`) and has a string
 * `eventName`, known to the catalog or not. `eventName` is then a `string`, usable anywhere a string
 * is; test the record with {@link isChimeEvent} for typed payloads.
 *
 * @example
 * ```ts
 * import { readRecords } from 'cloudtrail-chime';
 * import { isChimeRecord } from 'cloudtrail-chime/chime';
 * declare const body: Uint8Array;
 * const byName = new Map<string, number>();
 * for await (const record of readRecords(body)) {
 *   if (isChimeRecord(record)) byName.set(record.eventName, (byName.get(record.eventName) ?? 0) + 1);
 * }
 * ```
 */
export function isChimeRecord(record: ChimeRecordLike | null | undefined): record is ChimeRecord {
  return isChimeEventSource(record?.eventSource) && typeof record!.eventName === 'string';
}

/**
 * Whether a record is a Chime record ({@link isChimeRecord}) whose `eventName` is in the catalog:
 * a `switch` on `eventName` then gives each operation's payload types. Records of operations newer
 * than the catalog are Chime records but not Chime events.
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
  return isChimeRecord(record) && isChimeEventName(record.eventName);
}

/**
 * Whether a record is a known Chime event of the namespace `namespace`, as {@link chimeNamespaceOf}
 * tells it: the payloads are then that namespace's shapes only, so members that a same-named
 * operation of another namespace lacks need no `in` check.
 *
 * @example
 * ```ts
 * import { isChimeEventIn } from 'cloudtrail-chime/chime';
 * import type { CloudTrailRecord } from 'cloudtrail-chime';
 * declare const record: CloudTrailRecord;
 * if (isChimeEventIn(record, 'meetings') && record.eventName === 'CreateMeeting')
 *   console.log(record.requestParameters?.primaryMeetingId); // not in the legacy chime shape
 * ```
 */
export function isChimeEventIn<NS extends ChimeNamespace>(
  record: ChimeRecordLike | null | undefined,
  namespace: NS,
): record is ChimeEventIn<NS> {
  return (
    isChimeEvent(record) &&
    chimeNamespaceOf(record) === namespace &&
    chimeOperation(record.eventName, namespace) !== undefined
  );
}
