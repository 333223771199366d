/**
 * The one gzip module: the same framing over every inflater. fflate's (every runtime, streamed)
 * and Node's zlib (whole bodies in `./node`) must give the same bytes or both `INVALID_GZIP`,
 * and agree with node:zlib's own gunzip where its rules are ours.
 */
import { readFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { gunzipSync, gzipSync, crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/gzip/crc32.js';
import { gunzipDecoder, gunzipWhole } from '../../src/gzip/decoder.js';
import { fflateInflater, zlibInflater as zlibInflaterOf, zlibStreamInflater } from '../../src/gzip/inflater.js';
import { applyDamage, damage } from '../hardening/arbitraries.js';

const zlibInflater = zlibInflaterOf(zlib);

const RUNS = { numRuns: process.env.CI ? 500 : 200 } as const;

type Result = { bytes: string } | { code: string };

function run(f: () => Uint8Array | undefined): Result {
  try {
    const out = f();
    return out === undefined ? { code: 'LIMIT' } : { bytes: Buffer.from(out).toString('hex') };
  } catch (e) {
    return { code: (e as { code?: string }).code ?? String(e) };
  }
}

/** node:zlib with our rules on top: only zero bytes may follow the last member. */
function oracle(bytes: Uint8Array): Result {
  try {
    const r = gunzipSync(bytes, { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    if (bytes.subarray(r.engine.bytesWritten).some((b) => b !== 0)) return { code: 'INVALID_GZIP' };
    return { bytes: r.buffer.toString('hex') };
  } catch {
    return { code: 'INVALID_GZIP' };
  }
}

async function runAsync(f: () => Promise<Uint8Array>): Promise<Result> {
  try {
    return { bytes: Buffer.from(await f()).toString('hex') };
  } catch (e) {
    return { code: (e as { code?: string }).code ?? String(e) };
  }
}

/** The streaming decoder over zlib's InflateRaw stream (asynchronous), fed in chunks of `size`. */
async function streamedNative(bytes: Uint8Array, size: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const d = gunzipDecoder((c) => parts.push(c.slice()), { inflater: zlibStreamInflater(zlib) });
  try {
    for (let at = 0; at < bytes.length; at += size) await d.push(bytes.subarray(at, at + size));
    d.finish();
  } finally {
    d.close();
  }
  return Buffer.concat(parts);
}

/** The streaming decoder fed in chunks of `size`. */
function streamed(bytes: Uint8Array, size: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = gunzipDecoder((c) => parts.push(c.slice()));
  for (let at = 0; at < bytes.length; at += size) d.push(bytes.subarray(at, at + size));
  d.finish();
  return Buffer.concat(parts);
}

const members = fc
  .array(fc.tuple(fc.uint8Array({ maxLength: 3000 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 3 })
  .chain((ms) =>
    fc
      .tuple(fc.constant(ms), fc.integer({ min: 0, max: 9 }))
      .map(([m, padding]) =>
        Buffer.concat([...m.map(([data, level]) => gzipSync(data, { level })), Buffer.alloc(padding)]),
      ),
  );

describe('gzip framing over every inflater', () => {
  it('fflate (whole, streamed at any chunking), zlib (whole, and streamed on the thread pool) and the oracle agree on damaged and intact bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        members,
        fc.array(damage(), { maxLength: 2 }),
        fc.integer({ min: 1, max: 5000 }),
        async (good, damages, size) => {
          const bad = damages.reduce(applyDamage, new Uint8Array(good));
          const want = oracle(bad);
          expect(run(() => gunzipWhole(bad, Number.POSITIVE_INFINITY, { inflater: fflateInflater }))).toEqual(want);
          expect(run(() => gunzipWhole(bad, Number.POSITIVE_INFINITY, { inflater: zlibInflater }))).toEqual(want);
          expect(run(() => streamed(bad, size))).toEqual(want);
          expect(await runAsync(() => streamedNative(bad, size))).toEqual(want);
        },
      ),
      RUNS,
    );
  });

  it('a size limit stops both inflaters (undefined, not an error)', () => {
    const bomb = gzipSync(Buffer.alloc(8 << 20));
    expect(gunzipWhole(bomb, 1 << 20)).toBeUndefined();
    expect(gunzipWhole(bomb, 1 << 20, { inflater: zlibInflater })).toBeUndefined();
    expect(gunzipWhole(bomb, 8 << 20, { inflater: zlibInflater })?.length).toBe(8 << 20);
  });

  it('the length trailer only sizes the output buffer: a lying one changes nothing', () => {
    // text that inflates over several slices, so that the buffer the trailer sized is outgrown
    const text = Array.from({ length: 40_000 }, (_, i) => `${i * 7919}-${(i * 104729) % 65521}`).join(',');
    const body = gzipSync(text, { level: 1 });
    for (const isize of [0, 1, 1000, text.length, 0xffffffff]) {
      const bad = new Uint8Array(body);
      new DataView(bad.buffer).setUint32(bad.length - 4, isize, true);
      expect(run(() => gunzipWhole(bad))).toEqual(oracle(bad));
    }
    expect(Buffer.from(gunzipWhole(body) as Uint8Array).toString()).toBe(text);
  });

  it('an output handler that inflates another body meanwhile gets its own bytes', () => {
    // pushed in two halves: the second half refers back to what the first one inflated
    const text = Array.from({ length: 3000 }, (_, i) => `${i % 97}-${(i * 31) % 89}`).join(',');
    const body = gzipSync(text);
    const other = 'c'.repeat(20_000);
    const parts: Uint8Array[] = [];
    const d = gunzipDecoder(
      (c) => {
        parts.push(c);
        expect(Buffer.from(gunzipWhole(gzipSync(other)) as Uint8Array).toString()).toBe(other);
      },
      { sizeHint: text.length },
    );
    const half = body.length >> 1;
    d.push(body.subarray(0, half));
    d.push(body.subarray(half));
    d.finish();
    expect(Buffer.concat(parts).toString()).toBe(text);
  });

  it('bytes between the deflate data and the trailer, or a doubled trailer, are INVALID_GZIP', () => {
    const g = gzipSync('{"Records":[]}');
    const trailer = g.subarray(g.length - 8);
    const junk = Buffer.concat([g.subarray(0, g.length - 8), Buffer.from([0]), trailer]);
    const doubled = Buffer.concat([g, trailer]);
    for (const bad of [junk, doubled]) {
      expect(run(() => gunzipWhole(bad))).toEqual({ code: 'INVALID_GZIP' });
      expect(run(() => gunzipWhole(bad, Number.POSITIVE_INFINITY, { inflater: zlibInflater }))).toEqual({
        code: 'INVALID_GZIP',
      });
    }
  });

  it('our CRC-32 is zlib’s', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(), (data, seed) => {
        expect(crc32(data, seed >>> 0)).toBe(zlibCrc32(data, seed >>> 0));
      }),
    );
  });

  it('fflate is pinned exactly (its inflater state is read to find the end of a deflate stream)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies.fflate).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = JSON.parse(
      readFileSync(new URL('../../node_modules/fflate/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(installed.version).toBe(pkg.dependencies.fflate);
  });
});
