import type { TrailRange } from './options.js';
import { toRange } from './range.js';
import { s3Store } from './s3-store.js';
import { type TrailPublicKeys, type TrailVerification, type TrailVerifyProgress, verifyTrailIn } from './verify.js';

/** Options of {@link verifyTrail}. */
export interface VerifyTrailOptions extends TrailRange {
  /** The public keys of the digests: `ListPublicKeys` output(s) or DER keys (see {@link TrailPublicKeys}). */
  publicKeys: TrailPublicKeys;
  /** Digest chains walked, and log files of one digest hashed, at once (default 4). */
  concurrency?: number | undefined;
  /** Called as digests and log files are checked. */
  onProgress?: ((progress: TrailVerifyProgress) => void) | undefined;
}

/**
 * Verifies a trail in S3 over a time range, like `aws cloudtrail validate-logs` but reporting
 * every object. For each account, region and trail, the digest chain of the range is walked
 * (`verifyDigestChain`): each digest's RSA signature (S3 metadata `x-amz-meta-signature`, or the
 * `previousDigestSignature` the newer digest recorded), its location, and the SHA-256 of every
 * log file it lists. A missing digest does not stop the walk: it goes on from the next older
 * digest of the listing.
 *
 * Digests are those whose end time (in their key) is in [since, until + 1 hour): the hour after
 * the range holds the digest of its last log files. Log files are those delivered in
 * [since, until) plus every file the digests list. See {@link TrailDigestStatus} and
 * {@link TrailLogFileStatus} for the statuses; `valid` is true only when everything is valid.
 *
 * @param options - Client, bucket, range and public keys.
 * @returns Every digest and log file of the range with its status, the chains and counts.
 * @example
 * ```ts
 * import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { verifyTrail } from 'cloudtrail-chime/s3';
 *
 * const since = new Date('2026-11-01T00:00:00Z');
 * const until = new Date('2026-11-02T00:00:00Z');
 * const keys = await new CloudTrailClient({ region: 'us-east-1' }).send(
 *   new ListPublicKeysCommand({ StartTime: since, EndTime: new Date(until.getTime() + 7_200_000) }),
 * );
 * const result = await verifyTrail({
 *   client: new S3Client({ region: 'us-east-1' }),
 *   bucket: 'amzn-s3-demo-bucket',
 *   regions: ['us-east-1'],
 *   since,
 *   until,
 *   publicKeys: keys,
 * });
 * for (const d of result.digests) if (d.status !== 'valid') console.error(d.status, d.key);
 * for (const f of result.logFiles) if (f.status !== 'valid') console.error(f.status, f.key);
 * ```
 */
export function verifyTrail(options: VerifyTrailOptions): Promise<TrailVerification> {
  const range = toRange(options.since, options.until);
  const progress: TrailVerifyProgress = { digestsListed: 0, digests: 0, logFilesListed: 0, logFiles: 0, bytes: 0 };
  const store = s3Store(options.client, options.bucket, options.retry, {
    onBytes: (n) => {
      progress.bytes += n;
    },
  });
  return verifyTrailIn(store, options, range, options, progress);
}
