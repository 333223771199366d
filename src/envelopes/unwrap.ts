/**
 * The one envelope unwrapper: the record candidates inside an EventBridge event, a CloudWatch
 * Logs subscription payload or a LookupEvents output. `readRecords`' auto-detection and the
 * `from*` functions both use it, so both apply the same rules: only EventBridge events whose
 * `detail-type` ends in ` via CloudTrail` carry records; a CloudWatch Logs payload is inflated
 * under a size limit; records are never re-serialised.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import { gunzipWhole } from '../gzip/decoder.js';
import { isGzip } from '../gzip/header.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_RECORD_BYTES, decodeJson, deeperThan, parseJson, tooDeep } from '../json.js';
import { checkRecord } from '../schemas/check.js';
import { isPlainObject as isObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { decodeBase64 } from './base64.js';
import { describeValue } from './describe.js';

/** @internal One record candidate of an envelope: a parsed value (to validate) or why it is none. */
export type Candidate =
  | { value: unknown; raw: string; path: PropertyKey[]; error?: undefined }
  | { error: CloudTrailParseError; raw: string; value?: undefined };

/** @internal Which envelope an object is. */
export type EnvelopeKind = 'event-bridge' | 'cloudwatch-logs' | 'lookup-events';

const VIA = ' via CloudTrail';

/** `NOT_A_LOG_FILE`: `expected <what>, found <a description of found>`. */
const expected = (what: string, found: unknown, where: { recordIndex?: number; path?: PropertyKey[] } = {}) =>
  new CloudTrailParseError('NOT_A_LOG_FILE', `expected ${what}, found ${describeValue(found)}`, where);

/** @internal The kind of envelope `o` is, by its keys, or `undefined`. */
export function envelopeKind(o: Record<string, unknown>): EnvelopeKind | undefined {
  if ('detail-type' in o) return 'event-bridge';
  if ('awslogs' in o || ('logEvents' in o && ('messageType' in o || 'logGroup' in o))) return 'cloudwatch-logs';
  if (Array.isArray(o.Events)) return 'lookup-events';
  return undefined;
}

/**
 * @internal The record candidates of an envelope object, or `undefined` when it is none.
 * @param raw - the object's JSON text, where known (reported as a candidate's raw text)
 * @param maxBytes - largest inflated CloudWatch Logs payload (`RECORD_TOO_LARGE` above it)
 * @throws {CloudTrailParseError} `NOT_A_LOG_FILE` for an envelope that carries no CloudTrail
 *   record (e.g. an EventBridge event not "via CloudTrail"), or an envelope-level gzip / JSON error
 */
export function unwrapEnvelope(o: Record<string, unknown>, raw: string, maxBytes: number): Candidate[] | undefined {
  switch (envelopeKind(o)) {
    case 'event-bridge':
      return [eventBridgeCandidate(o, raw)];
    case 'cloudwatch-logs':
      return logEventCandidates(cloudWatchLogsPayload(o, maxBytes));
    case 'lookup-events':
      return lookupEventCandidates(o.Events as unknown[], ['Events']);
    default:
      return undefined;
  }
}

/** @internal The `detail` of a CloudTrail EventBridge event. */
export function eventBridgeCandidate(event: unknown, raw: string): Candidate {
  if (!isObject(event) || !('detail-type' in event) || !('detail' in event)) {
    throw expected('an EventBridge event with "detail-type" and "detail"', event);
  }
  const detailType = event['detail-type'];
  if (typeof detailType !== 'string' || !detailType.endsWith(VIA)) {
    throw expected(`a CloudTrail record: an EventBridge "detail-type" ending in "${VIA.trim()}"`, detailType);
  }
  const detail = event.detail;
  if (!isObject(detail)) throw expected(`the "detail" of a "${detailType}" event to be a record object`, detail);
  return { value: detail, raw, path: ['detail'] };
}

const CLOUDWATCH_EXPECTED = 'a CloudWatch Logs event ({ awslogs: { data } }), its data or the decoded { logEvents }';

const tooLarge = (maxBytes: number) =>
  new CloudTrailParseError(
    'RECORD_TOO_LARGE',
    `the CloudWatch Logs payload is larger than maxRecordBytes (${maxBytes})`,
  );

/** Inflates (when gzip) and parses a payload's bytes, within `maxBytes`. */
function payloadOfBytes(bytes: Uint8Array, maxBytes: number): unknown {
  const inflated = isGzip(bytes) ? gunzipWhole(bytes, maxBytes) : bytes.length <= maxBytes ? bytes : undefined;
  if (inflated === undefined) throw tooLarge(maxBytes);
  return decodeJson(inflated, 'the CloudWatch Logs payload').value;
}

/**
 * @internal The decoded `{ messageType, logEvents }` payload of any CloudWatch Logs input form:
 * `{ awslogs: { data } }`, the base64 data string, a JSON string, bytes (gzip or plain), or the
 * decoded object itself.
 */
export function cloudWatchLogsPayload(input: unknown, maxBytes = DEFAULT_MAX_RECORD_BYTES): Record<string, unknown> {
  let payload: unknown = input;
  if (isObject(input) && 'awslogs' in input) {
    const awslogs = input.awslogs;
    if (!isObject(awslogs) || typeof awslogs.data !== 'string') {
      throw expected('"awslogs.data" to be a base64 string', isObject(awslogs) ? awslogs.data : awslogs);
    }
    payload = awslogs.data;
  }
  if (typeof payload === 'string') {
    const trimmed = payload.trimStart();
    if (trimmed.startsWith('{')) {
      if (trimmed.length > maxBytes) throw tooLarge(maxBytes);
      payload = parseJson(trimmed, 'the CloudWatch Logs payload');
    } else {
      const bytes = decodeBase64(payload);
      if (bytes === undefined || bytes.length === 0) throw expected(`${CLOUDWATCH_EXPECTED} in base64`, payload);
      payload = payloadOfBytes(bytes, maxBytes);
    }
  } else if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    payload = payloadOfBytes(payload instanceof Uint8Array ? payload : new Uint8Array(payload), maxBytes);
  }
  if (!isObject(payload) || !('logEvents' in payload || 'messageType' in payload)) {
    throw expected(CLOUDWATCH_EXPECTED, payload);
  }
  return payload;
}

/** @internal The record candidates of a decoded CloudWatch Logs payload (none for a `CONTROL_MESSAGE`). */
export function logEventCandidates(payload: Record<string, unknown>): Candidate[] {
  const messageType = payload.messageType;
  if (messageType !== undefined && messageType !== 'DATA_MESSAGE') {
    if (typeof messageType === 'string') return [];
    throw expected('a "messageType" string', messageType);
  }
  const logEvents = payload.logEvents;
  if (!Array.isArray(logEvents)) throw expected('a "logEvents" array', logEvents);
  return logEvents.map((logEvent: unknown, i): Candidate => {
    const path = ['logEvents', i, 'message'];
    if (!isObject(logEvent) || typeof logEvent.message !== 'string') {
      throw expected(`a "message" string in log event ${i}`, isObject(logEvent) ? logEvent.message : logEvent, {
        recordIndex: i,
        path,
      });
    }
    return parsed(logEvent.message, `log event ${i}: message`, i, path);
  });
}

function parsed(text: string, what: string, index: number, path: PropertyKey[]): Candidate {
  try {
    return { value: parseJson(text, what, { recordIndex: index, path }), raw: text, path };
  } catch (error) {
    return { error: error as CloudTrailParseError, raw: text };
  }
}

/** @internal The record candidates of LookupEvents' `Events` (`pathPrefix`: where they are). */
export function lookupEventCandidates(events: unknown[], pathPrefix: PropertyKey[]): Candidate[] {
  return events.map((event, i): Candidate => {
    const path = [...pathPrefix, i];
    if (isObject(event) && typeof event.CloudTrailEvent === 'string') {
      return parsed(event.CloudTrailEvent, `LookupEvents event ${i}: CloudTrailEvent`, i, [...path, 'CloudTrailEvent']);
    }
    if (isObject(event) && isObject(event.CloudTrailEvent)) {
      return { value: event.CloudTrailEvent, raw: '', path: [...path, 'CloudTrailEvent'] };
    }
    if (isObject(event) && !('CloudTrailEvent' in event) && 'eventVersion' in event)
      return { value: event, raw: '', path };
    throw expected(`a CloudTrailEvent JSON string in LookupEvents event ${i}`, event, { recordIndex: i, path });
  });
}

/**
 * @internal The record of a candidate, validated with the lenient schema and `maxDepth`; throws
 * the candidate's error or the record's `INVALID_RECORD`.
 */
export function recordOf(candidate: Candidate, index: number, maxDepth = DEFAULT_MAX_DEPTH): CloudTrailRecord {
  if (candidate.error !== undefined) throw candidate.error;
  const { value, path } = candidate;
  if (!isObject(value)) {
    throw new CloudTrailParseError(
      'INVALID_RECORD',
      `envelope record ${index}: expected a record object, found ${describeValue(value)}`,
      { recordIndex: index, path },
    );
  }
  if (deeperThan(value, maxDepth)) throw tooDeep(index, maxDepth, { recordIndex: index, path });
  const result = checkRecord(value, { recordIndex: index, pathPrefix: path });
  if (!result.success) throw result.error;
  return result.data;
}
