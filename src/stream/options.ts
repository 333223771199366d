/**
 * The reader's options, checked once at the call: a wrong type is a `TypeError`, a value out of
 * range a `RangeError`, thrown synchronously (not a parse error on the first `next()`).
 *
 * @internal
 * @module
 */
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_RECORD_BYTES } from '../json.js';
import { filterOf, type RecordFilter } from './filter.js';
import type { LogFormat, ReadOptions, RecordIssue } from './types.js';

/** @internal {@link ReadOptions} with defaults applied. */
export interface ResolvedOptions {
  onInvalid: 'throw' | 'skip' | ((issue: RecordIssue) => void);
  signal: AbortSignal | undefined;
  maxRecordBytes: number;
  maxDepth: number;
  format: LogFormat;
  validate: boolean;
  strict: boolean;
  /** `eventSource` / `eventName` (and, for `readChimeEvents`, the Chime test): records that fail it are skipped */
  filter: RecordFilter | undefined;
}

const FORMATS: readonly LogFormat[] = ['auto', 'log-file', 'array', 'ndjson'];

/** The `TypeError` (or, for a value out of range, `RangeError`) of option `name`, which must be `what`. */
function invalid(name: string, what: string, value: unknown, range = false): Error {
  const got = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? value : typeof value;
  return new (range ? RangeError : TypeError)(`cloudtrail-chime: ${name} must be ${what}, got ${got}`);
}

function positive(name: string, value: unknown, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw invalid(name, 'a number', value);
  if (!(value >= 1) || (integer && !Number.isInteger(value) && value !== Number.POSITIVE_INFINITY)) {
    throw invalid(name, `${integer ? 'an integer' : 'a number'} ≥ 1`, value, true);
  }
  return value;
}

function flag(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(name, 'a boolean', value);
  return value;
}

/** @internal Checks and completes the options of `readRecords` / `readLogFile`. */
export function resolveOptions(options: ReadOptions | undefined): ResolvedOptions {
  if (options === undefined) options = {};
  else if (typeof options !== 'object' || options === null) throw invalid('options', 'an object', options);
  const { onInvalid = 'throw', signal, format = 'auto' } = options;
  if (onInvalid !== 'throw' && onInvalid !== 'skip' && typeof onInvalid !== 'function') {
    throw invalid('onInvalid', "'throw', 'skip' or a function", onInvalid);
  }
  if (
    signal !== undefined &&
    (typeof signal !== 'object' || signal === null || typeof (signal as AbortSignal).addEventListener !== 'function')
  ) {
    throw invalid('signal', 'an AbortSignal', signal);
  }
  if (!FORMATS.includes(format))
    throw invalid('format', `one of ${FORMATS.join(', ')}`, format, typeof format === 'string');
  const strict = flag('strict', options.strict, false);
  return {
    onInvalid,
    signal,
    format,
    maxRecordBytes: positive('maxRecordBytes', options.maxRecordBytes, DEFAULT_MAX_RECORD_BYTES, false),
    maxDepth: positive('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH, true),
    validate: flag('validate', options.validate, true) || strict,
    strict,
    filter: filterOf(options.eventSource, options.eventName),
  };
}
