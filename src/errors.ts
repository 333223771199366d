/**
 * The single error class of cloudtrail-chime.
 *
 * @module
 */
import type * as z from 'zod';

/** Machine-readable reason of a {@link CloudTrailParseError}. */
export type CloudTrailParseErrorCode =
  | 'INVALID_GZIP'
  | 'INVALID_JSON'
  | 'NOT_A_LOG_FILE'
  | 'INVALID_RECORD'
  | 'RECORD_TOO_LARGE'
  | 'ABORTED';

/** Where and why a {@link CloudTrailParseError} happened. */
export interface CloudTrailParseErrorOptions {
  /** Byte offset in the decompressed text, where known. */
  offset?: number | undefined;
  /** Zero-based index of the record in its file, where known. */
  recordIndex?: number | undefined;
  /** Zod issue path (for `INVALID_RECORD`), prefixed with `['Records', index]` inside a log file. */
  path?: readonly PropertyKey[] | undefined;
  /** Every validation issue, in zod's issue shape (for `INVALID_RECORD`); paths relative to the record. */
  issues?: readonly z.core.$ZodIssue[] | undefined;
  /** The underlying error (a `ZodError`, an fflate error, a `SyntaxError`, an abort reason...). */
  cause?: unknown;
}

/**
 * Thrown (or reported through `onInvalid`) for every input the library cannot read.
 *
 * @example
 * ```ts
 * import { isCloudTrailParseError, readLogFile } from 'cloudtrail-chime';
 *
 * try {
 *   await readLogFile(new Uint8Array([0x1f, 0x8b, 0]));
 * } catch (e) {
 *   if (isCloudTrailParseError(e)) console.error(e.code, e.offset, e.recordIndex);
 * }
 * ```
 */
export class CloudTrailParseError extends Error {
  override readonly name = 'CloudTrailParseError';
  /** What went wrong. */
  readonly code: CloudTrailParseErrorCode;
  /** Byte offset in the decompressed text, where known. */
  readonly offset: number | undefined;
  /** Zero-based record index in the file, where known. */
  readonly recordIndex: number | undefined;
  /** Zod issue path for `INVALID_RECORD`. */
  readonly path: readonly PropertyKey[] | undefined;
  /** Every validation issue, in zod's issue shape, for `INVALID_RECORD` (paths relative to the record). */
  readonly issues: readonly z.core.$ZodIssue[] | undefined;

  constructor(code: CloudTrailParseErrorCode, message: string, options: CloudTrailParseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.offset = options.offset;
    this.recordIndex = options.recordIndex;
    this.path = options.path;
    this.issues = options.issues;
  }
}

/**
 * True for a {@link CloudTrailParseError}, also across realms (checks `name` and `code` when
 * `instanceof` fails, e.g. between an iframe and its parent or two copies of the package).
 */
export function isCloudTrailParseError(error: unknown): error is CloudTrailParseError {
  if (error instanceof CloudTrailParseError) return true;
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'CloudTrailParseError' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}
