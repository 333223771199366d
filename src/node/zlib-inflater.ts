/**
 * Node's native inflater (zlib) behind the gzip module's pluggable inflater, for whole bodies
 * held in memory: one `inflateRawSync` per member, which says how much input the deflate stream
 * used, so the framing (headers, CRC-32 and length, members, padding) stays the gzip module's.
 * Node only (it lives in `./node`), never reached from the core.
 *
 * @internal
 * @module
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { type InflaterFactory, OutputLimit } from '../gzip/inflater.js';

interface InflateInfo {
  buffer: Buffer;
  engine: { bytesWritten: number };
}

/** @internal zlib's inflater: takes a whole member at once; CRC-32 natively. */
export const zlibInflater: InflaterFactory = Object.assign(
  (onData: (chunk: Uint8Array) => void, budget: number) => ({
    push(input: Uint8Array): Uint8Array {
      let r: InflateInfo;
      try {
        const maxOutputLength = Number.isFinite(budget) ? Math.max(1, budget) : undefined;
        r = inflateRawSync(input, { info: true, maxOutputLength }) as unknown as InflateInfo;
      } catch (e) {
        if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new OutputLimit();
        throw e;
      }
      if (r.buffer.length > 0) onData(r.buffer);
      return input.subarray(r.engine.bytesWritten);
    },
  }),
  { whole: true, crc32: (data: Uint8Array, value: number) => crc32(data, value) },
);
