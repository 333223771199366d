import { joinBytes } from '../bytes.js';
import { CloudTrailParseError } from '../errors.js';
import { type ChunkSource, chunkSource } from './chunks.js';
import { bodyDecoder, decodeBody } from './decode.js';
import type { LogBody } from './types.js';

/** Options of {@link readBodyBytes}. */
export interface ReadBytesOptions {
  /** Cancels reading (`ABORTED`). */
  signal?: AbortSignal | undefined;
  /** Largest accepted decompressed size in bytes (default: no limit); above it, `RECORD_TOO_LARGE`. */
  maxBytes?: number | undefined;
  /**
   * Accept exactly one gzip member and nothing after it, not even zero padding (CloudTrail's
   * integrity rule: data after the member is tampering). Plain bodies are unaffected.
   */
  singleMember?: boolean | undefined;
}

/**
 * Reads a whole body into memory, decompressed when it is gzip (detected by its magic bytes),
 * with the same gzip checks as {@link readRecords}: CRC-32, length, truncation, trailing data.
 * Used for digest files and log-file hashes, where the exact bytes matter.
 *
 * @example
 * ```ts
 * import { readBodyBytes } from 'cloudtrail-chime';
 * const bytes = await readBodyBytes(new Uint8Array([0x7b, 0x7d]));
 * new TextDecoder().decode(bytes); // '{}'
 * ```
 */
export function readBodyBytes(body: LogBody, options: ReadBytesOptions = {}): Promise<Uint8Array> {
  return readAll(chunkSource(body), options);
}

async function readAll(source: ChunkSource, options: ReadBytesOptions): Promise<Uint8Array> {
  const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const parts: Uint8Array[] = [];
  let size = 0;
  const decoder = bodyDecoder(
    (bytes) => {
      size += bytes.length;
      if (size > max) {
        throw new CloudTrailParseError('RECORD_TOO_LARGE', `body is larger than maxBytes (${max}) when decompressed`, {
          offset: max,
        });
      }
      parts.push(bytes);
    },
    { singleMember: options.singleMember === true },
  );
  for await (const _ of decodeBody(source, options.signal, decoder)) {
    // pull the whole body
  }
  return joinBytes(parts, size);
}
