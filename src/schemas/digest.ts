import * as z from 'zod';
import type { Documented } from './documented.js';
import { optionalString } from './primitives.js';

/** One entry of a digest file's `logFiles`. */
export const DigestLogFileSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    s3Bucket: z.string(),
    s3Object: z.string(),
    hashValue: z.string(),
    hashAlgorithm: optionalString(),
    newestEventTime: optionalString(),
    oldestEventTime: optionalString(),
  }))();

/**
 * A CloudTrail digest file (log-file integrity validation). The `previous*` members are `null`
 * in the first digest of a chain; the event times are `null` when no events were delivered.
 * The digest's own signature is not in the body: it is the S3 object's `x-amz-meta-signature`.
 */
export const CloudTrailDigestFileSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    awsAccountId: optionalString(),
    digestStartTime: z.string(),
    digestEndTime: z.string(),
    digestS3Bucket: z.string(),
    digestS3Object: z.string(),
    digestPublicKeyFingerprint: z.string(),
    digestSignatureAlgorithm: optionalString(),
    newestEventTime: optionalString(),
    oldestEventTime: optionalString(),
    previousDigestS3Bucket: optionalString(),
    previousDigestS3Object: optionalString(),
    previousDigestHashValue: optionalString(),
    previousDigestHashAlgorithm: optionalString(),
    previousDigestSignature: optionalString(),
    logFiles: z.array(DigestLogFileSchema),
  }))();

/** A CloudTrail digest file. */
export type CloudTrailDigestFile = Documented<z.infer<typeof CloudTrailDigestFileSchema>>;
/** One log file listed in a digest. */
export type DigestLogFile = Documented<z.infer<typeof DigestLogFileSchema>>;
