/**
 * `readLogFiles`: every log file under files and folders, read in parallel on worker threads.
 *
 * @module
 */
import { createReadStream, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { abortError as aborted, CloudTrailParseError, isCloudTrailParseError } from '../errors.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { resolveOptions } from '../stream/options.js';
import { readRecords } from '../stream/records.js';
import type { LogBody, ReadOptions, RecordIssue } from '../stream/types.js';
import { recordsOfText, wholeBodyAllowed } from '../stream/whole-body.js';
import { loadFileSync } from './file-body.js';
import { type FindLogFilesOptions, walkLogFiles } from './files.js';
import {
  type Body,
  deserializeError,
  type FromWorker,
  serializeError,
  type ToWorker,
  type WorkerSettings,
} from './protocol.js';

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
  record?: RecordIssue | undefined;
}

/** Counts of a {@link readLogFiles} run, updated while it runs. */
export interface ReadLogFilesSummary {
  /** Log and Insights files found (digest files not included). */
  files: number;
  /** Files read to the end without a file-level error. */
  filesRead: number;
  /** Size on disk of the files found, in bytes (pipes count 0). */
  bytes: number;
  /** Size on disk of the files finished so far (read to the end or failed), in bytes. */
  bytesRead: number;
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
export interface ReadLogFilesOptions
  extends Pick<
      ReadOptions,
      'format' | 'maxRecordBytes' | 'maxDepth' | 'validate' | 'strict' | 'eventSource' | 'eventName'
    >,
    FindLogFilesOptions {
  /**
   * What to do with an invalid record or file. `'throw'` (default, as in core `readRecords`):
   * the first one ends the iteration with its error (a {@link CloudTrailFileError} for content,
   * the system error with a `file` property for I/O). `'skip'`: skip it and go on (counted in
   * `summary`). A callback: receives each {@link LogFileIssue} (file-level or record-level, with
   * the file's path) on the calling thread, in order with the records of that file, and the
   * other files are still read; if it throws, the iteration ends with that error.
   */
  onInvalid?: 'throw' | 'skip' | ((issue: LogFileIssue) => void) | undefined;
  /** Stops reading: the workers are terminated and `ABORTED` is thrown. */
  signal?: AbortSignal | undefined;
  /**
   * Worker threads (default {@link defaultConcurrency}: `os.availableParallelism() - 1`, at
   * least 1; 0 on a single core; at most one per file). The calling thread parses every small
   * file's text itself, so it is one of the busy threads: on 2 cores, 1 worker measured best
   * (2 workers fight the calling thread for the second core; see `docs/node.md`). `0` reads the
   * files one after the other on the calling thread (with synchronous reads of small files).
   * Falls back to `0` when the worker script (`node-worker.js`, next to this module) is
   * missing, as when running from TypeScript sources.
   */
  concurrency?: number | undefined;
  /** Records per message from a worker (default 512). Memory is bounded by about `concurrency × 4 MiB` of texts and batches in flight plus one file per worker. */
  batchSize?: number | undefined;
  /** Where the worker script is (default: `node-worker.js` next to this module). */
  workerUrl?: string | URL | undefined;
}

/** The iterator returned by {@link readLogFiles}. */
export interface LogFilesIterator extends AsyncIterableIterator<LogFileRecord> {
  /** Counts so far; complete once the iteration has ended. */
  readonly summary: ReadLogFilesSummary;
}

/** A content error of one file, thrown by {@link readLogFiles} with `onInvalid: 'throw'`. */
export class CloudTrailFileError extends CloudTrailParseError {
  override readonly name: string = 'CloudTrailFileError';
  /** The file the error is in. */
  readonly file: string;

  /** Wraps `error` (kept as `cause`; its code, offset, record index and path are copied). */
  constructor(file: string, error: CloudTrailParseError) {
    super(error.code, `${file}: ${error.message}`, {
      offset: error.offset,
      recordIndex: error.recordIndex,
      path: error.path,
      issues: error.issues,
      cause: error,
    });
    this.file = file;
  }
}

/**
 * Messages a worker may have sent and not had acknowledged, and their bytes (text bodies count
 * their UTF-8 size, batches their JSON). Generous, so that the workers go on reading while the
 * calling thread is busy parsing, yet bounded.
 */
const MAX_IN_FLIGHT = 32;
const MAX_IN_FLIGHT_BYTES = 4 << 20;
/** Files handed to a worker ahead (paths only; the calling thread may be busy when one ends). */
const FILES_AHEAD = 64;
const utf8 = new TextDecoder();

/**
 * Default number of workers: one per core beyond the calling thread, which parses every small
 * file's text itself; none (the calling thread alone) on a machine with fewer than 2 cores.
 *
 * @example
 * ```ts
 * import { defaultConcurrency } from 'cloudtrail-chime/node';
 * defaultConcurrency(2); // 1
 * ```
 */
export function defaultConcurrency(cores = availableParallelism()): number {
  return cores >= 2 ? Math.max(1, cores - 1) : 0;
}

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

/**
 * Reads every `*.json` / `*.json.gz` CloudTrail log file under the given files and folders
 * (recursively; a file named explicitly is read whatever its name), yielding each record with
 * its file. Records of one file come in file order; files interleave.
 *
 * Files are read on worker threads: each worker reads a small file (≤ 1 MiB on disk, ≤ 8 MiB
 * inflated) whole, inflates it with Node's zlib and decodes it, and the calling thread parses
 * the text with one `JSON.parse` and checks each record with the schema's quick pre-check
 * (unusual files go to the core streaming reader, for exact errors). Larger files are streamed
 * by the core reader in the worker, their records sent in batches. Workers wait when the
 * consumer falls behind, so memory stays bounded.
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
    bytes: 0,
    bytesRead: 0,
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

interface Slot {
  worker: Worker;
  assigned: number;
  exited: boolean;
}

type Queued = { slot: Slot | undefined; msg: FromWorker };

async function* run(
  paths: string | readonly string[],
  options: ReadLogFilesOptions,
  summary: ReadLogFilesSummary,
): AsyncGenerator<LogFileRecord, void, undefined> {
  const { signal } = options;
  if (signal?.aborted) throw aborted(signal);
  const policy = options.onInvalid ?? 'throw';
  const resolved = resolveOptions({
    format: options.format,
    maxRecordBytes: options.maxRecordBytes,
    maxDepth: options.maxDepth,
    validate: options.validate,
    strict: options.strict,
    eventSource: options.eventSource,
    eventName: options.eventName,
  });
  // a filtered read is scanned in the workers, which parse and send only the records that pass
  const whole = wholeBodyAllowed(resolved) && resolved.filter === undefined;
  const maxWhole = options.maxRecordBytes ?? Number.POSITIVE_INFINITY;

  // workers boot (and the core loads) while the folders are walked
  const requested = Math.floor(options.concurrency ?? defaultConcurrency());
  const script = requested > 0 ? workerPath(options.workerUrl) : undefined;
  const settings: WorkerSettings = {
    format: options.format,
    validate: options.validate,
    strict: options.strict,
    maxRecordBytes: options.maxRecordBytes,
    maxDepth: options.maxDepth,
    eventSource: options.eventSource,
    eventName: options.eventName,
    report: policy !== 'throw',
    batchSize: Math.max(1, options.batchSize ?? 512),
    maxInFlight: MAX_IN_FLIGHT,
    maxInFlightBytes: MAX_IN_FLIGHT_BYTES,
    whole,
  };
  const slots: Slot[] = [];
  const queue: Queued[] = [];
  const files: string[] = [];
  let next = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const dispatch = (slot: Slot) => {
    while (slot.assigned < FILES_AHEAD && next < files.length) {
      slot.assigned++;
      slot.worker.postMessage({ t: 'file', file: files[next++] as string } satisfies ToWorker);
    }
  };
  const startWorker = (path: string) => {
    const worker = new Worker(path, { workerData: settings });
    const slot: Slot = { worker, assigned: 0, exited: false };
    worker.on('message', (msg: FromWorker) => {
      queue.push({ slot, msg });
      if (msg.t === 'body') slot.assigned--;
      else for (const segment of msg.segments) if (segment.done) slot.assigned--;
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
    worker.unref();
    slots.push(slot);
  };
  const setRef = (ref: boolean) => {
    for (const s of slots) if (!s.exited) ref ? s.worker.ref() : s.worker.unref();
  };
  const onAbort = () => notify();
  signal?.addEventListener('abort', onAbort);
  /** the iteration ended: files the walk still finds are not read */
  let closed = false;

  try {
    if (script !== undefined) for (let i = 0; i < requested; i++) startWorker(script);
    const sizes = new Map<string, number>();
    let walking = true;
    /** Handles a file-level error; throws under the `'throw'` policy. */
    const fileFailed = (file: string, error: Error) => {
      summary.bytesRead += sizes.get(file) ?? 0;
      if (policy === 'throw') throw withFile(file, error);
      summary.invalidFiles.push({ file, error });
      if (policy !== 'skip') policy({ file, error });
    };
    // the walk feeds the workers as it finds files; a missing or unreadable path is a file-level
    // issue of its own (the other paths are read)
    const walkOptions = {
      allFiles: options.allFiles,
      onError: fileFailed,
    };
    const onFile = (file: string, size: number, digest: boolean) => {
      if (digest) {
        summary.digestFiles++;
        return;
      }
      files.push(file);
      sizes.set(file, size);
      summary.files++;
      summary.bytes += size;
      for (const slot of slots) dispatch(slot);
      notify();
    };
    // the walk stops when the iteration ends (no file found, no callback made after that)
    void walkLogFiles(paths, walkOptions, onFile, () => closed).then(
      () => {
        walking = false;
        // no more workers than files
        for (let i = slots.length - 1; i >= 0 && slots.length > files.length; i--) {
          const slot = slots[i] as Slot;
          if (slot.assigned > 0) continue;
          slots.splice(i, 1);
          slot.exited = true;
          slot.worker.removeAllListeners('exit');
          void slot.worker.terminate();
        }
        summary.workers = slots.length;
        notify();
      },
      (error: unknown) => {
        walking = false;
        failure ??= error instanceof Error ? error : new Error(String(error));
        notify();
      },
    );
    /** A file read to the end. */
    const fileRead = (file: string) => {
      summary.filesRead++;
      summary.bytesRead += sizes.get(file) ?? 0;
    };
    summary.workers = slots.length;
    const validate = options.validate !== false;

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
    const read: ReadOptions = {
      onInvalid: policy === 'throw' ? 'throw' : undefined,
      signal,
      format: options.format,
      maxRecordBytes: options.maxRecordBytes,
      maxDepth: options.maxDepth,
      validate: options.validate,
      strict: options.strict,
      eventSource: options.eventSource,
      eventName: options.eventName,
    };

    /** One file with the core reader, on this thread. */
    async function* readWithCore(file: string, body: () => LogBody): AsyncGenerator<LogFileRecord> {
      try {
        const records = readRecords(
          body(),
          policy === 'throw' ? read : { ...read, onInvalid: (issue) => recordSkipped(file, issue) },
        );
        for await (const record of records) {
          summary.records++;
          yield { file, record };
        }
        fileRead(file);
      } catch (e) {
        if (callbackError !== undefined) throw callbackError.error;
        if (isCloudTrailParseError(e) && e.code === 'ABORTED') throw e;
        fileFailed(file, e instanceof Error ? e : new Error(String(e)));
      }
    }

    /** Next message: from the workers, or (no workers) the next file loaded here. */
    const take = async (): Promise<Queued | undefined> => {
      for (;;) {
        if (signal?.aborted) throw aborted(signal);
        if (failure) throw failure;
        const item = queue.shift();
        if (item !== undefined) return item;
        if (slots.length === 0 && next < files.length) {
          return { slot: undefined, msg: loadHere(files[next++] as string, whole, resolved.maxDepth) };
        }
        if (!walking && next >= files.length && slots.every((s) => s.assigned === 0)) return undefined;
        // workers keep the process alive only while the consumer waits for them
        setRef(true);
        await new Promise<void>((r) => (wake = r));
        setRef(false);
      }
    };

    for (;;) {
      const item = await take();
      if (item === undefined) return;
      const { slot, msg } = item;
      slot?.worker.postMessage({ t: 'ack' } satisfies ToWorker);
      if (msg.t === 'body') {
        const { file } = msg;
        if (msg.error !== undefined) {
          fileFailed(file, msg.thrown ?? deserializeError(msg.error));
          continue;
        }
        const { text, bytes } = msg;
        const records =
          text !== undefined && msg.simple && (msg.size ?? 0) <= maxWhole
            ? recordsOfText(text, validate, resolved.filter, true)
            : undefined;
        if (records !== undefined) {
          for (let i = 0; i < records.length; i++) {
            if (signal?.aborted) throw aborted(signal);
            summary.records++;
            yield { file, record: records[i] as CloudTrailRecord };
          }
          fileRead(file);
          continue;
        }
        yield* readWithCore(file, () => {
          if (text !== undefined) return text;
          if (bytes !== undefined) return bytes;
          // too big to hold whole (no workers): streamed from disk
          return createReadStream(file, { highWaterMark: 1 << 16 });
        });
        continue;
      }
      // a batch of records read by the core reader in a worker
      const records = JSON.parse(utf8.decode(msg.json)) as CloudTrailRecord[];
      for (const { at, record } of msg.cloned ?? []) records[at] = record as CloudTrailRecord;
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
          if (signal?.aborted) throw aborted(signal);
          summary.records++;
          yield { file: segment.file, record: records[i] as CloudTrailRecord };
        }
        // issues after the segment's last record belong to it (or to the next one, reported in order)
        while (k < issues.length && issues[k]?.file === segment.file && (issues[k]?.at ?? 0) <= i) reportIssuesUpTo(i);
        if (segment.done) {
          if (segment.error) fileFailed(segment.file, deserializeError(segment.error));
          else fileRead(segment.file);
        }
      }
      reportIssuesUpTo(Number.POSITIVE_INFINITY);
    }
  } finally {
    closed = true;
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/** One file loaded on the calling thread (no workers), as a worker would send it. */
function loadHere(file: string, whole: boolean, maxDepth: number): Body {
  try {
    const loaded = loadFileSync(file, maxDepth);
    if (loaded.kind === 'text') {
      const { text, size } = loaded;
      return { t: 'body', file, text, size, simple: whole && loaded.simple };
    }
    return { t: 'body', file, bytes: loaded.kind === 'bytes' ? loaded.bytes : undefined };
  } catch (e) {
    return { t: 'body', file, error: serializeError(e), thrown: e instanceof Error ? e : new Error(String(e)) };
  }
}
