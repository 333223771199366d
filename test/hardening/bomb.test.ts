/**
 * Gzip bombs: a few hundred KiB to 1 MiB of gzip that inflate to 256 MiB - 1 GiB must stop with
 * RECORD_TOO_LARGE (or INVALID_JSON) while memory stays bounded. Kept in its own file so that
 * `process.resourceUsage().maxRSS` (a per-process peak) is measured in a fresh worker.
 */
import { constants, crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { isCloudTrailParseError, type LogBody, readRecords } from '../../src/index.js';

const MiB = 1024 * 1024;
const RSS_BUDGET = 200 * MiB;

/**
 * A single-member gzip of `prefix` followed by `mib` MiB of `fill` bytes, built from one
 * full-flushed deflate block repeated (so building a 1 GiB bomb costs milliseconds). With
 * `crc: false` the trailer's CRC-32 is left 0 (a reader that stops early never reaches it).
 */
function bomb(prefix: string, mib: number, fill: number, crc = true): Uint8Array {
  const head = Buffer.from(prefix);
  const block = Buffer.alloc(16 * MiB, fill);
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255])];
  parts.push(deflateRawSync(head, flush));
  const z = deflateRawSync(block, flush);
  let sum = crc32(head);
  for (let i = 0; i < mib / 16; i++) {
    parts.push(z);
    if (crc) sum = crc32(block, sum);
  }
  parts.push(Buffer.from([0x03, 0x00])); // final empty fixed-Huffman block
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc ? sum >>> 0 : 0, 0);
  trailer.writeUInt32LE((head.length + mib * MiB) >>> 0, 4);
  parts.push(trailer);
  return new Uint8Array(Buffer.concat(parts));
}

/** Delivers bytes in chunks of `size`, like a network stream. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

/** Runs `read`, returns its error and the RSS growth (sampled, and from the process peak). */
async function measure(body: LogBody, maxRecordBytes: number) {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  let error: unknown;
  let count = 0;
  try {
    for await (const _ of readRecords(body, { maxRecordBytes })) count++;
  } catch (e) {
    error = e;
  } finally {
    clearInterval(timer);
  }
  if (process.env.HARDENING_VERBOSE) console.log({ growthMiB: (peak - before) / MiB });
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  return { error, count, growth: peak - before };
}

const code = (e: unknown) => (isCloudTrailParseError(e) ? e.code : e);

describe('gzip bombs', () => {
  it('builds a real bomb: 1 GiB of zeros from about 1 MiB, a valid gzip member', () => {
    const small = bomb('{"Records":[{"a":"', 16, 0x78);
    // zlib agrees that the hand-made member is valid (CRC and length included)
    const inflated = gunzipSync(small);
    expect(inflated.length).toBe(18 + 16 * MiB);
    const big = bomb('{"Records":[{"a":"', 1024, 0, false);
    expect(big.length).toBeLessThan(1.2 * MiB);
  });

  it('1 GiB of zeros in a record string, streamed in 16 KiB chunks: RECORD_TOO_LARGE, bounded memory', async () => {
    const gz = bomb('{"Records":[{"a":"', 1024, 0, false);
    const r = await measure(chunked(gz, 16 * 1024), 4 * MiB);
    expect(code(r.error)).toBe('RECORD_TOO_LARGE');
    expect(r.count).toBe(0);
    expect(r.growth).toBeLessThan(RSS_BUDGET);
  });

  it('an endless string "xxx..." (1 GiB) streamed: RECORD_TOO_LARGE, bounded memory', async () => {
    const gz = bomb('{"Records":[{"eventVersion":"1.11"},{"userAgent":"', 1024, 0x78, false);
    const r = await measure(chunked(gz, 16 * 1024), 4 * MiB);
    expect(code(r.error)).toBe('RECORD_TOO_LARGE');
    // the record before the bomb waits for its gzip member's CRC check, which the bomb never reaches
    expect(r.count).toBeLessThanOrEqual(1);
    expect(r.growth).toBeLessThan(RSS_BUDGET);
  });

  it('a bomb in a top-level key before "Records" (1 GiB): RECORD_TOO_LARGE, bounded memory', async () => {
    const gz = bomb('{"x":"', 1024, 0x78, false);
    const r = await measure(chunked(gz, 16 * 1024), 4 * MiB);
    expect(code(r.error)).toBe('RECORD_TOO_LARGE');
    expect(r.growth).toBeLessThan(RSS_BUDGET);
  });

  it('1 GiB of zeros at the top level: INVALID_JSON at once', async () => {
    const gz = bomb('', 1024, 0, false);
    const r = await measure(chunked(gz, 16 * 1024), 4 * MiB);
    expect(code(r.error)).toBe('INVALID_JSON');
    expect(r.growth).toBeLessThan(RSS_BUDGET);
  });

  // Found by this test (reported): when the whole compressed input of one push went to fflate's
  // Inflate at once, one Uint8Array body (e.g. `transformToByteArray()`) of 250 KiB inflated to
  // 256 MiB before the scanner could stop it (+509 MiB RSS, 6 s): memory was bounded by
  // ~1032 x the compressed chunk size, not by maxRecordBytes.
  it('256 MiB of x from one 250 KiB Uint8Array body: RECORD_TOO_LARGE, bounded memory', async () => {
    const gz = bomb('{"Records":[{"a":"', 256, 0x78, false);
    const r = await measure(gz, 4 * MiB);
    expect(code(r.error)).toBe('RECORD_TOO_LARGE');
    expect(r.growth).toBeLessThan(RSS_BUDGET);
  });

  // Records used to be amplified without bound: all records of one input chunk were parsed into an
  // array before the first was yielded (1M tiny records from 51 KB of gzip held 1M objects before the
  // first). Work is counted, not timed (the latency is measured by scripts/bench/adversarial.mjs):
  // the records parsed before the first one is yielded are one inflated chunk's worth, a small
  // fraction of the file.
  it('a record-amplification bomb (1M tiny records from 51 KB of gzip): first record after a bounded amount of work', async () => {
    const text = `{"Records":[${'{"eventVersion":"1"},'.repeat(1_000_000)}{}]}`;
    for (const body of [new Uint8Array(gzipSync(text)), new TextEncoder().encode(text)]) {
      const parse = vi.spyOn(JSON, 'parse');
      const it = readRecords(body);
      try {
        expect((await it.next()).done).toBe(false);
        expect(parse.mock.calls.length, 'records parsed before the first was yielded').toBeLessThan(100_000);
      } finally {
        parse.mockRestore();
        await it.return?.();
      }
    }
  });
});
