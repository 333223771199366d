import type * as z from 'zod';
import { CloudTrailParseError } from '../errors.js';
import { isValidRecord, lenientIssue, type PlanIssue, strictIssue } from './check.js';
import { type CloudTrailRecord, CloudTrailRecordSchema, CloudTrailRecordStrictSchema } from './record.js';

/** Options of {@link parseRecord} and {@link safeParseRecord}. */
export interface ParseRecordOptions {
  /** Use {@link CloudTrailRecordStrictSchema}: every deviation from the documented format is an issue. */
  strict?: boolean;
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

function invalid(issue: PlanIssue, count: number, ctx: RecordContext, cause?: unknown): SafeParseRecordResult {
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
  return invalid(issue, 1, ctx);
}

/** Validates with the zod schema, so that errors carry the `ZodError` (all issues) as `cause`. */
function checkWithZod(value: unknown, strict: boolean): SafeParseRecordResult {
  if (!strict && isValidRecord(value)) return { success: true, data: value as CloudTrailRecord };
  const schema: z.ZodType = strict ? CloudTrailRecordStrictSchema : CloudTrailRecordSchema;
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: value as CloudTrailRecord };
  const first = result.error.issues[0];
  return invalid(
    { path: (first?.path ?? []) as PropertyKey[], message: first?.message ?? 'invalid' },
    result.error.issues.length,
    {},
    result.error,
  );
}

/**
 * Validates one record (lenient by default) and returns it, unknown keys included. The value
 * returned is the input itself: nothing is copied or stripped.
 *
 * @throws {CloudTrailParseError} code `INVALID_RECORD`, with the zod issue `path` and the
 *   `ZodError` as `cause`.
 * @example
 * ```ts
 * import { parseRecord } from 'cloudtrail-chime';
 * const record = parseRecord(JSON.parse('{"eventVersion":"1.11","eventName":"CreateMeeting"}'));
 * ```
 */
export function parseRecord(value: unknown, options: ParseRecordOptions = {}): CloudTrailRecord {
  const result = checkWithZod(value, options.strict === true);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like {@link parseRecord}, without throwing.
 *
 * @example
 * ```ts
 * import { safeParseRecord } from 'cloudtrail-chime';
 * const r = safeParseRecord({ eventName: 42 });
 * if (!r.success) console.log(r.error.path); // ['eventName']
 * ```
 */
export function safeParseRecord(value: unknown, options: ParseRecordOptions = {}): SafeParseRecordResult {
  return checkWithZod(value, options.strict === true);
}
