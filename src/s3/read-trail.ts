/**
 * `readTrail`: every record of a range of a trail in S3, read with bounded concurrency and memory.
 *
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import type { LogFileKey } from '../keys/parse-log-file-key.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import type { ReadOptions, RecordIssue } from '../stream/index.js';
import { readRecords } from '../stream/index.js';
import { type ListPlan, listTrail, type TrailObject } from './list.js';
import type { ListLogFilesOptions } from './options.js';
import { BoundedQueue, END } from './queue.js';
import { type TimeRange, toRange } from './range.js';
import { abortError } from './retry.js';
import { s3Store } from './s3-store.js';
import type { TrailStore } from './store.js';

/** One record of a trail and the object it came from. */
export interface TrailRecord {
  /** The object's bucket. */
  bucket: string;
  /** The object's key. */
  key: string;
  /** The object's parsed key (account, region, delivery time...). */
  parsed: LogFileKey;
  /** The record. */
  record: CloudTrailRecord;
}

/**
 * An object (or, with `record` set, one record of it) that was not read, as given to an
 * `onInvalid` callback of {@link readTrail}. The other objects are still read.
 */
export interface TrailIssue {
  /** The object's bucket. */
  bucket: string;
  /** The object's key. */
  key: string;
  /** The object's parsed key. */
  parsed: LogFileKey;
  /**
   * Why: a `CloudTrailParseError` for content (`INVALID_GZIP`, `NOT_A_LOG_FILE`...; for records
   * `INVALID_RECORD` / `INVALID_JSON`), the S3 error for a request that failed after its retries.
   */
  error: Error;
  /** Set when only one record was skipped (the rest of the object was read). */
  record?: RecordIssue;
}

/** Counts of a {@link readTrail} run, given to `onProgress`. */
export interface TrailProgress {
  /** Objects listed (and passing `filter`) so far. */
  objectsListed: number;
  /** True once the listing is complete (`objectsListed` is then the total). */
  listed: boolean;
  /** Objects read to the end. */
  objectsRead: number;
  /** Objects that failed (reported to `onInvalid`). */
  objectsInvalid: number;
  /** Compressed bytes received. */
  bytes: number;
  /** Records yielded. */
  records: number;
  /** Requests retried after throttling or a server error. */
  retries: number;
}

/** Options of {@link readTrail}. */
export interface ReadTrailOptions
  extends ListLogFilesOptions,
    Pick<ReadOptions, 'maxRecordBytes' | 'validate' | 'strict'> {
  /** Objects read at once (default 4). Memory is about `concurrency` bodies in flight plus a queue of records. */
  concurrency?: number | undefined;
  /**
   * What to do with an object that cannot be read or a record that is invalid: `'throw'`
   * (default): the iteration ends with that error; `'skip'`; or a callback that receives each
   * {@link TrailIssue}, after which the rest is read. If the callback throws, the iteration ends.
   */
  onInvalid?: 'throw' | 'skip' | ((issue: TrailIssue) => void) | undefined;
  /** Reads only the objects it returns true for (e.g. by `parsed.time` or key). */
  filter?: ((object: TrailObject) => boolean) | undefined;
  /** Called as objects are listed and read, and every 256 records. */
  onProgress?: ((progress: TrailProgress) => void) | undefined;
}

const HIGH_WATER = 1024;

/** @internal {@link readTrail} over any store. */
export async function* readTrailFrom(
  store: TrailStore,
  plan: ListPlan,
  range: TimeRange,
  options: ReadTrailOptions,
  progress: TrailProgress,
): AsyncGenerator<TrailRecord> {
  const outer = options.signal;
  if (outer?.aborted) throw abortError(outer);
  const controller = new AbortController();
  const signal = controller.signal;
  const queue = new BoundedQueue<TrailRecord>(HIGH_WATER);
  const onOuterAbort = () => {
    queue.fail(abortError(outer as AbortSignal));
    controller.abort(outer?.reason);
  };
  outer?.addEventListener('abort', onOuterAbort, { once: true });

  const { onInvalid = 'throw', filter, onProgress } = options;
  const report = () => onProgress?.({ ...progress });
  const listing = listTrail(store, plan, range, signal);
  let pulling: Promise<unknown> = Promise.resolve();
  const nextObject = (): Promise<IteratorResult<TrailObject>> => {
    const p = pulling.then(() => listing.next());
    pulling = p.catch(() => undefined);
    return p;
  };
  const fail = (error: unknown) => {
    queue.fail(error);
    controller.abort(error);
  };
  const issue = (object: TrailObject, error: unknown, record?: RecordIssue) => {
    if (typeof onInvalid !== 'function') return;
    const value: TrailIssue = {
      bucket: object.bucket,
      key: object.key,
      parsed: object.parsed,
      error: error instanceof Error ? error : new Error(String(error)),
    };
    if (record) value.record = record;
    onInvalid(value);
  };
  const readerOptions: ReadOptions = { signal };
  if (options.maxRecordBytes !== undefined) readerOptions.maxRecordBytes = options.maxRecordBytes;
  if (options.validate !== undefined) readerOptions.validate = options.validate;
  if (options.strict !== undefined) readerOptions.strict = options.strict;

  const readObject = async (object: TrailObject) => {
    // a signal of its own (following the shared one) for each object: the request and the reader
    // add their abort listeners to it, not to one signal shared by every object in flight
    const objectSignal = AbortSignal.any([signal]);
    const stored = await store.getObject(object.bucket, object.key, objectSignal);
    if (stored === undefined) {
      throw new Error(`s3://${object.bucket}/${object.key} was listed but no longer exists (NoSuchKey)`);
    }
    const records = readRecords(stored.body, {
      ...readerOptions,
      signal: objectSignal,
      onInvalid: onInvalid === 'throw' ? 'throw' : onInvalid === 'skip' ? 'skip' : (r) => issue(object, r.error, r),
    });
    for await (const record of records) {
      const wait = queue.push({ bucket: object.bucket, key: object.key, parsed: object.parsed, record });
      if (wait) await wait;
      if (signal.aborted) return;
    }
  };

  const worker = async () => {
    for (;;) {
      const next = await nextObject();
      if (next.done || signal.aborted) return;
      const object = next.value;
      if (filter && !filter(object)) continue;
      progress.objectsListed++;
      try {
        await readObject(object);
        progress.objectsRead++;
      } catch (error) {
        if (signal.aborted) return;
        progress.objectsInvalid++;
        if (onInvalid === 'throw') throw error;
        issue(object, error);
      }
      report();
    }
  };

  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  Promise.all(Array.from({ length: concurrency }, worker)).then(
    () => {
      progress.listed = true;
      report();
      queue.close();
    },
    (error: unknown) => fail(signal.aborted && outer?.aborted ? abortError(outer) : error),
  );

  try {
    for (;;) {
      const item = await queue.take();
      if (item === END) break;
      progress.records++;
      if ((progress.records & 255) === 0) report();
      yield item;
      if (outer?.aborted) throw abortError(outer);
    }
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
    if (!signal.aborted) controller.abort(new CloudTrailParseError('ABORTED', 'iteration ended'));
    queue.close();
  }
}

/**
 * Streams every record of a range of a trail in S3: lists only the day folders of the range
 * ({@link listLogFiles}), reads `concurrency` objects at once, each body streamed into the
 * core reader (`readRecords`), and yields each record with its object's key. Records of one
 * object come in file order; objects interleave. Memory stays bounded (the readers wait while
 * the consumer is busy).
 *
 * Throttled and failed requests (503 `SlowDown`, 429, 5xx, dropped connections) are retried
 * with backoff (`retry`). An object that still fails, or whose body is damaged, goes to
 * `onInvalid` with its key, and the rest is read. Aborting `signal` (or leaving the loop)
 * cancels the in-flight requests; the iteration then ends with `ABORTED`.
 *
 * @param options - Client, bucket, range, concurrency and callbacks.
 * @returns An async iterator of {@link TrailRecord}.
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { readTrail } from 'cloudtrail-chime/s3';
 *
 * const client = new S3Client({ region: 'us-east-1' });
 * for await (const { key, record } of readTrail({
 *   client,
 *   bucket: 'amzn-s3-demo-bucket',
 *   accounts: ['111122223333'],
 *   since: '2026-11-01',
 *   until: '2026-11-08',
 *   concurrency: 8,
 *   onInvalid: (issue) => console.error(issue.key, issue.error.message),
 * })) {
 *   if (record.eventSource === 'chime.amazonaws.com') console.log(key, record.eventName);
 * }
 * ```
 */
export function readTrail(options: ReadTrailOptions): AsyncGenerator<TrailRecord> {
  const range = toRange(options.since, options.until);
  if (options.concurrency !== undefined && !(options.concurrency >= 1)) {
    throw new RangeError('concurrency must be at least 1');
  }
  const progress: TrailProgress = {
    objectsListed: 0,
    listed: false,
    objectsRead: 0,
    objectsInvalid: 0,
    bytes: 0,
    records: 0,
    retries: 0,
  };
  const store = s3Store(options.client, options.bucket, options.retry, {
    onBytes: (n) => {
      progress.bytes += n;
    },
    onRetry: () => {
      progress.retries++;
    },
  });
  return readTrailFrom(store, options, range, options, progress);
}
