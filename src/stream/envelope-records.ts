/**
 * Auto-detection of the envelopes CloudTrail records travel in, for a body that is one JSON
 * object without `Records`: an EventBridge event (`detail-type` + `detail`), a CloudWatch Logs
 * subscription payload (`awslogs.data`, or its decoded `messageType` / `logEvents`), and
 * LookupEvents output (`Events[].CloudTrailEvent`). Returns the record candidates (validated by
 * the caller like any record), or `undefined` when the object is no such envelope.
 *
 * @internal
 * @module
 */
import { decodeBase64 } from '../envelopes/base64.js';
import { CloudTrailParseError } from '../errors.js';
import { isPlainObject as isObject } from '../schemas/plain-object.js';
import { gunzipWhole } from './gunzip.js';

function parse(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CloudTrailParseError('INVALID_JSON', `${what} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

function inflateAwslogs(data: string): unknown {
  const bytes = decodeBase64(data);
  if (bytes === undefined) throw new CloudTrailParseError('NOT_A_LOG_FILE', 'awslogs.data is not base64');
  const text = new TextDecoder().decode(gunzipWhole(bytes));
  return parse(text, 'the CloudWatch Logs payload');
}

function logEvents(payload: Record<string, unknown>): unknown[] {
  if (payload.messageType !== undefined && payload.messageType !== 'DATA_MESSAGE') return []; // CONTROL_MESSAGE
  if (!Array.isArray(payload.logEvents)) {
    throw new CloudTrailParseError('NOT_A_LOG_FILE', 'a CloudWatch Logs DATA_MESSAGE without a logEvents array');
  }
  return payload.logEvents.map((e, i) =>
    isObject(e) && typeof e.message === 'string' ? parse(e.message, `log event ${i}`) : e,
  );
}

/** @internal Record candidates inside an envelope object, or `undefined`. */
export function envelopeRecords(o: Record<string, unknown>): unknown[] | undefined {
  if ('detail-type' in o && isObject(o.detail)) return [o.detail];
  if (isObject(o.awslogs) && typeof o.awslogs.data === 'string') {
    const payload = inflateAwslogs(o.awslogs.data);
    return isObject(payload) ? logEvents(payload) : undefined;
  }
  if ('logEvents' in o && ('messageType' in o || 'logGroup' in o)) return logEvents(o);
  if (Array.isArray(o.Events)) {
    return o.Events.map((e, i) =>
      isObject(e) && typeof e.CloudTrailEvent === 'string'
        ? parse(e.CloudTrailEvent, `Events[${i}].CloudTrailEvent`)
        : e,
    );
  }
  return undefined;
}
