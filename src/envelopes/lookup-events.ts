import { CloudTrailParseError } from '../errors.js';
import { checkRecord } from '../schemas/check.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { describeValue, isObject } from './describe.js';

/**
 * Returns the CloudTrail records of a `LookupEvents` response (AWS SDK v3 `LookupEventsCommand`
 * output, the CLI's `aws cloudtrail lookup-events` JSON, or only its `Events` array). Each
 * event's `CloudTrailEvent` JSON string is parsed and validated with the lenient record schema;
 * the other members of an event (`EventId`, `ReadOnly` as a string, `EventTime`...) are summaries
 * of the record and are not used. Entries that already are records (they have `eventVersion`
 * and no `CloudTrailEvent`, as in some documentation examples) are taken as they are.
 *
 * @param output - The LookupEvents output (`{ Events: [...] }`) or its `Events` array.
 * @returns The records, in the order of `Events` (LookupEvents returns newest first).
 * @throws {CloudTrailParseError} `NOT_A_LOG_FILE` for another shape (or an event without
 *   `CloudTrailEvent`, with its `recordIndex`); `INVALID_JSON` when a `CloudTrailEvent` string is
 *   not JSON and `INVALID_RECORD` when it is not a record, both with the event's `recordIndex`.
 * @example
 * ```ts
 * import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
 * import { fromLookupEvents } from 'cloudtrail-chime';
 *
 * const output = await new CloudTrailClient({}).send(
 *   new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'chime.amazonaws.com' }] }),
 * );
 * for (const record of fromLookupEvents(output)) console.log(record.eventTime, record.eventName);
 * ```
 */
export function fromLookupEvents(output: unknown): CloudTrailRecord[] {
  let events: unknown[];
  let pathPrefix: PropertyKey[];
  if (Array.isArray(output)) {
    events = output;
    pathPrefix = [];
  } else if (isObject(output) && Array.isArray(output.Events)) {
    events = output.Events;
    pathPrefix = ['Events'];
  } else {
    throw new CloudTrailParseError(
      'NOT_A_LOG_FILE',
      `expected a CloudTrail LookupEvents output ({ Events: [...] }) or its Events array, found ${describeValue(output)}`,
    );
  }
  const records: CloudTrailRecord[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const path = [...pathPrefix, i];
    let value: unknown;
    if (isObject(event) && typeof event.CloudTrailEvent === 'string') {
      try {
        value = JSON.parse(event.CloudTrailEvent);
      } catch (cause) {
        throw new CloudTrailParseError(
          'INVALID_JSON',
          `LookupEvents event ${i}: CloudTrailEvent is not valid JSON: ${(cause as Error).message}`,
          { recordIndex: i, path: [...path, 'CloudTrailEvent'], cause },
        );
      }
      path.push('CloudTrailEvent');
    } else if (isObject(event) && isObject(event.CloudTrailEvent)) {
      value = event.CloudTrailEvent;
      path.push('CloudTrailEvent');
    } else if (isObject(event) && !('CloudTrailEvent' in event) && 'eventVersion' in event) {
      value = event;
    } else {
      throw new CloudTrailParseError(
        'NOT_A_LOG_FILE',
        `expected LookupEvents event ${i} to have a CloudTrailEvent JSON string, found ${describeValue(event)}`,
        { recordIndex: i, path },
      );
    }
    if (!isObject(value)) {
      throw new CloudTrailParseError(
        'INVALID_RECORD',
        `LookupEvents event ${i}: expected the CloudTrailEvent to be a record object, found ${describeValue(value)}`,
        { recordIndex: i, path },
      );
    }
    const result = checkRecord(value, { recordIndex: i, pathPrefix: path });
    if (!result.success) throw result.error;
    records.push(result.data);
  }
  return records;
}
