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

/** @internal A push-based gzip decoder: {@link gunzipDecoder}. */
export interface GunzipDecoder {
  /**
   * Feeds compressed bytes. With an asynchronous (native stream) inflater it returns a promise,
   * settled once every byte of `chunk` is inflated and checked; push again only after that.
   */
  push(chunk: Uint8Array): Promise<void> | undefined;
  /** Frees the inflater of a stream dropped before its end. */
  close(): void;
  /** Call after the last chunk: throws if the stream ended inside a member or held no member. */
  finish(): void;
}

/**
 * @internal Push-based gzip decoder. Each inflated chunk goes to `onData` in order. Throws
 * `INVALID_GZIP` on a damaged stream: bad header or header CRC, corrupt deflate data, CRC-32 or
 * length mismatch, a truncated member, or non-zero data after a member. Errors thrown by
 * `onData` pass through unchanged.
 */
export function gunzipDecoder(onData: (chunk: Uint8Array) => void, options: GunzipOptions = {}): GunzipDecoder {
  const factory = options.inflater ?? fflateInflater;
  const crcOf = factory.crc32 ?? crc32;
  let state = State.Header;
  let pending: Uint8Array = EMPTY;
  let inflater: RawInflater | undefined;
  let crc = 0;
  let size = 0;
  let members = 0;
  /** compressed bytes consumed before `pending` */
  let consumed = 0;
  let callbackError: { error: unknown } | undefined;
  /** inflated bytes of every member */
  let total = 0;

  const emit = (data: Uint8Array) => {
    crc = crcOf(data, crc);
    size = (size + data.length) >>> 0;
    total += data.length;
    try {
      onData(data);
    } catch (error) {
      callbackError = { error };
      throw error;
    }
  };

  function pushSlice(chunk: Uint8Array): Promise<void> | undefined {
    let input = chunk;
    if (pending.length > 0) {
      input = joinBytes([pending, chunk]);
      pending = EMPTY;
    }
    return run(input);
  }

  /** The member state machine over `input`; a promise while an asynchronous inflater works. */
  function run(input: Uint8Array): Promise<void> | undefined {
    while (input.length > 0) {
      switch (state) {
        case State.Header: {
          if (members > 0) {
            if (options.singleMember) throw gzipError('data after the first gzip member', consumed);
            if (input[0] === 0) {
              state = State.Padding;
              continue;
            }
            if (input[0] !== 0x1f) throw gzipError(`unexpected data after gzip member ${members}`, consumed);
          }
          const len = headerLength(input, consumed);
          if (len < 0) {
            if (input.length > MAX_HEADER) throw gzipError(`gzip header longer than ${MAX_HEADER} bytes`, consumed);
            pending = input;
            return;
          }
          consumed += len;
          input = input.subarray(len);
          crc = 0;
          size = 0;
          state = State.Body;
          const budget = (options.maxOutput ?? Number.POSITIVE_INFINITY) - total;
          const hint = options.sizeHint;
          inflater = factory(emit, budget, hint === undefined || members > 0 ? undefined : Math.min(hint, budget));
          break;
        }
        case State.Body: {
          const rest = inflate(input);
          if (rest instanceof Promise) return rest.then(run);
          input = rest;
          break;
        }
        case State.Trailer: {
          if (input.length < 8) {
            pending = input;
            return undefined;
          }
          const member = `gzip member ${members + 1}`;
          if (uint32le(input, 0) !== crc) throw gzipError(`CRC-32 mismatch in ${member}: data is corrupt`, consumed);
          const isize = uint32le(input, 4);
          if (isize !== size)
            throw gzipError(`length mismatch in ${member}: trailer says ${isize}, inflated ${size}`, consumed);
          consumed += 8;
          input = input.subarray(8);
          members++;
          state = State.Header;
          options.onMemberEnd?.();
          break;
        }
        case State.Padding: {
          for (let i = 0; i < input.length; i++) {
            if (input[i] !== 0) throw gzipError('non-zero byte after gzip padding', consumed + i);
          }
          consumed += input.length;
          return undefined;
        }
      }
    }
    return undefined;
  }

  /** Feeds deflate data; returns the input left after the end of the deflate stream. */
  function inflate(input: Uint8Array): Uint8Array | Promise<Uint8Array> {
    let rest: Uint8Array | undefined | Promise<Uint8Array | undefined>;
    try {
      rest = (inflater as RawInflater).push(input);
    } catch (e) {
      throw inflateError(e);
    }
    if (rest instanceof Promise) {
      return rest.then(
        (left) => inflated(input, left),
        (e) => {
          throw inflateError(e);
        },
      );
    }
    return inflated(input, rest);
  }

  /** Errors of our own `onData` and output limits pass through; others are corrupt data. */
  function inflateError(e: unknown): unknown {
    if ((callbackError !== undefined && callbackError.error === e) || e instanceof OutputLimit) return e;
    return gzipError(`corrupt deflate data in gzip member ${members + 1}: ${(e as Error).message}`, undefined, e);
  }

  function inflated(input: Uint8Array, rest: Uint8Array | undefined): Uint8Array {
    if (rest === undefined) {
      consumed += input.length;
      return EMPTY;
    }
    consumed += input.length - rest.length;
    inflater = undefined;
    state = State.Trailer;
    return rest;
  }

  function close(): void {
    inflater?.close?.();
    inflater = undefined;
  }

  return {
    push(chunk) {
      // one size with or without a hint: a 16 KiB slice of a bomb inflates to ~16.5 MB at most
      if (chunk.length > SLICE && !factory.whole && !factory.async) {
        for (let at = 0; at < chunk.length; at += SLICE) pushSlice(chunk.subarray(at, at + SLICE));
        return undefined;
      }
      return pushSlice(chunk);
    },
    close,
    finish() {
      close();
      if (state === State.Body || state === State.Trailer) {
        throw gzipError(`gzip stream truncated inside member ${members + 1}`, consumed);
      }
      if (state === State.Header && pending.length > 0) {
        throw gzipError('gzip stream truncated inside a member header', consumed);
      }
      if (members === 0) throw gzipError('empty gzip stream');
    },
  };
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
    const gunzip = gunzipDecoder(
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
