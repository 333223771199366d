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

import { uint32le } from '../bytes.js';
import { gunzipWhole } from '../gzip/decoder.js';
import { isGzip } from '../gzip/header.js';
import { checkRecord } from '../schemas/check.js';
import { isPlainObject } from '../schemas/plain-object.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { keeps, type RecordFilter } from './filter.js';
import type { ResolvedOptions } from './options.js';

/** Largest decompressed body taken by the fast path. */
export const WHOLE_BODY_LIMIT = 4 * 1024 * 1024;

/** The inflated body (gzip framing checked), or `undefined` when it is larger than `limit` or damaged. */
function inflateWhole(bytes: Uint8Array, limit: number): Uint8Array | undefined {
  if (!isGzip(bytes)) return bytes.length <= limit ? bytes : undefined;
  // the last member's length trailer is a cheap hint: a body that says it is big streams
  if (bytes.length >= 18 && uint32le(bytes, bytes.length - 4) > limit) return undefined;
  try {
    return gunzipWhole(bytes, limit);
  } catch {
    // damaged gzip: the streaming path reports it (the same error, found the same way)
    return undefined;
  }
}

/** @internal Whether the options allow the whole-body fast path. */
export function wholeBodyAllowed(options: Pick<ResolvedOptions, 'format' | 'strict'>): boolean {
  return (options.format === 'auto' || options.format === 'log-file') && !options.strict;
}

const RECORDS_LETTERS = new Set([...'Records'].map((c) => c.charCodeAt(0)));

/**
 * @internal Whether `text` has exactly one key spelt `"Records"` and no `\u` escape of one of its letters
 * (so no second `Records` key, plain or escaped, which the streaming reader would also read).
 */
export function singleRecordsKey(text: string): boolean {
  const first = text.indexOf('"Records"');
  if (first < 0 || text.indexOf('"Records"', first + 9) >= 0) return false;
  for (let i = text.indexOf('\\u'); i >= 0; i = text.indexOf('\\u', i + 2)) {
    if (RECORDS_LETTERS.has(Number.parseInt(text.slice(i + 2, i + 6), 16))) return false;
  }
  return true;
}

/**
 * @internal Whether every record of a log-file body (UTF-8 JSON bytes) is at most `maxDepth`
 * deep: the body nests objects and arrays at most `maxDepth + 2` levels (the top-level object
 * and the `Records` array come first). A byte loop that skips strings, like the scanner's.
 */
export function shallowEnough(bytes: Uint8Array, maxDepth: number): boolean {
  const max = maxDepth + 2;
  let depth = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i] as number;
    if (c === 0x22) {
      for (i++; i < n; i++) {
        const d = bytes[i] as number;
        if (d === 0x22) break;
        if (d === 0x5c) i++;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return false;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return true;
}

/**
 * @internal The records of a plain log-file text (`{"Records": [...]}` with a single `"Records"`
 * key), each passing the schema's check unless `validate` is false, or `undefined` to take the
 * streaming path (which reports exact errors). The caller checked the depth ({@link shallowEnough});
 * `keyChecked`: it also checked {@link singleRecordsKey}.
 */
export function recordsOfText(
  text: string,
  validate: boolean,
  filter?: RecordFilter | undefined,
  keyChecked = false,
): CloudTrailRecord[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(doc)) return undefined;
  const records = doc.Records;
  if (!Array.isArray(records)) return undefined;
  if (!keyChecked && !singleRecordsKey(text)) return undefined;
  const kept: CloudTrailRecord[] = filter === undefined ? (records as CloudTrailRecord[]) : [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!isPlainObject(r)) return undefined;
    if (filter !== undefined) {
      if (!keeps(filter, r)) continue;
      kept.push(r as CloudTrailRecord);
    }
    if (validate && !checkRecord(r).success) return undefined;
  }
  return kept;
}

/** @internal The records of a small, well-formed log file, or `undefined` to take the streaming path. */
export function readWholeBody(bytes: Uint8Array, options: ResolvedOptions): CloudTrailRecord[] | undefined {
  if (!wholeBodyAllowed(options)) return undefined;
  // the whole body under maxRecordBytes: no record can exceed it
  const limit = Math.min(WHOLE_BODY_LIMIT, options.maxRecordBytes);
  const inflated = inflateWhole(bytes, limit);
  if (inflated === undefined || !shallowEnough(inflated, options.maxDepth)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return undefined;
  }
  return recordsOfText(text, options.validate, options.filter);
}
