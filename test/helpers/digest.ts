/** A starting digest file (no previous digest, no events): every required key, nulls where AWS writes them. */
export function startingDigest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    awsAccountId: '111122223333',
    digestStartTime: '2026-11-01T00:00:00Z',
    digestEndTime: '2026-11-01T01:00:00Z',
    digestS3Bucket: 'trail-bucket',
    digestS3Object: 'AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/01/x.json.gz',
    digestPublicKeyFingerprint: '31e8b5433410dfb61a9dc45cc65b22ff',
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: null,
    oldestEventTime: null,
    previousDigestS3Bucket: null,
    previousDigestS3Object: null,
    previousDigestHashValue: null,
    previousDigestHashAlgorithm: null,
    previousDigestSignature: null,
    logFiles: [],
    ...overrides,
  };
}
