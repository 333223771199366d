import { throwIfAborted } from '../errors.js';
import type { CloudTrailDigestFile } from '../schemas/digest.js';
import type { LogBody } from '../stream/types.js';
import type { PublicKeySource } from './public-key.js';
import type { DigestVerification, LogFileReader, S3Location } from './types.js';
import { readSingleMember, verifyDigestBytes } from './verify-digest-file.js';

/** A digest object as read from S3: its body and its `x-amz-meta-signature` (S3 `Metadata.signature`). */
export interface DigestObject {
  /** The body as stored (gzip) or already inflated. */
  body: LogBody;
  /** Hex signature from the object's user metadata; may be absent for all but the first digest read. */
  signature?: string | undefined;
}

/** Options of {@link verifyDigestChain}. */
export interface VerifyDigestChainOptions {
  /** The digest to start from (usually the newest one). */
  newest: S3Location;
  /** Reads a digest object; `undefined` when it does not exist (S3 `NoSuchKey`). Errors propagate. */
  readObject: (bucket: string, key: string) => Promise<DigestObject | undefined>;
  /**
   * The public keys, looked up by each digest's `digestPublicKeyFingerprint`: a map (e.g.
   * {@link publicKeyMap} of `ListPublicKeys` outputs), a function, or one key for all digests.
   */
  publicKeys: PublicKeySource;
  /** Reads log files to check their hashes; without it every log file is `not-checked`. */
  logFile?: LogFileReader | undefined;
  /**
   * Called where a digest has null `previous*` fields (a chain start or a delivery gap) to find
   * the next older digest, e.g. by listing the digest folder; return `undefined` to stop there.
   * Without it the walk stops at the first chain start or gap.
   */
  olderThan?: ((digest: CloudTrailDigestFile, location: S3Location) => Promise<S3Location | undefined>) | undefined;
  /** Most digests to read (default: no limit). */
  limit?: number | undefined;
  /** Called with each digest as soon as it is verified (for progress output). */
  onDigest?: ((link: DigestChainLink) => void) | undefined;
  /** Cancels the walk (`ABORTED`). */
  signal?: AbortSignal | undefined;
  /** How many log files of one digest are read at once (default 4). */
  concurrency?: number | undefined;
}

/** One digest of a chain walk. */
export interface DigestChainLink {
  /** Bucket the digest was read from. */
  bucket: string;
  /** Key the digest was read from. */
  key: string;
  /**
   * Which signature it was verified with: the one recorded in the newer digest's
   * `previousDigestSignature` (covered by that digest's signature, so checkable offline), or the
   * S3 metadata (the first digest, and the first one after a gap).
   */
  signatureFrom: 'newer-digest' | 'metadata';
  /** The digest's own verification. */
  verification: DigestVerification;
}

/** Why a link of the chain is broken. */
export type DigestChainBreakKind =
  /** The previous digest named by a newer digest does not exist. */
  | 'missing-digest'
  /** The previous digest's S3 metadata signature is not the `previousDigestSignature` recorded in the newer digest. */
  | 'signature-mismatch'
  /** The digest's own verification failed (signature, location or log files). */
  | 'invalid-digest'
  /** A digest names one already visited. */
  | 'loop';

/** A broken link of a digest chain. */
export interface DigestChainBreak {
  /** See {@link DigestChainBreakKind}. */
  kind: DigestChainBreakKind;
  /** The digest concerned. */
  bucket: string;
  /** The digest concerned. */
  key: string;
  /** The newer digest that points at it (absent for the first digest of the walk and after a gap). */
  referencedBy?: S3Location | undefined;
  /** Human-readable explanation. */
  message: string;
}

/**
 * A digest whose `previous*` fields are null: the start of the chain (logging or validation was
 * just turned on) or a gap in delivery (no digests were written for a while, e.g. logging was
 * stopped). Gaps do not make a chain invalid; they are where the trail says nothing.
 */
export interface DigestChainGap {
  /** The digest with null `previous*` fields. */
  bucket: string;
  /** The digest with null `previous*` fields. */
  key: string;
  /** Its `digestStartTime`: nothing is vouched for before it. */
  digestStartTime: string;
  /** The older digest `olderThan` continued with, if any. */
  continuedWith?: S3Location | undefined;
}

/** Why the walk ended. */
export type DigestChainEnd =
  /** A digest with null `previous*` fields (and `olderThan` absent or returning `undefined`). */
  | 'start-or-gap'
  /** `limit` digests were read. */
  | 'limit'
  /** The next digest is missing (see `breaks`). */
  | 'missing-digest'
  /** The next digest was already visited (see `breaks`). */
  | 'loop'
  /** The next digest could not be parsed, so the chain cannot be followed further. */
  | 'unreadable-digest';

/** Where and why a chain walk stopped. */
export interface DigestChainStop {
  /** See {@link DigestChainEnd}. */
  reason: DigestChainEnd;
  /** The digest the walk stopped at (for `limit`: the next one, not read). */
  bucket: string;
  /** The digest the walk stopped at (for `limit`: the next one, not read). */
  key: string;
}

/** The outcome of {@link verifyDigestChain}. */
export interface DigestChainVerification {
  /** True when there are no breaks: every digest read is valid and every link holds. */
  valid: boolean;
  /** The digests read, newest first. */
  digests: DigestChainLink[];
  /** Every broken link, newest first. */
  breaks: DigestChainBreak[];
  /** Chain starts and gaps met on the way. */
  gaps: DigestChainGap[];
  /** Why the walk stopped, and at which digest. */
  end: DigestChainStop;
}

const same = (a: S3Location, b: S3Location) => a.bucket === b.bucket && a.key === b.key;

/**
 * Walks a chain of CloudTrail digest files from `newest` to older ones through their
 * `previousDigestS3Bucket` / `previousDigestS3Object` fields, verifying each with
 * {@link verifyDigestFile}'s algorithm and checking every link.
 *
 * The first digest is verified with its S3 metadata signature. Every older digest is verified
 * with the `previousDigestSignature` recorded in the newer one (which that newer digest's own
 * signature vouches for), so a replaced or re-signed older digest is caught even when its
 * metadata was replaced too; when `readObject` also returns a metadata signature that differs
 * from the recorded one, the link is reported as `signature-mismatch`.
 *
 * Reported:
 * - `breaks`: a previous digest that is missing (the walk stops), whose metadata signature is
 *   not the one recorded in the newer digest, whose own verification fails (signature, location,
 *   log-file hashes), or that was already visited (a loop; the walk stops).
 * - `gaps`: digests with null `previous*` fields, i.e. the chain start or a gap in delivery. The
 *   walk stops at the first one unless `olderThan` names the next older digest (found by listing
 *   the bucket), which is then verified with its metadata signature.
 *
 * Like `aws cloudtrail validate-logs`, `previousDigestHashValue` is not checked (the signature
 * check covers the previous digest's bytes). Backfill digests form a separate chain: walk it
 * separately, starting from the newest backfill digest.
 *
 * @param options - Start, object reader, public keys, optional log-file reader, `olderThan` and `limit`.
 * @returns Each digest's verification, the broken links, the gaps, and where the walk ended.
 * @example
 * ```ts
 * import { verifyDigestChain } from 'cloudtrail-chime';
 *
 * declare const keys: Map<string, Uint8Array>; // publicKeyMap(ListPublicKeys output)
 * declare function getObject(bucket: string, key: string): Promise<{ body: Uint8Array; signature?: string } | undefined>;
 *
 * const chain = await verifyDigestChain({
 *   newest: { bucket: 'amzn-s3-demo-bucket', key: 'AWSLogs/111122223333/CloudTrail-Digest/…' },
 *   readObject: getObject,
 *   publicKeys: keys,
 *   limit: 24,
 * });
 * for (const b of chain.breaks) console.error(b.kind, b.key, b.message);
 * ```
 */
export async function verifyDigestChain(options: VerifyDigestChainOptions): Promise<DigestChainVerification> {
  const { readObject, publicKeys, signal } = options;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const context = { logFile: options.logFile, signal, concurrency: options.concurrency };
  const digests: DigestChainLink[] = [];
  const breaks: DigestChainBreak[] = [];
  const gaps: DigestChainGap[] = [];
  const visited = new Set<string>();

  let current: S3Location = { bucket: options.newest.bucket, key: options.newest.key };
  let referencedBy: S3Location | undefined;
  let recordedSignature: string | undefined;
  let end: DigestChainStop | undefined;

  while (end === undefined) {
    throwIfAborted(signal);
    const at = { bucket: current.bucket, key: current.key };
    if (digests.length >= limit) {
      end = { reason: 'limit', ...at };
      break;
    }
    const id = `${at.bucket}\u0000${at.key}`;
    const withReference = referencedBy === undefined ? {} : { referencedBy };
    if (visited.has(id)) {
      breaks.push({
        kind: 'loop',
        ...at,
        ...withReference,
        message: `digest s3://${at.bucket}/${at.key} was already visited`,
      });
      end = { reason: 'loop', ...at };
      break;
    }
    visited.add(id);
    const object = await readObject(at.bucket, at.key);
    if (object === undefined) {
      breaks.push({
        kind: 'missing-digest',
        ...at,
        ...withReference,
        message: `digest s3://${at.bucket}/${at.key} does not exist${
          referencedBy ? ` (named by s3://${referencedBy.bucket}/${referencedBy.key})` : ''
        }`,
      });
      end = { reason: 'missing-digest', ...at };
      break;
    }
    const metadata = object.signature;
    if (
      recordedSignature !== undefined &&
      typeof metadata === 'string' &&
      metadata.trim().toLowerCase() !== recordedSignature.toLowerCase()
    ) {
      breaks.push({
        kind: 'signature-mismatch',
        ...at,
        ...withReference,
        message: `the signature of s3://${at.bucket}/${at.key} is not the previousDigestSignature recorded in the newer digest`,
      });
    }
    const signature = recordedSignature ?? metadata;
    const read = await readSingleMember(object.body, signal);
    const verification = await verifyDigestBytes(read, at, signature, publicKeys, context);
    const link: DigestChainLink = {
      ...at,
      signatureFrom: recordedSignature === undefined ? 'metadata' : 'newer-digest',
      verification,
    };
    digests.push(link);
    options.onDigest?.(link);
    if (!verification.valid) {
      breaks.push({
        kind: 'invalid-digest',
        ...at,
        ...withReference,
        message: `digest s3://${at.bucket}/${at.key} is invalid: ${verification.problems.join('; ')}`,
      });
    }
    const digest = verification.digest;
    if (digest === undefined) {
      end = { reason: 'unreadable-digest', ...at };
      break;
    }
    if (verification.previous !== undefined) {
      referencedBy = at;
      recordedSignature = verification.previous.signature;
      current = { bucket: verification.previous.bucket, key: verification.previous.key };
      continue;
    }
    const gap: DigestChainGap = { ...at, digestStartTime: digest.digestStartTime };
    gaps.push(gap);
    const older = options.olderThan === undefined ? undefined : await options.olderThan(digest, at);
    if (older === undefined || same(older, at)) {
      end = { reason: 'start-or-gap', ...at };
      break;
    }
    gap.continuedWith = { bucket: older.bucket, key: older.key };
    referencedBy = undefined;
    recordedSignature = undefined;
    current = older;
  }

  return { valid: breaks.length === 0, digests, breaks, gaps, end: end as DigestChainStop };
}
