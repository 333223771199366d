/**
 * `verifyTrailFolder`: the trail verification of `cloudtrail-chime/s3` over a local copy of a
 * trail (`aws s3 sync`), with the digests' S3 metadata signatures from sidecar files or a JSON map.
 *
 * @module
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { ListPlan } from '../s3/list.js';
import { listTrail } from '../s3/list.js';
import { type TimeInput, toRange } from '../s3/range.js';
import type { StoredBody, StoredObject, TrailStore } from '../s3/store.js';
import { type TrailPublicKeys, type TrailVerification, type TrailVerifyProgress, verifyTrailIn } from '../s3/verify.js';
import { readLogFile } from '../stream/index.js';

/**
 * The digests' signatures (S3 metadata `x-amz-meta-signature`), by object key: hex strings, or
 * `head-object` `Metadata` objects (`{ "signature": "…" }`). Keys may also be `s3://bucket/key`.
 */
export type DigestSignatures = Readonly<Record<string, string | { signature?: string | undefined }>>;

/** Options of {@link verifyTrailFolder}. */
export interface VerifyTrailFolderOptions extends Omit<ListPlan, 'kinds'> {
  /** The public keys of the digests: `ListPublicKeys` output(s) or DER keys. */
  publicKeys: TrailPublicKeys;
  /** Start of the range (inclusive); everything when absent. */
  since?: TimeInput | undefined;
  /** End of the range (exclusive); everything when absent. */
  until?: TimeInput | undefined;
  /**
   * The digests' signatures: a JSON file's path or the map itself ({@link DigestSignatures}).
   * A digest missing from it is looked up in a sidecar file `<digest>.json.gz.signature` (hex).
   */
  signatures?: string | DigestSignatures | undefined;
  /** The bucket the folder is a copy of (default: the `digestS3Bucket` of the first digest). */
  bucket?: string | undefined;
  /** Digest chains walked, and log files of one digest hashed, at once (default 4). */
  concurrency?: number | undefined;
  /** Called as digests and log files are checked. */
  onProgress?: ((progress: TrailVerifyProgress) => void) | undefined;
  /** Cancels the verification (`ABORTED`). */
  signal?: AbortSignal | undefined;
}

/** The suffix of a digest's signature sidecar file. */
export const SIGNATURE_SIDECAR = '.signature';

const isMissing = (error: unknown) => {
  const code = (error as { code?: unknown })?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

async function loadSignatures(source: VerifyTrailFolderOptions['signatures']): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (source === undefined) return map;
  const value: unknown = typeof source === 'string' ? JSON.parse(await readFile(source, 'utf8')) : source;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('signatures must be a JSON object mapping digest keys to signatures');
  }
  for (const [rawKey, entry] of Object.entries(value)) {
    const signature = typeof entry === 'string' ? entry : (entry as { signature?: unknown })?.signature;
    if (typeof signature !== 'string') continue;
    const key = rawKey.startsWith('s3://') ? rawKey.slice(rawKey.indexOf('/', 5) + 1) : rawKey;
    map.set(key, signature.trim());
  }
  return map;
}

/** @internal A {@link TrailStore} over a folder holding a copy of a bucket (keys are paths under it). */
export function folderStore(
  dir: string,
  bucket: string,
  signatures: ReadonlyMap<string, string>,
  onBytes?: (bytes: number) => void,
): TrailStore {
  const root = resolve(dir);
  /** The path of a key, or undefined when it would leave the folder (`..` in a key named by a digest). */
  const pathOf = (key: string): string | undefined => {
    const path = resolve(root, ...key.split('/'));
    const rel = relative(root, path);
    return rel === '' || rel.startsWith('..') || rel.startsWith(sep) ? undefined : path;
  };
  const entries = async (prefix: string): Promise<Dirent[]> => {
    const path = prefix === '' ? root : pathOf(prefix);
    if (path === undefined) return [];
    try {
      return await readdir(path, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  };
  const readOptional = async (path: string): Promise<Buffer | undefined> => {
    try {
      return await readFile(path);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };
  return {
    bucket,
    async listPrefixes(prefix) {
      return (await entries(prefix))
        .filter((e) => e.isDirectory())
        .map((e) => `${prefix}${e.name}/`)
        .sort();
    },
    async listObjects(prefix) {
      const out: StoredObject[] = [];
      const walk = async (folder: string) => {
        for (const e of await entries(folder)) {
          if (e.isDirectory()) await walk(`${folder}${e.name}/`);
          else if (e.isFile() && !e.name.endsWith(SIGNATURE_SIDECAR)) out.push({ key: `${folder}${e.name}` });
        }
      };
      await walk(prefix);
      return out.sort((a, b) => (a.key < b.key ? -1 : 1));
    },
    // the folder is one bucket's copy: a key is looked up there whatever bucket a digest names
    // (a digest naming another bucket than the one it was read from is reported as moved)
    async getObject(_bucket, key, signal): Promise<StoredBody | undefined> {
      signal?.throwIfAborted();
      const path = pathOf(key);
      if (path === undefined) return undefined;
      const body = await readOptional(path);
      if (body === undefined) return undefined;
      onBytes?.(body.length);
      let signature = signatures.get(key);
      if (signature === undefined)
        signature = (await readOptional(`${path}${SIGNATURE_SIDECAR}`))?.toString('utf8').trim();
      return { body: new Uint8Array(body.buffer, body.byteOffset, body.length), signature };
    },
  };
}

/** The `digestS3Bucket` of the first digest in the folder (the bucket it is a copy of). */
async function bucketOfFirstDigest(dir: string, options: VerifyTrailFolderOptions): Promise<string | undefined> {
  const probe = folderStore(dir, '', new Map());
  for await (const object of listTrail(
    probe,
    { ...options, kinds: ['digest'] },
    toRange(undefined, undefined),
    undefined,
  )) {
    const path = join(dir, ...object.key.split('/'));
    const file = await readLogFile(new Uint8Array(await readFile(path)), { format: 'log-file' }).catch(() => undefined);
    if (file?.kind === 'digest') return file.digest.digestS3Bucket;
  }
  return undefined;
}

/**
 * Verifies a local copy of a trail (made with `aws s3 sync s3://bucket/ dir/`), exactly as
 * `verifyTrail` of `cloudtrail-chime/s3` verifies it in S3: every digest chain of the range,
 * every log file's SHA-256, digests missing, moved, re-signed, log files modified, missing or not
 * covered by any digest. Works offline: `aws cloudtrail validate-logs` cannot check a copy.
 *
 * A digest's own signature lives in S3 object metadata, which `aws s3 sync` does not copy. Give
 * it as `signatures` (a JSON map of key to hex signature), or as a sidecar file next to each
 * digest (`<digest key>.signature`, the hex text). Produce them with `aws s3api head-object`:
 * see the README ("Trails in S3"). Without a digest's signature only the newest digest of each
 * chain fails (`invalid-signature`): every older one is checked with the
 * `previousDigestSignature` its newer digest recorded.
 *
 * @param dir - The folder that holds the copy (the one with `AWSLogs/` in it, below any prefix).
 * @param options - Public keys, range and signatures.
 * @returns Every digest and log file with its status (the type of `verifyTrail`'s result).
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { verifyTrailFolder } from 'cloudtrail-chime/node';
 *
 * const result = await verifyTrailFolder('./trail', {
 *   publicKeys: readFileSync('./public-key.der'),
 *   since: '2026-11-01',
 *   until: '2026-11-08',
 *   signatures: './signatures.json',
 * });
 * console.log(result.valid, result.counts);
 * ```
 */
export async function verifyTrailFolder(dir: string, options: VerifyTrailFolderOptions): Promise<TrailVerification> {
  if (typeof dir !== 'string' || dir === '') throw new TypeError('verifyTrailFolder expects a folder path');
  if (typeof options !== 'object' || options === null) throw new TypeError('verifyTrailFolder expects { publicKeys }');
  const range = toRange(options.since, options.until);
  const signatures = await loadSignatures(options.signatures);
  const bucket = options.bucket ?? (await bucketOfFirstDigest(dir, options)) ?? '';
  const progress: TrailVerifyProgress = { digestsListed: 0, digests: 0, logFilesListed: 0, logFiles: 0, bytes: 0 };
  const store = folderStore(dir, bucket, signatures, (n) => {
    progress.bytes += n;
  });
  return verifyTrailIn(store, options, range, options, progress);
}
