import type { CloudTrailParseError } from '../errors.js';
import type { CloudTrailDigestFile } from '../schemas/digest.js';
import type { CloudTrailRecord } from '../schemas/record.js';

/** An AWS SDK v3 `GetObject` `Body` (or anything else that can become a web stream once). */
export interface WebStreamSource {
  transformToWebStream(): ReadableStream<Uint8Array>;
}

/**
 * Any log-file body: gzip (detected by its magic bytes) or plain JSON, whole or streamed.
 * Node `Readable` streams (e.g. `fs.createReadStream`, an SDK Body in Node) are async iterables.
 */
export type LogBody =
  | Uint8Array
  | ArrayBuffer
  | ArrayBufferView
  | Blob
  | string
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array>
  | WebStreamSource;

/** A record that was not yielded, as given to an `onInvalid` callback. */
export interface RecordIssue {
  /** Zero-based index of the element in its file (valid and invalid records count alike). */
  recordIndex: number;
  /** Byte offset of the record's first byte in the decompressed text. */
  offset: number;
  /** Why it was not yielded (`INVALID_JSON` or `INVALID_RECORD`). */
  error: CloudTrailParseError;
  /** The record's raw JSON text. */
  raw: string;
}

/** Input layout of a body. `auto` detects it from the first bytes. */
export type LogFormat = 'auto' | 'log-file' | 'array' | 'ndjson';

/** Options of `readRecords` / `readLogFile`. */
export interface ReadOptions {
  /**
   * What to do with a record that is not valid JSON or does not match the schema: `'throw'`
   * (default), `'skip'`, or a callback that receives every such {@link RecordIssue}. Malformed
   * gzip or JSON outside a record always throws.
   */
  onInvalid?: 'throw' | 'skip' | ((issue: RecordIssue) => void) | undefined;
  /** Cancels reading; the underlying stream is cancelled and `ABORTED` is thrown. */
  signal?: AbortSignal | undefined;
  /** Largest accepted record, in decompressed bytes (default 16 MiB): above it, `RECORD_TOO_LARGE`. */
  maxRecordBytes?: number | undefined;
  /**
   * Deepest accepted nesting of objects and arrays in one record (default 1,000; the record itself
   * is level 1). A deeper record is not parsed: it is reported like any invalid record
   * (`INVALID_RECORD`, through `onInvalid`), and the other records are read.
   */
  maxDepth?: number | undefined;
  /** Input layout (default `'auto'`: log file, digest file, JSON array or NDJSON). */
  format?: LogFormat | undefined;
  /**
   * Validate each record against the lenient schema (default `true`). With `false` records are
   * only parsed as JSON objects (faster; types are then a promise, not a check).
   */
  validate?: boolean | undefined;
  /** Validate each record against the strict schema instead (implies `validate`). */
  strict?: boolean | undefined;
  /**
   * Only records whose top-level `eventSource` is one of these are parsed and yielded. The value
   * is read from the record's bytes while scanning: a record that does not match is skipped
   * without being parsed or validated, and is not reported (even if its JSON is damaged). The
   * records yielded are exactly those that parsing every record and then filtering would give
   * (when the bytes leave any doubt, such as escapes, the record is parsed and then tested).
   */
  eventSource?: string | readonly string[] | undefined;
  /** Only records whose top-level `eventName` is one of these (with `eventSource`: both must match). */
  eventName?: string | readonly string[] | undefined;
}

/** A whole file read by `readLogFile`. */
export type LogFile = { kind: 'log'; records: CloudTrailRecord[] } | { kind: 'digest'; digest: CloudTrailDigestFile };
