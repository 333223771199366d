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

/** @internal Makes an inflater for one deflate stream. */
export type InflaterFactory = (onData: (chunk: Uint8Array) => void) => RawInflater;

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
