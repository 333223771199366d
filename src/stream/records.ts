import { type Candidate, envelopeKind, unwrapEnvelope } from '../envelopes/unwrap.js';
import { CloudTrailParseError, throwIfAborted } from '../errors.js';
import { DEFAULT_MAX_RECORD_BYTES, decodeJson, deeperThan, tooDeep } from '../json.js';
import { checkRecord, digestIssue } from '../schemas/check.js';
import type { CloudTrailDigestFile } from '../schemas/digest.js';
import { isPlainObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { bytesOf, type ChunkSource, chunkSource } from './chunks.js';
import { BodyDecoder, decodeBody } from './decode.js';
import { keeps, surelySkipped } from './filter.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { type RecordScanner, recordScanner } from './scanner.js';
import type { LogBody, LogFile, ReadOptions, RecordIssue } from './types.js';
import { readWholeBody } from './whole-body.js';

export { DEFAULT_MAX_RECORD_BYTES };

/**
 * Records inflated from a gzip member are held back until the member's CRC-32 checks out, so a
 * damaged file yields no altered record; beyond this many inflated bytes (huge members) they
 * are released before the check, to keep memory bounded, and a later `INVALID_GZIP` still ends
 * the read.
 */
export const VERIFY_WINDOW = 1024 * 1024;

/** Keys of which a bare top-level object must have one to be taken as a record. */
const RECORD_KEYS = [
  'eventVersion',
  'eventTime',
  'eventSource',
  'eventName',
  'eventID',
  'eventType',
  'userIdentity',
  'awsRegion',
  'insightDetails',
];

const looksLikeDigest = (o: Record<string, unknown>) =>
  'digestPublicKeyFingerprint' in o || 'digestS3Object' in o || ('logFiles' in o && 'digestStartTime' in o);

const looksLikeRecord = (o: Record<string, unknown>) => RECORD_KEYS.some((k) => k in o);

/** `accept` flags: the text is the record's own JSON text; the scanner measured its depth. */
const OWN_TEXT = 1;
const MEASURED = 2;

/**
 * @internal What the reader found, in file order: a record (with its exact JSON text, when it
 * has one of its own), a record that is not yielded, or the error that ends the body.
 */
export type Item =
  | { record: CloudTrailRecord; text: string | undefined; issue?: undefined; error?: undefined }
  | { issue: RecordIssue; record?: undefined; text?: undefined; error?: undefined }
  | { error: unknown; record?: undefined; text?: undefined; issue?: undefined };

/**
 * Reads one body into a queue of {@link Item}s; `digest` is set when the body was a digest file.
 * An item is released when nothing that follows can change it: the scanner confirmed it (what
 * follows it is well-formed) and, in a gzip body, its member's CRC-32 checked out. A text error
 * in a gzip member waits for that check too: damaged gzip is `INVALID_GZIP`, whatever the chunking.
 */
class BodyReader {
  #queue: Item[] = [];
  /** counts since the start: items pushed, released, confirmed by the scanner, verified by gzip */
  #pushed = 0;
  #released = 0;
  #confirmed = 0;
  #verified = 0;
  /** the queue position of the last element (what `confirm(false)` leaves out) */
  #lastElement = 0;
  /** inflated bytes not yet covered by a CRC check */
  #pending = 0;
  /** the body's error was queued: nothing more is scanned */
  #failed = false;
  /** the queue position of the body's error (in a gzip body it waits for the end: see `releasable`) */
  #failureAt = Number.POSITIVE_INFINITY;
  /** inflated bytes after the body's error */
  #afterFailure = 0;
  #finished = false;
  digest: Record<string, unknown> | undefined;
  /** a first top-level object that is neither a record nor an envelope (see flushBare) */
  #bare: { value: Record<string, unknown>; text: string; offset: number } | undefined;
  #index = 0;
  readonly #scanner: RecordScanner;
  readonly decoder: BodyDecoder;
  readonly #options: ResolvedOptions;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.#scanner = recordScanner(options.format, options.maxRecordBytes, options.maxDepth, {
      element: (bytes, offset, inRecords, deep) => this.#element(bytes, offset, inRecords, deep),
      object: (bytes, offset) => this.#object(bytes, offset),
      confirm: (all) => {
        this.#confirmed = all ? this.#pushed : this.#lastElement;
      },
    });
    this.decoder = new BodyDecoder(
      (bytes) => {
        if (this.decoder.gzip) this.#pending += bytes.length;
        if (this.#failed) {
          this.#afterFailure += bytes.length;
          return;
        }
        try {
          this.#scanner.push(bytes);
        } catch (error) {
          this.#fail(error);
        }
      },
      {
        onMemberEnd: () => {
          this.#verified = this.#pushed;
          this.#pending = 0;
        },
      },
    );
  }

  /** Ends the body: the last checks (truncation, gzip end, a lone bare object). */
  finish(): void {
    this.#finished = true;
    try {
      this.decoder.finish();
    } catch (error) {
      // a gzip error beats any text error queued inside the damaged member
      this.failGzip(error);
      return;
    }
    if (this.#failed) {
      this.#verified = this.#pushed;
      return;
    }
    try {
      this.#scanner.end();
      this.#checkBare();
    } catch (error) {
      this.#fail(error);
    }
    this.#verified = this.#pushed;
  }

  /** A gzip (or source) error: every item not yet verified is dropped, the error is next. */
  failGzip(error: unknown): void {
    const keep = this.#releasable() - this.#released;
    this.#queue.length = keep;
    this.#pushed = this.#released + keep;
    this.#failed = false;
    this.#fail(error);
    this.#verified = this.#pushed;
    this.#finished = true;
  }

  /** Items that may be released now, counted from the start. */
  #releasable(): number {
    if (!this.decoder.gzip) return this.#confirmed;
    const unchecked = this.#pending > VERIFY_WINDOW;
    const checked = unchecked ? this.#pushed : this.#verified;
    // a text error in a gzip body waits for the end of the stream (damaged gzip is INVALID_GZIP
    // even when the damage comes after the member with the text error), or for VERIFY_WINDOW
    // more inflated bytes: a limit stops a bomb in bounded time
    const failureReady = this.#finished || unchecked || this.#afterFailure > VERIFY_WINDOW;
    return Math.min(this.#confirmed, checked, failureReady ? this.#pushed : this.#failureAt);
  }

  /** Takes the items that may be released, in order. */
  take(): Item[] {
    const n = this.#releasable() - this.#released;
    if (n <= 0) return [];
    this.#released += n;
    return this.#queue.splice(0, n);
  }

  #push(item: Item): void {
    this.#queue.push(item);
    this.#pushed++;
  }

  /** The body's error: unconfirmed items go (they may be altered), the error is queued last. */
  #fail(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    const keep = Math.max(0, this.#confirmed - this.#released);
    if (this.#queue.length > keep) {
      this.#queue.length = keep;
      this.#pushed = this.#released + keep;
    }
    this.#failureAt = this.#pushed;
    this.#push({ error });
    this.#confirmed = this.#pushed;
  }

  #checkBare(): void {
    const bare = this.#bare;
    if (bare === undefined) return;
    const keys = Object.keys(bare.value)
      .slice(0, 5)
      .map((k) => JSON.stringify(k))
      .join(', ');
    throw new CloudTrailParseError(
      'NOT_A_LOG_FILE',
      `not a CloudTrail log file: the object at byte ${bare.offset} has no "Records" array and is neither a digest file, an envelope nor a record (keys: ${keys || 'none'})`,
      { offset: bare.offset },
    );
  }

  /** A first bare object that is no record is one after all when more objects follow (NDJSON). */
  #flushBare(): void {
    const bare = this.#bare;
    if (bare === undefined) return;
    this.#bare = undefined;
    const index = this.#index++;
    this.#accept(bare.value, bare.text, bare.offset, index, [index], OWN_TEXT);
  }

  #element(bytes: Uint8Array, offset: number, inRecords: boolean, deep: boolean): void {
    this.#flushBare();
    this.#lastElement = this.#pushed;
    const index = this.#index++;
    const filter = this.#options.filter;
    // a record that surely fails the filter is never parsed (nor reported)
    if (filter !== undefined && surelySkipped(bytes, filter)) return;
    const at = { offset, recordIndex: index };
    if (deep) {
      const error = tooDeep(index, this.#options.maxDepth, { offset, path: inRecords ? ['Records', index] : [index] });
      this.#invalid(error, new TextDecoder().decode(bytes));
      return;
    }
    let text: string;
    let value: unknown;
    try {
      ({ text, value } = decodeJson(bytes, `record ${index} at byte ${offset}`, at));
    } catch (error) {
      this.#invalid(error as CloudTrailParseError, new TextDecoder().decode(bytes));
      return;
    }
    this.#accept(value, text, offset, index, inRecords ? ['Records', index] : [index], OWN_TEXT | MEASURED);
  }

  /** Validates one record candidate (`how`: whether `text` is its own JSON text, whether the scanner measured its depth). */
  #accept(value: unknown, text: string, offset: number, index: number, path: PropertyKey[], how: number): void {
    const exact = (how & OWN_TEXT) !== 0;
    const at = { offset, recordIndex: index, path };
    if (!isPlainObject(value)) {
      this.#invalid(
        new CloudTrailParseError('INVALID_RECORD', `record ${index} at byte ${offset} is not a JSON object`, at),
        text,
      );
      return;
    }
    // filtered out: not validated, not reported (as if every record were parsed, then filtered)
    if (this.#options.filter !== undefined && !keeps(this.#options.filter, value)) return;
    // records parsed from their own slice were measured by the scanner; others are walked
    if ((how & MEASURED) === 0 && deeperThan(value, this.#options.maxDepth)) {
      this.#invalid(tooDeep(index, this.#options.maxDepth, at), text);
      return;
    }
    if (!this.#options.validate) {
      this.#push({ record: value as CloudTrailRecord, text: exact ? text : undefined });
      return;
    }
    const result = checkRecord(value, { recordIndex: index, offset, pathPrefix: path }, this.#options.strict);
    if (result.success) this.#push({ record: result.data, text: exact ? text : undefined });
    else this.#invalid(result.error, text);
  }

  #object(bytes: Uint8Array, offset: number): void {
    const { text, value } = decodeJson(bytes, `the top-level object at byte ${offset}`, { offset });
    const o = value as Record<string, unknown>;
    const format = this.#options.format;
    if (looksLikeDigest(o) && this.digest === undefined && this.#index === 0) {
      this.digest = o;
      return;
    }
    if (format === 'auto' && looksLikeRecord(o)) {
      this.#flushBare();
      const index = this.#index++;
      this.#accept(o, text, offset, index, [index], OWN_TEXT);
      this.#confirmed = this.#pushed;
      return;
    }
    if (format === 'auto' && envelopeKind(o) !== undefined) {
      this.#flushBare();
      const candidates = unwrapEnvelope(o, text, this.#options.maxRecordBytes) as Candidate[];
      for (const candidate of candidates) {
        const index = this.#index++;
        if (candidate.error !== undefined) {
          const e = candidate.error;
          this.#invalid(
            new CloudTrailParseError(e.code, e.message, { offset, recordIndex: index, path: e.path, cause: e.cause }),
            candidate.raw,
          );
        } else {
          const own = candidate.raw !== text && candidate.raw !== '';
          this.#accept(candidate.value, candidate.raw || text, offset, index, candidate.path, own ? OWN_TEXT : 0);
        }
      }
      this.#confirmed = this.#pushed;
      return;
    }
    if (format === 'auto' && this.#index === 0 && this.#bare === undefined) {
      // alone, it is not a log file; followed by more objects, it is the first line of NDJSON
      this.#bare = { value: o, text, offset };
      return;
    }
    this.#flushBare();
    const keys = Object.keys(o)
      .slice(0, 5)
      .map((k) => JSON.stringify(k))
      .join(', ');
    throw new CloudTrailParseError(
      'NOT_A_LOG_FILE',
      `not a CloudTrail log file: the object at byte ${offset} has no "Records" array and is neither a digest file nor a record (keys: ${keys || 'none'})`,
      { offset },
    );
  }

  #invalid(error: CloudTrailParseError, raw: string): void {
    this.#push({ issue: { recordIndex: error.recordIndex ?? -1, offset: error.offset ?? -1, error, raw } });
  }
}

/**
 * @internal The items of a body, in file order, through the one streaming pipeline (no fast
 * path): what `readRecords` yields, and what `./node` workers transfer (records with their text).
 * Invalid records are items too; the `onInvalid` policy is the caller's.
 */
export async function* readItems(source: ChunkSource, options: ResolvedOptions): AsyncGenerator<Item, BodyReader> {
  const reader = new BodyReader(options);
  const { signal } = options;
  try {
    for await (const _ of decodeBody(source, signal, reader.decoder)) {
      for (const item of reader.take()) {
        yield item;
        if (item.error !== undefined) return reader;
      }
    }
    reader.finish();
  } catch (error) {
    if (error instanceof CloudTrailParseError && error.code === 'ABORTED') throw error;
    reader.failGzip(error);
  }
  for (const item of reader.take()) {
    throwIfAborted(signal);
    yield item;
    if (item.error !== undefined) break;
  }
  return reader;
}

/** Yields the records of items, applying the `onInvalid` policy; no record after an abort. */
async function* recordsOf(
  items: AsyncGenerator<Item, unknown>,
  options: ResolvedOptions,
): AsyncGenerator<CloudTrailRecord> {
  const { signal, onInvalid } = options;
  for await (const item of items) {
    throwIfAborted(signal);
    if (item.record !== undefined) yield item.record;
    else if (item.issue !== undefined) {
      if (onInvalid === 'throw') throw item.issue.error;
      if (onInvalid !== 'skip') onInvalid(item.issue);
    } else throw item.error;
  }
}

/**
 * Streams the records of a CloudTrail log-file body, in file order, with memory bounded by the
 * largest record. The body may be gzip (any number of members, zero padding) or plain, whole or
 * streamed (bytes, Blob, string, web or Node stream, AWS SDK v3 `GetObject` Body); with the
 * default `format: 'auto'` it may also be a JSON array of records, NDJSON, or an envelope
 * (EventBridge "via CloudTrail" event, CloudWatch Logs subscription payload, LookupEvents
 * output). Digest files yield nothing; Insights files yield their records.
 *
 * Every body form gives the same records and errors, whatever the chunking. A log file with
 * several top-level `Records` keys yields the records of each, in file order (a streaming reader
 * cannot keep only the last one as `JSON.parse` does). Malformed JSON anywhere is `INVALID_JSON`;
 * damaged gzip is `INVALID_GZIP`, and no record of a damaged member is yielded (members over
 * 1 MiB inflated release records before their CRC check, to bound memory). No record is yielded
 * after `signal` aborts.
 *
 * Breaking out of the loop (or aborting `signal`) cancels the underlying stream.
 *
 * @throws {TypeError} (at the call) for a body of another type or a wrong option type
 * @throws {RangeError} (at the call) for an option value out of range (`format`, `maxRecordBytes`, `maxDepth`)
 * @throws {CloudTrailParseError} `INVALID_GZIP`, `INVALID_JSON`, `NOT_A_LOG_FILE`,
 *   `RECORD_TOO_LARGE`, `ABORTED`; `INVALID_RECORD` (and per-record `INVALID_JSON`, and records
 *   deeper than `maxDepth`) unless `onInvalid` says otherwise. Errors thrown by an `onInvalid`
 *   callback propagate as they are.
 * @example
 * ```ts
 * import { readRecords } from 'cloudtrail-chime';
 *
 * const body = '{"Records":[{"eventVersion":"1.11","eventName":"CreateMeeting"}]}';
 * for await (const record of readRecords(body, { onInvalid: 'skip' })) {
 *   console.log(record.eventName);
 * }
 * ```
 */
export function readRecords(body: LogBody, options?: ReadOptions): AsyncIterableIterator<CloudTrailRecord> {
  return readResolved(body, resolveOptions(options));
}

/** @internal {@link readRecords} with options already checked (`readChimeEvents` adds its filter). */
export function readResolved(body: LogBody, resolved: ResolvedOptions): AsyncIterableIterator<CloudTrailRecord> {
  const source = chunkSource(body);
  const bytes = bytesOf(body);
  return (async function* () {
    const whole = bytes === undefined ? undefined : wholeBodyRecords(bytes, resolved);
    if (whole !== undefined) {
      for (let i = 0; i < whole.length; i++) {
        throwIfAborted(resolved.signal);
        yield whole[i] as CloudTrailRecord;
      }
      return;
    }
    yield* recordsOf(readItems(source, resolved), resolved);
  })();
}

/** Small in-memory bodies take the whole-body fast path (same records; proven by a property test). */
function wholeBodyRecords(bytes: Uint8Array, options: ResolvedOptions): CloudTrailRecord[] | undefined {
  if (options.signal?.aborted) return undefined;
  return readWholeBody(bytes, options);
}

/**
 * Reads a whole body: the records of a log file, or the parsed digest of a digest file.
 *
 * @throws {TypeError} (at the call) for a body of another type or a wrong option type
 * @throws {RangeError} (at the call) for an option value out of range
 * @throws {CloudTrailParseError} as {@link readRecords}; `INVALID_RECORD` for a digest file that
 *   does not match `CloudTrailDigestFileSchema`.
 * @example
 * ```ts
 * import { readLogFile } from 'cloudtrail-chime';
 *
 * const file = await readLogFile('{"Records":[]}');
 * if (file.kind === 'log') console.log(file.records.length);
 * ```
 */
export function readLogFile(body: LogBody, options?: ReadOptions): Promise<LogFile> {
  const resolved = resolveOptions(options);
  const source = chunkSource(body);
  const bytes = bytesOf(body);
  return (async () => {
    const whole = bytes === undefined ? undefined : wholeBodyRecords(bytes, resolved);
    if (whole !== undefined) return { kind: 'log', records: whole } satisfies LogFile;
    const items = readItems(source, resolved);
    let digest: Record<string, unknown> | undefined;
    async function* all() {
      digest = (yield* items).digest;
    }
    const records: CloudTrailRecord[] = [];
    for await (const record of recordsOf(all(), resolved)) records.push(record);
    if (digest !== undefined && records.length === 0) {
      const issue = digestIssue(digest);
      if (issue !== undefined) {
        throw new CloudTrailParseError(
          'INVALID_RECORD',
          `invalid CloudTrail digest file: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
          { path: issue.path },
        );
      }
      return { kind: 'digest', digest: digest as unknown as CloudTrailDigestFile } satisfies LogFile;
    }
    return { kind: 'log', records } satisfies LogFile;
  })();
}
