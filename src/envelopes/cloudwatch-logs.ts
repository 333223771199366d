import { throwIfAborted } from '../errors.js';
import { DEFAULT_MAX_RECORD_BYTES } from '../json.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { type Candidate, cloudWatchLogsPayload, logEventCandidates, recordOf } from './unwrap.js';

/** Options of {@link fromCloudWatchLogs}. */
export interface FromCloudWatchLogsOptions {
  /** Cancels reading (`ABORTED`). */
  signal?: AbortSignal | undefined;
  /**
   * Largest accepted inflated payload in bytes (default 16 MiB, the reader's default
   * `maxRecordBytes`); above it `RECORD_TOO_LARGE`, found while inflating (a gzip bomb stops there).
   */
  maxBytes?: number | undefined;
}

/**
 * Returns the CloudTrail records of a CloudWatch Logs subscription delivery (a trail that sends
 * its events to a log group, with a subscription filter to Lambda, Firehose or Kinesis).
 *
 * Accepts the Lambda event `{ awslogs: { data } }`, the `data` string itself
 * (`base64(gzip(JSON))`), its bytes (gzip or plain JSON), or the already decoded object
 * `{ messageType, owner, logGroup, logStream, logEvents: [{ id, timestamp, message }] }`.
 * A `DATA_MESSAGE` yields the record in each `message`, validated with the lenient record schema;
 * a `CONTROL_MESSAGE` (and any other `messageType`) yields `[]`.
 *
 * Note that this path is not a complete copy of the trail: CloudWatch Logs drops events over 256 KB.
 *
 * @param event - The subscription payload in any of the forms above.
 * @param options - Abort signal and size limit for the inflated payload.
 * @returns The records, in `logEvents` order.
 * @throws {CloudTrailParseError} `NOT_A_LOG_FILE` for another shape (or bad base64);
 *   `RECORD_TOO_LARGE` when the payload inflates beyond `maxBytes`; `ABORTED`;
 *   `INVALID_GZIP` for damaged gzip; `INVALID_JSON` when the payload or a `message` is not JSON
 *   (with the log event's `recordIndex`); `INVALID_RECORD` when a message is not a record.
 * @example
 * ```ts
 * import type { CloudWatchLogsEvent } from 'aws-lambda';
 * import { fromCloudWatchLogs } from 'cloudtrail-chime';
 *
 * export const handler = async (event: CloudWatchLogsEvent) => {
 *   for (const record of await fromCloudWatchLogs(event)) console.log(record.eventName);
 * };
 * ```
 */
export async function fromCloudWatchLogs(
  event: unknown,
  options: FromCloudWatchLogsOptions = {},
): Promise<CloudTrailRecord[]> {
  const { signal } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (typeof maxBytes !== 'number' || !(maxBytes > 0)) {
    throw new RangeError(`cloudtrail-chime: maxBytes must be a positive number, got ${String(maxBytes)}`);
  }
  throwIfAborted(signal);
  const candidates = logEventCandidates(cloudWatchLogsPayload(event, maxBytes));
  const records: CloudTrailRecord[] = [];
  for (let i = 0; i < candidates.length; i++) {
    throwIfAborted(signal);
    records.push(recordOf(candidates[i] as Candidate, i));
  }
  return records;
}
