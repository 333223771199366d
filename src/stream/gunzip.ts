/**
 * Streaming gzip decoder: our own member framing (header, CRC-32 and ISIZE trailer, several
 * members, trailing zero padding, garbage detection) around fflate's raw-deflate `Inflate`.
 * fflate's `gunzipSync` truncates multi-member input and returns nothing for padded input, and
 * its streaming `Gunzip` neither checks the CRC nor accepts padding, hence this wrapper.
 *
 * @internal
 * @module
 */
import { Inflate } from 'fflate';
import { CloudTrailParseError } from '../errors.js';
import { crc32 } from './crc32.js';
import { joinBytes } from './join.js';

/** The fields of fflate's `Inflate` state this decoder reads (stable across fflate 0.8). */
interface InflateInternals {
  /** inflate state: f = final block seen, l = inside a block, p = bit position in `p` */
  s: { f?: number; l?: unknown; p?: number };
  /** unconsumed input */
  p: Uint8Array;
}

enum State {
  Header = 0,
  Body = 1,
  Trailer = 2,
  Padding = 3,
}

const MAX_HEADER = 1 << 20;
const SLICE = 16 * 1024;

/** True when `bytes` starts with the gzip magic `1f 8b`. */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

const fail = (message: string, cause?: unknown) => new CloudTrailParseError('INVALID_GZIP', message, { cause });

/**
 * Parses a gzip member header at the start of `b`.
 * @returns the header length, or -1 when more bytes are needed
 */
export function headerLength(b: Uint8Array, at: number): number {
  if (b.length < 10) {
    for (let i = 0; i < b.length; i++) {
      const want = i === 0 ? 0x1f : i === 1 ? 0x8b : i === 2 ? 8 : -1;
      if (want >= 0 && b[i] !== want) throw fail(`not a gzip member header at compressed byte ${at}`);
    }
    return -1;
  }
  if (b[0] !== 0x1f || b[1] !== 0x8b) throw fail(`not a gzip member header at compressed byte ${at}`);
  if (b[2] !== 8) throw fail(`unsupported gzip compression method ${b[2]} at compressed byte ${at}`);
  const flg = b[3] as number;
  if (flg & 0xe0) throw fail(`reserved gzip header flags set at compressed byte ${at}`);
  let p = 10;
  if (flg & 4) {
    if (b.length < 12) return -1;
    p += 2 + ((b[10] as number) | ((b[11] as number) << 8));
    if (b.length < p) return -1;
  }
  for (const bit of [8, 16]) {
    if (flg & bit) {
      while (p < b.length && b[p] !== 0) p++;
      if (p >= b.length) return -1;
      p++;
    }
  }
  if (flg & 2) p += 2;
  return b.length < p ? -1 : p;
}

/** The little-endian 32-bit unsigned integer at `at` (gzip trailer fields). */
export const uint32le = (b: Uint8Array, at: number): number =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>>
  0;

/**
 * Inflates a whole gzip body in one go, with every check of {@link GunzipDecoder}.
 * @returns `undefined` when the output would exceed `maxBytes`
 */
export function gunzipWhole(bytes: Uint8Array, maxBytes = Number.POSITIVE_INFINITY): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  const tooBig = new Error('too big');
  try {
    const gunzip = new GunzipDecoder((data) => {
      size += data.length;
      if (size > maxBytes) throw tooBig;
      parts.push(data);
    });
    gunzip.push(bytes);
    gunzip.finish();
  } catch (e) {
    if (e === tooBig) return undefined;
    throw e;
  }
  return joinBytes(parts, size);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Options of {@link GunzipDecoder}. */
export interface GunzipOptions {
  /**
   * Accept exactly one member and nothing after it (not even zero padding): the rule of
   * CloudTrail's integrity validation, where any data after the member is tampering.
   */
  singleMember?: boolean;
  /** Called after each member's CRC-32 and length checked out: all output so far is verified. */
  onMemberEnd?: () => void;
}

/**
 * Push-based gzip decoder. Each inflated chunk goes to `onData` in order. Throws
 * `CloudTrailParseError` `INVALID_GZIP` on a damaged stream: bad header, corrupt deflate data,
 * CRC-32 or length mismatch, a truncated member, or non-zero data after a member.
 */
export class GunzipDecoder {
  private state = State.Header;
  private pending: Uint8Array = new Uint8Array(0);
  private inflater: Inflate | undefined;
  private crc = 0;
  private size = 0;
  private members = 0;
  /** compressed bytes consumed before `pending` */
  private consumed = 0;
  private readonly onData: (chunk: Uint8Array) => void;
  private readonly singleMember: boolean;
  private readonly onMemberEnd: (() => void) | undefined;

  constructor(onData: (chunk: Uint8Array) => void, options: GunzipOptions = {}) {
    this.onData = onData;
    this.singleMember = options.singleMember === true;
    this.onMemberEnd = options.onMemberEnd;
  }

  push(chunk: Uint8Array): void {
    // feed the inflater in slices: its output buffer grows by copying, so one huge input chunk
    // costs far more (time and memory) than many small ones
    if (chunk.length > SLICE) {
      for (let at = 0; at < chunk.length; at += SLICE) this.pushSlice(chunk.subarray(at, at + SLICE));
    } else this.pushSlice(chunk);
  }

  private pushSlice(chunk: Uint8Array): void {
    let input = concat(this.pending, chunk);
    this.pending = new Uint8Array(0);
    while (input.length > 0) {
      switch (this.state) {
        case State.Header: {
          if (this.members > 0) {
            if (this.singleMember) throw fail(`data after the first gzip member at compressed byte ${this.consumed}`);
            if (input[0] === 0) {
              this.state = State.Padding;
              continue;
            }
            if (input[0] !== 0x1f) {
              throw fail(`unexpected data after gzip member ${this.members} at compressed byte ${this.consumed}`);
            }
          }
          const len = headerLength(input, this.consumed);
          if (len < 0) {
            if (input.length > MAX_HEADER) throw fail(`gzip header longer than ${MAX_HEADER} bytes`);
            this.pending = input;
            return;
          }
          this.consumed += len;
          input = input.subarray(len);
          this.startMember();
          break;
        }
        case State.Body:
          input = this.inflate(input);
          break;
        case State.Trailer: {
          if (input.length < 8) {
            this.pending = input;
            return;
          }
          this.checkTrailer(input);
          this.consumed += 8;
          input = input.subarray(8);
          this.members++;
          this.state = State.Header;
          this.onMemberEnd?.();
          break;
        }
        case State.Padding: {
          for (let i = 0; i < input.length; i++) {
            if (input[i] !== 0) throw fail(`non-zero byte after gzip padding at compressed byte ${this.consumed + i}`);
          }
          this.consumed += input.length;
          return;
        }
      }
    }
  }

  /** Call after the last chunk: throws if the stream ended inside a member. */
  finish(): void {
    if (this.state === State.Body || this.state === State.Trailer) {
      throw fail(`gzip stream truncated inside member ${this.members + 1} (after ${this.consumed} compressed bytes)`);
    }
    if (this.state === State.Header && this.pending.length > 0) {
      throw fail(`gzip stream truncated inside a member header at compressed byte ${this.consumed}`);
    }
    if (this.members === 0) throw fail('empty gzip stream');
  }

  private startMember(): void {
    this.crc = 0;
    this.size = 0;
    this.state = State.Body;
    this.inflater = new Inflate((data: Uint8Array) => {
      if (data.length === 0) return;
      this.crc = crc32(data, this.crc);
      this.size = (this.size + data.length) >>> 0;
      this.onData(data);
    });
  }

  /** Feeds deflate data; returns the input left after the end of the deflate stream. */
  private inflate(input: Uint8Array): Uint8Array {
    const inflater = this.inflater as Inflate;
    const inf = inflater as unknown as InflateInternals;
    try {
      inflater.push(input, false);
    } catch (e) {
      // errors of our own callbacks pass through; fflate's errors carry a numeric code
      if (!(e instanceof Error) || typeof (e as { code?: unknown }).code !== 'number') throw e;
      throw fail(`corrupt deflate data in gzip member ${this.members + 1}: ${(e as Error).message}`, e);
    }
    const st = inf.s;
    if (st === undefined || inf.p === undefined) throw fail('unsupported fflate version (inflate state not found)');
    if (st.f && !st.l) {
      // the deflate stream ended: what is left of the input starts with the trailer
      const used = ((((st.p ?? 0) + 7) / 8) | 0) as number;
      const rest = inf.p.subarray(used);
      this.consumed += input.length - rest.length;
      this.inflater = undefined;
      this.state = State.Trailer;
      return rest;
    }
    this.consumed += input.length;
    return new Uint8Array(0);
  }

  private checkTrailer(t: Uint8Array): void {
    const crc = uint32le(t, 0);
    const isize = uint32le(t, 4);
    if (crc !== this.crc) {
      throw fail(
        `gzip CRC-32 mismatch in member ${this.members + 1}: data is corrupt (compressed byte ${this.consumed})`,
      );
    }
    if (isize !== this.size) {
      throw fail(`gzip length mismatch in member ${this.members + 1}: trailer says ${isize}, inflated ${this.size}`);
    }
  }
}
