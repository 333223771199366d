import { CloudTrailParseError } from '../errors.js';
import { checkRecord, digestIssue } from '../schemas/check.js';
import type { CloudTrailDigestFile } from '../schemas/digest.js';
import { isPlainObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { abortError } from './chunks.js';
import { BodyDecoder, decodeBody } from './decode.js';
import { envelopeRecords } from './envelope-records.js';
import { RecordScanner } from './scanner.js';
import type { LogBody, LogFile, ReadOptions, RecordIssue } from './types.js';
import { readWholeBody } from './whole-body.js';

/** Default `maxRecordBytes`: 16 MiB (CloudTrail caps an event at 256 KB). */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

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

/** Reads one body; `digest` is set when the body was a digest file. */
class BodyReader {
  readonly out: CloudTrailRecord[] = [];
  digest: Record<string, unknown> | undefined;
  /** records at the start of `out` that passed their gzip CRC check (all, for plain bodies) */
  private verified = 0;
  /** inflated bytes not yet covered by a CRC check */
  private pending = 0;
  /** a first top-level object that is neither a record nor an envelope (see flushBare) */
  private bare: { value: Record<string, unknown>; text: string; offset: number } | undefined;
  private index = 0;
  private readonly text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly scanner: RecordScanner;
  readonly decoder: BodyDecoder;
  private readonly options: ReadOptions;
  private readonly validate: boolean;
  private readonly strict: boolean;

  constructor(options: ReadOptions) {
    this.options = options;
    this.strict = options.strict === true;
    this.validate = options.validate !== false || this.strict;
    const format = options.format ?? 'auto';
    if (!['auto', 'log-file', 'array', 'ndjson'].includes(format)) {
      throw new CloudTrailParseError('NOT_A_LOG_FILE', `unknown format option ${JSON.stringify(format)}`);
    }
    const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.scanner = new RecordScanner(format, max, {
      element: (bytes, offset, inRecords) => this.element(bytes, offset, inRecords),
      object: (bytes, offset) => this.object(bytes, offset),
    });
    this.decoder = new BodyDecoder(
      (bytes) => {
        this.scanner.push(bytes);
        if (this.decoder.gzip) this.pending += bytes.length;
        else this.verified = this.out.length;
      },
      {
        onMemberEnd: () => {
          this.verified = this.out.length;
          this.pending = 0;
        },
      },
    );
  }

  /**
   * How many records of `out` may be released: those whose gzip member passed its CRC check,
   * or all of them once more than {@link VERIFY_WINDOW} inflated bytes await their check.
   */
  releasable(): number {
    if (!this.decoder.gzip) return this.out.length;
    return this.pending > VERIFY_WINDOW ? this.out.length : this.verified;
  }

  /** Removes the first `n` records of `out`. */
  release(n: number): void {
    if (n === this.out.length) this.out.length = 0;
    else this.out.splice(0, n);
    this.verified = Math.max(0, this.verified - n);
    if (this.pending > VERIFY_WINDOW) this.verified = 0;
  }

  finish(): void {
    this.decoder.finish();
    this.scanner.end();
    const bare = this.bare;
    if (bare !== undefined) {
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
  }

  /** A first bare object that is no record is one after all when more objects follow (NDJSON). */
  private flushBare(): void {
    const bare = this.bare;
    if (bare === undefined) return;
    this.bare = undefined;
    const index = this.index++;
    this.accept(bare.value, bare.text, bare.offset, index, [index], false);
  }

  private element(bytes: Uint8Array, offset: number, inRecords: boolean): void {
    this.flushBare();
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
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const message = `record ${index} at byte ${offset} is not valid JSON: ${(e as Error).message}`;
      this.invalid(new CloudTrailParseError('INVALID_JSON', message, { offset, recordIndex: index, cause: e }), text);
      return;
    }
    this.accept(value, text, offset, index, inRecords ? ['Records', index] : [index], false);
  }

  private accept(
    value: unknown,
    text: string,
    offset: number,
    index: number,
    pathPrefix: PropertyKey[],
    mustLookLikeRecord: boolean,
  ): void {
    if (mustLookLikeRecord && !(isPlainObject(value) && looksLikeRecord(value))) {
      const what = isPlainObject(value)
        ? `an object with none of ${RECORD_KEYS.slice(0, 4).join(', ')}...`
        : 'not an object';
      this.invalid(
        new CloudTrailParseError(
          'INVALID_RECORD',
          `record ${index} at byte ${offset} is not a CloudTrail record: ${what}`,
          {
            offset,
            recordIndex: index,
            path: pathPrefix,
          },
        ),
        text,
      );
      return;
    }
    if (!this.validate) {
      if (isPlainObject(value)) this.out.push(value as CloudTrailRecord);
      else {
        this.invalid(
          new CloudTrailParseError('INVALID_RECORD', `record ${index} at byte ${offset} is not a JSON object`, {
            offset,
            recordIndex: index,
            path: pathPrefix,
          }),
          text,
        );
      }
      return;
    }
    const result = checkRecord(value, { recordIndex: index, offset, pathPrefix }, this.strict);
    if (result.success) this.out.push(result.data);
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
    const format = this.options.format ?? 'auto';
    if (looksLikeDigest(o)) {
      if (this.digest === undefined && this.index === 0) {
        this.digest = o;
        return;
      }
    }
    if (format === 'auto' && looksLikeRecord(o)) {
      const index = this.index++;
      this.accept(o, text, offset, index, [index], false);
      return;
    }
    const wrapped = format === 'auto' ? envelopeRecords(o) : undefined;
    if (wrapped !== undefined) {
      for (const value of wrapped) {
        const index = this.index++;
        this.accept(value, JSON.stringify(value), offset, index, [index], true);
      }
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
    const policy = this.options.onInvalid ?? 'throw';
    if (policy === 'throw') throw error;
    if (policy === 'skip') return;
    const issue: RecordIssue = { recordIndex: error.recordIndex ?? -1, offset: error.offset ?? -1, error, raw };
    policy(issue);
  }
}

async function* run(body: LogBody, options: ReadOptions, reader: BodyReader): AsyncGenerator<CloudTrailRecord> {
  const out = reader.out;
  const signal = options.signal;
  try {
    for await (const _ of decodeBody(body, signal, reader.decoder)) {
      const n = reader.releasable();
      if (n > 0) {
        for (let i = 0; i < n; i++) yield out[i] as CloudTrailRecord;
        reader.release(n);
      }
    }
    reader.finish();
  } catch (error) {
    // records before the failure come out first, in file order, if their gzip member checked
    // out; after a gzip error or an abort nothing more is yielded
    const code = error instanceof CloudTrailParseError ? error.code : undefined;
    if (code !== 'ABORTED' && code !== 'INVALID_GZIP') {
      const n = reader.releasable();
      for (let i = 0; i < n; i++) yield out[i] as CloudTrailRecord;
    }
    out.length = 0;
    throw error;
  }
  for (let i = 0; i < out.length; i++) yield out[i] as CloudTrailRecord;
  out.length = 0;
}

/**
 * Streams the records of a CloudTrail log-file body, in file order, with memory bounded by the
 * largest record. The body may be gzip (any number of members, zero padding) or plain, whole or
 * streamed (bytes, Blob, string, web or Node stream, AWS SDK v3 `GetObject` Body); with the
 * default `format: 'auto'` it may also be a JSON array of records or NDJSON. Digest files yield
 * nothing; Insights files yield their records.
 *
 * Breaking out of the loop (or aborting `signal`) cancels the underlying stream.
 *
 * @throws {CloudTrailParseError} `INVALID_GZIP`, `INVALID_JSON`, `NOT_A_LOG_FILE`,
 *   `RECORD_TOO_LARGE`, `ABORTED`; `INVALID_RECORD` (and per-record `INVALID_JSON`) unless
 *   `onInvalid` says otherwise. Errors thrown by an `onInvalid` callback propagate as they are.
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
export function readRecords(body: LogBody, options: ReadOptions = {}): AsyncIterableIterator<CloudTrailRecord> {
  return (async function* () {
    const whole = wholeBodyRecords(body, options);
    if (whole !== undefined) {
      for (let i = 0; i < whole.length; i++) {
        if (options.signal?.aborted) throw abortError(options.signal);
        yield whole[i] as CloudTrailRecord;
      }
      return;
    }
    yield* run(body, options, new BodyReader(options));
  })();
}

/** Small in-memory bodies take the whole-body fast path (same results, fewer calls). */
function wholeBodyRecords(body: LogBody, options: ReadOptions): CloudTrailRecord[] | undefined {
  if (options.signal?.aborted) return undefined;
  if (body instanceof Uint8Array) return readWholeBody(body, options);
  if (body instanceof ArrayBuffer) return readWholeBody(new Uint8Array(body), options);
  return undefined;
}

/**
 * Reads a whole body: the records of a log file, or the parsed digest of a digest file.
 *
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
export async function readLogFile(body: LogBody, options: ReadOptions = {}): Promise<LogFile> {
  const whole = wholeBodyRecords(body, options);
  if (whole !== undefined) return { kind: 'log', records: whole };
  const reader = new BodyReader(options);
  const records: CloudTrailRecord[] = [];
  for await (const record of run(body, options, reader)) records.push(record);
  if (reader.digest !== undefined && records.length === 0) {
    const issue = digestIssue(reader.digest);
    if (issue !== undefined) {
      throw new CloudTrailParseError(
        'INVALID_RECORD',
        `invalid CloudTrail digest file: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
        { path: issue.path },
      );
    }
    return { kind: 'digest', digest: reader.digest as CloudTrailDigestFile };
  }
  return { kind: 'log', records };
}
