/**
 * Issues in zod's shape and with zod's (English) messages, built without zod: the runtime of the
 * generated validator (`generated/validator.ts`).
 *
 * @internal
 * @module
 */
import type * as z from 'zod';

/** A validation issue, in zod's issue shape. */
export type Issue = z.core.$ZodIssue;
/** Where a value sits. */
export type Path = PropertyKey[];
/** A generated check: true when `value` is valid; when `out` is given, every issue is pushed to it. */
export type Check = (value: unknown, path: Path, out: Issue[] | undefined) => boolean;

/** The type name zod's messages use for a (JSON) value. */
function received(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? 'number' : String(v);
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

export const typeIssue = (
  expected: 'string' | 'boolean' | 'object' | 'array' | 'record',
  input: unknown,
  path: Path,
): Issue => ({
  expected,
  code: 'invalid_type',
  path,
  message: `Invalid input: expected ${expected}, received ${received(input)}`,
});

export const formatIssue = (pattern: RegExp, path: Path): Issue =>
  // zod's issue also names its origin, which its issue type leaves out
  ({
    origin: 'string',
    code: 'invalid_format',
    format: 'regex',
    pattern: String(pattern),
    path,
    message: `Invalid string: must match pattern ${pattern}`,
  }) as Issue;

export const valueIssue = (values: readonly string[], path: Path): Issue => ({
  code: 'invalid_value',
  values: [...values],
  path,
  message:
    values.length === 1
      ? `Invalid input: expected ${JSON.stringify(values[0])}`
      : `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join('|')}`,
});

export const unionIssue = (errors: Issue[][], path: Path): Issue => ({
  code: 'invalid_union',
  errors,
  path,
  message: 'Invalid input',
});

export const customIssue = (path: Path, message: string): Issue => ({ code: 'custom', path, message });

/** Every issue `check` finds in `value`, with paths relative to it (a union member's errors). */
export function issuesOf(check: Check, value: unknown): Issue[] {
  const out: Issue[] = [];
  check(value, [], out);
  return out;
}
