import { bothFilters } from '../stream/filter.js';
import { resolveOptions } from '../stream/options.js';
import { readResolved } from '../stream/records.js';
import type { LogBody, ReadOptions } from '../stream/types.js';
import type { isChimeRecord } from './is-chime-event.js';
import { isChimeEventSource } from './namespace.js';
import type { ChimeRecord } from './types.js';

const chimeOnly = (source: string | undefined, name: string | undefined) =>
  name !== undefined && isChimeEventSource(source);

/**
 * Like `readRecords`, yielding every Chime record (see {@link isChimeRecord}): records of
 * operations newer than the catalog included, never dropped. Test each with `isChimeEvent` for
 * typed payloads. Other records are skipped while scanning, from their `eventSource` bytes,
 * without being parsed or validated (and are not reported to `onInvalid`); `eventSource` /
 * `eventName` options narrow the Chime records further.
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
export function readChimeEvents(body: LogBody, options?: ReadOptions): AsyncIterableIterator<ChimeRecord> {
  const resolved = resolveOptions(options);
  resolved.filter = bothFilters(resolved.filter, chimeOnly);
  return readResolved(body, resolved) as AsyncIterableIterator<ChimeRecord>;
}
