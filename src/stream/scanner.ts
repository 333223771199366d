/**
 * Byte-level scanner over decompressed CloudTrail text. It finds the boundaries of each record
 * (each element of `Records`, of a top-level array, or each object of an NDJSON stream) without
 * parsing, so that each record can be parsed alone: memory stays bounded by the largest record.
 * Records are cut at ASCII bytes only, so a UTF-8 sequence is never split, whatever the chunking.
 * It checks the JSON structure *between* records (commas, brackets, trailing data) and parses
 * every top-level value other than `Records` (so malformed JSON anywhere is `INVALID_JSON`);
 * `JSON.parse` of each record slice checks the rest. An element is only *confirmed* once what
 * follows it is valid too (see {@link ScannerSink.confirm}), so that a stray `}` that closes a
 * record early never lets an altered record out. Elements nested deeper than `maxDepth` are
 * delimited but flagged, not parsed.
 *
 * @internal
 * @module
 */
import { joinBytes as join } from '../bytes.js';
import { CloudTrailParseError } from '../errors.js';
import { decodeJson } from '../json.js';
import type { LogFormat } from './types.js';

const QUOTE = 0x22;
const BSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACK = 0x5b;
const RBRACK = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

const C_OTHER = 0;
const C_QUOTE = 1;
const C_OPEN = 2;
const C_CLOSE = 3;
let classes: Uint8Array | undefined;
function classTable(): Uint8Array {
  const t = new Uint8Array(256);
  t[QUOTE] = C_QUOTE;
  t[LBRACE] = C_OPEN;
  t[LBRACK] = C_OPEN;
  t[RBRACE] = C_CLOSE;
  t[RBRACK] = C_CLOSE;
  return t;
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

enum Mode {
  Start, // before the first top-level value (BOM / whitespace allowed)
  TopKey, // inside a top-level object: expecting a key, ',' or '}'
  TopKeyStr, // inside a top-level key
  TopColon, // after a key: expecting ':'
  TopValue, // after ':': expecting a value
  TopSkip, // skipping a top-level value that is not Records
  Elements, // inside Records or a top-level array: between elements
  Element, // inside an element (object / array / string / scalar)
  Between, // after a complete top-level value: whitespace, or (auto / ndjson) another object
  Scalar, // a top-level scalar: kept whole, parsed at the end (never a log file)
}

/** Element kinds. */
const CONTAINER = 0;
const STRING = 1;
const SCALAR = 2;

/** Receives the scanner's findings, in input order. */
export interface ScannerSink {
  /**
   * One element (a record candidate): its bytes and the offset of its first byte; `tooDeep` when
   * it is nested deeper than `maxDepth` (its bytes are then not worth parsing).
   */
  element(bytes: Uint8Array, offset: number, inRecords: boolean, tooDeep: boolean): void;
  /**
   * What follows the elements so far is valid: all of them (`all`) or all but the last one (a
   * comma followed it; it is confirmed once the next element is, or the array ends).
   */
  confirm(all: boolean): void;
  /** A whole top-level object without `Records` (auto / log-file format): digest, single record... */
  object(bytes: Uint8Array, offset: number): void;
}

/** @internal A push-based scanner: {@link recordScanner}. */
export interface RecordScanner {
  /** Scans the next chunk of text. */
  push(buf: Uint8Array): void;
  /** Ends the text: throws when it is truncated or empty, or a scalar. */
  end(): void;
}

/** @internal A scanner that tells `sink` what it finds, in order. */
export function recordScanner(
  format: LogFormat,
  maxRecordBytes: number,
  maxDepth: number,
  sink: ScannerSink,
): RecordScanner {
  const max = maxRecordBytes;
  const cls = (classes ??= classTable());
  let mode = Mode.Start;
  /** effective format: 'auto' becomes 'ndjson' after two bare top-level objects */
  let fmt = format;
  /** bytes before the current chunk */
  let base = 0;
  let elementCount = 0;
  /**
   * The bytes of the element, or of the top-level key or value (to be parsed), being scanned:
   * the parts before the current chunk, their length, where it starts in the current chunk and
   * its offset.
   */
  let kept: Uint8Array[] = [];
  let keptLength = 0;
  let keptFrom = 0;
  let keptAt = 0;
  /** capture of a top-level object (auto / log-file), for digests and single records */
  let capturing = false;
  let cap: Uint8Array[] = [];
  let capLength = 0;
  let capFrom = 0;
  let capAt = 0;
  let depth = 0;
  let inStr = false;
  let esc = false;
  let elKind = CONTAINER;
  let tooDeep = false;
  let expectComma = false;
  let sawElement = false;
  let inRecords = false;
  let isRecordsKey = false;
  /** the top-level value being skipped is that of a `Records` key (not an array) */
  let skippingRecords = false;
  let topIsLog = false;
  let topEmpty = true;
  /** the last top-level value was an object without `Records` */
  let lastWasObject = false;
  /** a shape error found in well-formed JSON, thrown once the top-level value is known to be well-formed */
  let pending: CloudTrailParseError | undefined;

  const error = (code: 'INVALID_JSON' | 'NOT_A_LOG_FILE', message: string, offset: number) =>
    new CloudTrailParseError(code, message, { offset });

  const tooLarge = (what: string, offset: number) =>
    new CloudTrailParseError('RECORD_TOO_LARGE', `${what} at byte ${offset} is larger than maxRecordBytes (${max})`, {
      offset,
      recordIndex: elementCount,
    });

  function unexpected(c: number, at: number, why: string) {
    const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `0x${c.toString(16).padStart(2, '0')}`;
    return error('INVALID_JSON', `unexpected ${shown} at byte ${at}: ${why}`, at);
  }

  /** Starts keeping the bytes of an element, or of a top-level key or value, from `i` on. */
  function startKeeping(i: number): void {
    kept = [];
    keptLength = 0;
    keptFrom = i;
    keptAt = base + i;
  }

  /** Keeps bytes `from`..`to` of `buf` (a copy, unless they are the last ones, used at once). */
  function keep(buf: Uint8Array, from: number, to: number, last: boolean): void {
    keptLength += to - from;
    if (keptLength > max) throw tooLarge(mode === Mode.Element ? `record ${elementCount}` : 'top-level value', keptAt);
    kept.push(last ? buf.subarray(from, to) : buf.slice(from, to));
  }

  /** The kept bytes, ending at `end` of `buf` when given. */
  function take(buf?: Uint8Array, end = 0): Uint8Array {
    if (buf !== undefined) keep(buf, keptFrom, end, true);
    const bytes = join(kept, keptLength);
    kept = [];
    return bytes;
  }

  /** Parses the kept top-level key or value (`what` it is, for messages). */
  const parseValue = (what: string, buf?: Uint8Array, end?: number): unknown =>
    decodeJson(take(buf, end), `${what} at byte ${keptAt}`, { offset: keptAt }).value;

  function capture(buf: Uint8Array, from: number, to: number): void {
    capLength += to - from;
    if (capLength > max) throw tooLarge('top-level object', capAt);
    cap.push(buf.slice(from, to));
  }

  function beginTopObject(i: number): number {
    mode = Mode.TopKey;
    topIsLog = false;
    topEmpty = true;
    expectComma = false;
    capturing = true;
    cap = [];
    capLength = 0;
    capFrom = i;
    capAt = base + i;
    return i + 1;
  }

  function beginElements(records: boolean): void {
    mode = Mode.Elements;
    inRecords = records;
    expectComma = false;
    sawElement = false;
  }

  // everything outside elements: one byte at a time
  function step(buf: Uint8Array, i: number, n: number): number {
    const c = buf[i] as number;
    const at = base + i;
    switch (mode) {
      case Mode.Start:
        if (isWs(c) || (at < 3 && (c === 0xef || c === 0xbb || c === 0xbf))) return i + 1;
        if (c === LBRACE) {
          if (format === 'array')
            throw error('NOT_A_LOG_FILE', 'expected a JSON array of records, found an object', at);
          return format === 'ndjson' ? startElement(buf, i, n, false) : beginTopObject(i);
        }
        if (c === LBRACK) {
          if (format === 'log-file' || format === 'ndjson') {
            const expected = format === 'ndjson' ? 'one JSON object per line' : 'a {"Records":[...]} object';
            throw error('NOT_A_LOG_FILE', `expected ${expected}, found an array`, at);
          }
          beginElements(false);
          return i + 1;
        }
        if (c === QUOTE || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
          // never a log file; but malformed JSON is INVALID_JSON, so it is parsed at the end
          mode = Mode.Scalar;
          startKeeping(i);
          return n;
        }
        throw unexpected(c, at, 'not JSON (and not gzip)');
      case Mode.Scalar:
        return n;
      case Mode.TopKey:
        if (isWs(c)) return i + 1;
        if (c === QUOTE && !expectComma) {
          topEmpty = false;
          mode = Mode.TopKeyStr;
          startKeeping(i);
          esc = false;
          return i + 1;
        }
        if (c === COMMA && expectComma) {
          expectComma = false;
          return i + 1;
        }
        if (c === RBRACE && (expectComma || topEmpty)) return closeTopObject(buf, i);
        throw unexpected(c, at, 'expected a key in the top-level object');
      case Mode.TopKeyStr:
        if (esc) esc = false;
        else if (c === BSLASH) esc = true;
        else if (c === QUOTE) {
          // keys are parsed: escapes decoded (a "Records" key may be spelt with them), errors caught
          isRecordsKey = parseValue('a top-level key', buf, i + 1) === 'Records';
          mode = Mode.TopColon;
        }
        return i + 1;
      case Mode.TopColon:
        if (isWs(c)) return i + 1;
        if (c === COLON) {
          mode = Mode.TopValue;
          return i + 1;
        }
        throw unexpected(c, at, "expected ':' after a key");
      case Mode.TopValue:
        if (isWs(c)) return i + 1;
        if (isRecordsKey && c === LBRACK) {
          // a log file: stream its records, stop capturing the top-level object
          capturing = false;
          cap = [];
          topIsLog = true;
          beginElements(true);
          return i + 1;
        }
        mode = Mode.TopSkip;
        skippingRecords = isRecordsKey;
        return startValue(buf, i, n);
      case Mode.Elements:
        if (isWs(c)) return i + 1;
        if (c === COMMA && expectComma) {
          expectComma = false;
          sink.confirm(false);
          return i + 1;
        }
        if (c === RBRACK && (expectComma || !sawElement)) {
          sink.confirm(true);
          if (inRecords) {
            inRecords = false;
            mode = Mode.TopKey;
            expectComma = true;
          } else {
            mode = Mode.Between;
            lastWasObject = false;
          }
          return i + 1;
        }
        if (!expectComma && c !== RBRACK && c !== COMMA) return startElement(buf, i, n, inRecords);
        throw unexpected(c, at, expectComma ? "expected ',' or ']' between records" : 'expected a record');
      default: // Mode.Between (Element and TopSkip values are scanned by scanValue)
        if (isWs(c) || c === 0x1e) return i + 1;
        if (c === LBRACE && fmt !== 'array') {
          sink.confirm(true);
          // two bare objects in a row: NDJSON (one record a line); scan the rest record by record
          if (fmt === 'auto' && lastWasObject) fmt = 'ndjson';
          // auto / log-file: another top-level object (concatenated log files or NDJSON)
          return fmt === 'ndjson' ? startElement(buf, i, n, false) : beginTopObject(i);
        }
        throw unexpected(c, at, 'trailing data after the top-level JSON value');
    }
  }

  function closeTopObject(buf: Uint8Array, i: number): number {
    mode = Mode.Between;
    if (pending !== undefined) throw pending;
    lastWasObject = !topIsLog;
    if (!topIsLog) {
      capture(buf, capFrom, i + 1);
      capturing = false;
      const bytes = join(cap, capLength);
      cap = [];
      sink.object(bytes, capAt);
    }
    return i + 1;
  }

  function afterTopValue(buf: Uint8Array, i: number): number {
    const value = parseValue('a top-level value', buf, i);
    if (skippingRecords && pending === undefined) {
      // well-formed JSON, but not a log file: said once the whole top-level object is known well-formed
      pending = error(
        'NOT_A_LOG_FILE',
        `"Records" at byte ${keptAt} is ${value === null ? 'null' : typeof value}, not an array`,
        keptAt,
      );
    }
    mode = Mode.TopKey;
    expectComma = true;
    return i;
  }

  function startElement(buf: Uint8Array, i: number, n: number, records: boolean): number {
    mode = Mode.Element;
    inRecords = records;
    return startValue(buf, i, n);
  }

  /** Starts scanning an element, or a top-level value to skip (mode `Element` or `TopSkip`). */
  function startValue(buf: Uint8Array, i: number, n: number): number {
    const c = buf[i] as number;
    startKeeping(i);
    depth = 0;
    inStr = false;
    esc = false;
    tooDeep = false;
    if (c === QUOTE) {
      elKind = STRING;
      // the opening quote is part of the element
      return scanString(buf, i + 1, n);
    }
    elKind = c === LBRACE || c === LBRACK ? CONTAINER : SCALAR;
    return scanValue(buf, i, n);
  }

  // hot loop: inside a value until it ends or the chunk does (then `push` keeps its bytes)
  function scanValue(buf: Uint8Array, i: number, n: number): number {
    if (elKind === STRING) return scanString(buf, i, n);
    if (elKind === SCALAR) return scanScalar(buf, i, n);
    let d = depth;
    let str = inStr;
    if (str && esc) {
      esc = false;
      i++;
    }
    while (i < n) {
      if (str) {
        for (;;) {
          if (i >= n) break;
          const c = buf[i++];
          if (c === QUOTE) {
            str = false;
            break;
          }
          if (c === BSLASH) {
            if (i < n) i++;
            else esc = true;
          }
        }
        if (str) break;
      }
      for (;;) {
        if (i >= n) break;
        const k = cls[buf[i++] as number];
        if (k === C_OTHER) continue;
        if (k === C_QUOTE) {
          str = true;
          break;
        }
        if (k === C_OPEN) {
          if (++d > maxDepth) tooDeep = true;
        } else if (--d === 0) {
          depth = 0;
          inStr = false;
          return valueEnd(buf, i);
        }
      }
    }
    depth = d;
    inStr = str;
    return n;
  }

  function scanString(buf: Uint8Array, i: number, n: number): number {
    if (esc && i < n) {
      esc = false;
      i++;
    }
    while (i < n) {
      const c = buf[i++];
      if (c === BSLASH) {
        if (i < n) i++;
        else esc = true;
      } else if (c === QUOTE) return valueEnd(buf, i);
    }
    return n;
  }

  function scanScalar(buf: Uint8Array, i: number, n: number): number {
    for (; i < n; i++) {
      const c = buf[i] as number;
      // (a ']' ends no value of the top-level object: JSON.parse of the value says so)
      if (c === COMMA || c === RBRACE || isWs(c) || (c === RBRACK && mode === Mode.Element)) return valueEnd(buf, i);
    }
    return n;
  }

  /** The value scanned ends at `end` of `buf`. */
  const valueEnd = (buf: Uint8Array, end: number): number =>
    mode === Mode.Element ? emit(buf, end) : afterTopValue(buf, end);

  function emit(buf: Uint8Array, end: number): number {
    const bytes = take(buf, end);
    const records = inRecords;
    elementCount++;
    sink.element(bytes, keptAt, records, tooDeep);
    if (fmt === 'ndjson' && !records) mode = Mode.Between;
    else {
      mode = Mode.Elements;
      expectComma = true;
      sawElement = true;
    }
    return end;
  }

  return {
    push(buf) {
      const n = buf.length;
      let i = 0;
      capFrom = 0;
      keptFrom = 0;
      while (i < n) i = mode === Mode.Element || mode === Mode.TopSkip ? scanValue(buf, i, n) : step(buf, i, n);
      if (capturing && capFrom < n) capture(buf, capFrom, n);
      if (
        (mode === Mode.Element || mode === Mode.TopKeyStr || mode === Mode.TopSkip || mode === Mode.Scalar) &&
        keptFrom < n
      ) {
        keep(buf, keptFrom, n, false);
      }
      base += n;
    },

    end() {
      if (mode === Mode.Scalar) {
        parseValue('the body');
        throw error('NOT_A_LOG_FILE', 'the body is a JSON scalar, not a log file', 0);
      }
      if (mode === Mode.Start) throw error('INVALID_JSON', 'empty input: no JSON value found', base);
      if (mode !== Mode.Between) {
        const where =
          mode === Mode.Element
            ? `record ${elementCount} starting at byte ${keptAt}`
            : mode === Mode.Elements
              ? `the ${inRecords ? 'Records' : 'top-level'} array`
              : 'the top-level object';
        throw error('INVALID_JSON', `unexpected end of input: truncated JSON inside ${where}`, base);
      }
      sink.confirm(true);
    },
  };
}
