/**
 * Gzip member headers (RFC 1952 §2.3): magic, method, flags, the optional fields, and the
 * header CRC-16 (`FHCRC`), which is checked.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError } from '../errors.js';
import { crc32 } from './crc32.js';

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const RESERVED = 0xe0;

/** @internal True when `bytes` starts with the gzip magic `1f 8b`. */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** @internal An `INVALID_GZIP` error: `what`, and where (`at`: a compressed byte offset), if known. */
export const gzipError = (what: string, at?: number, cause?: unknown): CloudTrailParseError =>
  new CloudTrailParseError('INVALID_GZIP', at === undefined ? what : `${what} at compressed byte ${at}`, { cause });

/**
 * @internal Parses the gzip member header at the start of `b` (`at`: its compressed offset, for
 * messages).
 * @returns the header length, or -1 when more bytes are needed
 * @throws `INVALID_GZIP` for a bad magic, method, reserved flag or header CRC
 */
export function headerLength(b: Uint8Array, at: number): number {
  const n = b.length;
  // the magic and the method are checked as soon as they are there
  if (b[0] !== 0x1f || (n > 1 && b[1] !== 0x8b)) throw gzipError('not a gzip member header', at);
  if (n > 2 && b[2] !== 8) throw gzipError(`unsupported gzip compression method ${b[2]}`, at);
  if (n < 10) return -1;
  const flg = b[3] as number;
  if (flg & RESERVED) throw gzipError('reserved gzip header flags set', at);
  let p = 10;
  if (flg & FEXTRA) {
    if (n < 12) return -1;
    p += 2 + ((b[10] as number) | ((b[11] as number) << 8));
    if (n < p) return -1;
  }
  for (const bit of [FNAME, FCOMMENT]) {
    if (flg & bit) {
      while (p < n && b[p] !== 0) p++;
      if (p >= n) return -1;
      p++;
    }
  }
  if (flg & FHCRC) {
    if (n < p + 2) return -1;
    const expected = (b[p] as number) | ((b[p + 1] as number) << 8);
    if ((crc32(b.subarray(0, p)) & 0xffff) !== expected) {
      throw gzipError('gzip header CRC mismatch', at);
    }
    p += 2;
  }
  return p;
}
