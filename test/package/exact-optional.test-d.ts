// Every option property of the public entries accepts an explicit `undefined`, as a program written
// with `exactOptionalPropertyTypes` (on in this project's tsconfig) passes it.
import { describe, expectTypeOf, it } from 'vitest';
import type { ChimeRecordFilter, ChimeSummaryOptions } from '../../src/chime/index.js';
import type {
  DescribeIdentityOptions,
  FromCloudWatchLogsOptions,
  ReadBytesOptions,
  ReadOptions,
  VerifyDigestChainOptions,
  VerifyDigestFileInput,
} from '../../src/index.js';
import { readRecords } from '../../src/index.js';
import type { FindLogFilesOptions, ReadLogFilesOptions, VerifyTrailFolderOptions } from '../../src/node/index.js';
import type { ListLogFilesOptions, ReadTrailOptions, RetryOptions, VerifyTrailOptions } from '../../src/s3/index.js';

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
/** The optional properties of `T` that reject an explicit `undefined` (never when there is none). */
type RejectsUndefined<T> = {
  [K in OptionalKeys<T>]-?: undefined extends Required<T>[K] ? never : K;
}[OptionalKeys<T>];

describe('options accept explicit undefined (exactOptionalPropertyTypes)', () => {
  it('the project compiles with exactOptionalPropertyTypes', () => {
    // @ts-expect-error only an error when exactOptionalPropertyTypes is on
    const strict: { a?: string } = { a: undefined };
    expectTypeOf(strict).toBeObject();
    expectTypeOf<RejectsUndefined<{ a?: string; b?: string | undefined; c: string }>>().toEqualTypeOf<'a'>();
  });

  it('core', () => {
    expectTypeOf<RejectsUndefined<ReadOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<ReadBytesOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<FromCloudWatchLogsOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<VerifyDigestFileInput>>().toBeNever();
    expectTypeOf<RejectsUndefined<VerifyDigestChainOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<DescribeIdentityOptions>>().toBeNever();
    const settings: { signal?: AbortSignal | undefined } = {};
    readRecords('', { signal: settings.signal, onInvalid: undefined, maxRecordBytes: undefined, format: undefined });
  });

  it('chime', () => {
    expectTypeOf<RejectsUndefined<ChimeSummaryOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<ChimeRecordFilter>>().toBeNever();
  });

  it('node', () => {
    expectTypeOf<RejectsUndefined<ReadLogFilesOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<FindLogFilesOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<VerifyTrailFolderOptions>>().toBeNever();
  });

  it('s3', () => {
    expectTypeOf<RejectsUndefined<ListLogFilesOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<ReadTrailOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<VerifyTrailOptions>>().toBeNever();
    expectTypeOf<RejectsUndefined<RetryOptions>>().toBeNever();
  });
});
