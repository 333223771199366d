import { CloudTrailParseError } from '../errors.js';
import { checkRecord } from '../schemas/check.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { readBodyBytes } from '../stream/bytes.js';
import { decodeBase64 } from './base64.js';
import { describeValue, isObject } from './describe.js';

/** Options of {@link fromCloudWatchLogs}. */
export interface FromCloudWatchLogsOptions {
  /** Cancels reading (`ABORTED`). */
  signal?: AbortSignal | undefined;
  /** Largest accepted inflated payload in bytes (default: the stream reader's default). */
  maxBytes?: number | undefined;
}

const EXPECTED =
  'a CloudWatch Logs subscription event ({ awslogs: { data } }), its base64 data string, the gzipped bytes or the decoded { messageType, logEvents } object';

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
  let payload: unknown = event;
  if (isObject(event) && 'awslogs' in event) {
    const awslogs = event.awslogs;
    if (!isObject(awslogs) || typeof awslogs.data !== 'string') {
      throw new CloudTrailParseError(
        'NOT_A_LOG_FILE',
        `expected "awslogs.data" to be a base64 string, found ${describeValue(isObject(awslogs) ? awslogs.data : awslogs)}`,
      );
    }
    payload = awslogs.data;
  }
  if (typeof payload === 'string') {
    const trimmed = payload.trimStart();
    if (trimmed.startsWith('{')) {
      payload = parseJson(trimmed);
    } else {
      const bytes = decodeBase64(payload);
      if (bytes === undefined || bytes.length === 0) {
        throw new CloudTrailParseError(
          'NOT_A_LOG_FILE',
          `expected ${EXPECTED}, found ${describeValue(payload)} that is not base64`,
        );
      }
      payload = bytes;
    }
  }
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    const readOptions: { signal?: AbortSignal; maxBytes?: number } = {};
    if (options.signal !== undefined) readOptions.signal = options.signal;
    if (options.maxBytes !== undefined) readOptions.maxBytes = options.maxBytes;
    const bytes = await readBodyBytes(payload, readOptions);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch (cause) {
      throw new CloudTrailParseError('INVALID_JSON', 'CloudWatch Logs payload is not UTF-8 text', { cause });
    }
    payload = parseJson(text);
  }
  if (!isObject(payload) || !('logEvents' in payload || 'messageType' in payload)) {
    throw new CloudTrailParseError('NOT_A_LOG_FILE', `expected ${EXPECTED}, found ${describeValue(payload)}`);
  }
  const messageType = payload.messageType;
  if (messageType !== undefined && messageType !== 'DATA_MESSAGE') {
    if (typeof messageType === 'string') return [];
    throw new CloudTrailParseError(
      'NOT_A_LOG_FILE',
      `expected "messageType" to be a string such as "DATA_MESSAGE", found ${describeValue(messageType)}`,
    );
  }
  const logEvents = payload.logEvents;
  if (!Array.isArray(logEvents)) {
    throw new CloudTrailParseError(
      'NOT_A_LOG_FILE',
      `expected "logEvents" of a CloudWatch Logs DATA_MESSAGE to be an array, found ${describeValue(logEvents)}`,
    );
  }
  const records: CloudTrailRecord[] = [];
  for (let i = 0; i < logEvents.length; i++) {
    const logEvent = logEvents[i];
    const path = ['logEvents', i, 'message'];
    if (!isObject(logEvent) || typeof logEvent.message !== 'string') {
      throw new CloudTrailParseError(
        'NOT_A_LOG_FILE',
        `expected log event ${i} to have a "message" string, found ${describeValue(isObject(logEvent) ? logEvent.message : logEvent)}`,
        { recordIndex: i, path },
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(logEvent.message);
    } catch (cause) {
      throw new CloudTrailParseError(
        'INVALID_JSON',
        `log event ${i}: message is not valid JSON: ${(cause as Error).message}`,
        { recordIndex: i, path, cause },
      );
    }
    if (!isObject(value)) {
      throw new CloudTrailParseError(
        'INVALID_RECORD',
        `log event ${i}: expected the message to be a record object, found ${describeValue(value)}`,
        { recordIndex: i, path },
      );
    }
    const result = checkRecord(value, { recordIndex: i, pathPrefix: path });
    if (!result.success) throw result.error;
    records.push(result.data);
  }
  return records;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CloudTrailParseError(
      'INVALID_JSON',
      `CloudWatch Logs payload is not valid JSON: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
}
