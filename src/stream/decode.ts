/**
 * The byte pipeline shared by every reader: chunks → (gzip, detected by magic bytes) → text
 * bytes. Calls `onBytes` with each decompressed chunk, in order.
 *
 * @internal
 * @module
 */
import { joinBytes } from '../bytes.js';
import { abortError } from '../errors.js';
import { type GunzipDecoder, type GunzipOptions, gunzipDecoder } from '../gzip/decoder.js';
import { gzipError } from '../gzip/header.js';
import { inflaters } from '../gzip/native.js';
import type { ChunkSource } from './chunks.js';

const PLAIN_SLICE = 64 * 1024;
const MAX_GZIP_SLICE = 64 * 1024;
const OUTPUT_TARGET = 1024 * 1024;

/** Decompressing byte pump over any body: {@link bodyDecoder}. */
export interface BodyDecoder {
  /** Whether the body was gzip (known after the first two bytes). */
  readonly gzip: boolean;
  /** Whether the body is known to be plain (not gzip). */
  readonly plain: boolean;
  /** Decompressed bytes emitted since the caller last reset it. */
  output: number;
  /** Feeds a chunk; a promise while a native inflater works on it (push again once it settles). */
  push(chunk: Uint8Array): Promise<void> | undefined;
  /** Frees a native inflater when the body is dropped before its end. */
  close(): void;
  finish(): void;
}

/**
 * A {@link BodyDecoder} that gives `onBytes` the decompressed bytes; `gzipOptions.onMemberEnd`
 * tells when everything inflated so far passed its CRC check.
 */
export function bodyDecoder(onBytes: (bytes: Uint8Array) => void, gzipOptions: GunzipOptions = {}): BodyDecoder {
  let gunzip: GunzipDecoder | undefined;
  let decided = false;
  /** a first chunk of one byte 0x1f: gzip or not is told by the next one */
  let head: Uint8Array | undefined;
  const emit = (bytes: Uint8Array) => {
    decoder.output += bytes.length;
    onBytes(bytes);
  };
  const decoder = {
    gzip: false,
    get plain() {
      return decided && !decoder.gzip;
    },
    output: 0,
    push(chunk: Uint8Array): Promise<void> | undefined {
      if (chunk.length === 0) return undefined;
      if (!decided) {
        if (head) {
          chunk = joinBytes([head, chunk]);
          head = undefined;
        }
        if (chunk.length < 2 && chunk[0] === 0x1f) {
          head = chunk;
          return undefined;
        }
        decided = true;
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          decoder.gzip = true;
          gunzip = gunzipDecoder(emit, { inflater: inflaters().stream, ...gzipOptions });
        }
      }
      if (gunzip) return gunzip.push(chunk);
      emit(chunk);
      return undefined;
    },
    close() {
      gunzip?.close();
    },
    finish() {
      // a single 0x1f byte: the start of a gzip header, cut off
      if (head) throw gzipError('gzip stream truncated inside the header (1 byte)');
      gunzip?.finish();
    },
  };
  return decoder;
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
