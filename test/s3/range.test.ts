import { describe, expect, it } from 'vitest';
import { dayFolders, folderInRange, toRange } from '../../src/s3/range.js';
import { isNotFound, isRetryable } from '../../src/s3/retry.js';

describe('trail ranges', () => {
  it('lists the UTC day folders a half-open range touches', () => {
    expect(dayFolders(toRange('2026-11-30T23:00:00Z', '2026-12-02T00:00:00Z'))).toEqual(['2026/11/30/', '2026/12/01/']);
    expect(dayFolders(toRange('2026-12-31T12:00:00Z', '2027-01-01T00:00:01Z'))).toEqual(['2026/12/31/', '2027/01/01/']);
    expect(dayFolders(toRange(new Date('2026-11-20T05:00:00Z'), Date.parse('2026-11-20T06:00:00Z')))).toEqual([
      '2026/11/20/',
    ]);
  });

  it('prunes year, month and day folders outside the range', () => {
    const range = toRange('2026-11-30T23:00:00Z', '2026-12-01T01:00:00Z');
    expect(['2025', '2026', '2027'].filter((y) => folderInRange(`${y}/`, range))).toEqual(['2026']);
    expect(['2026/10', '2026/11', '2026/12'].filter((m) => folderInRange(`${m}/`, range))).toEqual([
      '2026/11',
      '2026/12',
    ]);
    expect(
      ['2026/11/29', '2026/11/30', '2026/12/01', '2026/12/02'].filter((d) => folderInRange(`${d}/`, range)),
    ).toEqual(['2026/11/30', '2026/12/01']);
    expect(folderInRange('notes/', range)).toBe(false);
  });

  it('rejects times that are not times and empty ranges', () => {
    expect(() => toRange('yesterday', '2026-11-20')).toThrow(RangeError);
    expect(() => toRange('2026-11-21', '2026-11-20')).toThrow(/since must be before until/);
  });
});

describe('retry classification', () => {
  it('retries throttling, 5xx and dropped connections, not client errors or aborts', () => {
    expect(isRetryable({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryable({ name: 'Whatever', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isRetryable({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isRetryable(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
    expect(isRetryable({ name: 'AbortError' })).toBe(false);
    expect(isRetryable('SlowDown')).toBe(false);
    expect(isNotFound({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })).toBe(true);
    expect(isNotFound({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
  });
});
