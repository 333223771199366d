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
   * Throws on corrupt deflate data. An asynchronous inflater (a native stream) returns a promise
   * of the same, and has all output delivered when it settles.
   */
  push(input: Uint8Array): Uint8Array | undefined | Promise<Uint8Array | undefined>;
  /** Frees what it holds (a native handle) when the stream is dropped before its end. */
  close?(): void;
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
  /** Inflates asynchronously (its `push` returns promises): the decoder's `push` does too. */
  readonly async?: boolean | undefined;
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
  /** output of the last push: the next one likely needs as much room */
  let last = 0;
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
      // room for this push's output after the 32 KiB window, so fflate need not grow its buffer
      // by doubling and copying (a streamed body gets a small buffer back after every push)
      const window = inf.s?.b ?? 0;
      const room = window + INFLATE_HEADROOM + last + (last >> 1);
      if (inf.o !== undefined && inf.o.length < room) {
        if (scratch.length < room) scratch = new Uint8Array(room);
        scratch.set(inf.o.subarray(0, window));
        inf.o = scratch;
      }
      inflater.push(input, false);
      // output passed on only now that fflate is done with its buffer (onData may inflate too)
      last = out?.length ?? 0;
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

/** A `node:zlib` `InflateRaw` stream, as used here. */
interface InflateRawStream {
  readonly bytesWritten: number;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
  destroy(): unknown;
}

/** The parts of `node:zlib` a native inflater uses (structural: no `node:` import here). */
export interface ZlibLike {
  inflateRawSync(
    input: Uint8Array,
    options: { info: true; maxOutputLength?: number | undefined; chunkSize?: number | undefined },
  ): unknown;
  createInflateRaw?: ((options: { chunkSize: number }) => InflateRawStream) | undefined;
  crc32?: ((data: Uint8Array, value?: number) => number) | undefined;
}

const nativeCrc32 = (zlib: ZlibLike) => {
  const crc = zlib.crc32;
  return crc === undefined ? undefined : (data: Uint8Array, value: number) => crc(data, value);
};

/** Output chunk of the native stream inflater: far fewer thread-pool round trips than zlib's 16 KiB. */
const NATIVE_CHUNK = 256 * 1024;

/**
 * @internal A native streaming inflater over Node's zlib `InflateRaw` stream (it inflates on the
 * thread pool, so `push` returns a promise). Where the deflate stream ended is told by
 * `bytesWritten`, the input zlib consumed: what is left starts with the trailer, and the framing
 * stays the gzip module's.
 */
export function zlibStreamInflater(
  zlib: ZlibLike & { createInflateRaw: NonNullable<ZlibLike['createInflateRaw']> },
): InflaterFactory {
  const factory = (onData: (chunk: Uint8Array) => void, budget: number): RawInflater => {
    const stream = zlib.createInflateRaw({ chunkSize: NATIVE_CHUNK });
    let failure: { error: unknown } | undefined;
    let ended = false;
    let output = 0;
    let written = 0;
    let reject: ((error: unknown) => void) | undefined;
    /** output not yet passed on: it goes after zlib's callback returns, while zlib inflates on */
    let queue: Uint8Array[] = [];
    let draining = false;
    const fail = (error: unknown) => {
      failure ??= { error };
      queue = [];
      stream.destroy();
      reject?.(failure.error);
    };
    const drain = () => {
      draining = false;
      const chunks = queue;
      queue = [];
      try {
        for (const chunk of chunks) if (failure === undefined) onData(chunk);
      } catch (error) {
        fail(error);
      }
    };
    stream.on('data', (chunk) => {
      if (failure !== undefined) return;
      output += chunk.length;
      if (output > budget) return fail(new OutputLimit());
      queue.push(chunk);
      if (!draining) {
        draining = true;
        queueMicrotask(drain);
      }
    });
    stream.on('end', () => {
      ended = true;
    });
    stream.on('error', fail);
    return {
      push(input) {
        if (failure !== undefined) return Promise.reject(failure.error);
        return new Promise<Uint8Array | undefined>((resolve, rej) => {
          reject = rej;
          stream.write(input, () => {
            // all of this input's output is passed on before the push settles
            if (queue.length > 0) drain();
            reject = undefined;
            if (failure !== undefined) return rej(failure.error);
            const used = stream.bytesWritten - written;
            written = stream.bytesWritten;
            // zlib stops taking input at the end of the deflate stream
            if (!ended && used === input.length) return resolve(undefined);
            stream.destroy();
            resolve(input.subarray(used));
          });
        });
      },
      close() {
        queue = [];
        stream.destroy();
      },
    };
  };
  return Object.assign(factory, { async: true, crc32: nativeCrc32(zlib) });
}

const MIN_CHUNK = 16 * 1024;
const MAX_CHUNK = 8 * 1024 * 1024;

/**
 * @internal A native inflater over Node's zlib (also in Bun and Deno's Node layer): one
 * `inflateRawSync` per member, which says how much input the deflate stream used, so the framing
 * (headers, CRC-32 and length, members, padding) stays the gzip module's. Whole bodies only: it
 * needs each member whole in one push.
 */
export function zlibInflater(zlib: ZlibLike): InflaterFactory {
  const factory = (onData: (chunk: Uint8Array) => void, budget: number, sizeHint?: number): RawInflater => ({
    push(input) {
      let r: { buffer: Uint8Array; engine: { bytesWritten: number } };
      try {
        const maxOutputLength = Number.isFinite(budget) ? Math.max(1, budget) : undefined;
        // one output buffer of the expected size spares zlib's 16 KiB pieces and their joining
        const chunkSize = Math.max(MIN_CHUNK, Math.min((sizeHint ?? 0) + 64, MAX_CHUNK, maxOutputLength ?? MAX_CHUNK));
        r = zlib.inflateRawSync(input, { info: true, maxOutputLength, chunkSize }) as typeof r;
      } catch (e) {
        if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new OutputLimit();
        throw e;
      }
      if (r.buffer.length > 0) onData(r.buffer);
      return input.subarray(r.engine.bytesWritten);
    },
  });
  return Object.assign(factory, { whole: true, crc32: nativeCrc32(zlib) });
}
