/**
 * Fast path for small bodies held in memory: inflate once, `JSON.parse` the whole text, check
 * each record with the schema's pre-check. Whole-document parsing wins on small files (no
 * per-record decode and parse calls); memory is no concern below the size limit because the
 * caller already holds the body. Anything unusual (bad gzip or JSON, not a plain log file, a
 * record that needs zod's verdict) returns `undefined`, and the streaming path re-reads the
 * body with exact errors and offsets.
 *
 * @internal
 * @module
 */

import { inflateSync } from 'fflate';
import { checkRecord } from '../schemas/check.js';
import { isPlainObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { crc32 } from './crc32.js';
import { gunzipWhole, headerLength, uint32le } from './gunzip.js';
import type { ReadOptions } from './types.js';

/** Largest decompressed body taken by the fast path. */
export const WHOLE_BODY_LIMIT = 4 * 1024 * 1024;

function inflateWhole(bytes: Uint8Array, limit: number): Uint8Array | undefined {
  if (!(bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes.length <= limit ? bytes : undefined;
  // the last member's length trailer is a cheap hint: a body that says it is big streams
  const n = bytes.length;
  const isize = uint32le(bytes, n - 4);
  if (n >= 18 && isize > limit) return undefined;
  const fast = inflateSingleMember(bytes, isize);
  if (fast !== undefined) return fast;
  // a damaged gzip body throws INVALID_GZIP here, before anything is yielded
  return gunzipWhole(bytes, limit);
}

/**
 * One-shot inflate of a body that is certainly a single gzip member: no gzip magic after the
 * header (so no second member), output exactly the trailer's length with the trailer's CRC
 * (so nothing is cut, padded or damaged). Anything else: `undefined`, and the streaming
 * decoder decides.
 */
function inflateSingleMember(bytes: Uint8Array, isize: number): Uint8Array | undefined {
  const n = bytes.length;
  let start: number;
  try {
    start = headerLength(bytes, 0);
  } catch {
    return undefined;
  }
  if (start < 0 || n - 8 <= start || isize === 0) return undefined;
  for (let i = bytes.indexOf(0x1f, start); i >= 0 && i < n - 2; i = bytes.indexOf(0x1f, i + 1)) {
    if (bytes[i + 1] === 0x8b && bytes[i + 2] === 8) return undefined;
  }
  const crc = uint32le(bytes, n - 8);
  let out: Uint8Array;
  try {
    out = inflateSync(bytes.subarray(start, n - 8), { out: new Uint8Array(isize) });
  } catch {
    return undefined;
  }
  return out.length === isize && crc32(out) === crc ? out : undefined;
}

/** @internal Whether the options allow the whole-body fast path. */
export function wholeBodyAllowed(options: Pick<ReadOptions, 'format' | 'strict'>): boolean {
  const format = options.format ?? 'auto';
  return (format === 'auto' || format === 'log-file') && options.strict !== true;
}

/**
 * @internal The records of a plain log-file text (`{"Records": [...]}` with a single `"Records"`
 * key), each passing the schema's check unless `validate` is false, or `undefined` to take the
 * streaming path (which reports exact errors).
 */
export function recordsOfText(text: string, validate: boolean): CloudTrailRecord[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(doc)) return undefined;
  const records = doc.Records;
  if (!Array.isArray(records)) return undefined;
  // a second "Records" key (which the streaming reader would also read) or escapes: stream
  if (text.indexOf('"Records"') !== text.lastIndexOf('"Records"')) return undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!isPlainObject(r)) return undefined;
    if (validate && !checkRecord(r).success) return undefined;
  }
  return records as CloudTrailRecord[];
}

/** @internal The records of a small, well-formed log file, or `undefined` to take the streaming path. */
export function readWholeBody(bytes: Uint8Array, options: ReadOptions): CloudTrailRecord[] | undefined {
  if (!wholeBodyAllowed(options)) return undefined;
  // the whole body under maxRecordBytes: no record can exceed it
  const limit = Math.min(WHOLE_BODY_LIMIT, options.maxRecordBytes ?? WHOLE_BODY_LIMIT);
  const inflated = inflateWhole(bytes, limit);
  if (inflated === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return undefined;
  }
  return recordsOfText(text, options.validate !== false);
}
