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
import { uint32le } from '../bytes.js';
import { crc32 } from '../gzip/crc32.js';
import { gunzipWhole } from '../gzip/decoder.js';
import { headerLength } from '../gzip/header.js';
import { checkRecord } from '../schemas/check.js';
import { isPlainObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import type { ResolvedOptions } from './options.js';

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
  try {
    return gunzipWhole(bytes, limit);
  } catch {
    // damaged gzip: the streaming path reports it (the same error, found the same way)
    return undefined;
  }
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
export function wholeBodyAllowed(options: Pick<ResolvedOptions, 'format' | 'strict'>): boolean {
  return (options.format === 'auto' || options.format === 'log-file') && !options.strict;
}

const RECORDS_LETTERS = new Set([...'Records'].map((c) => c.charCodeAt(0)));

/**
 * Whether `text` has exactly one key spelt `"Records"` and no `\u` escape of one of its letters
 * (so no second `Records` key, plain or escaped, which the streaming reader would also read).
 */
function singleRecordsKey(text: string): boolean {
  const first = text.indexOf('"Records"');
  if (first < 0 || text.indexOf('"Records"', first + 9) >= 0) return false;
  for (let i = text.indexOf('\\u'); i >= 0; i = text.indexOf('\\u', i + 2)) {
    if (RECORDS_LETTERS.has(Number.parseInt(text.slice(i + 2, i + 6), 16))) return false;
  }
  return true;
}

/**
 * Whether the JSON text nests objects and arrays deeper than `max` levels inside its top-level
 * value (a record in `Records` is at level 3 there: the object, the array, the record).
 */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip the string
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * @internal The records of a plain log-file text (`{"Records": [...]}` with a single `"Records"`
 * key), each passing the schema's check unless `validate` is false and none nested deeper than
 * `maxDepth`, or `undefined` to take the streaming path (which reports exact errors).
 */
export function recordsOfText(text: string, validate: boolean, maxDepth: number): CloudTrailRecord[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(doc)) return undefined;
  const records = doc.Records;
  if (!Array.isArray(records)) return undefined;
  if (!singleRecordsKey(text)) return undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!isPlainObject(r)) return undefined;
    if (validate && !checkRecord(r).success) return undefined;
  }
  if (nestedDeeperThan(text, maxDepth + 2)) return undefined;
  return records as CloudTrailRecord[];
}

/** @internal The records of a small, well-formed log file, or `undefined` to take the streaming path. */
export function readWholeBody(bytes: Uint8Array, options: ResolvedOptions): CloudTrailRecord[] | undefined {
  if (!wholeBodyAllowed(options)) return undefined;
  // the whole body under maxRecordBytes: no record can exceed it
  const limit = Math.min(WHOLE_BODY_LIMIT, options.maxRecordBytes);
  const inflated = inflateWhole(bytes, limit);
  if (inflated === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return undefined;
  }
  return recordsOfText(text, options.validate, options.maxDepth);
}
