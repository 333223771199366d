import { describe, expect, it } from 'vitest';
import {
  CloudTrailRecordSchema,
  CloudTrailRecordStrictSchema,
  extraFields,
  isInsightRecord,
  parseRecord,
  type RecordIssue,
  readRecords,
  safeParseRecord,
} from '../../src/index.js';
import { checkRecord, digestIssue } from '../../src/schemas/check.js';
import { startingDigest } from '../helpers/digest.js';
import { logFileText, sampleRecords } from '../helpers/records.js';

const record = sampleRecords(1)[0] as Record<string, unknown>;

describe('checkRecord (the reader path)', () => {
  it('returns the input itself when valid', () => {
    const r = checkRecord(record);
    expect(r.success && r.data).toBe(record);
  });

  it('INVALID_RECORD carries every issue in zod shape and the first path, with the record prefix', () => {
    const bad = { ...record, eventName: 5, userIdentity: { type: 7 }, resources: [{ ARN: 1 }] };
    const r = checkRecord(bad, { recordIndex: 3, offset: 120, pathPrefix: ['Records', 3] });
    expect(r.success).toBe(false);
    if (r.success) return;
    const zod = CloudTrailRecordSchema.safeParse(bad);
    expect(r.error.code).toBe('INVALID_RECORD');
    expect(r.error.issues).toEqual(zod.error?.issues);
    expect(r.error.issues).toHaveLength(3);
    expect(r.error.path).toEqual(['Records', 3, 'userIdentity', 'type']);
    expect(r.error.recordIndex).toBe(3);
    expect(r.error.offset).toBe(120);
    expect(r.error.message).toContain('(and 2 more issues)');
  });

  it('strict: the issues of CloudTrailRecordStrictSchema', () => {
    // a pattern issue lets zod's refinement run (undocumented keys reported too); a type issue does not
    for (const [bad, paths] of [
      [{ ...record, futureField: 1, eventTime: '2026-01-01 10:00' }, [['eventTime'], ['futureField']]],
      [{ ...record, readOnly: 'false', futureField: 1, eventTime: '2026-01-01 10:00' }, [['eventTime'], ['readOnly']]],
    ] as const) {
      const r = checkRecord(bad, {}, true);
      expect(!r.success && r.error.issues).toEqual(CloudTrailRecordStrictSchema.safeParse(bad).error?.issues);
      expect(!r.success && r.error.issues?.map((i) => i.path)).toEqual(paths);
    }
  });

  it('parseRecord errors carry the same issues', () => {
    const r = safeParseRecord({ eventSource: 1 });
    expect(!r.success && r.error.issues).toEqual(CloudTrailRecordSchema.safeParse({ eventSource: 1 }).error?.issues);
    expect(() => parseRecord({ eventSource: 1 })).toThrow(
      /eventSource: Invalid input: expected string, received number/,
    );
  });

  it('digestIssue gives the first issue of CloudTrailDigestFileSchema', () => {
    expect(digestIssue(startingDigest())).toBeUndefined();
    expect(digestIssue(startingDigest({ digestS3Bucket: 5 }))).toMatchObject({
      code: 'invalid_type',
      path: ['digestS3Bucket'],
    });
  });
});

describe('top-level string fields', () => {
  it('null in a top-level string field is an INVALID_RECORD reported through onInvalid', async () => {
    const issues: RecordIssue[] = [];
    const records = [record, { ...record, eventName: null }, { ...record, userAgent: null }, record];
    const read = [];
    for await (const r of readRecords(logFileText(records), { onInvalid: (i) => issues.push(i) })) read.push(r);
    expect(read).toHaveLength(2);
    expect(issues.map((i) => [i.recordIndex, i.error.code, i.error.path])).toEqual([
      [1, 'INVALID_RECORD', ['Records', 1, 'eventName']],
      [2, 'INVALID_RECORD', ['Records', 2, 'userAgent']],
    ]);
    expect(issues[0]?.error.issues?.[0]?.message).toBe('Invalid input: expected string, received null');
  });

  it('nested strings and objects AWS writes as null stay nullable', () => {
    for (const key of ['requestParameters', 'responseElements', 'additionalEventData', 'serviceEventDetails'])
      expect(checkRecord({ ...record, [key]: null }).success).toBe(true);
    expect(checkRecord({ ...record, userIdentity: { type: 'AWSService', invokedBy: null } }).success).toBe(true);
  });
});

describe('extraFields and isInsightRecord', () => {
  it('extraFields returns the undocumented top-level keys, own keys only', () => {
    const withExtras = JSON.parse(
      `{"__proto__":{"x":1},"@timestamp":"t",${JSON.stringify(record).slice(1)}`,
    ) as typeof record;
    const extra = extraFields(parseRecord(withExtras));
    expect(Object.keys(extra)).toEqual(['__proto__', '@timestamp']);
    expect(Object.hasOwn(extra, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    expect(extraFields(parseRecord(record))).toEqual({});
  });

  it('isInsightRecord: eventType AwsCloudTrailInsight with insightDetails', () => {
    const insight = { eventType: 'AwsCloudTrailInsight', insightDetails: { state: 'Start' } };
    expect(isInsightRecord(parseRecord(insight))).toBe(true);
    expect(isInsightRecord(parseRecord({ eventType: 'AwsCloudTrailInsight' }))).toBe(false);
    expect(isInsightRecord(parseRecord({ eventType: 'AwsCloudTrailInsight', insightDetails: null }))).toBe(false);
    expect(isInsightRecord(parseRecord(record))).toBe(false);
  });
});
