/**
 * Loading one file for `readLogFiles`: small files are read whole, inflated by Node's zlib
 * (native, much faster than fflate) under the gzip module's framing, and decoded to text; large
 * ones are left to the streaming core reader.
 *
 * @internal
 * @module
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { gunzipWhole } from '../gzip/decoder.js';
import { shallowEnough, singleRecordsKey } from '../stream/whole-body.js';

/** Files up to this size (on disk) are read whole; larger ones are streamed. */
export const WHOLE_FILE_BYTES = 1 << 20;
/** Inflated size above which a file is streamed instead (bounded memory per file in flight). */
export const WHOLE_INFLATED_BYTES = 8 << 20;

/**
 * Inflates a whole gzip body with Node's zlib (the core's native inflater), through the gzip module's framing (the rules of
 * every other path: any number of members, trailing zero bytes, `INVALID_GZIP` for anything
 * else). Returns `undefined` when the inflated body would be larger than `limit`.
 *
 * @internal
 */
export const inflateWhole = (bytes: Uint8Array, limit = WHOLE_INFLATED_BYTES): Uint8Array | undefined =>
  gunzipWhole(bytes, limit);

/**
 * Reads a small file whole, or returns `undefined` when it is larger than {@link WHOLE_FILE_BYTES}
 * or not a regular file (a named pipe, `<(cmd)`, a device: streamed, and opened only once).
 */
function readSmallSync(file: string): Buffer | undefined {
  if (!statSync(file).isFile()) return undefined;
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

/**
 * A file as loaded by {@link loadFileSync}:
 * - `text`: the (inflated) body, valid UTF-8 without a BOM, decoded; `simple` when it has a
 *   single `"Records"` key and no record deeper than `maxDepth` (the whole-body fast path may
 *   take it), `size` its UTF-8 bytes;
 * - `bytes`: the (inflated) body when it is not valid UTF-8 or starts with a BOM (the core
 *   reader decides, with exact errors);
 * - `stream`: too large to hold whole, to be streamed from disk.
 *
 * @internal
 */
export type LoadedFile =
  | { kind: 'text'; text: string; simple: boolean; size: number }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'stream' };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads, inflates and decodes one small file.
 *
 * @throws the file-system error, or `INVALID_GZIP`
 * @internal
 */
export function loadFileSync(file: string, maxDepth: number): LoadedFile {
  const raw = readSmallSync(file);
  if (raw === undefined) return { kind: 'stream' };
  let bytes: Uint8Array;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    const inflated = inflateWhole(raw);
    if (inflated === undefined) return { kind: 'stream' };
    bytes = inflated;
  } else {
    if (raw.length > WHOLE_INFLATED_BYTES) return { kind: 'stream' };
    bytes = raw;
  }
  // a BOM: the core reader's rules apply (its offsets count it)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { kind: 'bytes', bytes };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'bytes', bytes };
  }
  // a second "Records" key (which the streaming reader would also read), or records nested
  // deeper than maxDepth (reported one by one): the core reader
  const simple = singleRecordsKey(text) && shallowEnough(bytes, maxDepth);
  return { kind: 'text', text, simple, size: bytes.length };
}
