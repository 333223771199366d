import { isCloudTrailParseError, throwIfAborted } from '../errors.js';
import { parseLogFileKey } from '../keys/parse-log-file-key.js';
import { digestIssue } from '../schemas/check.js';
import type { CloudTrailDigestFile } from '../schemas/digest.js';
import { type ReadBytesOptions, readBodyBytes } from '../stream/bytes.js';
import type { LogBody } from '../stream/types.js';
import { bufferSource, fromHex, sha256Hex } from './hex.js';
import { type PublicKeySource, resolvePublicKey, toCryptoKey } from './public-key.js';
import type { DigestVerification, LogFileCheck, LogFileReader, LogFileStatus, S3Location } from './types.js';

/** Input of {@link verifyDigestFile}. */
export interface VerifyDigestFileInput {
  /** The digest object's body as stored (gzip) or already inflated (as browsers deliver it). */
  digest: LogBody;
  /** Where the digest was read from. */
  location: S3Location;
  /**
   * The digest's signature: hex, from the S3 user metadata `x-amz-meta-signature` (`Metadata.signature`
   * in the AWS SDK). Missing or malformed makes the signature `'invalid'` (never a throw).
   */
  signature: string | undefined;
  /**
   * The public key: DER PKCS#1 bytes from `ListPublicKeys`, an imported `CryptoKey`, or a
   * map / function from `digestPublicKeyFingerprint` to key (see {@link PublicKeySource}).
   */
  publicKey: PublicKeySource;
  /** Reads the log files listed in the digest to check their hashes; without it they are `not-checked`. */
  logFile?: LogFileReader | undefined;
  /** Cancels reading (`ABORTED`). */
  signal?: AbortSignal | undefined;
  /** How many log files are read at once (default 4). */
  concurrency?: number | undefined;
}

/** @internal Options shared by file and chain verification. */
export interface VerifyContext {
  logFile?: LogFileReader | undefined;
  signal?: AbortSignal | undefined;
  concurrency?: number | undefined;
}

/** Keys that must exist in a digest (values may be null), as the AWS CLI requires. */
const REQUIRED_KEYS = [
  'digestPublicKeyFingerprint',
  'digestS3Bucket',
  'digestS3Object',
  'previousDigestSignature',
  'digestEndTime',
  'digestStartTime',
] as const;

const SIGNATURE_ALGORITHM = 'SHA256withRSA';

/** @internal Outcome of reading a digest body: the first gzip member's inflated bytes, or why not. */
export type DigestBytes = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/**
 * @internal The inflated bytes of the first gzip member of `body` (or `body` itself when plain);
 * anything after the first member or a damaged gzip stream is a problem, not a throw.
 */
export async function readSingleMember(
  body: LogBody,
  signal: AbortSignal | undefined,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: string }> {
  // strict mode of readBodyBytes: anything after the first gzip member is an INVALID_GZIP error
  const options: ReadBytesOptions = { singleMember: true };
  if (signal !== undefined) options.signal = signal;
  try {
    return { ok: true, bytes: await readBodyBytes(body, options) };
  } catch (error) {
    if (isCloudTrailParseError(error) && error.code === 'INVALID_GZIP') return { ok: false, problem: error.message };
    throw error;
  }
}

const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** @internal Parses the digest bytes B; a problem string when they are not a usable digest. */
export function parseDigestBytes(
  bytes: Uint8Array,
): { ok: true; digest: CloudTrailDigestFile } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    return { ok: false, problem: `digest is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'digest is not a JSON object' };
  }
  const missing = REQUIRED_KEYS.filter((k) => !(k in value));
  if (missing.length > 0) return { ok: false, problem: `not a digest file: missing ${missing.join(', ')}` };
  const issue = digestIssue(value);
  if (issue !== undefined) {
    return { ok: false, problem: `not a valid digest file: ${issue.path.join('.')}: ${issue.message}` };
  }
  return { ok: true, digest: value as CloudTrailDigestFile };
}

/** @internal The string CloudTrail signs: end time, bucket/key, hex SHA-256 of the digest, previous signature. */
export function stringToSign(digest: CloudTrailDigestFile, bytesHash: string): string {
  const previous = digest.previousDigestSignature;
  return `${digest.digestEndTime}\n${digest.digestS3Bucket}/${digest.digestS3Object}\n${bytesHash}\n${
    typeof previous === 'string' ? previous : 'null'
  }`;
}

async function checkSignature(
  digest: CloudTrailDigestFile,
  bytes: Uint8Array,
  signatureHex: string | undefined,
  publicKey: PublicKeySource,
  problems: string[],
): Promise<boolean> {
  if (typeof signatureHex !== 'string' || signatureHex.length === 0) {
    problems.push('no signature (S3 metadata x-amz-meta-signature is missing)');
    return false;
  }
  const signature = fromHex(signatureHex.trim());
  if (signature === undefined) {
    problems.push('signature is not a hex string');
    return false;
  }
  const algorithm = digest.digestSignatureAlgorithm;
  if (typeof algorithm === 'string' && algorithm !== SIGNATURE_ALGORITHM) {
    problems.push(`unsupported digestSignatureAlgorithm ${JSON.stringify(algorithm)}`);
    return false;
  }
  const fingerprint = digest.digestPublicKeyFingerprint;
  let key: CryptoKey;
  try {
    const found = await resolvePublicKey(publicKey, fingerprint);
    if (found === undefined) {
      problems.push(`no public key for fingerprint ${fingerprint}`);
      return false;
    }
    key = await toCryptoKey(found);
  } catch (error) {
    problems.push(`public key for fingerprint ${fingerprint} cannot be used: ${(error as Error).message}`);
    return false;
  }
  const data = new TextEncoder().encode(stringToSign(digest, await sha256Hex(bytes)));
  let ok = false;
  try {
    ok = await globalThis.crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, bufferSource(signature), data);
  } catch (error) {
    problems.push(`signature cannot be verified: ${(error as Error).message}`);
    return false;
  }
  if (!ok) problems.push('signature does not match the digest and public key');
  return ok;
}

async function checkLogFile(
  bucket: string,
  key: string,
  expected: string,
  context: VerifyContext,
): Promise<LogFileStatus> {
  if (context.logFile === undefined) return 'not-checked';
  throwIfAborted(context.signal);
  const body = await context.logFile(bucket, key);
  if (body === undefined) return 'missing';
  const read = await readSingleMember(body, context.signal);
  if (!read.ok) return 'hash-mismatch';
  return (await sha256Hex(read.bytes)) === expected.toLowerCase() ? 'valid' : 'hash-mismatch';
}

async function checkLogFiles(digest: CloudTrailDigestFile, context: VerifyContext): Promise<LogFileCheck[]> {
  const checks: LogFileCheck[] = digest.logFiles.map((f) => ({
    bucket: f.s3Bucket,
    key: f.s3Object,
    status: 'not-checked',
  }));
  if (context.logFile === undefined) return checks;
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const i = next++;
      const check = checks[i] as LogFileCheck;
      check.status = await checkLogFile(check.bucket, check.key, digest.logFiles[i]?.hashValue ?? '', context);
    }
  };
  const concurrency = Math.max(1, Math.min(context.concurrency ?? 4, checks.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return checks;
}

/** @internal Verification of a digest whose bytes (first gzip member, inflated) are at hand. */
export async function verifyDigestBytes(
  read: DigestBytes,
  location: S3Location,
  signature: string | undefined,
  publicKey: PublicKeySource,
  context: VerifyContext,
): Promise<DigestVerification> {
  const backfill = parseLogFileKey(location.key)?.backfill === true || location.key.endsWith('_backfill.json.gz');
  const problems: string[] = [];
  if (!read.ok) {
    problems.push(read.problem);
    return { valid: false, signature: 'invalid', location: 'moved', logFiles: [], backfill, problems };
  }
  const parsed = parseDigestBytes(read.bytes);
  if (!parsed.ok) {
    problems.push(parsed.problem);
    return { valid: false, signature: 'invalid', location: 'moved', logFiles: [], backfill, problems };
  }
  const digest = parsed.digest;
  const locationMatches = digest.digestS3Bucket === location.bucket && digest.digestS3Object === location.key;
  if (!locationMatches) {
    problems.push(
      `digest moved: it names s3://${digest.digestS3Bucket}/${digest.digestS3Object} but was read from s3://${location.bucket}/${location.key}`,
    );
  }
  const signatureOk = await checkSignature(digest, read.bytes, signature, publicKey, problems);
  const logFiles = await checkLogFiles(digest, context);
  for (const f of logFiles) {
    if (f.status === 'hash-mismatch' || f.status === 'missing')
      problems.push(`log file s3://${f.bucket}/${f.key}: ${f.status}`);
  }
  const result: DigestVerification = {
    valid: problems.length === 0,
    signature: signatureOk ? 'valid' : 'invalid',
    location: locationMatches ? 'match' : 'moved',
    logFiles,
    backfill,
    digest,
    problems,
  };
  const { previousDigestS3Bucket: pb, previousDigestS3Object: pk, previousDigestSignature: ps } = digest;
  if (typeof pb === 'string' && typeof pk === 'string' && typeof ps === 'string') {
    result.previous = { bucket: pb, key: pk, signature: ps };
  }
  return result;
}

/**
 * Verifies a CloudTrail digest file offline, the way `aws cloudtrail validate-logs` does, with
 * WebCrypto only (Node 20+, browsers, Deno, Bun, Workers) and without AWS credentials: the
 * digest, its signature, the public key and (optionally) the log files are handed in.
 *
 * 1. The digest body is inflated to its bytes B (first gzip member only: any data after it, or a
 *    damaged gzip stream, makes the digest invalid). B is hashed as stored, never re-serialised.
 * 2. `digestS3Bucket` / `digestS3Object` must equal `location` (else `location: 'moved'`).
 * 3. The string to sign, `digestEndTime + "\n" + digestS3Bucket + "/" + digestS3Object + "\n" +
 *    hex(sha256(B)) + "\n" + (previousDigestSignature ?? "null")`, is checked against the hex
 *    `signature` with RSASSA-PKCS1-v1_5 / SHA-256 and the key of `digestPublicKeyFingerprint`.
 * 4. With `logFile`, each listed log file's SHA-256 over its inflated bytes (first gzip member
 *    only) is compared with `hashValue`.
 *
 * Backfill digests (`…_backfill.json.gz`) are verified the same way.
 *
 * A body that is not a digest (not JSON, or lacking one of `digestPublicKeyFingerprint`,
 * `digestS3Bucket`, `digestS3Object`, `previousDigestSignature`, `digestEndTime`,
 * `digestStartTime`), a missing or malformed signature and an unknown or unusable public key all
 * give `signature: 'invalid'` and `valid: false` with the reason in `problems`: tampered input
 * never throws. Errors of the `logFile` reader or of reading the body (I/O, `ABORTED`) propagate.
 *
 * @param input - The digest body, where it was read from, its signature, the public key and an optional log-file reader.
 * @returns What holds and what does not; `previous` points at the previous digest of the chain.
 * @example
 * ```ts
 * import { verifyDigestFile } from 'cloudtrail-chime';
 *
 * declare const body: Uint8Array; // the digest object as stored
 * declare const pkcs1: Uint8Array; // ListPublicKeys PublicKeyList[i].Value for digestPublicKeyFingerprint
 * declare function getObject(bucket: string, key: string): Promise<Uint8Array | undefined>;
 *
 * const result = await verifyDigestFile({
 *   digest: body,
 *   location: { bucket: 'amzn-s3-demo-bucket', key: 'AWSLogs/111122223333/CloudTrail-Digest/…' },
 *   signature: 'a1b2…', // x-amz-meta-signature
 *   publicKey: pkcs1,
 *   logFile: getObject,
 * });
 * if (!result.valid) console.error(result.problems);
 * ```
 */
export async function verifyDigestFile(input: VerifyDigestFileInput): Promise<DigestVerification> {
  if (typeof input !== 'object' || input === null || typeof input.location?.key !== 'string') {
    throw new TypeError('verifyDigestFile expects { digest, location: { bucket, key }, signature, publicKey }');
  }
  const read = await readSingleMember(input.digest, input.signal);
  return verifyDigestBytes(read, input.location, input.signature, input.publicKey, {
    logFile: input.logFile,
    signal: input.signal,
    concurrency: input.concurrency,
  });
}
