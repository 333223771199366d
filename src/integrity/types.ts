import type { CloudTrailDigestFile } from '../schemas/digest.js';
import type { LogBody } from '../stream/types.js';

/** An S3 object location. */
export interface S3Location {
  /** Bucket name. */
  bucket: string;
  /** Object key. */
  key: string;
}

/**
 * Reads a log file listed in a digest: the object's body as stored (gzip, or already inflated),
 * or `undefined` when the object does not exist (S3 `NoSuchKey`). Errors it throws propagate.
 */
export type LogFileReader = (bucket: string, key: string) => Promise<LogBody | undefined>;

/**
 * Result of checking one log file of a digest: `valid` (SHA-256 of the inflated bytes equals
 * `hashValue`), `hash-mismatch` (different bytes, damaged gzip, or any data after the first gzip
 * member), `missing` (the reader returned `undefined`) or `not-checked` (no reader given).
 */
export type LogFileStatus = 'valid' | 'hash-mismatch' | 'missing' | 'not-checked';

/** One log file listed in a digest and what checking it found. */
export interface LogFileCheck {
  /** Bucket of the log file (`logFiles[].s3Bucket`). */
  bucket: string;
  /** Key of the log file (`logFiles[].s3Object`). */
  key: string;
  /** See {@link LogFileStatus}. */
  status: LogFileStatus;
}

/** Where the previous digest of a chain is, and the signature it must carry. */
export interface PreviousDigest {
  /** `previousDigestS3Bucket`. */
  bucket: string;
  /** `previousDigestS3Object`. */
  key: string;
  /** `previousDigestSignature`: the hex signature the previous digest was signed with. */
  signature: string;
}

/** The outcome of {@link verifyDigestFile}. */
export interface DigestVerification {
  /**
   * True when the signature is valid, the location matches and no checked log file is
   * `hash-mismatch` or `missing` (`not-checked` log files do not make it false).
   */
  valid: boolean;
  /** Whether the RSA signature over the digest's string to sign holds. */
  signature: 'valid' | 'invalid';
  /**
   * `match` when the digest's own `digestS3Bucket` / `digestS3Object` equal the location it was
   * read from; `moved` otherwise (also when the digest could not be read at all).
   */
  location: 'match' | 'moved';
  /** Every entry of the digest's `logFiles`, in order. */
  logFiles: LogFileCheck[];
  /**
   * The previous digest of the chain (and the signature it must carry). Absent when the
   * `previous*` fields are null: the start of the chain, or a gap in delivery.
   */
  previous?: PreviousDigest | undefined;
  /** True when the location is a backfill digest (`…_backfill.json.gz`). */
  backfill: boolean;
  /** The digest as parsed, when it could be parsed. */
  digest?: CloudTrailDigestFile | undefined;
  /** Human-readable reasons why `valid` is false (empty when valid). */
  problems: string[];
}
