/**
 * Finding log files under files and folders.
 *
 * @module
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The files found by {@link findLogFiles}. */
export interface FoundLogFiles {
  /** Log and Insights files (and every path named explicitly that is not a folder), in walk order. */
  logFiles: string[];
  /** Digest files (by key: a `CloudTrail-Digest` folder or `_CloudTrail-Digest_` in the name), skipped by readers. */
  digestFiles: string[];
  /** Size on disk of each of `logFiles`, in the same order (0 for pipes and other streams). */
  sizes: number[];
}

/** Options of {@link findLogFiles}. */
export interface FindLogFilesOptions {
  /**
   * In folders, take every `*.json` / `*.json.gz` file, not only those named like CloudTrail
   * objects (`<account>_CloudTrail_<region>_<time>_<id>.json.gz`, `_CloudTrail-Insight_`,
   * `_CloudTrail-Digest_`). Default `false`. Paths named explicitly are always taken.
   */
  allFiles?: boolean | undefined;
  /**
   * Receives a path that does not exist or cannot be read (a named path or a folder met in the
   * walk), with its file-system error; the walk goes on. Without it, the first such error is thrown.
   */
  onError?: ((path: string, error: Error) => void) | undefined;
}

const JSON_FILE = /\.json(\.gz)?$/i;
/** `<account>_CloudTrail[-Insight|-Digest]_<region>_...`: the file names CloudTrail writes. */
const CLOUDTRAIL_NAME = /^[^_]+_CloudTrail(-Insight|-Digest)?_[^_]+_[^/\\]*\.json(\.gz)?$/i;
const DIGEST = /(^|[\\/])CloudTrail-Digest[\\/]|_CloudTrail-Digest_/;

/** True when a path looks like a CloudTrail digest file (by its S3 key layout or file name). */
export function isDigestPath(path: string): boolean {
  return DIGEST.test(path);
}

/** True when a file name looks like a CloudTrail log, Insights or digest object (`111122223333_CloudTrail_us-east-1_20251104T1015Z_abc.json.gz`). */
export function isCloudTrailFileName(name: string): boolean {
  return CLOUDTRAIL_NAME.test(name);
}

/** Entries stat-ed at once while walking a folder. */
const STAT_BATCH = 256;

/** Folders never searched: dependencies and hidden folders (`node_modules`, `.git`, `.cache`...). */
const skippedFolder = (name: string) => name === 'node_modules' || name.startsWith('.');

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * Lists the CloudTrail files under the given files and folders (recursively, following symbolic
 * links once, in name order), split into log files and digest files. Folders named
 * `node_modules` and folders whose name starts with `.` are not searched; in folders, only
 * `*.json` / `*.json.gz` files named like CloudTrail objects are taken (every `*.json` /
 * `*.json.gz` with `allFiles`). A path named explicitly is taken whatever its name or type
 * (a named pipe too).
 *
 * @throws the file-system error of a path that does not exist or cannot be read, unless `onError` is given
 * @example
 * ```ts
 * import { findLogFiles } from 'cloudtrail-chime/node';
 *
 * const { logFiles, digestFiles } = await findLogFiles('examples/logs');
 * console.log(logFiles.length, 'log files,', digestFiles.length, 'digest files');
 * ```
 */
export async function findLogFiles(
  paths: string | readonly string[],
  options: FindLogFilesOptions = {},
): Promise<FoundLogFiles> {
  const found: FoundLogFiles = { logFiles: [], digestFiles: [], sizes: [] };
  await walkLogFiles(paths, options, (file, size, digest) => {
    if (digest) found.digestFiles.push(file);
    else {
      found.logFiles.push(file);
      found.sizes.push(size);
    }
  });
  return found;
}

/**
 * @internal {@link findLogFiles} one file at a time, in the same order, as the walk finds them
 * (so that reading can start before the walk ends). The walk stops once `stopped()` is true.
 */
export async function walkLogFiles(
  paths: string | readonly string[],
  options: FindLogFilesOptions,
  onFile: (file: string, size: number, digest: boolean) => void,
  stopped: () => boolean = () => false,
): Promise<void> {
  const seenDirs = new Set<string>();
  const wanted = (name: string) => (options.allFiles ? JSON_FILE.test(name) : CLOUDTRAIL_NAME.test(name));
  // once stopped, nothing more is reported (the walk also stops listing and stat-ing)
  const failed = (path: string, error: unknown) => {
    if (stopped()) return;
    if (options.onError === undefined) throw asError(error);
    options.onError(path, asError(error));
  };
  const add = (file: string, size: number) => {
    if (!stopped()) onFile(file, size, isDigestPath(file));
  };

  async function walk(dir: string): Promise<void> {
    if (stopped()) return;
    let entries: Dirent[];
    try {
      const real = await realpath(dir);
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      failed(dir, error);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const candidates = entries.filter((entry) => {
      const isDir = entry.isDirectory();
      const isFile = entry.isFile();
      if (isDir && skippedFolder(entry.name)) return false;
      if (!isDir && !isFile && !entry.isSymbolicLink()) return false;
      return !(isFile && !wanted(entry.name));
    });
    // stats in parallel batches (one after the other, a folder of 2,000 files waits 2,000
    // thread-pool round trips); then in name order
    for (let at = 0; at < candidates.length && !stopped(); at += STAT_BATCH) {
      const batch = candidates.slice(at, at + STAT_BATCH);
      const paths = batch.map((entry) => join(dir, entry.name));
      const stats = await Promise.all(paths.map((path) => stat(path).catch(() => undefined)));
      for (const [k, entry] of batch.entries()) {
        const s = stats[k];
        const path = paths[k] as string;
        if (s?.isDirectory() && !skippedFolder(entry.name)) await walk(path);
        else if (s?.isFile() && wanted(entry.name)) add(path, Number(s.size));
      }
    }
  }

  for (const path of typeof paths === 'string' ? [paths] : paths) {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(path);
    } catch (error) {
      failed(path, error);
      continue;
    }
    if (s.isDirectory()) await walk(path);
    else add(path, s.isFile() ? Number(s.size) : 0);
  }
}
