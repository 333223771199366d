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
  /** `sizeHint`: the expected output size, only to size a buffer (never trusted: it may lie). */
  (onData: (chunk: Uint8Array) => void, budget: number, sizeHint?: number): RawInflater;
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
  /** inflate state: f = final block seen, l = inside a block, p = bit position in `p`, b = bytes in `o` */
  s: { f?: number; l?: unknown; p?: number; b?: number };
  /** unconsumed input */
  p: Uint8Array;
  /** output buffer (the 32 KiB window, empty until `s.b`), grown by doubling when too small */
  o: Uint8Array;
}

/** fflate grows its output buffer unless it has room for this much more than what is written. */
const INFLATE_HEADROOM = 128 * 1024;
/** Largest output buffer kept for reuse between inflaters (fflate copies out of it). */
const SCRATCH_MAX = 1024 * 1024;
let scratch = new Uint8Array(0);

/** @internal fflate's pure-JavaScript inflater (every runtime). */
export const fflateInflater: InflaterFactory = (onData, _budget, sizeHint) => {
  let out: Uint8Array | undefined;
  const inflater = new Inflate((data: Uint8Array) => {
    out = data;
  });
  const inf = inflater as unknown as InflateInternals;
  if (sizeHint !== undefined && inf.s?.b === 0) {
    // an output buffer as big as the expected output spares fflate's repeated growing (a
    // wrong hint only costs a copy or unused room). Its contents do not matter: fflate writes
    // from byte 0 and copies the output and window out of it before `push` returns.
    const size = sizeHint + INFLATE_HEADROOM;
    inf.o =
      size > SCRATCH_MAX ? new Uint8Array(size) : scratch.length >= size ? scratch : (scratch = new Uint8Array(size));
  }
  return {
    push(input) {
      inflater.push(input, false);
      // output passed on only now that fflate is done with its buffer (onData may inflate too)
      if (out !== undefined && out.length > 0) onData(out);
      out = undefined;
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
