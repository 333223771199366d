import { CloudTrailParseError } from '../errors.js';
import { isPlainObject as isObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { describeValue } from './describe.js';
import { type Candidate, lookupEventCandidates, recordOf } from './unwrap.js';

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
  let candidates: Candidate[];
  if (Array.isArray(output)) candidates = lookupEventCandidates(output, []);
  else if (isObject(output) && Array.isArray(output.Events))
    candidates = lookupEventCandidates(output.Events, ['Events']);
  else {
    throw new CloudTrailParseError(
      'NOT_A_LOG_FILE',
      `expected a CloudTrail LookupEvents output ({ Events: [...] }) or its Events array, found ${describeValue(output)}`,
    );
  }
  return candidates.map((candidate, i) => recordOf(candidate, i));
}
