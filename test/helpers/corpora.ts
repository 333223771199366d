import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/corpora` next to the project root (absent on a user's clone). */
export const corporaDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora');
export const hasCorpora = existsSync(join(corporaDir, 'manifest.json'));
if (!hasCorpora) console.warn(`[cloudtrail-chime] skipping corpus tests: ${corporaDir} is absent`);

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
