/**
 * Record and digest validation without zod, for the reader: the validator generated from the zod
 * schemas (`generated/validator.ts`, by `scripts/codegen/validator.mjs`), which reports the
 * issues zod reports. A value is valid when it has no issue.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import { validDigestFile, validRecord, validStrictRecord } from './generated/validator.js';
import type { Issue } from './issues.js';
import type { CloudTrailRecord } from './record.js';

/** A validation issue (zod's issue shape): where, and why. */
export type PlanIssue = Issue;

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

/** The `INVALID_RECORD` result for a record with `issues` (at least one; zod's shape, relative paths). */
export function invalidRecord(issues: readonly Issue[], ctx: RecordContext, cause?: unknown): SafeParseRecordResult {
  const first = issues[0];
  const path = [...(ctx.pathPrefix ?? []), ...(first?.path ?? [])];
  const where =
    (ctx.recordIndex === undefined ? '' : ` ${ctx.recordIndex}`) +
    (ctx.offset === undefined ? '' : ` at byte ${ctx.offset}`);
  const count = issues.length;
  const message =
    `invalid record${where}: ${describePath(path)}: ${first?.message ?? 'invalid'}` +
    (count > 1 ? ` (and ${count - 1} more issue${count > 2 ? 's' : ''})` : '');
  return {
    success: false,
    error: new CloudTrailParseError('INVALID_RECORD', message, {
      recordIndex: ctx.recordIndex,
      offset: ctx.offset,
      path,
      issues,
      cause,
    }),
  };
}

/**
 * @internal Validates one record without zod (the reader's path); returns the input itself (not
 * a copy) when valid, else an `INVALID_RECORD` error carrying every issue (zod's shape) and the
 * first issue's path.
 */
export function checkRecord(value: unknown, ctx: RecordContext = {}, strict = false): SafeParseRecordResult {
  const valid = strict ? validStrictRecord : validRecord;
  if (valid(value)) return { success: true, data: value as CloudTrailRecord };
  const issues: Issue[] = [];
  valid(value, issues);
  return invalidRecord(issues, ctx);
}

/** The first issue of a digest file against `CloudTrailDigestFileSchema` (without zod), or `undefined`. */
export function digestIssue(value: unknown): PlanIssue | undefined {
  if (validDigestFile(value)) return undefined;
  const issues: Issue[] = [];
  validDigestFile(value, issues);
  return issues[0];
}
