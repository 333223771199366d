/**
 * Record validation without zod, for the reader: the lenient plan (equal to
 * `CloudTrailRecordSchema`, see `record-plan.ts`) and the strict rules of
 * `CloudTrailRecordStrictSchema`, reporting the same first path as the zod schemas.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import { firstIssue, memberIssue, type Plan, passesPlan, undocumentedKeysOf } from './quick-check.js';
import type { CloudTrailRecord } from './record.js';
import { recordPlan } from './record-plan.js';

/** A validation failure: where, and why. */
export interface PlanIssue {
  path: PropertyKey[];
  message: string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const VERSION = /^\d+\.\d+$/;

const received = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const expected = (what: string, v: unknown) => `Invalid input: expected ${what}, received ${received(v)}`;

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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return firstIssue(plan, value);
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
  const extra = undocumentedKeysOf(plan, r)[0];
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

const DIGEST_REQUIRED = [
  'digestStartTime',
  'digestEndTime',
  'digestS3Bucket',
  'digestS3Object',
  'digestPublicKeyFingerprint',
];
const DIGEST_OPTIONAL = [
  'awsAccountId',
  'digestSignatureAlgorithm',
  'newestEventTime',
  'oldestEventTime',
  'previousDigestS3Bucket',
  'previousDigestS3Object',
  'previousDigestHashValue',
  'previousDigestHashAlgorithm',
  'previousDigestSignature',
];
const LOG_FILE_REQUIRED = ['s3Bucket', 's3Object', 'hashValue'];
const LOG_FILE_OPTIONAL = ['hashAlgorithm', 'newestEventTime', 'oldestEventTime'];

function fieldsIssue(
  o: Record<string, unknown>,
  required: string[],
  optional: string[],
  at: PropertyKey[],
): PlanIssue | undefined {
  for (const key of required) {
    if (typeof o[key] !== 'string') return { path: [...at, key], message: expected('string', o[key]) };
  }
  for (const key of optional) {
    const v = o[key];
    if (v !== undefined && v !== null && typeof v !== 'string')
      return { path: [...at, key], message: expected('string', v) };
  }
  return undefined;
}

/**
 * The first issue of a digest file against `CloudTrailDigestFileSchema` (without zod; a test
 * checks that both agree), or `undefined`.
 */
export function digestIssue(value: unknown): PlanIssue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { path: [], message: expected('object', value) };
  const d = value as Record<string, unknown>;
  const keys = ['awsAccountId', ...DIGEST_REQUIRED, ...DIGEST_OPTIONAL.slice(1)];
  // zod reports in shape order: awsAccountId, the times, bucket/object, fingerprint, ...
  for (const key of keys) {
    const v = d[key];
    if (DIGEST_REQUIRED.includes(key)) {
      if (typeof v !== 'string') return { path: [key], message: expected('string', v) };
    } else if (v !== undefined && v !== null && typeof v !== 'string')
      return { path: [key], message: expected('string', v) };
  }
  if (!Array.isArray(d.logFiles)) return { path: ['logFiles'], message: expected('array', d.logFiles) };
  for (let i = 0; i < d.logFiles.length; i++) {
    const f = d.logFiles[i];
    if (typeof f !== 'object' || f === null || Array.isArray(f))
      return { path: ['logFiles', i], message: expected('object', f) };
    const issue = fieldsIssue(f as Record<string, unknown>, LOG_FILE_REQUIRED, LOG_FILE_OPTIONAL, ['logFiles', i]);
    if (issue) return issue;
  }
  return undefined;
}
