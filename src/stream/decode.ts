/**
 * The byte pipeline shared by every reader: chunks → (gzip, detected by magic bytes) → text
 * bytes. Calls `onBytes` with each decompressed chunk, in order.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import { abortError, toChunks } from './chunks.js';
import { GunzipDecoder, type GunzipOptions } from './gunzip.js';
import type { LogBody } from './types.js';

/** Decompressing byte pump over any body. */
export class BodyDecoder {
  private gunzip: GunzipDecoder | undefined;
  private decided = false;
  private head: Uint8Array | undefined;
  private readonly onBytes: (bytes: Uint8Array) => void;
  private readonly gzipOptions: GunzipOptions;
  /** Whether the body was gzip (known after the first two bytes). */
  gzip = false;

  constructor(onBytes: (bytes: Uint8Array) => void, gzipOptions: GunzipOptions = {}) {
    this.onBytes = onBytes;
    this.gzipOptions = gzipOptions;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (!this.decided) {
      if (this.head) {
        const joined = new Uint8Array(this.head.length + chunk.length);
        joined.set(this.head);
        joined.set(chunk, this.head.length);
        chunk = joined;
        this.head = undefined;
      }
      if (chunk.length < 2 && chunk[0] === 0x1f) {
        this.head = chunk;
        return;
      }
      this.decided = true;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        this.gzip = true;
        this.gunzip = new GunzipDecoder(this.onBytes, this.gzipOptions);
      }
    }
    if (this.gunzip) this.gunzip.push(chunk);
    else this.onBytes(chunk);
  }

  finish(): void {
    if (this.head) {
      // a single 0x1f byte: the start of a gzip header, cut off
      throw new CloudTrailParseError('INVALID_GZIP', 'gzip stream truncated inside the header (1 byte)');
    }
    this.gunzip?.finish();
  }
}

/** @internal Runs a body through a {@link BodyDecoder}, yielding after each input chunk. */
export async function* decodeBody(
  body: LogBody,
  signal: AbortSignal | undefined,
  decoder: BodyDecoder,
): AsyncGenerator<void, void, undefined> {
  for await (const chunk of toChunks(body, signal)) {
    decoder.push(chunk);
    yield;
    if (signal?.aborted) throw abortError(signal);
  }
  decoder.finish();
}
