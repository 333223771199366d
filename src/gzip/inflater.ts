/**
 * The pluggable raw-deflate inflater under the gzip framing of `decoder.ts`. The framing (headers,
 * CRC-32, lengths, members, padding) is ours; an inflater only turns one deflate stream into
 * bytes and says where that stream ended, so that the trailer can be found.
 *
 * @internal
 * @module
 */
import { Inflate } from 'fflate';

/** @internal One raw-deflate stream being inflated. */
export interface RawInflater {
  /**
   * Feeds compressed bytes (output goes to the factory's `onData`, in order). Returns the input
   * left after the end of the deflate stream once it has ended (possibly empty), else `undefined`.
   * Throws on corrupt deflate data.
   */
  push(input: Uint8Array): Uint8Array | undefined;
}

/**
 * @internal Makes an inflater for one deflate stream. `budget`: the most output the caller
 * accepts (an inflater that can stop there throws {@link OutputLimit} instead of going on).
 */
export interface InflaterFactory {
  (onData: (chunk: Uint8Array) => void, budget: number): RawInflater;
  /** Wants all the input it can get at once (a one-shot native inflater), not 16 KiB slices. */
  readonly whole?: boolean | undefined;
  /** A native CRC-32, when the runtime has one (same contract as `crc32.ts`). */
  readonly crc32?: ((data: Uint8Array, crc: number) => number) | undefined;
}

/** @internal Thrown by an inflater whose output would exceed its budget. */
export class OutputLimit extends Error {
  constructor() {
    super('inflated output over the budget');
  }
}

/**
 * The fields of fflate's `Inflate` state read here. They are not public API: `fflate` is pinned to
 * an exact version in package.json, and a test checks that an end of stream is still found.
 */
interface InflateInternals {
  /** inflate state: f = final block seen, l = inside a block, p = bit position in `p` */
  s: { f?: number; l?: unknown; p?: number };
  /** unconsumed input */
  p: Uint8Array;
}

/** @internal fflate's pure-JavaScript inflater (every runtime). */
export const fflateInflater: InflaterFactory = (onData) => {
  const inflater = new Inflate((data: Uint8Array) => {
    if (data.length > 0) onData(data);
  });
  const inf = inflater as unknown as InflateInternals;
  return {
    push(input) {
      inflater.push(input, false);
      const st = inf.s;
      if (st === undefined || inf.p === undefined)
        throw new Error('unsupported fflate version (inflate state not found)');
      if (!st.f || st.l) return undefined;
      // the deflate stream ended: what is left of the input starts with the trailer
      return inf.p.subarray(((st.p ?? 0) + 7) >>> 3);
    },
  };
};

/** The parts of `node:zlib` a native inflater uses (structural: no `node:` import here). */
export interface ZlibLike {
  inflateRawSync(input: Uint8Array, options: { info: true; maxOutputLength?: number | undefined }): unknown;
  crc32?: ((data: Uint8Array, value?: number) => number) | undefined;
}

/**
 * @internal A native inflater over Node's zlib (also in Bun and Deno's Node layer): one
 * `inflateRawSync` per member, which says how much input the deflate stream used, so the framing
 * (headers, CRC-32 and length, members, padding) stays the gzip module's. Whole bodies only: it
 * needs each member whole in one push.
 */
export function zlibInflater(zlib: ZlibLike): InflaterFactory {
  const nativeCrc = zlib.crc32;
  const factory = (onData: (chunk: Uint8Array) => void, budget: number): RawInflater => ({
    push(input) {
      let r: { buffer: Uint8Array; engine: { bytesWritten: number } };
      try {
        const maxOutputLength = Number.isFinite(budget) ? Math.max(1, budget) : undefined;
        r = zlib.inflateRawSync(input, { info: true, maxOutputLength }) as typeof r;
      } catch (e) {
        if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new OutputLimit();
        throw e;
      }
      if (r.buffer.length > 0) onData(r.buffer);
      return input.subarray(r.engine.bytesWritten);
    },
  });
  return Object.assign(factory, {
    whole: true,
    crc32: nativeCrc === undefined ? undefined : (data: Uint8Array, crc: number) => nativeCrc(data, crc),
  });
}
