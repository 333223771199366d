/**
 * Messages between `readLogFiles` and its worker threads, and how errors cross the thread
 * boundary (structured clone keeps neither the class nor the extra fields of an error).
 *
 * @internal
 * @module
 */
import { type CloudTrailIssue, CloudTrailParseError, type CloudTrailParseErrorCode } from '../errors.js';
import type { LogFormat } from '../stream/types.js';

/** Read options a worker gets at start-up. @internal */
export interface WorkerSettings {
  format?: LogFormat | undefined;
  validate?: boolean | undefined;
  strict?: boolean | undefined;
  maxRecordBytes?: number | undefined;
  maxDepth?: number | undefined;
  eventSource?: string | readonly string[] | undefined;
  eventName?: string | readonly string[] | undefined;
  /** `true`: report invalid records (message `issues`); `false`: they make the file fail. */
  report: boolean;
  /** Records (and issues) per batch message. */
  batchSize: number;
  /** Messages a worker may have sent but not had acknowledged. */
  maxInFlight: number;
  /** Bytes of file bodies a worker may have sent but not had acknowledged (at least one message goes). */
  maxInFlightBytes: number;
  /**
   * `true`: small files are sent whole (inflated and decoded, message `body`), the calling
   * thread parses them; `false` (options the fast path does not take): every file is read by
   * the core reader in the worker (messages `batch`).
   */
  whole: boolean;
}

/** An error as plain data. @internal */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  code?: string | undefined;
  offset?: number | undefined;
  recordIndex?: number | undefined;
  path?: (string | number)[] | undefined;
  issues?: CloudTrailIssue[] | undefined;
  syscall?: string | undefined;
  errno?: number | undefined;
  fsPath?: string | undefined;
}

/** A skipped record, as plain data. @internal */
export interface SerializedIssue {
  /** Number of records of the batch that come before this issue. */
  at: number;
  recordIndex: number;
  offset: number;
  raw: string;
  error: SerializedError;
}

/** Main → worker. @internal */
export type ToWorker = { t: 'file'; file: string } | { t: 'ack' };

/** The records of one file in a batch. @internal */
export interface Segment {
  file: string;
  /** Records of this file in the batch (they follow the previous segments' records). */
  records: number;
  /** The file ended in this batch (successfully unless `error`). */
  done: boolean;
  /** File-level error that ended the file. */
  error?: SerializedError | undefined;
}

/** Worker → main: records of one or more files, in order. @internal */
export interface Batch {
  t: 'batch';
  /**
   * UTF-8 JSON array of the records, made of each record's own JSON text (decoding + one
   * `JSON.parse` on the main thread is cheaper than a structured clone, and gives exactly the
   * values the reader parsed); `null` where a record has no text of its own (see `cloned`).
   */
  json: Uint8Array;
  /** Records without a JSON text of their own (from envelopes), by position in `json`. */
  cloned?: { at: number; record: object }[] | undefined;
  segments: Segment[];
  /** Skipped records; `at` counts the batch's records before each. */
  issues: (SerializedIssue & { file: string })[] | undefined;
}

/**
 * Worker → main: one whole small file, inflated (zlib, gzip rules checked) and decoded; or its
 * file-level error. @internal
 */
export interface Body {
  t: 'body';
  file: string;
  /** The decoded text (see `LoadedFile`). */
  text?: string | undefined;
  /** A single `"Records"` key text. */
  simple?: boolean | undefined;
  /** UTF-8 bytes of `text`. */
  size?: number | undefined;
  /** Inflated bytes that are not plain UTF-8 text (transferred). */
  bytes?: Uint8Array | undefined;
  error?: SerializedError | undefined;
  /** The error itself, for a file loaded on the calling thread (never sent). */
  thrown?: Error | undefined;
}

/** Worker → main. @internal */
export type FromWorker = Batch | Body;

/** @internal */
export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const x = e as Error & Record<string, unknown>;
  const out: SerializedError = { name: x.name, message: x.message, stack: x.stack };
  if (typeof x.code === 'string') out.code = x.code;
  if (typeof x.offset === 'number') out.offset = x.offset;
  if (typeof x.recordIndex === 'number') out.recordIndex = x.recordIndex;
  if (Array.isArray(x.path)) out.path = x.path.filter((p) => typeof p === 'string' || typeof p === 'number');
  else if (typeof x.path === 'string') out.fsPath = x.path;
  if (Array.isArray(x.issues)) out.issues = structuredClone(x.issues) as CloudTrailIssue[];
  if (typeof x.syscall === 'string') out.syscall = x.syscall;
  if (typeof x.errno === 'number') out.errno = x.errno;
  return out;
}

/** @internal */
export function deserializeError(s: SerializedError): Error {
  let e: Error;
  if (s.name === 'CloudTrailParseError' && s.code !== undefined) {
    e = new CloudTrailParseError(s.code as CloudTrailParseErrorCode, s.message, {
      offset: s.offset,
      recordIndex: s.recordIndex,
      path: s.path,
      issues: s.issues,
    });
  } else {
    e = new Error(s.message);
    if (s.name !== 'Error') Object.defineProperty(e, 'name', { value: s.name, configurable: true, writable: true });
    const extra: Record<string, unknown> = {};
    if (s.code !== undefined) extra.code = s.code;
    if (s.errno !== undefined) extra.errno = s.errno;
    if (s.syscall !== undefined) extra.syscall = s.syscall;
    if (s.fsPath !== undefined) extra.path = s.fsPath;
    Object.assign(e, extra);
  }
  if (s.stack !== undefined) e.stack = s.stack;
  return e;
}
