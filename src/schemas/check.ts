/**
 * Record validation without zod, for the reader: the lenient plan (equal to
 * `CloudTrailRecordSchema`, see `record-plan.ts`) and the strict rules of
 * `CloudTrailRecordStrictSchema`, reporting the same first path as the zod schemas.
 *
 * @internal
 * @module
 */
import { firstIssue, memberIssue, type Plan, passesPlan, undocumentedKeysOf } from './quick-check.js';
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
