import type * as z from 'zod';
import { invalidRecord, type SafeParseRecordResult } from './check.js';
import { validRecord } from './generated/validator.js';
import { type CloudTrailRecord, CloudTrailRecordSchema, CloudTrailRecordStrictSchema } from './record.js';

/** Options of {@link parseRecord} and {@link safeParseRecord}. */
export interface ParseRecordOptions {
  /** Use {@link CloudTrailRecordStrictSchema}: every deviation from the documented format is an issue. */
  strict?: boolean;
}

export type { SafeParseRecordResult } from './check.js';

/**
 * Validates with the zod schema, so that errors carry the `ZodError` as `cause` (valid records
 * take the generated validator, which accepts exactly what the lenient schema accepts).
 */
function checkWithZod(value: unknown, strict: boolean): SafeParseRecordResult {
  if (!strict && validRecord(value)) return { success: true, data: value as CloudTrailRecord };
  const schema: z.ZodType = strict ? CloudTrailRecordStrictSchema : CloudTrailRecordSchema;
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: value as CloudTrailRecord };
  return invalidRecord(result.error.issues, {}, result.error);
}

/**
 * Validates one record (lenient by default) and returns it, unknown keys included. The value
 * returned is the input itself: nothing is copied or stripped.
 *
 * @throws {CloudTrailParseError} code `INVALID_RECORD`, with the first issue's `path`, every zod
 *   issue in `issues` and the `ZodError` as `cause`.
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
