/**
 * The CLI's inputs: files (named pipes too), folders (searched recursively for CloudTrail
 * objects, skipping `node_modules` and dot-folders) and `-` for stdin, read with `readLogFiles`
 * (in parallel on worker threads) and the core reader.
 *
 * @module
 */
import type { CloudTrailRecord } from '../index.js';
import { isCloudTrailParseError, readRecords } from '../index.js';
import { readLogFiles } from '../node/index.js';
import type { S3InputOptions } from './s3-inputs.js';

/** Something that could not be read: a path, a file, or one record of a file. */
export interface InputIssue {
  /** The path (`-` for stdin). */
  file: string;
  /** `INVALID_GZIP`, `INVALID_JSON`, `INVALID_RECORD`, `NOT_A_LOG_FILE`, `ENOENT`... */
  code: string;
  /** Byte offset in the decompressed text, when known. */
  offset?: number;
  /** Index of the record in its file, when known. */
  recordIndex?: number;
  /** What went wrong. */
  message: string;
  /** True when only one record was skipped (the rest of the file was read). */
  recordOnly: boolean;
}

/** Counts of a {@link readInputs} run, updated while it runs. */
export interface InputStats {
  /** Log files found (stdin counts as one). */
  files: number;
  /** Files read to the end. */
  filesRead: number;
  /** Paths and files that could not be read, or not to the end. */
  filesInvalid: number;
  /** Digest files found and skipped. */
  digestFiles: number;
  /** Records skipped as invalid. */
  invalidRecords: number;
  /** Records yielded from files that then ended in an error (each record whole and valid). */
  recordsOfInvalidFiles: number;
  /** Size of the files found plus the bytes read from stdin. */
  bytes: number;
  /** Size of the files finished so far plus the bytes read from stdin. */
  bytesRead: number;
}

/** Options of {@link readInputs}. */
export interface ReadInputsOptions {
  /** Receives every issue, in order with the records of its file. */
  onIssue: (issue: InputIssue) => void;
  /** Worker threads for files (default: one per core). */
  concurrency?: number | undefined;
  /** In folders, read every `*.json` / `*.json.gz`, not only files named like CloudTrail objects. */
  allFiles?: boolean | undefined;
  /** Stops reading. */
  signal?: AbortSignal;
  /** Stdin, replaceable in tests (default `process.stdin`). */
  stdin?: AsyncIterable<Uint8Array | string>;
  /** Range and location of `s3://` inputs. */
  s3?: S3InputOptions;
}

/** The label of stdin in messages. */
export const STDIN = '-';

/** One line per issue: `file: CODE at byte N (record i): message`. */
export function formatIssue(issue: InputIssue): string {
  const where =
    (issue.offset === undefined ? '' : ` at byte ${issue.offset}`) +
    (issue.recordIndex === undefined ? '' : ` (record ${issue.recordIndex})`);
  const file = issue.file === STDIN ? '<stdin>' : issue.file;
  return `${file}: ${issue.code}${where}: ${issue.message}`;
}

/** The {@link InputIssue} of an error. */
export function issueOf(file: string, error: unknown, recordOnly: boolean): InputIssue {
  const e = error instanceof Error ? error : new Error(String(error));
  let message = e.message.split('\n')[0] ?? '';
  if (message.startsWith(`${file}: `)) message = message.slice(file.length + 2);
  // the position is printed before the message already
  message = message.replace(/ \(record \d+ at byte \d+\)/, '');
  const issue: InputIssue = { file, code: 'ERROR', message, recordOnly };
  if (isCloudTrailParseError(e)) {
    issue.code = e.code;
    if (e.offset !== undefined) issue.offset = e.offset;
    if (e.recordIndex !== undefined) issue.recordIndex = e.recordIndex;
  } else {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      issue.code = code;
      // 'ENOENT: no such file or directory, stat 'x'' → 'no such file or directory'
      if (message.startsWith(`${code}: `)) message = message.slice(code.length + 2).replace(/, \w+ '.*'$/, '');
      issue.message = message;
    }
    const index = (e as { recordIndex?: unknown }).recordIndex;
    const offset = (e as { offset?: unknown }).offset;
    if (typeof offset === 'number') issue.offset = offset;
    if (typeof index === 'number') issue.recordIndex = index;
  }
  return issue;
}

/**
 * Reads every record of the inputs, yielding `{ file, record }`. Invalid paths, files and records
 * go to `onIssue` and reading goes on with the rest; `stats` is updated while it runs.
 */
export function readInputs(
  inputs: readonly string[],
  options: ReadInputsOptions,
): { records: AsyncGenerator<{ file: string; record: CloudTrailRecord }>; stats: InputStats } {
  const stats: InputStats = {
    files: 0,
    filesRead: 0,
    filesInvalid: 0,
    digestFiles: 0,
    invalidRecords: 0,
    recordsOfInvalidFiles: 0,
    bytes: 0,
    bytesRead: 0,
  };
  return { records: run(inputs, options, stats), stats };
}

async function* run(
  inputs: readonly string[],
  options: ReadInputsOptions,
  stats: InputStats,
): AsyncGenerator<{ file: string; record: CloudTrailRecord }> {
  const { onIssue } = options;
  const paths = inputs.filter((i) => i !== STDIN && !i.startsWith('s3://'));
  /** Records yielded per file, to count those of a file that then fails. */
  const yielded = new Map<string, number>();
  const fileFailed = (file: string, error: unknown) => {
    stats.filesInvalid++;
    stats.recordsOfInvalidFiles += yielded.get(file) ?? 0;
    onIssue(issueOf(file, error, false));
  };

  if (paths.length > 0) {
    // missing and unreadable paths come to onInvalid as file issues; the rest is read
    const files = readLogFiles(paths, {
      concurrency: options.concurrency,
      signal: options.signal,
      allFiles: options.allFiles,
      onInvalid: ({ file, error, record }) => {
        if (record) {
          stats.invalidRecords++;
          onIssue({
            ...issueOf(file, error, true),
            offset: record.offset,
            recordIndex: record.recordIndex,
          });
        } else fileFailed(file, error);
      },
    });
    const { summary } = files;
    const sync = () => {
      stats.files = summary.files;
      stats.filesRead = summary.filesRead;
      stats.digestFiles = summary.digestFiles;
      stats.bytes = summary.bytes;
      stats.bytesRead = summary.bytesRead;
    };
    for await (const item of files) {
      sync();
      yielded.set(item.file, (yielded.get(item.file) ?? 0) + 1);
      yield item;
    }
    sync();
  }

  const urls = inputs.filter((i) => i.startsWith('s3://'));
  if (urls.length > 0) {
    const { readS3Inputs } = await import('./s3-inputs.js');
    const s3 = { ...options.s3, concurrency: options.concurrency, signal: options.signal };
    yield* readS3Inputs(urls, s3, stats, onIssue);
  }

  if (inputs.includes(STDIN)) {
    stats.files++;
    const stdin = options.stdin ?? process.stdin;
    async function* counted(): AsyncGenerator<Uint8Array | string> {
      for await (const chunk of stdin) {
        const n = typeof chunk === 'string' ? chunk.length : chunk.byteLength;
        stats.bytes += n;
        stats.bytesRead += n;
        yield chunk;
      }
    }
    try {
      const records = readRecords(counted(), {
        signal: options.signal,
        onInvalid: (issue) => {
          stats.invalidRecords++;
          onIssue({ ...issueOf(STDIN, issue.error, true), offset: issue.offset, recordIndex: issue.recordIndex });
        },
      });
      for await (const record of records) {
        yielded.set(STDIN, (yielded.get(STDIN) ?? 0) + 1);
        yield { file: STDIN, record };
      }
      stats.filesRead++;
    } catch (error) {
      fileFailed(STDIN, error);
    }
  }
}
