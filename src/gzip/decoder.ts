/**
 * The one gzip decoder: our own member framing (header flags incl. `FHCRC`, CRC-32 and ISIZE
 * trailers, several members, trailing zero padding, garbage detection) around a pluggable
 * raw-deflate inflater. Push-based, so that it serves streams and whole buffers alike.
 *
 * @internal
 * @module
 */
import { joinBytes, uint32le } from '../bytes.js';
import { crc32 } from './crc32.js';
import { gzipError, headerLength } from './header.js';
import { fflateInflater, type InflaterFactory, OutputLimit, type RawInflater } from './inflater.js';
import { inflaters } from './native.js';

enum State {
  Header = 0,
  Body = 1,
  Trailer = 2,
  Padding = 3,
}

const MAX_HEADER = 1 << 20;
/** Input slice fed to the inflater at once: its output buffer grows by copying. */
const SLICE = 16 * 1024;
/** Largest size hint taken, per compressed byte (a lying trailer cannot force a huge buffer). */
const MAX_HINT_RATIO = 64;
const EMPTY = new Uint8Array(0);

/** @internal Options of {@link GunzipDecoder}. */
export interface GunzipOptions {
  /**
   * Accept exactly one member and nothing after it (not even zero padding): the rule of
   * CloudTrail's integrity validation, where any data after the member is tampering.
   */
  singleMember?: boolean | undefined;
  /** Called after each member's CRC-32 and length checked out: all output so far is verified. */
  onMemberEnd?: (() => void) | undefined;
  /** The raw-deflate inflater (default: fflate's). */
  inflater?: InflaterFactory | undefined;
  /** Most inflated bytes wanted (default: no limit); a native inflater stops there with {@link OutputLimit}. */
  maxOutput?: number | undefined;
  /**
   * Expected inflated size of the first member, only to size the inflater's output buffer
   * (clamped to `maxOutput`; the trailer checks are unchanged).
   */
  sizeHint?: number | undefined;
}

/**
 * @internal Push-based gzip decoder. Each inflated chunk goes to `onData` in order. Throws
 * `INVALID_GZIP` on a damaged stream: bad header or header CRC, corrupt deflate data, CRC-32 or
 * length mismatch, a truncated member, or non-zero data after a member. Errors thrown by
 * `onData` pass through unchanged.
 */
export class GunzipDecoder {
  #state = State.Header;
  #pending: Uint8Array = EMPTY;
  #inflater: RawInflater | undefined;
  #crc = 0;
  #size = 0;
  #members = 0;
  /** compressed bytes consumed before `pending` */
  #consumed = 0;
  #callbackError: { error: unknown } | undefined;
  /** inflated bytes of every member */
  #total = 0;
  readonly #emit: (chunk: Uint8Array) => void;
  readonly #options: GunzipOptions;
  readonly #factory: InflaterFactory;

  constructor(onData: (chunk: Uint8Array) => void, options: GunzipOptions = {}) {
    this.#options = options;
    this.#factory = options.inflater ?? fflateInflater;
    const crc = this.#factory.crc32 ?? crc32;
    this.#emit = (data) => {
      this.#crc = crc(data, this.#crc);
      this.#size = (this.#size + data.length) >>> 0;
      this.#total += data.length;
      try {
        onData(data);
      } catch (error) {
        this.#callbackError = { error };
        throw error;
      }
    };
  }

  /**
   * Feeds compressed bytes. With an asynchronous (native stream) inflater it returns a promise,
   * settled once every byte of `chunk` is inflated and checked; push again only after that.
   */
  push(chunk: Uint8Array): Promise<void> | undefined {
    // one size with or without a hint: a 16 KiB slice of a bomb inflates to ~16.5 MB at most
    const slice = SLICE;
    if (chunk.length > slice && !this.#factory.whole && !this.#factory.async) {
      for (let at = 0; at < chunk.length; at += slice) this.#pushSlice(chunk.subarray(at, at + slice));
      return undefined;
    }
    return this.#pushSlice(chunk);
  }

  /** Frees the inflater of a stream dropped before its end. */
  close(): void {
    this.#inflater?.close?.();
    this.#inflater = undefined;
  }

  /** Call after the last chunk: throws if the stream ended inside a member or held no member. */
  finish(): void {
    this.close();
    if (this.#state === State.Body || this.#state === State.Trailer) {
      throw gzipError(
        `gzip stream truncated inside member ${this.#members + 1} (after ${this.#consumed} compressed bytes)`,
      );
    }
    if (this.#state === State.Header && this.#pending.length > 0) {
      throw gzipError(`gzip stream truncated inside a member header at compressed byte ${this.#consumed}`);
    }
    if (this.#members === 0) throw gzipError('empty gzip stream');
  }

  #pushSlice(chunk: Uint8Array): Promise<void> | undefined {
    let input = chunk;
    if (this.#pending.length > 0) {
      input = joinBytes([this.#pending, chunk]);
      this.#pending = EMPTY;
    }
    return this.#run(input);
  }

  /** The member state machine over `input`; a promise while an asynchronous inflater works. */
  #run(input: Uint8Array): Promise<void> | undefined {
    while (input.length > 0) {
      switch (this.#state) {
        case State.Header: {
          if (this.#members > 0) {
            if (this.#options.singleMember) {
              throw gzipError(`data after the first gzip member at compressed byte ${this.#consumed}`);
            }
            if (input[0] === 0) {
              this.#state = State.Padding;
              continue;
            }
            if (input[0] !== 0x1f) {
              throw gzipError(`unexpected data after gzip member ${this.#members} at compressed byte ${this.#consumed}`);
            }
          }
          const len = headerLength(input, this.#consumed);
          if (len < 0) {
            if (input.length > MAX_HEADER) throw gzipError(`gzip header longer than ${MAX_HEADER} bytes`);
            this.#pending = input;
            return;
          }
          this.#consumed += len;
          input = input.subarray(len);
          this.#crc = 0;
          this.#size = 0;
          this.#state = State.Body;
          const budget = (this.#options.maxOutput ?? Number.POSITIVE_INFINITY) - this.#total;
          const hint = this.#options.sizeHint;
          this.#inflater = this.#factory(
            this.#emit,
            budget,
            hint === undefined || this.#members > 0 ? undefined : Math.min(hint, budget),
          );
          break;
        }
        case State.Body: {
          const rest = this.#inflate(input);
          if (rest instanceof Promise) return rest.then((left) => this.#run(left));
          input = rest;
          break;
        }
        case State.Trailer: {
          if (input.length < 8) {
            this.#pending = input;
            return undefined;
          }
          this.#checkTrailer(input);
          this.#consumed += 8;
          input = input.subarray(8);
          this.#members++;
          this.#state = State.Header;
          this.#options.onMemberEnd?.();
          break;
        }
        case State.Padding: {
          for (let i = 0; i < input.length; i++) {
            if (input[i] !== 0)
              throw gzipError(`non-zero byte after gzip padding at compressed byte ${this.#consumed + i}`);
          }
          this.#consumed += input.length;
          return undefined;
        }
      }
    }
    return undefined;
  }

  /** Feeds deflate data; returns the input left after the end of the deflate stream. */
  #inflate(input: Uint8Array): Uint8Array | Promise<Uint8Array> {
    let rest: Uint8Array | undefined | Promise<Uint8Array | undefined>;
    try {
      rest = (this.#inflater as RawInflater).push(input);
    } catch (e) {
      throw this.#inflateError(e);
    }
    if (rest instanceof Promise) {
      return rest.then(
        (left) => this.#inflated(input, left),
        (e) => {
          throw this.#inflateError(e);
        },
      );
    }
    return this.#inflated(input, rest);
  }

  /** Errors of our own `onData` and output limits pass through; others are corrupt data. */
  #inflateError(e: unknown): unknown {
    const own = this.#callbackError;
    if ((own !== undefined && own.error === e) || e instanceof OutputLimit) return e;
    return gzipError(`corrupt deflate data in gzip member ${this.#members + 1}: ${(e as Error).message}`, e);
  }

  #inflated(input: Uint8Array, rest: Uint8Array | undefined): Uint8Array {
    if (rest === undefined) {
      this.#consumed += input.length;
      return EMPTY;
    }
    this.#consumed += input.length - rest.length;
    this.#inflater = undefined;
    this.#state = State.Trailer;
    return rest;
  }

  #checkTrailer(t: Uint8Array): void {
    if (uint32le(t, 0) !== this.#crc) {
      throw gzipError(
        `gzip CRC-32 mismatch in member ${this.#members + 1}: data is corrupt (compressed byte ${this.#consumed})`,
      );
    }
    const isize = uint32le(t, 4);
    if (isize !== this.#size) {
      throw gzipError(
        `gzip length mismatch in member ${this.#members + 1}: trailer says ${isize}, inflated ${this.#size}`,
      );
    }
  }
}

/** thrown (once made) when a whole body is over its limit: an error's stack costs per body */
let tooBig: OutputLimit | undefined;

/**
 * @internal Inflates a whole gzip body in one go, with every check of {@link GunzipDecoder}.
 * The last four bytes (the last member's length trailer, when the body is well-formed) size the
 * output buffer, at most {@link MAX_HINT_RATIO} times the body: a hint, checked like any trailer.
 * @returns `undefined` when the output would exceed `maxBytes`
 */
export function gunzipWhole(
  bytes: Uint8Array,
  maxBytes = Number.POSITIVE_INFINITY,
  options: GunzipOptions = {},
): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    const gunzip = new GunzipDecoder(
      (data) => {
        size += data.length;
        if (size > maxBytes) throw (tooBig ??= new OutputLimit());
        parts.push(data);
      },
      {
        inflater: inflaters().whole,
        ...options,
        maxOutput: maxBytes,
        sizeHint:
          bytes.length < 18 ? undefined : Math.min(uint32le(bytes, bytes.length - 4), MAX_HINT_RATIO * bytes.length),
      },
    );
    gunzip.push(bytes);
    gunzip.finish();
  } catch (e) {
    if (e instanceof OutputLimit) return undefined;
    throw e;
  }
  return joinBytes(parts, size);
}
