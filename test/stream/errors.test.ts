import { describe, expect, it } from 'vitest';
import {
  CloudTrailParseError,
  isCloudTrailParseError,
  type RecordIssue,
  readLogFile,
  readRecords,
} from '../../src/index.js';
import { collect, gz, logFileText, sampleRecords } from '../helpers/records.js';

const records = sampleRecords(5);

async function failure(promise: Promise<unknown>): Promise<CloudTrailParseError> {
  try {
    await promise;
  } catch (e) {
    if (isCloudTrailParseError(e)) return e;
    throw e;
  }
  throw new Error('expected a CloudTrailParseError');
}

/** A log file whose records 1 and 3 are bad (schema, then JSON). */
function mixedBody(): { text: string; offsets: number[] } {
  const parts = [
    JSON.stringify(records[0]),
    JSON.stringify({ ...records[1], eventName: 42 }),
    JSON.stringify(records[2]),
    '{"eventVersion": tru}',
    JSON.stringify(records[4]),
  ];
  const offsets: number[] = [];
  let text = '{"Records":[';
  parts.forEach((p, i) => {
    if (i > 0) text += ',';
    offsets.push(new TextEncoder().encode(text).length);
    text += p;
  });
  return { text: `${text}]}`, offsets };
}

describe('errors', () => {
  it('INVALID_RECORD carries recordIndex, offset and a Records-prefixed zod path', async () => {
    const { text, offsets } = mixedBody();
    const e = await failure(readLogFile(text));
    expect(e).toBeInstanceOf(CloudTrailParseError);
    expect(e.name).toBe('CloudTrailParseError');
    expect(e.code).toBe('INVALID_RECORD');
    expect(e.recordIndex).toBe(1);
    expect(e.offset).toBe(offsets[1]);
    expect(e.path).toEqual(['Records', 1, 'eventName']);
    expect(e.message).toMatch(/record 1/);
    expect(e.message).toMatch(/eventName/);
  });

  it('per-record INVALID_JSON carries recordIndex and offset', async () => {
    const { text, offsets } = mixedBody();
    const issues: RecordIssue[] = [];
    await collect(readRecords(text, { onInvalid: (i) => issues.push(i) }));
    const json = issues.find((i) => i.error.code === 'INVALID_JSON');
    expect(json).toMatchObject({ recordIndex: 3, offset: offsets[3], raw: '{"eventVersion": tru}' });
    expect(json?.error.recordIndex).toBe(3);
  });

  it('onInvalid: nothing is lost — yielded + reported = total, in order', async () => {
    const { text } = mixedBody();
    const issues: RecordIssue[] = [];
    const out = await collect(readRecords(gz(text), { onInvalid: (i) => issues.push(i) }));
    expect(out).toEqual([records[0], records[2], records[4]]);
    expect(issues.map((i) => i.recordIndex)).toEqual([1, 3]);
    expect(out.length + issues.length).toBe(5);
    expect(JSON.parse(issues[0]?.raw ?? '')).toEqual({ ...records[1], eventName: 42 });
  });

  it("onInvalid: 'skip' yields the valid records, 'throw' (default) stops at the first bad one", async () => {
    const { text } = mixedBody();
    expect(await collect(readRecords(text, { onInvalid: 'skip' }))).toHaveLength(3);
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const r of readRecords(text)) seen.push(r);
      })(),
    ).rejects.toMatchObject({ code: 'INVALID_RECORD' });
    expect(seen).toEqual([records[0]]);
  });

  it('errors thrown by an onInvalid callback propagate unchanged', async () => {
    const { text } = mixedBody();
    const mine = new Error('mine');
    await expect(
      collect(
        readRecords(text, {
          onInvalid: () => {
            throw mine;
          },
        }),
      ),
    ).rejects.toBe(mine);
  });

  it('INVALID_JSON outside records always throws, with an absolute offset', async () => {
    const text = logFileText(records.slice(0, 2));
    const head = `{"Records":[${JSON.stringify(records[0])} `;
    const broken = `${head}${JSON.stringify(records[1])}]}`;
    const e = await failure(readLogFile(broken, { onInvalid: 'skip' }));
    expect(e.code).toBe('INVALID_JSON');
    expect(e.offset).toBe(new TextEncoder().encode(head).length);
    expect((await failure(readLogFile(text.slice(0, -5), { onInvalid: 'skip' }))).code).toBe('INVALID_JSON');
    expect((await failure(readLogFile(`${text}x`))).code).toBe('INVALID_JSON');
    expect((await failure(readLogFile(''))).message).toMatch(/empty/);
    expect((await failure(readLogFile('{"Records":[{"a":1},]}'))).code).toBe('INVALID_JSON');
    expect((await failure(readLogFile('<html>'))).code).toBe('INVALID_JSON');
  });

  it('invalid UTF-8 inside a record is INVALID_JSON', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"Records":[{"eventVersion":"'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}]}'),
    ]);
    const e = await failure(readLogFile(bytes));
    expect(e.code).toBe('INVALID_JSON');
    expect(e.recordIndex).toBe(0);
  });

  it('RECORD_TOO_LARGE above maxRecordBytes, with the record index', async () => {
    const text = logFileText([records[0], { eventVersion: '1.0', big: 'x'.repeat(5000) }]);
    const e = await failure(readLogFile(text, { maxRecordBytes: 2000 }));
    expect(e).toMatchObject({ code: 'RECORD_TOO_LARGE', recordIndex: 1 });
    const chunked = await failure(readLogFile(gz(text), { maxRecordBytes: 2000 }));
    expect(chunked.code).toBe('RECORD_TOO_LARGE');
    expect(await readLogFile(text, { maxRecordBytes: 10_000 })).toMatchObject({ kind: 'log' });
  });

  it('isCloudTrailParseError recognises errors from another realm by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'CloudTrailParseError', code: 'INVALID_JSON' });
    expect(isCloudTrailParseError(foreign)).toBe(true);
    expect(isCloudTrailParseError(new Error('x'))).toBe(false);
    expect(isCloudTrailParseError(null)).toBe(false);
  });

  it('validate: false skips the schema but still requires objects', async () => {
    const { text } = mixedBody();
    const issues: RecordIssue[] = [];
    const out = await collect(readRecords(text, { validate: false, onInvalid: (i) => issues.push(i) }));
    expect(out).toHaveLength(4);
    expect(issues.map((i) => i.error.code)).toEqual(['INVALID_JSON']);
  });
});
