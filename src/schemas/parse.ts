import type * as z from 'zod';
import { CloudTrailParseError } from '../errors.js';
import { quickCheckFor } from './quick-check.js';
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

const quick = /* @__PURE__ */ quickCheckFor(CloudTrailRecordSchema);

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

/** @internal Validates one record; returns the input itself (not a copy) when valid. */
export function checkRecord(value: unknown, ctx: RecordContext = {}, strict = false): SafeParseRecordResult {
  if (!strict && quick(value)) return { success: true, data: value as CloudTrailRecord };
  const schema: z.ZodType = strict ? CloudTrailRecordStrictSchema : CloudTrailRecordSchema;
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: value as CloudTrailRecord };
  const issue = result.error.issues[0];
  const path = [...(ctx.pathPrefix ?? []), ...(issue?.path ?? [])];
  const where = [
    ctx.recordIndex === undefined ? undefined : `record ${ctx.recordIndex}`,
    ctx.offset === undefined ? undefined : `byte ${ctx.offset}`,
  ]
    .filter(Boolean)
    .join(' at ');
  const count = result.error.issues.length;
  const message =
    `invalid CloudTrail record${where ? ` (${where})` : ''}: ${describePath(path)}: ${issue?.message ?? 'invalid'}` +
    (count > 1 ? ` (and ${count - 1} more issue${count > 2 ? 's' : ''})` : '');
  return {
    success: false,
    error: new CloudTrailParseError('INVALID_RECORD', message, {
      recordIndex: ctx.recordIndex,
      offset: ctx.offset,
      path,
      cause: result.error,
    }),
  };
}

/**
 * Validates one record (lenient by default) and returns it, unknown keys included.
 *
 * @throws {CloudTrailParseError} code `INVALID_RECORD`, with the zod issue `path`.
 * @example
 * ```ts
 * import { parseRecord } from 'cloudtrail-chime';
 * const record = parseRecord(JSON.parse('{"eventVersion":"1.11","eventName":"CreateMeeting"}'));
 * ```
 */
export function parseRecord(value: unknown, options: ParseRecordOptions = {}): CloudTrailRecord {
  const result = checkRecord(value, {}, options.strict === true);
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
  return checkRecord(value, {}, options.strict === true);
}
