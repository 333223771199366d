import { type Candidate, envelopeKind, unwrapEnvelope } from '../envelopes/unwrap.js';
import { CloudTrailParseError, throwIfAborted } from '../errors.js';
import { DEFAULT_MAX_RECORD_BYTES, deeperThan, tooDeep } from '../json.js';
import { checkRecord, digestIssue } from '../schemas/check.js';
import type { CloudTrailDigestFile } from '../schemas/digest.js';
import { isPlainObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { bytesOf, type ChunkSource, chunkSource } from './chunks.js';
import { BodyDecoder, decodeBody } from './decode.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { RecordScanner } from './scanner.js';
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
  private queue: Item[] = [];
  /** counts since the start: items pushed, released, confirmed by the scanner, verified by gzip */
  private pushed = 0;
  private released = 0;
  private confirmed = 0;
  private verified = 0;
  /** the queue position of the last element (what `confirm(false)` leaves out) */
  private lastElement = 0;
  /** inflated bytes not yet covered by a CRC check */
  private pending = 0;
  /** the body's error was queued: nothing more is read */
  private failed = false;
  digest: Record<string, unknown> | undefined;
  /** a first top-level object that is neither a record nor an envelope (see flushBare) */
  private bare: { value: Record<string, unknown>; text: string; offset: number } | undefined;
  private index = 0;
  private readonly text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly scanner: RecordScanner;
  readonly decoder: BodyDecoder;
  private readonly options: ResolvedOptions;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.scanner = new RecordScanner(options.format, options.maxRecordBytes, options.maxDepth, {
      element: (bytes, offset, inRecords, deep) => this.element(bytes, offset, inRecords, deep),
      object: (bytes, offset) => this.object(bytes, offset),
      confirm: (all) => {
        this.confirmed = all ? this.pushed : this.lastElement;
      },
    });
    this.decoder = new BodyDecoder(
      (bytes) => {
        if (this.decoder.gzip) this.pending += bytes.length;
        if (this.failed) return;
        try {
          this.scanner.push(bytes);
        } catch (error) {
          this.fail(error);
        }
      },
      {
        onMemberEnd: () => {
          this.verified = this.pushed;
          this.pending = 0;
        },
      },
    );
  }

  /** Ends the body: the last checks (truncation, gzip end, a lone bare object). */
  finish(): void {
    try {
      this.decoder.finish();
    } catch (error) {
      // a gzip error beats any text error queued inside the damaged member
      this.failGzip(error);
      return;
    }
    if (this.failed) {
      this.verified = this.pushed;
      return;
    }
    try {
      this.scanner.end();
      this.checkBare();
    } catch (error) {
      this.fail(error);
    }
    this.verified = this.pushed;
  }

  /** A gzip (or source) error: every item not yet verified is dropped, the error is next. */
  failGzip(error: unknown): void {
    const keep = this.releasable() - this.released;
    this.queue.length = keep;
    this.pushed = this.released + keep;
    this.failed = false;
    this.fail(error);
    this.verified = this.pushed;
  }

  /** Items that may be released now, counted from the start. */
  private releasable(): number {
    const checked = !this.decoder.gzip || this.pending > VERIFY_WINDOW ? this.pushed : this.verified;
    return Math.min(this.confirmed, checked);
  }

  /** Takes the items that may be released, in order. */
  take(): Item[] {
    const n = this.releasable() - this.released;
    if (n <= 0) return [];
    this.released += n;
    return this.queue.splice(0, n);
  }

  private push(item: Item): void {
    this.queue.push(item);
    this.pushed++;
  }

  /** The body's error: unconfirmed items go (they may be altered), the error is queued last. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    const keep = Math.max(0, this.confirmed - this.released);
    if (this.queue.length > keep) {
      this.queue.length = keep;
      this.pushed = this.released + keep;
    }
    this.push({ error });
    this.confirmed = this.pushed;
  }

  private checkBare(): void {
    const bare = this.bare;
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
  private flushBare(): void {
    const bare = this.bare;
    if (bare === undefined) return;
    this.bare = undefined;
    const index = this.index++;
    this.accept(bare.value, bare.text, bare.offset, index, [index], true);
  }

  private element(bytes: Uint8Array, offset: number, inRecords: boolean, deep: boolean): void {
    this.flushBare();
    this.lastElement = this.pushed;
    const index = this.index++;
    let text: string;
    try {
      text = this.text.decode(bytes);
    } catch (e) {
      const raw = new TextDecoder().decode(bytes);
      this.invalid(
        new CloudTrailParseError('INVALID_JSON', `record ${index} at byte ${offset} is not valid UTF-8`, {
          offset,
          recordIndex: index,
          cause: e,
        }),
        raw,
      );
      return;
    }
    if (deep) {
      this.invalid(
        tooDeep(index, this.options.maxDepth, { offset, path: inRecords ? ['Records', index] : [index] }),
        text,
      );
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const message = `record ${index} at byte ${offset} is not valid JSON: ${(e as Error).message}`;
      this.invalid(new CloudTrailParseError('INVALID_JSON', message, { offset, recordIndex: index, cause: e }), text);
      return;
    }
    this.accept(value, text, offset, index, inRecords ? ['Records', index] : [index], true);
  }

  /** Validates one record candidate (`exact`: `text` is the record's own JSON text). */
  private accept(
    value: unknown,
    text: string,
    offset: number,
    index: number,
    path: PropertyKey[],
    exact: boolean,
  ): void {
    const at = { offset, recordIndex: index, path };
    if (!isPlainObject(value)) {
      this.invalid(
        new CloudTrailParseError('INVALID_RECORD', `record ${index} at byte ${offset} is not a JSON object`, at),
        text,
      );
      return;
    }
    // records parsed from their own slice were measured by the scanner; others are walked
    if (!exact && deeperThan(value, this.options.maxDepth)) {
      this.invalid(tooDeep(index, this.options.maxDepth, at), text);
      return;
    }
    if (!this.options.validate) {
      this.push({ record: value as CloudTrailRecord, text: exact ? text : undefined });
      return;
    }
    const result = checkRecord(value, { recordIndex: index, offset, pathPrefix: path }, this.options.strict);
    if (result.success) this.push({ record: result.data, text: exact ? text : undefined });
    else this.invalid(result.error, text);
  }

  private object(bytes: Uint8Array, offset: number): void {
    let text: string;
    let value: unknown;
    try {
      text = this.text.decode(bytes);
      value = JSON.parse(text);
    } catch (e) {
      throw new CloudTrailParseError(
        'INVALID_JSON',
        `the top-level object at byte ${offset} is not valid JSON: ${(e as Error).message}`,
        { offset, cause: e },
      );
    }
    const o = value as Record<string, unknown>;
    const format = this.options.format;
    if (looksLikeDigest(o) && this.digest === undefined && this.index === 0) {
      this.digest = o;
      return;
    }
    if (format === 'auto' && looksLikeRecord(o)) {
      this.flushBare();
      const index = this.index++;
      this.accept(o, text, offset, index, [index], false);
      this.confirmed = this.pushed;
      return;
    }
    if (format === 'auto' && envelopeKind(o) !== undefined) {
      this.flushBare();
      const candidates = unwrapEnvelope(o, text, this.options.maxRecordBytes) as Candidate[];
      for (const candidate of candidates) {
        const index = this.index++;
        if (candidate.error !== undefined) {
          const e = candidate.error;
          this.invalid(
            new CloudTrailParseError(e.code, e.message, { offset, recordIndex: index, path: e.path, cause: e.cause }),
            candidate.raw,
          );
        } else {
          const exact = candidate.raw !== text && candidate.raw !== '';
          this.accept(candidate.value, candidate.raw || text, offset, index, candidate.path, exact);
        }
      }
      this.confirmed = this.pushed;
      return;
    }
    if (format === 'auto' && this.index === 0 && this.bare === undefined) {
      // alone, it is not a log file; followed by more objects, it is the first line of NDJSON
      this.bare = { value: o, text, offset };
      return;
    }
    this.flushBare();
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

  private invalid(error: CloudTrailParseError, raw: string): void {
    this.push({ issue: { recordIndex: error.recordIndex ?? -1, offset: error.offset ?? -1, error, raw } });
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
  const resolved = resolveOptions(options);
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
