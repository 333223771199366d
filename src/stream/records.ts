import { describeValue } from '../envelopes/describe.js';
import { type Candidate, envelopeKind, unwrapEnvelope } from '../envelopes/unwrap.js';
import { CloudTrailParseError, throwIfAborted } from '../errors.js';
import { DEFAULT_MAX_RECORD_BYTES, decodeJson, deeperThan, tooDeep } from '../json.js';
import { checkRecord, digestIssue } from '../schemas/check.js';
import type { CloudTrailDigestFile } from '../schemas/digest.js';
import { isPlainObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { bytesOf, type ChunkSource, chunkSource } from './chunks.js';
import { type BodyDecoder, bodyDecoder, decodeBody } from './decode.js';
import { keeps, surelySkipped } from './filter.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { prefetch } from './prefetch.js';
import { recordScanner } from './scanner.js';
import type { LogBody, LogFile, ReadOptions, RecordIssue } from './types.js';
import { readWholeBody, wholeBodyAllowed } from './whole-body.js';

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

/** What {@link readItems} returns once the body is read. */
export interface BodyReader {
  readonly decoder: BodyDecoder;
  /** The parsed digest, when the body was a digest file. */
  readonly digest: Record<string, unknown> | undefined;
  /** Ends the body: the last checks (truncation, gzip end, a lone bare object). */
  finish(): void;
  /** A gzip (or source) error: every item not yet verified is dropped, the error is next. */
  failGzip(error: unknown): void;
  /** Takes the items that may be released, in order. */
  take(): Item[];
}

const textOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const notALogFile = (o: Record<string, unknown>, offset: number) =>
  new CloudTrailParseError(
    'NOT_A_LOG_FILE',
    `not a CloudTrail log file: ${describeValue(o)} at byte ${offset} (no "Records" array, digest, envelope or record)`,
    { offset },
  );

/**
 * Reads one body into a queue of {@link Item}s; `digest` is set when the body was a digest file.
 * An item is released when nothing that follows can change it: the scanner confirmed it (what
 * follows it is well-formed) and, in a gzip body, its member's CRC-32 checked out. A text error
 * in a gzip member waits for that check too: damaged gzip is `INVALID_GZIP`, whatever the chunking.
 */
function bodyReader(options: ResolvedOptions): BodyReader {
  const { filter, maxDepth, format } = options;
  const queue: Item[] = [];
  /** counts since the start: items pushed, released, confirmed by the scanner, verified by gzip */
  let pushed = 0;
  let released = 0;
  let confirmed = 0;
  let verified = 0;
  /** the queue position of the last element (what `confirm(false)` leaves out) */
  let lastElement = 0;
  /** inflated bytes not yet covered by a CRC check */
  let pending = 0;
  /** the body's error was queued: nothing more is scanned */
  let failed = false;
  /** the queue position of the body's error (in a gzip body it waits for the end: see `releasable`) */
  let failureAt = Number.POSITIVE_INFINITY;
  /** inflated bytes after the body's error */
  let afterFailure = 0;
  let finished = false;
  let digest: Record<string, unknown> | undefined;
  /** a first top-level object that is neither a record nor an envelope (see flushBare) */
  let bare: { value: Record<string, unknown>; text: string; offset: number } | undefined;
  let index = 0;

  const scanner = recordScanner(format, options.maxRecordBytes, maxDepth, {
    element,
    object,
    confirm(all) {
      confirmed = all ? pushed : lastElement;
    },
  });
  const decoder = bodyDecoder(
    (bytes) => {
      if (decoder.gzip) pending += bytes.length;
      if (failed) {
        afterFailure += bytes.length;
        return;
      }
      try {
        scanner.push(bytes);
      } catch (error) {
        fail(error);
      }
    },
    {
      onMemberEnd() {
        verified = pushed;
        pending = 0;
      },
    },
  );

  /** Items that may be released now, counted from the start. */
  function releasable(): number {
    if (!decoder.gzip) return confirmed;
    const unchecked = pending > VERIFY_WINDOW;
    const checked = unchecked ? pushed : verified;
    // a text error in a gzip body waits for the end of the stream (damaged gzip is INVALID_GZIP
    // even when the damage comes after the member with the text error), or for VERIFY_WINDOW
    // more inflated bytes: a limit stops a bomb in bounded time
    const failureReady = finished || unchecked || afterFailure > VERIFY_WINDOW;
    return Math.min(confirmed, checked, failureReady ? pushed : failureAt);
  }

  function push(item: Item): void {
    queue.push(item);
    pushed++;
  }

  /** The body's error: unconfirmed items go (they may be altered), the error is queued last. */
  function fail(error: unknown): void {
    if (failed) return;
    failed = true;
    const keep = Math.max(0, confirmed - released);
    if (queue.length > keep) {
      queue.length = keep;
      pushed = released + keep;
    }
    failureAt = pushed;
    push({ error });
    confirmed = pushed;
  }

  /** A first bare object that is no record is one after all when more objects follow (NDJSON). */
  function flushBare(): void {
    if (bare === undefined) return;
    const { value, text, offset } = bare;
    bare = undefined;
    const i = index++;
    accept(value, text, offset, i, [i], OWN_TEXT);
  }

  function element(bytes: Uint8Array, offset: number, inRecords: boolean, deep: boolean): void {
    flushBare();
    lastElement = pushed;
    const i = index++;
    // a record that surely fails the filter is never parsed (nor reported)
    if (filter !== undefined && surelySkipped(bytes, filter)) return;
    const path = inRecords ? ['Records', i] : [i];
    if (deep) {
      invalid(tooDeep(i, maxDepth, { offset, path }), textOf(bytes));
      return;
    }
    let text: string;
    let value: unknown;
    try {
      ({ text, value } = decodeJson(bytes, `record ${i} at byte ${offset}`, { offset, recordIndex: i }));
    } catch (error) {
      invalid(error as CloudTrailParseError, textOf(bytes));
      return;
    }
    accept(value, text, offset, i, path, OWN_TEXT | MEASURED);
  }

  /** Validates one record candidate (`how`: whether `text` is its own JSON text, whether the scanner measured its depth). */
  function accept(value: unknown, text: string, offset: number, i: number, path: PropertyKey[], how: number): void {
    const at = { offset, recordIndex: i, path };
    if (!isPlainObject(value)) {
      invalid(
        new CloudTrailParseError('INVALID_RECORD', `record ${i} at byte ${offset} is not a JSON object`, at),
        text,
      );
      return;
    }
    // filtered out: not validated, not reported (as if every record were parsed, then filtered)
    if (filter !== undefined && !keeps(filter, value)) return;
    // records parsed from their own slice were measured by the scanner; others are walked
    if ((how & MEASURED) === 0 && deeperThan(value, maxDepth)) {
      invalid(tooDeep(i, maxDepth, at), text);
      return;
    }
    const own = how & OWN_TEXT ? text : undefined;
    if (!options.validate) {
      push({ record: value as CloudTrailRecord, text: own });
      return;
    }
    const result = checkRecord(value, { recordIndex: i, offset, pathPrefix: path }, options.strict);
    if (result.success) push({ record: result.data, text: own });
    else invalid(result.error, text);
  }

  function object(bytes: Uint8Array, offset: number): void {
    const { text, value } = decodeJson(bytes, `the top-level object at byte ${offset}`, { offset });
    const o = value as Record<string, unknown>;
    if (looksLikeDigest(o) && digest === undefined && index === 0) {
      digest = o;
      return;
    }
    const auto = format === 'auto';
    if (auto && looksLikeRecord(o)) {
      flushBare();
      const i = index++;
      accept(o, text, offset, i, [i], OWN_TEXT);
    } else if (auto && envelopeKind(o) !== undefined) {
      flushBare();
      for (const candidate of unwrapEnvelope(o, text, options.maxRecordBytes) as Candidate[]) {
        const i = index++;
        const e = candidate.error;
        if (e !== undefined) {
          const where = { offset, recordIndex: i, path: e.path, cause: e.cause };
          invalid(new CloudTrailParseError(e.code, e.message, where), candidate.raw);
        } else {
          const { raw } = candidate;
          accept(candidate.value, raw || text, offset, i, candidate.path, raw !== text && raw !== '' ? OWN_TEXT : 0);
        }
      }
    } else if (auto && index === 0 && bare === undefined) {
      // alone, it is not a log file; followed by more objects, it is the first line of NDJSON
      bare = { value: o, text, offset };
      return;
    } else {
      flushBare();
      throw notALogFile(o, offset);
    }
    confirmed = pushed;
  }

  function failGzip(error: unknown): void {
    const keep = releasable() - released;
    queue.length = keep;
    pushed = released + keep;
    failed = false;
    fail(error);
    verified = pushed;
    finished = true;
  }

  function invalid(error: CloudTrailParseError, raw: string): void {
    push({ issue: { recordIndex: error.recordIndex ?? -1, offset: error.offset ?? -1, error, raw } });
  }

  return {
    decoder,
    get digest() {
      return digest;
    },

    finish() {
      finished = true;
      try {
        decoder.finish();
      } catch (error) {
        // a gzip error beats any text error queued inside the damaged member
        failGzip(error);
        return;
      }
      if (!failed) {
        try {
          scanner.end();
          if (bare !== undefined) throw notALogFile(bare.value, bare.offset);
        } catch (error) {
          fail(error);
        }
      }
      verified = pushed;
    },

    failGzip,

    take() {
      const n = releasable() - released;
      if (n <= 0) return [];
      released += n;
      return queue.splice(0, n);
    },
  };
}

/**
 * @internal The items of a body, in file order, through the one streaming pipeline (no fast
 * path): what `readRecords` yields, and what `./node` workers transfer (records with their text).
 * Invalid records are items too; the `onInvalid` policy is the caller's.
 */
export async function* readItems(source: ChunkSource, options: ResolvedOptions): AsyncGenerator<Item, BodyReader> {
  const reader = bodyReader(options);
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
 * A stream is read ahead by up to 64 KiB before its first record: a body that ends within that
 * (a small S3 object or file) is then read whole, which is faster; a longer one streams on.
 * Breaking out of the loop (or aborting `signal`) cancels the underlying stream.
 *
 * @throws {TypeError} (at the call) for a body of another type or a wrong option type
 * @throws {RangeError} (at the call) for an option value out of range (`format`, `maxRecordBytes`, `maxDepth`)
 * @throws {CloudTrailParseError} `INVALID_GZIP`, `INVALID_JSON`, `NOT_A_LOG_FILE`,
 *   `RECORD_TOO_LARGE`, `ABORTED`; `INVALID_RECORD` (and per-record `INVALID_JSON`, and records
 *   deeper than `maxDepth`) unless `onInvalid` says otherwise. Each says where: `offset`,
 *   `recordIndex` and `path`, where known. Errors thrown by an `onInvalid` callback propagate as
 *   they are.
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
  return (async function* () {
    const start = await startOf(body, source, resolved);
    if (start.whole !== undefined) {
      for (let i = 0; i < start.whole.length; i++) {
        throwIfAborted(resolved.signal);
        yield start.whole[i] as CloudTrailRecord;
      }
      return;
    }
    yield* recordsOf(readItems(start.source, resolved), resolved);
  })();
}

/**
 * The records of a small body, by the whole-body fast path (same records; proven by a property
 * test), or the source to stream. Bytes in memory are tried at once; a stream is read ahead
 * ({@link prefetch}) and tried when it turns out small.
 */
async function startOf(
  body: LogBody,
  source: ChunkSource,
  options: ResolvedOptions,
): Promise<{ whole: CloudTrailRecord[]; source?: undefined } | { whole?: undefined; source: ChunkSource }> {
  let bytes = bytesOf(body);
  if (options.signal?.aborted || !wholeBodyAllowed(options)) return { source };
  if (bytes === undefined) {
    const head = await prefetch(source, options.signal);
    if (head.rest !== undefined) return { source: head.rest };
    bytes = head.whole;
    source = chunkSource(bytes);
  }
  const whole = readWholeBody(bytes, options);
  return whole === undefined ? { source } : { whole };
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
  return (async () => {
    const start = await startOf(body, source, resolved);
    if (start.whole !== undefined) return { kind: 'log', records: start.whole } satisfies LogFile;
    const items = readItems(start.source, resolved);
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
