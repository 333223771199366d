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
  /** Log and Insights files (`*.json`, `*.json.gz`, and every file named explicitly), in walk order. */
  logFiles: string[];
  /** Digest files (by key: a `CloudTrail-Digest` folder or `_CloudTrail-Digest_` in the name), skipped by readers. */
  digestFiles: string[];
}

const LOG_FILE = /\.json(\.gz)?$/i;
const DIGEST = /(^|[\\/])CloudTrail-Digest[\\/]|_CloudTrail-Digest_/;

/** True when a path looks like a CloudTrail digest file (by its S3 key layout or file name). */
export function isDigestPath(path: string): boolean {
  return DIGEST.test(path);
}

/**
 * Lists every `*.json` / `*.json.gz` file under the given files and folders (recursively,
 * following symbolic links once, in name order), split into log files and digest files.
 * A path named explicitly is taken whatever its extension.
 *
 * @throws the file-system error of a path that does not exist or cannot be read
 * @example
 * ```ts
 * import { findLogFiles } from 'cloudtrail-chime/node';
 *
 * const { logFiles, digestFiles } = await findLogFiles('./AWSLogs');
 * console.log(logFiles.length, digestFiles.length);
 * ```
 */
export async function findLogFiles(paths: string | readonly string[]): Promise<FoundLogFiles> {
  const found: FoundLogFiles = { logFiles: [], digestFiles: [] };
  const seenDirs = new Set<string>();
  const add = (file: string) => (isDigestPath(file) ? found.digestFiles : found.logFiles).push(file);

  async function walk(dir: string): Promise<void> {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const s = await stat(path).catch(() => undefined);
        isDir = s?.isDirectory() ?? false;
        isFile = s?.isFile() ?? false;
      }
      if (isDir) await walk(path);
      else if (isFile && LOG_FILE.test(entry.name)) add(path);
    }
  }

  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const s = await stat(path);
    if (s.isDirectory()) await walk(path);
    else add(path);
  }
  return found;
}
