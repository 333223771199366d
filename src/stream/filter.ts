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
const COLON = 0x3a;
const COMMA = 0x2c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACK = 0x5b;
const RBRACK = 0x5d;
const SOURCE = [...'eventSource'].map((c) => c.charCodeAt(0));
const NAME = [...'eventName'].map((c) => c.charCodeAt(0));

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function sameKey(bytes: Uint8Array, from: number, to: number, key: number[]): boolean {
  if (to - from !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (bytes[from + i] !== key[i]) return false;
  return true;
}

/** End of the string whose opening quote is at `i - 1` (index after the closing quote), or -1. */
function stringEnd(bytes: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = bytes[i++];
    if (c === QUOTE) return i;
    if (c === BSLASH) i++;
  }
  return -1;
}

const UNSURE = false;

/**
 * @internal Whether a record's JSON bytes (one element as the scanner cut it) surely fail
 * `filter`, read from the top-level `eventSource` and `eventName` only (the last of duplicate
 * keys, as `JSON.parse` keeps). `false` when it passes, and whenever the bytes leave doubt:
 * escapes in a key or in one of those values, non-ASCII or control characters in those values,
 * anything that does not look like an object. Its JSON is not checked: a skipped record is
 * never parsed.
 */
export function surelySkipped(bytes: Uint8Array, filter: RecordFilter): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n && isWs(bytes[i] as number)) i++;
  if (bytes[i] !== LBRACE) return UNSURE;
  i++;
  let source: string | undefined;
  let name: string | undefined;
  for (;;) {
    while (i < n && isWs(bytes[i] as number)) i++;
    if (bytes[i] === RBRACE) break;
    if (bytes[i] !== QUOTE) return UNSURE;
    const keyStart = i + 1;
    i = stringEnd(bytes, keyStart, n);
    if (i < 0) return UNSURE;
    const keyEnd = i - 1;
    // which key: escapes in a key (it may spell eventSource) leave doubt
    let which = 0;
    if (bytes.subarray(keyStart, keyEnd).includes(BSLASH)) return UNSURE;
    if (sameKey(bytes, keyStart, keyEnd, SOURCE)) which = 1;
    else if (sameKey(bytes, keyStart, keyEnd, NAME)) which = 2;
    while (i < n && isWs(bytes[i] as number)) i++;
    if (bytes[i] !== COLON) return UNSURE;
    i++;
    while (i < n && isWs(bytes[i] as number)) i++;
    const c = bytes[i];
    const valueStart = i;
    if (c === QUOTE) {
      i = stringEnd(bytes, i + 1, n);
      if (i < 0) return UNSURE;
      if (which !== 0) {
        let text = '';
        for (let j = valueStart + 1; j < i - 1; j++) {
          const b = bytes[j] as number;
          if (b === BSLASH || b >= 0x80 || b < 0x20) return UNSURE;
          text += String.fromCharCode(b);
        }
        if (which === 1) source = text;
        else name = text;
      }
    } else if (c === LBRACE || c === LBRACK) {
      let depth = 0;
      while (i < n) {
        const d = bytes[i++];
        if (d === QUOTE) {
          i = stringEnd(bytes, i, n);
          if (i < 0) return UNSURE;
        } else if (d === LBRACE || d === LBRACK) depth++;
        else if ((d === RBRACE || d === RBRACK) && --depth === 0) break;
      }
      if (depth !== 0) return UNSURE;
      if (which === 1) source = undefined;
      else if (which === 2) name = undefined;
    } else {
      // a scalar: number, true, false, null (never a string)
      while (i < n) {
        const d = bytes[i] as number;
        if (d === COMMA || d === RBRACE || isWs(d)) break;
        i++;
      }
      if (i === valueStart) return UNSURE;
      if (which === 1) source = undefined;
      else if (which === 2) name = undefined;
    }
    while (i < n && isWs(bytes[i] as number)) i++;
    if (bytes[i] === COMMA) {
      i++;
      continue;
    }
    if (bytes[i] === RBRACE) break;
    return UNSURE;
  }
  return !filter(source, name);
}
