import type { CloudTrailRecord } from '../schemas/record.js';
import { eventBridgeCandidate, recordOf } from './unwrap.js';

/**
 * The EventBridge `detail-type` values of events that carry a CloudTrail record as `detail`.
 * Any other `detail-type` ending in ` via CloudTrail` is accepted too; every other event (e.g. the
 * Chime SDK's own "Chime Media Pipeline State Change") is refused, here and by `readRecords`.
 */
export const CLOUDTRAIL_DETAIL_TYPES = [
  'AWS API Call via CloudTrail',
  'AWS Console Signin via CloudTrail',
  'AWS Console Action via CloudTrail',
  'AWS Service Event via CloudTrail',
  'AWS Insight via CloudTrail',
  'AWS Network Activity Event via CloudTrail',
] as const;

/** One of {@link CLOUDTRAIL_DETAIL_TYPES}. */
export type CloudTrailDetailType = (typeof CLOUDTRAIL_DETAIL_TYPES)[number];

/**
 * Returns the CloudTrail record carried by an EventBridge event (`"detail-type": "AWS API Call
 * via CloudTrail"` and the other ` via CloudTrail` types), validated with the lenient record schema.
 *
 * @param event - The EventBridge event, e.g. the `event` argument of a Lambda handler.
 * @returns The `detail` object itself (not a copy), typed as a record.
 * @throws {CloudTrailParseError} `NOT_A_LOG_FILE` when `event` is not an EventBridge event whose
 *   `detail-type` ends in ` via CloudTrail` with an object `detail`; `INVALID_RECORD` (record
 *   index 0, path under `detail`) when the detail does not match the record schema.
 * @example
 * ```ts
 * import { fromEventBridge } from 'cloudtrail-chime';
 *
 * export const handler = async (event: unknown) => {
 *   const record = fromEventBridge(event);
 *   console.log(record.eventSource, record.eventName, record.userIdentity?.arn);
 * };
 * ```
 */
export function fromEventBridge(event: unknown): CloudTrailRecord {
  return recordOf(eventBridgeCandidate(event, ''), 0);
}
