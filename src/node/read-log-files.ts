/**
 * `readLogFiles`: every log file under files and folders, read in parallel on worker threads.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CloudTrailParseError, isCloudTrailParseError } from '../errors.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { readRecords } from '../stream/records.js';
import type { ReadOptions, RecordIssue } from '../stream/types.js';
import { openLogFile } from './file-body.js';
import { findLogFiles } from './files.js';
import { type Batch, deserializeError, type ToWorker, type WorkerSettings } from './protocol.js';

/** One record and the file it came from. */
export interface LogFileRecord {
  /** The file's path, as found under the paths given (not resolved). */
  file: string;
  /** The record. */
  record: CloudTrailRecord;
}

/**
 * Something that was not read, reported to an `onInvalid` callback of {@link readLogFiles}:
 * a whole file (unreadable, damaged gzip, not a log file...) or, with `record` set, one record
 * of a file whose other records were read.
 */
export interface LogFileIssue {
  /** The file the issue is in. */
  file: string;
  /**
   * Why: a `CloudTrailParseError` for content (`INVALID_GZIP`, `INVALID_JSON`, `NOT_A_LOG_FILE`,
   * `RECORD_TOO_LARGE`, and for records `INVALID_RECORD` / `INVALID_JSON`), or a Node system
   * error (`ENOENT`, `EACCES`...) for I/O. Errors from worker threads are rebuilt from their
   * fields: `code`, `offset`, `recordIndex` and `path` survive, `cause` does not.
   */
  error: Error;
  /** Set when only one record was skipped: its index, offset and raw text (as in core `onInvalid`). */
  record?: RecordIssue;
}

/** Counts of a {@link readLogFiles} run, updated while it runs. */
export interface ReadLogFilesSummary {
  /** Log and Insights files found (digest files not included). */
  files: number;
  /** Files read to the end without a file-level error. */
  filesRead: number;
  /** Digest files found and skipped. */
  digestFiles: number;
  /** Records yielded. */
  records: number;
  /** Records skipped (with `onInvalid: 'skip'` or a callback). */
  invalidRecords: number;
  /** Files that failed, with their error (with `onInvalid: 'skip'` or a callback). */
  invalidFiles: { file: string; error: Error }[];
  /** Worker threads used (0: read on the calling thread). */
  workers: number;
}

/** Options of {@link readLogFiles}. */
export interface ReadLogFilesOptions extends Pick<ReadOptions, 'format' | 'maxRecordBytes' | 'validate' | 'strict'> {
  /**
   * What to do with an invalid record or file. `'throw'` (default, as in core `readRecords`):
   * the first one ends the iteration with its error (a {@link CloudTrailFileError} for content,
   * the system error with a `file` property for I/O). `'skip'`: skip it and go on (counted in
   * `summary`). A callback: receives each {@link LogFileIssue} (file-level or record-level, with
   * the file's path) on the calling thread, in order with the records of that file, and the
   * other files are still read; if it throws, the iteration ends with that error.
   */
  onInvalid?: 'throw' | 'skip' | ((issue: LogFileIssue) => void);
  /** Stops reading: the workers are terminated and `ABORTED` is thrown. */
  signal?: AbortSignal;
  /**
   * Worker threads (default `os.availableParallelism()`, at most one per file). `0` reads the
   * files one after the other on the calling thread. Falls back to `0` when the worker script
   * (`node-worker.js`, next to this module) is missing, as when running from TypeScript sources.
   */
  concurrency?: number;
  /** Records per message from a worker (default 512). Memory is bounded by about `concurrency × 4 × batchSize` records. */
  batchSize?: number;
  /** Where the worker script is (default: `node-worker.js` next to this module). */
  workerUrl?: string | URL;
}

/** The iterator returned by {@link readLogFiles}. */
export interface LogFilesIterator extends AsyncIterableIterator<LogFileRecord> {
  /** Counts so far; complete once the iteration has ended. */
  readonly summary: ReadLogFilesSummary;
}

/** A content error of one file, thrown by {@link readLogFiles} with `onInvalid: 'throw'`. */
export class CloudTrailFileError extends CloudTrailParseError {
  /** The file the error is in. */
  readonly file: string;

  /** Wraps `error` (kept as `cause`; its code, offset, record index and path are copied). */
  constructor(file: string, error: CloudTrailParseError) {
    super(error.code, `${file}: ${error.message}`, {
      offset: error.offset,
      recordIndex: error.recordIndex,
      path: error.path,
      cause: error,
    });
    this.file = file;
  }
}

const MAX_IN_FLIGHT = 4;
const utf8 = new TextDecoder();
const FILES_AHEAD = 32;

function defaultWorkerPath(): string | undefined {
  // CJS build: __dirname; ESM build and sources: import.meta.url
  if (typeof __dirname === 'string') return join(__dirname, 'node-worker.js');
  const url = import.meta.url;
  return typeof url === 'string' ? join(dirname(fileURLToPath(url)), 'node-worker.js') : undefined;
}

function workerPath(option: string | URL | undefined): string | undefined {
  if (option !== undefined) return option instanceof URL || option.startsWith('file:') ? fileURLToPath(option) : option;
  const path = defaultWorkerPath();
  return path !== undefined && existsSync(path) ? path : undefined;
}

function withFile(file: string, error: unknown): Error {
  if (isCloudTrailParseError(error)) return new CloudTrailFileError(file, error);
  const e = error instanceof Error ? error : new Error(String(error));
  return Object.assign(e, { file });
}

const aborted = (signal: AbortSignal) =>
  new CloudTrailParseError('ABORTED', 'reading was aborted', { cause: signal.reason });

/**
 * Reads every `*.json` / `*.json.gz` CloudTrail log file under the given files and folders
 * (recursively; a file named explicitly is read whatever its name), yielding each record with
 * its file. Files are read in parallel on worker threads, so a folder uses every core; each
 * worker streams its records back in batches and waits when the consumer falls behind, so
 * memory stays bounded. Records of one file come in file order; files interleave.
 *
 * Digest files are skipped (by key, and yield nothing if found by content). Insights files
 * yield their records. Gzip is detected by magic bytes; several members and zero padding are
 * accepted, damaged gzip is `INVALID_GZIP`, as in the core reader.
 *
 * Breaking out of the loop, `return()` or aborting `signal` terminates the workers.
 *
 * @param paths - files and folders
 * @throws {CloudTrailFileError} with `onInvalid: 'throw'` (default), for the first invalid file or record
 * @example
 * ```ts
 * import { readLogFiles } from 'cloudtrail-chime/node';
 *
 * const files = readLogFiles(['./AWSLogs'], {
 *   onInvalid: ({ file, error, record }) =>
 *     console.error(file, record ? `record ${record.recordIndex}` : 'whole file', error.message),
 * });
 * for await (const { file, record } of files) {
 *   if (record.eventSource === 'chime.amazonaws.com') console.log(file, record.eventName);
 * }
 * console.log(files.summary); // { files, filesRead, records, invalidFiles, ... }
 * ```
 */
export function readLogFiles(paths: string | readonly string[], options: ReadLogFilesOptions = {}): LogFilesIterator {
  const summary: ReadLogFilesSummary = {
    files: 0,
    filesRead: 0,
    digestFiles: 0,
    records: 0,
    invalidRecords: 0,
    invalidFiles: [],
    workers: 0,
  };
  const it = run(paths, options, summary) as LogFilesIterator;
  Object.defineProperty(it, 'summary', { value: summary, enumerable: true });
  return it;
}

async function* run(
  paths: string | readonly string[],
  options: ReadLogFilesOptions,
  summary: ReadLogFilesSummary,
): AsyncGenerator<LogFileRecord, void, undefined> {
  const { signal } = options;
  if (signal?.aborted) throw aborted(signal);
  const found = await findLogFiles(paths);
  summary.files = found.logFiles.length;
  summary.digestFiles = found.digestFiles.length;
  const policy = options.onInvalid ?? 'throw';

  /** Handles a file-level error; throws under the `'throw'` policy. */
  const fileFailed = (file: string, error: Error) => {
    if (policy === 'throw') throw withFile(file, error);
    summary.invalidFiles.push({ file, error });
    if (policy !== 'skip') policy({ file, error });
  };
  /** An error thrown by the user's callback inside the core reader (it must end the iteration). */
  let callbackError: { error: unknown } | undefined;
  const recordSkipped = (file: string, issue: RecordIssue) => {
    summary.invalidRecords++;
    if (typeof policy !== 'function') return;
    try {
      policy({ file, error: issue.error, record: issue });
    } catch (error) {
      callbackError = { error };
      throw error;
    }
  };

  const requested = options.concurrency ?? availableParallelism();
  const count = Math.max(0, Math.min(Math.floor(requested), found.logFiles.length));
  const script = count > 0 ? workerPath(options.workerUrl) : undefined;

  if (script === undefined) {
    // on the calling thread, one file after the other
    const read: ReadOptions = {
      onInvalid: policy === 'throw' ? 'throw' : undefined,
      signal,
      format: options.format,
      maxRecordBytes: options.maxRecordBytes,
      validate: options.validate,
      strict: options.strict,
    };
    for (const file of found.logFiles) {
      if (signal?.aborted) throw aborted(signal);
      try {
        const body = await openLogFile(file);
        const records = readRecords(
          body,
          policy === 'throw' ? read : { ...read, onInvalid: (issue) => recordSkipped(file, issue) },
        );
        for await (const record of records) {
          summary.records++;
          yield { file, record };
        }
        summary.filesRead++;
      } catch (e) {
        if (callbackError !== undefined) throw callbackError.error;
        if (isCloudTrailParseError(e) && e.code === 'ABORTED') throw e;
        fileFailed(file, e instanceof Error ? e : new Error(String(e)));
      }
    }
    return;
  }

  yield* pool(script, count, found.logFiles, options, summary, fileFailed, recordSkipped);
}

interface Slot {
  worker: Worker;
  assigned: number;
  exited: boolean;
}

type Queued = { slot: Slot; msg: Batch };

async function* pool(
  script: string,
  count: number,
  files: string[],
  options: ReadLogFilesOptions,
  summary: ReadLogFilesSummary,
  fileFailed: (file: string, error: Error) => void,
  recordSkipped: (file: string, issue: RecordIssue) => void,
): AsyncGenerator<LogFileRecord, void, undefined> {
  const { signal } = options;
  const settings: WorkerSettings = {
    format: options.format,
    validate: options.validate,
    strict: options.strict,
    maxRecordBytes: options.maxRecordBytes,
    report: (options.onInvalid ?? 'throw') !== 'throw',
    batchSize: Math.max(1, options.batchSize ?? 512),
    maxInFlight: MAX_IN_FLIGHT,
  };
  const queue: Queued[] = [];
  let next = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const slots: Slot[] = [];
  const dispatch = (slot: Slot) => {
    // a few files per worker: the next one is there as soon as the current one ends
    while (slot.assigned < FILES_AHEAD && next < files.length) {
      slot.assigned++;
      slot.worker.postMessage({ t: 'file', file: files[next++] as string } satisfies ToWorker);
    }
  };
  summary.workers = count;
  for (let i = 0; i < count; i++) {
    const worker = new Worker(script, { workerData: settings });
    const slot: Slot = { worker, assigned: 0, exited: false };
    worker.on('message', (msg: Batch) => {
      queue.push({ slot, msg });
      for (const segment of msg.segments) if (segment.done) slot.assigned--;
      dispatch(slot);
      notify();
    });
    worker.on('error', (e) => {
      failure ??= e;
      notify();
    });
    worker.on('exit', (code) => {
      slot.exited = true;
      if (slot.assigned > 0 || next < files.length)
        failure ??= new Error(`cloudtrail-chime worker exited (code ${code})`);
      notify();
    });
    slots.push(slot);
    dispatch(slot);
  }
  const onAbort = () => notify();
  signal?.addEventListener('abort', onAbort);
  const setRef = (ref: boolean) => {
    for (const s of slots) if (!s.exited) ref ? s.worker.ref() : s.worker.unref();
  };
  try {
    for (;;) {
      if (signal?.aborted) throw aborted(signal);
      if (failure) throw failure;
      const item = queue.shift();
      if (item === undefined) {
        if (next >= files.length && slots.every((s) => s.assigned === 0)) return;
        setRef(true);
        await new Promise<void>((r) => (wake = r));
        setRef(false);
        continue;
      }
      const { slot, msg } = item;
      slot.worker.postMessage({ t: 'ack' } satisfies ToWorker);
      const records = JSON.parse(utf8.decode(msg.json)) as CloudTrailRecord[];
      const issues = msg.issues ?? [];
      let i = 0;
      let k = 0;
      const reportIssuesUpTo = (at: number) => {
        while (k < issues.length && (issues[k]?.at ?? 0) <= at) {
          const s = issues[k++]!;
          const error = deserializeError(s.error) as CloudTrailParseError;
          recordSkipped(s.file, { recordIndex: s.recordIndex, offset: s.offset, raw: s.raw, error });
        }
      };
      for (const segment of msg.segments) {
        const end = i + segment.records;
        for (; i < end; i++) {
          reportIssuesUpTo(i);
          summary.records++;
          yield { file: segment.file, record: records[i] as CloudTrailRecord };
          if (signal?.aborted) throw aborted(signal);
        }
        // issues after the segment's last record belong to it (or to the next one, reported in order)
        while (k < issues.length && issues[k]?.file === segment.file && (issues[k]?.at ?? 0) <= i) reportIssuesUpTo(i);
        if (segment.done) {
          if (segment.error) fileFailed(segment.file, deserializeError(segment.error));
          else summary.filesRead++;
        }
      }
      reportIssuesUpTo(Number.POSITIVE_INFINITY);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
