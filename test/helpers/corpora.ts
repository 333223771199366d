import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `../shared/corpora` next to the project root: every corpus test reads it through this module.
 * Absent (a user's clone), the corpus tests are skipped with a warning; absent while `CI` is set,
 * importing this module throws, so every corpus suite FAILS instead of skipping.
 */
export const corporaDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora');
export const hasCorpora = existsSync(join(corporaDir, 'manifest.json'));
if (!hasCorpora) {
  if (process.env.CI) {
    throw new Error(
      `corpus tests need ${corporaDir}/manifest.json, which is absent (CI is set: failing, not skipping)`,
    );
  }
  console.warn(`\n!!! SKIPPING corpus tests: ${corporaDir} is absent (in CI this fails) !!!\n`);
}

/** A path inside the corpora. */
export const corpusPath = (...parts: string[]): string => join(corporaDir, ...parts);

export interface ManifestFile {
  path: string;
  kind: 'log' | 'insight' | 'digest';
  records: number;
  sha256: string;
  source: string;
}

export function corpusFiles(): ManifestFile[] {
  if (!hasCorpora) return [];
  const manifest = JSON.parse(readFileSync(join(corporaDir, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
  return manifest.files;
}
