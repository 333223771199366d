/**
 * The byte pipeline shared by every reader: chunks → (gzip, detected by magic bytes) → text
 * bytes. Calls `onBytes` with each decompressed chunk, in order.
 *
 * @internal
 * @module
 */
import { abortError } from '../errors.js';
import { type GunzipDecoder, type GunzipOptions, gunzipDecoder } from '../gzip/decoder.js';
import { gzipError } from '../gzip/header.js';
import { inflaters } from '../gzip/native.js';
import type { ChunkSource } from './chunks.js';

const PLAIN_SLICE = 64 * 1024;
const MAX_GZIP_SLICE = 64 * 1024;
const OUTPUT_TARGET = 1024 * 1024;

/** Decompressing byte pump over any body. */
export class BodyDecoder {
  #gunzip: GunzipDecoder | undefined;
  #decided = false;
  #head: Uint8Array | undefined;
  readonly #onBytes: (bytes: Uint8Array) => void;
  readonly #gzipOptions: GunzipOptions;
  /** Whether the body was gzip (known after the first two bytes). */
  gzip = false;
  /** Whether the body is known to be plain (not gzip). */
  get plain(): boolean {
    return this.#decided && !this.gzip;
  }

  /** Decompressed bytes emitted since the caller last reset it. */
  output = 0;

  /** `gzipOptions.onMemberEnd` tells when everything inflated so far passed its CRC check. */
  constructor(onBytes: (bytes: Uint8Array) => void, gzipOptions: GunzipOptions = {}) {
    this.#onBytes = (bytes) => {
      this.output += bytes.length;
      onBytes(bytes);
    };
    this.#gzipOptions = gzipOptions;
  }

  /** Feeds a chunk; a promise while a native inflater works on it (push again once it settles). */
  push(chunk: Uint8Array): Promise<void> | undefined {
    if (chunk.length === 0) return undefined;
    if (!this.#decided) {
      if (this.#head) {
        const joined = new Uint8Array(this.#head.length + chunk.length);
        joined.set(this.#head);
        joined.set(chunk, this.#head.length);
        chunk = joined;
        this.#head = undefined;
      }
      if (chunk.length < 2 && chunk[0] === 0x1f) {
        this.#head = chunk;
        return undefined;
      }
      this.#decided = true;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        this.gzip = true;
        this.#gunzip = gunzipDecoder(this.#onBytes, { inflater: inflaters().stream, ...this.#gzipOptions });
      }
    }
    if (this.#gunzip) return this.#gunzip.push(chunk);
    this.#onBytes(chunk);
    return undefined;
  }

  /** Frees a native inflater when the body is dropped before its end. */
  close(): void {
    this.#gunzip?.close();
  }

  finish(): void {
    if (this.#head) {
      // a single 0x1f byte: the start of a gzip header, cut off
      throw gzipError('gzip stream truncated inside the header (1 byte)');
    }
    this.#gunzip?.finish();
  }
}

/** @internal Runs a body through a {@link BodyDecoder}, yielding after each input chunk. */
export async function* decodeBody(
  source: ChunkSource,
  signal: AbortSignal | undefined,
  decoder: BodyDecoder,
): AsyncGenerator<void, void, undefined> {
  // Compressed input is fed in adaptive slices so that one push never inflates much more than
  // OUTPUT_TARGET bytes: a highly compressible body (up to 1032:1) must not turn into millions
  // of records before the consumer gets the first one.
  let gzipSlice = 1024;
  try {
    for await (const chunk of source(signal)) {
      let at = 0;
      while (at < chunk.length) {
        const size = decoder.plain ? PLAIN_SLICE : gzipSlice;
        const piece = at === 0 && chunk.length <= size ? chunk : chunk.subarray(at, at + size);
        at += piece.length;
        decoder.output = 0;
        const pending = decoder.push(piece);
        if (pending !== undefined) await pending;
        if (decoder.gzip) {
          if (decoder.output > OUTPUT_TARGET) {
            gzipSlice = Math.max(256, Math.floor((piece.length * OUTPUT_TARGET) / decoder.output));
          } else if (decoder.output < OUTPUT_TARGET / 4 && gzipSlice < MAX_GZIP_SLICE) {
            gzipSlice = Math.min(MAX_GZIP_SLICE, gzipSlice * 2);
          }
        }
        yield;
        if (signal?.aborted) throw abortError(signal);
      }
    }
    decoder.finish();
  } finally {
    // a native inflater holds a handle until its stream ends
    decoder.close();
  }
}
