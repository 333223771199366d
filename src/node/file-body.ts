/**
 * Opening one file as a {@link LogBody}: small gzip files are inflated at once by Node's zlib
 * (faster than streaming for small bodies), with the library's gzip rules kept; large files are
 * streamed into the core reader.
 *
 * @internal
 * @module
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { CloudTrailParseError } from '../errors.js';
import type { LogBody } from '../stream/types.js';

/** Files up to this size (on disk) are read whole and inflated by zlib; larger ones are streamed. */
export const WHOLE_FILE_BYTES = 1 << 20;
/** Inflated size above which a whole-file inflate gives up and the file is streamed instead. */
const MAX_WHOLE_INFLATED = 64 << 20;

/**
 * Inflates a whole gzip body with zlib, with the same rules as the core decoder: any number of
 * members, trailing zero bytes accepted, anything else after the last member (or a bad CRC,
 * length or truncation) is `INVALID_GZIP`. Returns `undefined` when the inflated body would be
 * larger than 64 MiB.
 *
 * @internal
 */
export function inflateWhole(bytes: Uint8Array): Uint8Array | undefined {
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    result = gunzipSync(bytes, { info: true, maxOutputLength: MAX_WHOLE_INFLATED }) as unknown as typeof result;
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    throw new CloudTrailParseError('INVALID_GZIP', `invalid gzip data: ${(e as Error).message}`, { cause: e });
  }
  // zlib stops quietly at the first zero byte after a member; the core accepts only zeros there
  for (let i = result.engine.bytesWritten; i < bytes.length; i++) {
    if (bytes[i] !== 0) {
      throw new CloudTrailParseError(
        'INVALID_GZIP',
        `invalid gzip data: unexpected data after the last member at byte ${i}`,
      );
    }
  }
  return result.buffer;
}

/** Reads a small file whole, or returns `undefined` when it is larger than {@link WHOLE_FILE_BYTES}. */
function readSmallSync(file: string): Buffer | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > WHOLE_FILE_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

const bodyOf = (file: string, bytes: Buffer): LogBody => {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  // a small file that inflates to more than MAX_WHOLE_INFLATED is streamed (bounded memory)
  return inflateWhole(bytes) ?? createReadStream(file, { highWaterMark: 1 << 16 });
};

/**
 * Like {@link openLogFile}, with synchronous file reads: for worker threads, where blocking is
 * cheaper than a thread-pool round trip per call.
 *
 * @internal
 */
export function openLogFileSync(file: string): LogBody {
  const bytes = readSmallSync(file);
  return bytes === undefined ? createReadStream(file, { highWaterMark: 1 << 16 }) : bodyOf(file, bytes);
}

/**
 * The body of one file: inflated bytes for a small gzip file, the raw bytes of a small plain
 * file, a read stream for a large one.
 *
 * @internal
 */
export async function openLogFile(file: string): Promise<LogBody> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > WHOLE_FILE_BYTES) return createReadStream(file, { highWaterMark: 1 << 16 });
    return bodyOf(file, await handle.readFile());
  } finally {
    await handle.close();
  }
}
