import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CloudTrailRecordSchema, CloudTrailRecordStrictSchema } from '../../src/index.js';
import { lenientIssue, strictIssue } from '../../src/schemas/check.js';
import { planOf } from '../../src/schemas/quick-check.js';
import { recordPlan } from '../../src/schemas/record-plan.js';
import { corporaDir, corpusFiles, hasCorpora } from '../helpers/corpora.js';
import { sampleRecords } from '../helpers/records.js';

const cases: unknown[] = [
  ...sampleRecords(3),
  { eventName: 5 },
  { userIdentity: { sessionContext: { attributes: { creationDate: 5 } } } },
  { resources: [{ ARN: 1 }] },
  { resources: ['x', { ARN: 'a', extra: 1 }] },
  { userIdentity: 'root' },
  { eventVersion: '1.0', requestParameters: 5 },
  { eventVersion: '1.0', readOnly: 'true', managementEvent: null },
  { eventVersion: 'x', eventTime: '2026-01-01 00:00:00', awsRegion: 'r', eventID: 'e', eventType: 'AwsApiCall' },
  { ...(sampleRecords(1)[0] as object), userIdentity: { type: 'IAMUser', futureKey: 1 } },
  { ...(sampleRecords(1)[0] as object), sessionCredentialFromConsole: 'yes' },
  { ...(sampleRecords(1)[0] as object), eventSource: undefined },
  { ...(sampleRecords(1)[0] as object), brandNew: 1 },
  {
    eventVersion: '1.07',
    eventTime: '2026-01-01T00:00:00Z',
    awsRegion: 'r',
    eventID: 'e',
    eventType: 'AwsCloudTrailInsight',
  },
  null,
  [],
  'x',
];

describe('the zod-free validation plan used by the reader', () => {
  it('equals the plan derived from CloudTrailRecordSchema (no drift)', () => {
    expect(recordPlan()).toEqual(planOf(CloudTrailRecordSchema));
  });

  it('agrees with the zod schemas (lenient and strict) on success and on the first path', () => {
    for (const value of cases) {
      for (const [schema, check] of [
        [CloudTrailRecordSchema, lenientIssue],
        [CloudTrailRecordStrictSchema, strictIssue],
      ] as const) {
        const zod = schema.safeParse(value);
        const plan = check(value);
        expect(plan === undefined, JSON.stringify(value)).toBe(zod.success);
        if (!zod.success) expect(plan?.path, JSON.stringify(value)).toEqual(zod.error.issues[0]?.path);
      }
    }
  });

  it.skipIf(!hasCorpora)('agrees with zod on every corpus record', () => {
    for (const f of corpusFiles().filter((x) => x.kind !== 'digest')) {
      const records = (
        JSON.parse(gunzipSync(readFileSync(join(corporaDir, f.path))).toString('utf8')) as { Records: unknown[] }
      ).Records;
      for (const r of records) {
        expect(lenientIssue(r) === undefined).toBe(CloudTrailRecordSchema.safeParse(r).success);
        const strict = CloudTrailRecordStrictSchema.safeParse(r);
        const issue = strictIssue(r);
        expect(issue === undefined, JSON.stringify(r).slice(0, 200)).toBe(strict.success);
        if (!strict.success) expect(issue?.path).toEqual(strict.error.issues[0]?.path);
      }
    }
  });
});

describe('the zod-free digest check', () => {
  it('agrees with CloudTrailDigestFileSchema', async () => {
    const { CloudTrailDigestFileSchema } = await import('../../src/index.js');
    const { digestIssue } = await import('../../src/schemas/check.js');
    const { startingDigest } = await import('../helpers/digest.js');
    const file = { s3Bucket: 'b', s3Object: 'o', hashValue: 'h', hashAlgorithm: 'SHA-256' };
    const digests: unknown[] = [
      startingDigest(),
      startingDigest({ logFiles: [file] }),
      startingDigest({ digestEndTime: undefined }),
      startingDigest({ digestS3Bucket: 5 }),
      startingDigest({ previousDigestSignature: 7 }),
      startingDigest({ logFiles: [{ ...file, hashValue: null }] }),
      startingDigest({ logFiles: [file, 'x'] }),
      startingDigest({ logFiles: {} }),
      startingDigest({ awsAccountId: 1, digestEndTime: 2 }),
      null,
      [],
    ];
    for (const d of digests) {
      const zod = CloudTrailDigestFileSchema.safeParse(d);
      const issue = digestIssue(d);
      expect(issue === undefined, JSON.stringify(d)).toBe(zod.success);
      if (!zod.success) expect(issue?.path, JSON.stringify(d)).toEqual(zod.error.issues[0]?.path);
    }
  });
});
