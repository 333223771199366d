import { isPlainObject } from './plain-object.js';
import type { CloudTrailRecord, InsightRecord } from './record.js';

/**
 * True for an Insights record (`eventType: "AwsCloudTrailInsight"` with its `insightDetails`),
 * narrowing it so that `insightDetails` is present.
 *
 * @example
 * ```ts
 * import { isInsightRecord, readRecords } from 'cloudtrail-chime';
 * const body = '{"Records":[{"eventType":"AwsCloudTrailInsight","insightDetails":{"state":"Start"}}]}';
 * for await (const record of readRecords(body)) {
 *   if (isInsightRecord(record)) console.log(record.insightDetails.state); // Start
 * }
 * ```
 */
export function isInsightRecord(record: CloudTrailRecord): record is InsightRecord {
  return record.eventType === 'AwsCloudTrailInsight' && isPlainObject(record.insightDetails);
}
