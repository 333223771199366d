/**
 * Record validation without zod, for the reader: the lenient plan (equal to
 * `CloudTrailRecordSchema`, see `record-plan.ts`) and the strict rules of
 * `CloudTrailRecordStrictSchema`, reporting the same first path as the zod schemas.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import {
  expected,
  firstIssue,
  isPlainObject,
  memberIssue,
  type Plan,
  passesPlan,
  undocumentedKeys,
} from './quick-check.js';
import type { CloudTrailRecord } from './record.js';
import { recordPlan } from './record-plan.js';

/** A validation failure: where, and why. */
export interface PlanIssue {
  path: PropertyKey[];
  message: string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const VERSION = /^\d+\.\d+$/;

function requiredString(pattern?: RegExp) {
  return (v: unknown): string | undefined => {
    if (typeof v !== 'string') return expected('string', v);
    if (pattern && !pattern.test(v)) return `Invalid string: must match pattern ${pattern}`;
    return undefined;
  };
}

const optionalBoolean = (v: unknown) =>
  v === undefined || typeof v === 'boolean' ? undefined : expected('boolean', v);

/** Members whose strict rule differs from the lenient plan, as in `CloudTrailRecordStrictSchema`. */
const STRICT_RULES: Record<string, (v: unknown) => string | undefined> = {
  eventVersion: requiredString(VERSION),
  eventTime: requiredString(ISO_TIME),
  awsRegion: requiredString(),
  eventID: requiredString(),
  eventType: requiredString(),
  managementEvent: optionalBoolean,
  readOnly: optionalBoolean,
  sessionCredentialFromConsole: (v) =>
    v === undefined || v === 'true' || v === 'false' ? undefined : 'Invalid option: expected one of "true"|"false"',
};

/** True when the record is certainly valid (lenient): the fast path. */
export function isValidRecord(value: unknown): boolean {
  return passesPlan(recordPlan(), value);
}

/** The first lenient-schema issue of a record, or `undefined`. */
export function lenientIssue(value: unknown): PlanIssue | undefined {
  return firstIssue(recordPlan(), value);
}

/** The first strict-schema issue of a record, or `undefined`. */
export function strictIssue(value: unknown): PlanIssue | undefined {
  const plan = recordPlan() as Extract<Plan, { k: 'object' }>;
  if (!isPlainObject(value)) return firstIssue(plan, value);
  const r = value as Record<string, unknown>;
  for (const [key, field] of plan.fields) {
    const rule = STRICT_RULES[key];
    if (rule) {
      const message = rule(r[key]);
      if (message !== undefined) return { path: [key], message };
      continue;
    }
    const issue = memberIssue(field, r[key]);
    if (issue) return { path: [key, ...issue.path], message: issue.message };
  }
  const extra = undocumentedKeys(plan, r)[0];
  if (extra) return { path: extra, message: `undocumented key ${JSON.stringify(extra[extra.length - 1])}` };
  if (r.eventType === 'AwsCloudTrailInsight') {
    return r.insightDetails == null
      ? { path: ['insightDetails'], message: 'Insights record without insightDetails' }
      : undefined;
  }
  for (const key of ['eventSource', 'eventName', 'userIdentity']) {
    if (r[key] == null) return { path: [key], message: `missing ${key}` };
  }
  return undefined;
}

/** Result of {@link safeParseRecord}. */
export type SafeParseRecordResult =
  | { success: true; data: CloudTrailRecord }
  | { success: false; error: CloudTrailParseError };

/** @internal Where a record sits, to put into error messages and paths. */
export interface RecordContext {
  recordIndex?: number | undefined;
  offset?: number | undefined;
  /** Path prefix of the record, e.g. `['Records', 3]`. */
  pathPrefix?: readonly PropertyKey[] | undefined;
}

const describePath = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? '(root)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');

export function invalidRecord(
  issue: PlanIssue,
  count: number,
  ctx: RecordContext,
  cause?: unknown,
): SafeParseRecordResult {
  const path = [...(ctx.pathPrefix ?? []), ...issue.path];
  const where = [
    ctx.recordIndex === undefined ? undefined : `record ${ctx.recordIndex}`,
    ctx.offset === undefined ? undefined : `byte ${ctx.offset}`,
  ]
    .filter(Boolean)
    .join(' at ');
  const message =
    `invalid CloudTrail record${where ? ` (${where})` : ''}: ${describePath(path)}: ${issue.message}` +
    (count > 1 ? ` (and ${count - 1} more issue${count > 2 ? 's' : ''})` : '');
  return {
    success: false,
    error: new CloudTrailParseError('INVALID_RECORD', message, {
      recordIndex: ctx.recordIndex,
      offset: ctx.offset,
      path,
      cause,
    }),
  };
}

/**
 * @internal Validates one record without zod (the reader's path; see `check.ts`); returns the
 * input itself (not a copy) when valid.
 */
export function checkRecord(value: unknown, ctx: RecordContext = {}, strict = false): SafeParseRecordResult {
  if (!strict && isValidRecord(value)) return { success: true, data: value as CloudTrailRecord };
  const issue = strict ? strictIssue(value) : lenientIssue(value);
  if (issue === undefined) return { success: true, data: value as CloudTrailRecord };
  return invalidRecord(issue, 1, ctx);
}

/** String members in schema order, `true` where required (nullish allowed otherwise). */
type StringFields = readonly (readonly [string, boolean])[];

const DIGEST_FIELDS: StringFields = [
  ['awsAccountId', false],
  ['digestStartTime', true],
  ['digestEndTime', true],
  ['digestS3Bucket', true],
  ['digestS3Object', true],
  ['digestPublicKeyFingerprint', true],
  ['digestSignatureAlgorithm', false],
  ['newestEventTime', false],
  ['oldestEventTime', false],
  ['previousDigestS3Bucket', false],
  ['previousDigestS3Object', false],
  ['previousDigestHashValue', false],
  ['previousDigestHashAlgorithm', false],
  ['previousDigestSignature', false],
];
const LOG_FILE_FIELDS: StringFields = [
  ['s3Bucket', true],
  ['s3Object', true],
  ['hashValue', true],
  ['hashAlgorithm', false],
  ['newestEventTime', false],
  ['oldestEventTime', false],
];

/** The first member that is not a string (or, when optional, nullish), in schema order as zod reports. */
function fieldsIssue(o: Record<string, unknown>, fields: StringFields, at: PropertyKey[]): PlanIssue | undefined {
  for (const [key, required] of fields) {
    const v = o[key];
    if (typeof v === 'string' || (!required && (v === undefined || v === null))) continue;
    return { path: [...at, key], message: expected('string', v) };
  }
  return undefined;
}

/**
 * The first issue of a digest file against `CloudTrailDigestFileSchema` (without zod; a test
 * checks that both agree), or `undefined`.
 */
export function digestIssue(value: unknown): PlanIssue | undefined {
  if (!isPlainObject(value)) return { path: [], message: expected('object', value) };
  const issue = fieldsIssue(value, DIGEST_FIELDS, []);
  if (issue) return issue;
  const logFiles = value.logFiles;
  if (!Array.isArray(logFiles)) return { path: ['logFiles'], message: expected('array', logFiles) };
  for (let i = 0; i < logFiles.length; i++) {
    const f = logFiles[i];
    if (!isPlainObject(f)) return { path: ['logFiles', i], message: expected('object', f) };
    const fileIssue = fieldsIssue(f, LOG_FILE_FIELDS, ['logFiles', i]);
    if (fileIssue) return fileIssue;
  }
  return undefined;
}
