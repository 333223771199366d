import { describe, expectTypeOf, it } from 'vitest';
import type {
  CloudTrailDigestFile,
  CloudTrailRecord,
  InsightDetails,
  InsightRecord,
  LogFile,
  UserIdentity,
} from '../../src/index.js';
import { extraFields, isInsightRecord, parseRecord, readRecords, safeParseRecord } from '../../src/index.js';

describe('record types', () => {
  it('fields are optional strings, free-form fields are objects or strings', () => {
    expectTypeOf<CloudTrailRecord['eventName']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<CloudTrailRecord['userIdentity']>>().toMatchTypeOf<UserIdentity>();
    expectTypeOf<NonNullable<UserIdentity['sessionContext']>['assumedRoot']>().toEqualTypeOf<
      string | boolean | null | undefined
    >();
    expectTypeOf<CloudTrailRecord['requestParameters']>().toEqualTypeOf<
      { [k: string]: unknown } | string | null | undefined
    >();
    expectTypeOf<CloudTrailDigestFile['logFiles'][number]['hashValue']>().toEqualTypeOf<string>();
  });

  it('readers and parsers return records', () => {
    expectTypeOf(readRecords('')).toEqualTypeOf<AsyncIterableIterator<CloudTrailRecord>>();
    expectTypeOf(parseRecord).returns.toEqualTypeOf<CloudTrailRecord>();
    const r = safeParseRecord({});
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<CloudTrailRecord>();
    else
      expectTypeOf(r.error.code).toEqualTypeOf<
        'INVALID_GZIP' | 'INVALID_JSON' | 'NOT_A_LOG_FILE' | 'INVALID_RECORD' | 'RECORD_TOO_LARGE' | 'ABORTED'
      >();
    expectTypeOf<Extract<LogFile, { kind: 'digest' }>['digest']>().toEqualTypeOf<CloudTrailDigestFile>();
  });
});

describe('record types follow real logs', () => {
  it('top-level strings are string | undefined: usable as a string after a check', () => {
    const r = {} as CloudTrailRecord;
    if (r.eventName !== undefined) expectTypeOf(r.eventName.toLowerCase()).toEqualTypeOf<string>();
    expectTypeOf<CloudTrailRecord['errorCode']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CloudTrailRecord['requestParameters']>().toEqualTypeOf<
      { [k: string]: unknown } | string | null | undefined
    >();
    expectTypeOf<CloudTrailRecord['serviceEventDetails']>().toEqualTypeOf<
      { [k: string]: unknown } | string | null | undefined
    >();
    expectTypeOf<CloudTrailRecord['readOnly']>().toEqualTypeOf<boolean | string | null | undefined>();
  });

  it('a misspelt field does not compile, at the top and inside documented objects', () => {
    const r = {} as CloudTrailRecord;
    // @ts-expect-error eventNmae is not a field
    r.eventNmae;
    // @ts-expect-error userNmae is not a field of userIdentity
    r.userIdentity?.userNmae;
    // @ts-expect-error tlsVersoin is not a field of tlsDetails
    r.tlsDetails?.tlsVersoin;
    // free-form objects keep their index signature
    if (typeof r.requestParameters === 'object' && r.requestParameters !== null)
      expectTypeOf(r.requestParameters.anything).toEqualTypeOf<unknown>();
  });

  it('extraFields gives the undocumented keys as Record<string, unknown>', () => {
    expectTypeOf(extraFields({} as CloudTrailRecord)).toEqualTypeOf<Record<string, unknown>>();
  });

  it('isInsightRecord narrows to Insights records with insightDetails', () => {
    const r = {} as CloudTrailRecord;
    // @ts-expect-error insightDetails may be absent before the check
    r.insightDetails.state;
    if (isInsightRecord(r)) {
      expectTypeOf(r.eventType).toEqualTypeOf<'AwsCloudTrailInsight'>();
      expectTypeOf(r.insightDetails).toEqualTypeOf<InsightDetails>();
      expectTypeOf(r.insightDetails.state).toEqualTypeOf<string | null | undefined>();
      expectTypeOf(r).toMatchTypeOf<InsightRecord>();
    }
  });
});
