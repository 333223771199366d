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
  issues?: readonly CloudTrailIssue[] | undefined;
  /** The underlying error (a `ZodError`, an fflate error, a `SyntaxError`, an abort reason...). */
  cause?: unknown;
}

/** One validation issue, in zod's issue shape (`code`, `path`, `message`, and the code's own fields). */
export type CloudTrailIssue = z.core.$ZodIssue;

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
  override readonly name: string = 'CloudTrailParseError';
  /** What went wrong. */
  declare readonly code: CloudTrailParseErrorCode;
  /** Byte offset in the decompressed text, where known. */
  declare readonly offset: number | undefined;
  /** Zero-based record index in the file, where known. */
  declare readonly recordIndex: number | undefined;
  /** Zod issue path for `INVALID_RECORD`. */
  declare readonly path: readonly PropertyKey[] | undefined;
  /** Every validation issue, in zod's issue shape, for `INVALID_RECORD` (paths relative to the record). */
  declare readonly issues: readonly CloudTrailIssue[] | undefined;

  constructor(code: CloudTrailParseErrorCode, message: string, options: CloudTrailParseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.offset = options.offset;
    this.recordIndex = options.recordIndex;
    this.path = options.path;
    this.issues = options.issues;
  }
}

/** Names of the error classes (subclasses have their own) that {@link isCloudTrailParseError} accepts across realms. */
const ERROR_NAMES = new Set(['CloudTrailParseError', 'CloudTrailFileError']);

/**
 * True for a {@link CloudTrailParseError}, also across realms (checks `name` and `code` when
 * `instanceof` fails, e.g. between an iframe and its parent or two copies of the package).
 */
export function isCloudTrailParseError(error: unknown): error is CloudTrailParseError {
  if (error instanceof CloudTrailParseError) return true;
  return (
    typeof error === 'object' &&
    error !== null &&
    ERROR_NAMES.has((error as { name?: unknown }).name as string) &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

/** @internal The `ABORTED` error of every entry point, with the signal's reason as `cause`. */
export const abortError = (signal: AbortSignal): CloudTrailParseError =>
  new CloudTrailParseError('ABORTED', 'reading was aborted', { cause: signal.reason });

/** @internal Throws `ABORTED` when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}
