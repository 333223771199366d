import { crc32, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isCloudTrailParseError, readBodyBytes, readLogFile, readRecords } from '../../src/index.js';
import { collect, gz, logFileText, sampleRecords } from '../helpers/records.js';

const records = sampleRecords(4);
const text = logFileText(records);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

async function codeOf(body: Uint8Array): Promise<string | undefined> {
  try {
    await readLogFile(body);
    return undefined;
  } catch (e) {
    if (!isCloudTrailParseError(e)) throw e;
    return e.code;
  }
}

describe('gzip framing', () => {
  it('reads several members as one text', async () => {
    const cut = [0, 17, 200, text.length - 3, text.length];
    const members = cut.slice(1).map((end, i) => gz(text.slice(cut[i], end)));
    expect(await collect(readRecords(concat(...members)))).toEqual(records);
  });

  it('reads concatenated log files (members that are each a whole log file)', async () => {
    const body = concat(gz(logFileText(records.slice(0, 2))), gz(logFileText(records.slice(2))));
    expect(await collect(readRecords(body))).toEqual(records);
  });

  it.each([1, 3, 4, 5, 512, 70_000])('accepts %i zero bytes of padding', async (n) => {
    expect(await collect(readRecords(concat(gz(text), new Uint8Array(n))))).toEqual(records);
  });

  it('accepts an empty member and header fields (FNAME, FCOMMENT, FEXTRA, FHCRC)', async () => {
    const member = gz(text);
    // rebuild the header with every optional field set
    const flg = 0x02 | 0x04 | 0x08 | 0x10;
    const header = concat(
      new Uint8Array([0x1f, 0x8b, 8, flg, 0, 0, 0, 0, 0, 3]),
      new Uint8Array([4, 0, 1, 2, 3, 4]),
      new TextEncoder().encode('file.json\0'),
      new TextEncoder().encode('a comment\0'),
    );
    // FHCRC: the low 16 bits of the CRC-32 of the header bytes before it
    const hcrc = crc32(header) & 0xffff;
    const withFields = concat(header, new Uint8Array([hcrc & 0xff, hcrc >> 8]), member.subarray(10));
    expect(await collect(readRecords(concat(gz(''), withFields)))).toEqual(records);
    // a wrong header CRC is damage
    const wrong = concat(header, new Uint8Array([~hcrc & 0xff, hcrc >> 8]), member.subarray(10));
    expect(await codeOf(wrong)).toBe('INVALID_GZIP');
  });

  it('rejects a CRC-32 mismatch', async () => {
    const g = gz(text);
    const bad = g.slice();
    bad[bad.length - 8] = (bad[bad.length - 8] as number) ^ 0xff;
    expect(await codeOf(bad)).toBe('INVALID_GZIP');
  });

  it('rejects an ISIZE mismatch', async () => {
    const bad = gz(text).slice();
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0x01;
    expect(await codeOf(bad)).toBe('INVALID_GZIP');
  });

  it('rejects a corrupted deflate body', async () => {
    const bad = gz(text).slice();
    for (let i = 12; i < 30; i++) bad[i] = 0xff;
    expect(await codeOf(bad)).toBe('INVALID_GZIP');
  });

  it('rejects a truncated member at every cut point, never yields a short read', async () => {
    const g = gz(text);
    for (let cut = 1; cut < g.length; cut++) {
      const seen: unknown[] = [];
      let code: string | undefined;
      try {
        for await (const r of readRecords(g.subarray(0, cut))) seen.push(r);
      } catch (e) {
        if (!isCloudTrailParseError(e)) throw e;
        code = e.code;
      }
      expect(code, `cut at ${cut}`).toBe('INVALID_GZIP');
      // records yielded before the error are exact prefixes, never altered
      expect(seen).toEqual(records.slice(0, seen.length));
    }
  });

  it('rejects garbage after a member, and after padding', async () => {
    expect(await codeOf(concat(gz(text), new TextEncoder().encode('junk')))).toBe('INVALID_GZIP');
    expect(await codeOf(concat(gz(text), new Uint8Array([1, 2, 3])))).toBe('INVALID_GZIP');
    expect(await codeOf(concat(gz(text), new Uint8Array(10), new Uint8Array([7])))).toBe('INVALID_GZIP');
  });

  it('rejects a lone 0x1f byte and a bare gzip header', async () => {
    expect(await codeOf(gz(text).subarray(0, 10))).toBe('INVALID_GZIP');
    expect(await codeOf(new Uint8Array([0x1f, 0x8b]))).toBe('INVALID_GZIP');
  });

  it('reports INVALID_GZIP with a message naming the problem', async () => {
    await expect(readLogFile(concat(gz(text), new Uint8Array([9])))).rejects.toThrow(/after gzip member 1/);
  });

  it('readBodyBytes inflates; singleMember rejects any data after the first member', async () => {
    const g = gz(text);
    expect(new TextDecoder().decode(await readBodyBytes(g))).toBe(text);
    expect(new TextDecoder().decode(await readBodyBytes(g, { singleMember: true }))).toBe(text);
    await expect(readBodyBytes(concat(g, new Uint8Array(4)), { singleMember: true })).rejects.toThrow(
      /after the first gzip member/,
    );
    await expect(readBodyBytes(concat(g, gz('x')), { singleMember: true })).rejects.toMatchObject({
      code: 'INVALID_GZIP',
    });
    expect(new TextDecoder().decode(await readBodyBytes(concat(g, gzipSync('!'))))).toBe(`${text}!`);
    await expect(readBodyBytes(g, { maxBytes: 10 })).rejects.toMatchObject({ code: 'RECORD_TOO_LARGE' });
  });
});
