/**
 * Verification of a whole trail over a time range, written once over a {@link TrailStore}
 * (S3 in `./s3`, a local copy in `./node`): every digest chain of the range is walked with
 * `verifyDigestChain`, and every log file is classified.
 *
 * @module
 */
import {
  type ListedPublicKey,
  type ListPublicKeysOutputLike,
  type PublicKeySource,
  publicKeyMap,
} from '../integrity/public-key.js';
import type { LogFileStatus, S3Location } from '../integrity/types.js';
import {
  type DigestChainBreak,
  type DigestChainGap,
  type DigestChainLink,
  verifyDigestChain,
} from '../integrity/verify-digest-chain.js';
import { parseLogFileKey } from '../keys/parse-log-file-key.js';
import { type ListPlan, listTrail, mapLimit, type TrailObject } from './list.js';
import type { TimeRange } from './range.js';
import type { TrailStore } from './store.js';

/**
 * The public keys of a trail's digests: a `ListPublicKeys` output of `@aws-sdk/client-cloudtrail`
 * (or several, e.g. one per region), its `PublicKeyList`, or any {@link PublicKeySource} (one DER
 * key, a map from fingerprint to key, a function of the fingerprint).
 */
export type TrailPublicKeys =
  | PublicKeySource
  | ListPublicKeysOutputLike
  | readonly ListPublicKeysOutputLike[]
  | readonly ListedPublicKey[];

/**
 * What became of a digest in the range:
 * - `valid`: its signature holds and it is where it says it is;
 * - `invalid-signature`: the signature does not verify (altered digest, wrong or unknown key,
 *   missing or malformed `x-amz-meta-signature`, a body that is not a digest);
 * - `moved`: its `digestS3Bucket` / `digestS3Object` are not where it was read from;
 * - `missing`: a newer digest names it as its previous digest, but it does not exist;
 * - `chain-broken`: the digest verifies with the signature the newer digest recorded
 *   (`previousDigestSignature`), but its own `x-amz-meta-signature` is a different one.
 */
export type TrailDigestStatus = 'valid' | 'invalid-signature' | 'moved' | 'missing' | 'chain-broken';

/**
 * What became of a log file of the range:
 * - `valid`: its SHA-256 is the one a digest lists;
 * - `modified`: its content differs from the hash a digest lists (or has data appended);
 * - `missing`: a digest lists it, but it does not exist;
 * - `not-covered`: it exists in the range, but no digest lists it.
 */
export type TrailLogFileStatus = 'valid' | 'modified' | 'missing' | 'not-covered';

/** One digest of a {@link TrailVerification}. */
export interface TrailDigestReport {
  /** Bucket. */
  bucket: string;
  /** Key. */
  key: string;
  /** Account (from the key). */
  accountId: string;
  /** Region (from the key). */
  region: string;
  /** See {@link TrailDigestStatus}. */
  status: TrailDigestStatus;
  /** Which signature it was verified with (absent when `missing`). */
  signatureFrom?: DigestChainLink['signatureFrom'];
  /** The newer digest that names it (set for `missing` and `chain-broken`). */
  referencedBy?: S3Location;
  /** Why it is not `valid` (empty when valid). */
  problems: string[];
}

/** One log file of a {@link TrailVerification}. */
export interface TrailLogFileReport {
  /** Bucket. */
  bucket: string;
  /** Key. */
  key: string;
  /** See {@link TrailLogFileStatus}. */
  status: TrailLogFileStatus;
  /** The digest that lists it (absent when `not-covered`). */
  digest?: string;
}

/** The digest chain of one account, region and trail (backfill digests form their own chain). */
export interface TrailChainReport {
  /** Account. */
  accountId: string;
  /** Region. */
  region: string;
  /** Trail name (from the digest keys). */
  trailName: string;
  /** True for the chain of backfill digests. */
  backfill: boolean;
  /** Digests of the range read. */
  digests: number;
  /** Broken links (missing digests, signature mismatches, invalid digests, loops), newest first. */
  breaks: DigestChainBreak[];
  /**
   * Digests with null `previous*` fields (the start of logging or a delivery gap: periods the
   * trail says nothing about; not an error).
   */
  gaps: DigestChainGap[];
}

/** Counts by status. */
export interface TrailVerificationCounts {
  /** Digests by status. */
  digests: Record<TrailDigestStatus, number>;
  /** Log files by status. */
  logFiles: Record<TrailLogFileStatus, number>;
}

/** The outcome of `verifyTrail` / `verifyTrailFolder`. */
export interface TrailVerification {
  /** True when every digest and every log file of the range is `valid` (and there is at least one digest). */
  valid: boolean;
  /** Start of the range (ISO 8601), or `null` when unbounded. */
  since: string | null;
  /** End of the range (ISO 8601, exclusive), or `null` when unbounded. */
  until: string | null;
  /** Every digest of the range (and every missing one), in key order. */
  digests: TrailDigestReport[];
  /** Every log file of the range (and every one a digest lists), in key order. */
  logFiles: TrailLogFileReport[];
  /** One entry per digest chain. */
  chains: TrailChainReport[];
  /** Counts by status. */
  counts: TrailVerificationCounts;
}

/** Progress of a verification. */
export interface TrailVerifyProgress {
  /** Digests listed in the range. */
  digestsListed: number;
  /** Digests verified so far. */
  digests: number;
  /** Log files listed in the range. */
  logFilesListed: number;
  /** Log files hashed so far. */
  logFiles: number;
  /** Bytes read so far. */
  bytes: number;
}

/** @internal Options of {@link verifyTrailIn}. */
export interface VerifyTrailSettings {
  publicKeys: TrailPublicKeys;
  signal?: AbortSignal | undefined;
  concurrency?: number | undefined;
  onProgress?: ((progress: TrailVerifyProgress) => void) | undefined;
}

const HOUR = 3_600_000;
const DIGEST_STATUSES: TrailDigestStatus[] = ['valid', 'invalid-signature', 'moved', 'missing', 'chain-broken'];
const LOG_STATUSES: TrailLogFileStatus[] = ['valid', 'modified', 'missing', 'not-covered'];
const LOG_STATUS: Record<LogFileStatus, TrailLogFileStatus | undefined> = {
  valid: 'valid',
  'hash-mismatch': 'modified',
  missing: 'missing',
  'not-checked': undefined,
};

const isOutputLike = (value: unknown): value is ListPublicKeysOutputLike =>
  typeof value === 'object' && value !== null && 'PublicKeyList' in value;

/** @internal A {@link PublicKeySource} from any {@link TrailPublicKeys}. */
export function keySource(keys: TrailPublicKeys): PublicKeySource {
  if (Array.isArray(keys)) {
    const list = keys as readonly (ListPublicKeysOutputLike | ListedPublicKey)[];
    return publicKeyMap(...list.map((k) => (isOutputLike(k) ? k : [k as ListedPublicKey])));
  }
  if (isOutputLike(keys)) return publicKeyMap(keys);
  if (keys === undefined || keys === null)
    throw new TypeError('publicKeys is required (ListPublicKeys output or DER key)');
  return keys as PublicKeySource;
}

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

interface Group {
  accountId: string;
  region: string;
  trailName: string;
  backfill: boolean;
  /** Newest first. */
  digests: TrailObject[];
}

/** The report of one digest file, its account and region from its key (else its group's). */
function digestReport(
  at: S3Location,
  group: Group,
  status: TrailDigestStatus,
  problems: string[],
  referencedBy: S3Location | undefined,
): TrailDigestReport {
  const parsed = parseLogFileKey(at.key);
  const entry: TrailDigestReport = {
    bucket: at.bucket,
    key: at.key,
    accountId: parsed?.accountId ?? group.accountId,
    region: parsed?.region ?? group.region,
    status,
    problems,
  };
  if (referencedBy) entry.referencedBy = referencedBy;
  return entry;
}

function groupDigests(digests: TrailObject[]): Group[] {
  const groups = new Map<string, Group>();
  for (const d of digests) {
    const p = d.parsed;
    const id = [p.accountId, p.region, p.trailName, p.backfill].join('\u0000');
    let g = groups.get(id);
    if (!g) {
      g = {
        accountId: p.accountId,
        region: p.region,
        trailName: p.trailName ?? '',
        backfill: p.backfill === true,
        digests: [],
      };
      groups.set(id, g);
    }
    g.digests.push(d);
  }
  for (const g of groups.values()) g.digests.reverse(); // listTrail yields oldest first
  return [...groups.values()];
}

/** @internal Verifies the digests and log files of `range` in `store`. */
export async function verifyTrailIn(
  store: TrailStore,
  plan: ListPlan,
  range: TimeRange,
  settings: VerifyTrailSettings,
  progress: TrailVerifyProgress,
): Promise<TrailVerification> {
  const { signal } = settings;
  const publicKeys = keySource(settings.publicKeys);
  const report = () => settings.onProgress?.({ ...progress });
  // a digest covers the hour before its end time: the hour after the range holds the digest of its last log files
  const digestRange = { since: range.since, until: range.until + HOUR };
  const listed: TrailObject[] = [];
  for await (const o of listTrail(store, { ...plan, kinds: ['digest'] }, digestRange, signal)) listed.push(o);
  const logs: TrailObject[] = [];
  for await (const o of listTrail(store, { ...plan, kinds: ['log'] }, range, signal)) logs.push(o);
  progress.digestsListed = listed.length;
  progress.logFilesListed = logs.length;
  report();

  const digestReports: TrailDigestReport[] = [];
  const logChecks = new Map<string, TrailLogFileReport>();
  const logFile = async (bucket: string, key: string) => {
    const stored = await store.getObject(bucket, key, signal);
    progress.logFiles++;
    return stored?.body;
  };

  const walk = async (group: Group): Promise<TrailChainReport> => {
    const chain: TrailChainReport = {
      accountId: group.accountId,
      region: group.region,
      trailName: group.trailName,
      backfill: group.backfill,
      digests: 0,
      breaks: [],
      gaps: [],
    };
    const listedKeys = new Set(group.digests.map((d) => d.key));
    const visited = new Set<string>();
    /** Keys not read on purpose: before the range, or verified by an earlier walk. */
    const notRead = new Set<string>();
    const olderListed = (at: S3Location): S3Location | undefined => {
      const time = parseLogFileKey(at.key)?.time ?? '';
      const next = group.digests.find((d) => !visited.has(d.key) && (d.parsed.time ?? '') <= time && d.key !== at.key);
      return next && { bucket: next.bucket, key: next.key };
    };
    for (const start of group.digests) {
      if (visited.has(start.key)) continue;
      const result = await verifyDigestChain({
        newest: { bucket: start.bucket, key: start.key },
        publicKeys,
        logFile,
        signal,
        concurrency: settings.concurrency,
        readObject: async (bucket, key) => {
          const time = parseLogFileKey(key)?.time;
          const before = !listedKeys.has(key) && time !== undefined && Date.parse(time) < range.since;
          if (before || visited.has(key)) {
            notRead.add(key);
            return undefined;
          }
          return store.getObject(bucket, key, signal);
        },
        olderThan: async (_digest, at) => olderListed(at),
        onDigest: (link) => {
          visited.add(link.key);
          progress.digests++;
          report();
        },
      });
      const breaks = result.breaks.filter((b) => !(b.kind === 'missing-digest' && notRead.has(b.key)));
      chain.breaks.push(...breaks);
      chain.gaps.push(...result.gaps);
      chain.digests += result.digests.length;
      for (const link of result.digests) {
        const v = link.verification;
        const mismatch = breaks.find((b) => b.kind === 'signature-mismatch' && b.key === link.key);
        const status: TrailDigestStatus =
          v.signature === 'invalid'
            ? 'invalid-signature'
            : v.location === 'moved'
              ? 'moved'
              : mismatch
                ? 'chain-broken'
                : 'valid';
        const problems = v.problems.filter((p) => !p.startsWith('log file '));
        if (mismatch) problems.push(mismatch.message);
        digestReports.push({
          ...digestReport(link, group, status, problems, mismatch?.referencedBy),
          signatureFrom: link.signatureFrom,
        });
        for (const f of v.logFiles) {
          const s = LOG_STATUS[f.status];
          if (s === undefined || logChecks.has(f.key)) continue;
          logChecks.set(f.key, { bucket: f.bucket, key: f.key, status: s, digest: link.key });
        }
      }
      for (const b of breaks) {
        if (b.kind !== 'missing-digest') continue;
        digestReports.push(digestReport(b, group, 'missing', [b.message], b.referencedBy));
      }
    }
    return chain;
  };

  const chains = await mapLimit(groupDigests(listed), settings.concurrency ?? 4, walk);
  for (const log of logs) {
    if (!logChecks.has(log.key)) logChecks.set(log.key, { bucket: log.bucket, key: log.key, status: 'not-covered' });
  }
  const logFiles = [...logChecks.values()].sort(byKey);
  digestReports.sort(byKey);
  const counts: TrailVerificationCounts = {
    digests: Object.fromEntries(DIGEST_STATUSES.map((s) => [s, 0])) as Record<TrailDigestStatus, number>,
    logFiles: Object.fromEntries(LOG_STATUSES.map((s) => [s, 0])) as Record<TrailLogFileStatus, number>,
  };
  for (const d of digestReports) counts.digests[d.status]++;
  for (const l of logFiles) counts.logFiles[l.status]++;
  report();
  return {
    valid:
      digestReports.length > 0 &&
      counts.digests.valid === digestReports.length &&
      counts.logFiles.valid === logFiles.length,
    since: iso(range.since),
    until: iso(range.until),
    digests: digestReports,
    logFiles,
    chains,
    counts,
  };
}
