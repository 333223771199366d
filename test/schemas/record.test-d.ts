import { describe, expectTypeOf, it } from 'vitest';
import type { CloudTrailDigestFile, CloudTrailRecord, LogFile, UserIdentity } from '../../src/index.js';
import { parseRecord, readRecords, safeParseRecord } from '../../src/index.js';

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
