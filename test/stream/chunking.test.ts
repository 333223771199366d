import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../src/index.js';
import { chunk, collect, gz, logFileText, sampleRecords } from '../helpers/records.js';

const records = sampleRecords(3);
const plain = new TextEncoder().encode(logFileText(records));

describe('chunk boundaries', () => {
  it('1-byte chunks, plain and gzip', async () => {
    expect(await collect(readRecords(chunk(plain, [1])))).toEqual(records);
    expect(await collect(readRecords(chunk(gz(plain), [1])))).toEqual(records);
  });

  it('every 2-way split of the plain body (incl. inside multibyte UTF-8, escapes, strings with braces)', async () => {
    for (let at = 1; at < plain.length; at++) {
      const out = await collect(readRecords([plain.subarray(0, at), plain.subarray(at)]));
      expect(out, `split at ${at}`).toEqual(records);
    }
  });

  it('every 2-way split of the gzip body', async () => {
    const g = gz(plain);
    for (let at = 1; at < g.length; at++) {
      const out = await collect(readRecords([g.subarray(0, at), g.subarray(at)]));
      expect(out.length, `split at ${at}`).toBe(records.length);
    }
  });

  it('a UTF-8 character split across chunks keeps its value', async () => {
    const text = '{"Records":[{"eventVersion":"1.11","userAgent":"😀é"}]}';
    const bytes = new TextEncoder().encode(text);
    const emoji = text.indexOf('😀');
    const at = new TextEncoder().encode(text.slice(0, emoji)).length + 2;
    const out = await collect(readRecords([bytes.subarray(0, at), bytes.subarray(at)]));
    expect(out[0]?.userAgent).toBe('😀é');
  });

  it('strings ending in a backslash, quotes and braces inside strings', async () => {
    const tricky = [
      { eventVersion: '1.0', a: '\\', b: '"}', c: '{[', d: '\\"', e: 'x\\\\' },
      { eventVersion: '1.0', Records: [{ decoy: true }], f: '\u2028\u2029\u0000' },
    ];
    const bytes = new TextEncoder().encode(logFileText(tricky));
    for (let at = 1; at < bytes.length; at++) {
      expect(await collect(readRecords(chunk(bytes, [at])))).toEqual(tricky);
    }
  });

  it('property: random chunkings of a gzip or plain body give identical records', async () => {
    const g = gz(plain);
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }),
        async (useGzip, sizes) => {
          const out = await collect(readRecords(chunk(useGzip ? g : plain, sizes)));
          expect(out).toEqual(records);
        },
      ),
      { numRuns: 200 },
    );
  });
});
