/**
 * Filtered reads: which records to keep, decided from their top-level `eventSource` and
 * `eventName`. The scanner hands each record's bytes to {@link surelySkipped}, which reads those two
 * values without parsing the record; a record that surely does not match is skipped, never
 * parsed or validated. When the bytes leave any doubt (escapes, a value that is not a plain
 * string, odd structure) the record is parsed and the same test runs on the parsed value, so the
 * records kept are exactly those that parsing everything and then filtering would keep.
 *
 * @internal
 * @module
 */

/** @internal Whether a record with these top-level values is kept (`undefined`: absent or not a string). */
export type RecordFilter = (eventSource: string | undefined, eventName: string | undefined) => boolean;

const fail = (message: string) => new TypeError(`cloudtrail-chime: ${message}`);

function nameSet(name: string, value: unknown): Set<string> | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
    throw fail(`${name} must be a string or an array of strings`);
  }
  return new Set(list);
}

/** @internal The filter of the `eventSource` / `eventName` options (both: a record must match both). */
export function filterOf(eventSource: unknown, eventName: unknown): RecordFilter | undefined {
  const sources = nameSet('eventSource', eventSource);
  const names = nameSet('eventName', eventName);
  if (sources === undefined && names === undefined) return undefined;
  return (s, n) =>
    (sources === undefined || (s !== undefined && sources.has(s))) &&
    (names === undefined || (n !== undefined && names.has(n)));
}

/** @internal Both filters (either may be absent). */
export const bothFilters = (a: RecordFilter | undefined, b: RecordFilter | undefined): RecordFilter | undefined =>
  a === undefined ? b : b === undefined ? a : (s, n) => a(s, n) && b(s, n);

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** @internal Whether a parsed record passes the filter. */
export const keeps = (filter: RecordFilter, record: Record<string, unknown>): boolean =>
  filter(str(record.eventSource), str(record.eventName));

const QUOTE = 0x22;
const BSLASH = 0x5c;
const SOURCE = [...'eventSource'].map((c) => c.charCodeAt(0));
const NAME = [...'eventName'].map((c) => c.charCodeAt(0));

/** Byte classes: what the key loop acts on (whitespace and the rest are 0). */
const K_QUOTE = 1;
const K_OPEN = 2;
const K_CLOSE = 3;
const K_COMMA = 4;
const K_COLON = 5;
const K_SCALAR = 6;
let table: Uint8Array | undefined;
function classes(): Uint8Array {
  const t = new Uint8Array(256);
  t.fill(K_SCALAR, 0x21);
  for (const c of ' \t\n\r') t[c.charCodeAt(0)] = 0;
  t[QUOTE] = K_QUOTE;
  t[0x7b] = K_OPEN;
  t[0x5b] = K_OPEN;
  t[0x7d] = K_CLOSE;
  t[0x5d] = K_CLOSE;
  t[0x2c] = K_COMMA;
  t[0x3a] = K_COLON;
  return t;
}

function sameKey(bytes: Uint8Array, from: number, to: number, key: number[]): boolean {
  if (to - from !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (bytes[from + i] !== key[i]) return false;
  return true;
}

/** The text of a string value, or `undefined` when it has escapes, control or non-ASCII characters. */
function plainText(bytes: Uint8Array, from: number, to: number): string | undefined {
  let text = '';
  for (let j = from; j < to; j++) {
    const b = bytes[j] as number;
    if (b === BSLASH || b >= 0x80 || b < 0x20) return undefined;
    text += String.fromCharCode(b);
  }
  return text;
}

/**
 * @internal Whether a record's JSON bytes (one element as the scanner cut it) surely fail
 * `filter`, read from the top-level `eventSource` and `eventName` only (the last of duplicate
 * keys, as `JSON.parse` keeps). `false` when it passes, and whenever the bytes leave doubt:
 * escapes in a top-level key or in one of those values, non-ASCII or control characters in
 * those values, anything that is not an object. Its JSON is not checked: a skipped record is
 * never parsed. One pass over the bytes, tracking depth; only depth 1 (the record's own keys)
 * is looked at.
 */
export function surelySkipped(bytes: Uint8Array, filter: RecordFilter): boolean {
  const cls = (table ??= classes());
  const n = bytes.length;
  let i = 0;
  while (i < n && cls[bytes[i] as number] === 0) i++;
  if (bytes[i] !== 0x7b) return false;
  i++;
  let depth = 1;
  let expectKey = true;
  /** the value being read: 0 none, 1 eventSource, 2 eventName */
  let which = 0;
  let source: string | undefined;
  let name: string | undefined;
  while (i < n) {
    const k = cls[bytes[i++] as number];
    if (k === 0) continue;
    if (k === K_QUOTE) {
      const start = i;
      let escaped = false;
      for (;;) {
        if (i >= n) return false;
        const d = bytes[i++];
        if (d === QUOTE) break;
        if (d === BSLASH) {
          escaped = true;
          i++;
        }
      }
      if (depth !== 1) continue;
      if (expectKey) {
        // an escaped key may spell eventSource
        if (escaped) return false;
        expectKey = false;
        which = sameKey(bytes, start, i - 1, SOURCE) ? 1 : sameKey(bytes, start, i - 1, NAME) ? 2 : 0;
      } else if (which !== 0) {
        const text = plainText(bytes, start, i - 1);
        if (text === undefined) return false;
        if (which === 1) source = text;
        else name = text;
        which = 0;
      }
    } else if (k === K_OPEN) {
      if (depth === 1 && which !== 0) {
        if (which === 1) source = undefined;
        else name = undefined;
        which = 0;
      }
      depth++;
    } else if (k === K_CLOSE) {
      if (--depth === 0) return !filter(source, name);
    } else if (depth === 1) {
      if (k === K_COMMA) expectKey = true;
      else if (k === K_SCALAR && which !== 0) {
        // a number, true, false or null: not a string
        if (which === 1) source = undefined;
        else name = undefined;
        which = 0;
      }
    }
  }
  return false;
}
