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

/** What a finished top-level value was. */
export type TopLevelKind = 'log' | 'array' | 'object';

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

const RECORDS = 'Records';

/** @internal */
export class RecordScanner {
  #mode = Mode.Start;
  readonly #format: LogFormat;
  readonly #cls: Uint8Array;
  readonly #max: number;
  readonly #maxDepth: number;
  readonly #sink: ScannerSink;
  #tooDeep = false;
  /** bytes of a top-level key, or of a top-level value other than `Records`, to be parsed */
  #value: Uint8Array[] = [];
  #valueLen = 0;
  #valueStart = 0;
  #valueOffset = 0;
  /** what the top-level value being skipped is: another key's value, `Records`, or a scalar body */
  #valueKind: 'other' | 'records' = 'other';
  /** a shape error found in well-formed JSON, thrown once the top-level value is known to be well-formed */
  #pending: CloudTrailParseError | undefined;
  /** bytes before the current chunk */
  #base = 0;
  #depth = 0;
  #inStr = false;
  #esc = false;
  /** element kind: 0 container, 1 string, 2 scalar */
  #elKind = 0;
  #elStart = 0;
  #parts: Uint8Array[] | null = null;
  #partsLen = 0;
  #expectComma = false;
  #sawElement = false;
  #inRecords = false;
  #isRecordsKey = false;
  #scalarSkip = false;
  /** capture of a top-level object (auto / log-file), for digests and single records */
  #capturing = false;
  #cap: Uint8Array[] = [];
  #capLen = 0;
  #capStart = 0;
  #capOffset = 0;
  #topIsLog = false;
  #topEmpty = true;
  /** effective format: 'auto' becomes 'ndjson' after two bare top-level objects */
  #fmt: LogFormat;
  /** kinds of the top-level values seen */
  readonly kinds: TopLevelKind[] = [];
  elementCount = 0;

  constructor(format: LogFormat, maxRecordBytes: number, maxDepth: number, sink: ScannerSink) {
    this.#format = format;
    this.#fmt = format;
    this.#max = maxRecordBytes;
    this.#maxDepth = maxDepth;
    this.#sink = sink;
    this.#cls = classes ??= classTable();
  }

  /** Total bytes pushed so far. */
  get bytes(): number {
    return this.#base;
  }

  push(buf: Uint8Array): void {
    const n = buf.length;
    let i = 0;
    if (this.#capturing) this.#capStart = 0;
    this.#valueStart = 0;
    while (i < n) {
      i = this.#mode === Mode.Element ? this.#scanElement(buf, i, n) : this.#step(buf, i, n);
    }
    if (this.#capturing) this.#capture(buf, this.#capStart, n);
    if (this.#mode === Mode.TopKeyStr || this.#mode === Mode.TopSkip || this.#mode === Mode.Scalar) {
      this.#keepValue(buf, this.#valueStart, n);
    }
    this.#base += n;
  }

  end(): void {
    if (this.#mode === Mode.Scalar) {
      this.#parseValue('the body');
      throw this.#error('NOT_A_LOG_FILE', 'the body is a JSON scalar, not a log file, an array or NDJSON', 0);
    }
    if (this.#mode !== Mode.Between) {
      if (this.#mode === Mode.Start) throw this.#error('INVALID_JSON', 'empty input: no JSON value found', this.#base);
      throw this.#error('INVALID_JSON', `unexpected end of input: truncated JSON (${this.#where()})`, this.#base);
    }
    this.#sink.confirm(true);
  }

  /** Starts keeping the bytes of a top-level key or value from `i` on. */
  #startValue(i: number): void {
    this.#value = [];
    this.#valueLen = 0;
    this.#valueStart = i;
    this.#valueOffset = this.#base + i;
  }

  #keepValue(buf: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    this.#valueLen += to - from;
    if (this.#valueLen > this.#max) {
      throw this.#error(
        'RECORD_TOO_LARGE',
        `top-level value at byte ${this.#valueOffset} is larger than maxRecordBytes (${this.#max})`,
        this.#valueOffset,
      );
    }
    this.#value.push(buf.slice(from, to));
  }

  /** Parses the kept top-level key or value (its bytes end at `end` of `buf`, when given). */
  #parseValue(what: string, buf?: Uint8Array, end?: number): unknown {
    if (buf !== undefined && end !== undefined) this.#keepValue(buf, this.#valueStart, end);
    const bytes = join(this.#value, this.#valueLen);
    this.#value = [];
    return decodeJson(bytes, `${what} at byte ${this.#valueOffset}`, { offset: this.#valueOffset }).value;
  }

  #where(): string {
    switch (this.#mode) {
      case Mode.Element:
        return `inside record ${this.elementCount} starting at byte ${this.#elStart}`;
      case Mode.Elements:
        return this.#inRecords ? 'inside the Records array' : 'inside the top-level array';
      default:
        return 'inside the top-level object';
    }
  }

  #error(code: 'INVALID_JSON' | 'NOT_A_LOG_FILE' | 'RECORD_TOO_LARGE', message: string, offset: number) {
    return new CloudTrailParseError(code, message, {
      offset,
      recordIndex: code === 'RECORD_TOO_LARGE' ? this.elementCount : undefined,
    });
  }

  #unexpected(c: number, at: number, why: string) {
    const shown = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `0x${c.toString(16).padStart(2, '0')}`;
    return this.#error('INVALID_JSON', `unexpected ${shown} at byte ${at}: ${why}`, at);
  }

  #capture(buf: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    this.#capLen += to - from;
    if (this.#capLen > this.#max) {
      throw this.#error(
        'RECORD_TOO_LARGE',
        `top-level object at byte ${this.#capOffset} is larger than maxRecordBytes (${this.#max}) before any Records array`,
        this.#capOffset,
      );
    }
    this.#cap.push(buf.slice(from, to));
  }

  #startCapture(at: number, i: number): void {
    this.#capturing = true;
    this.#cap = [];
    this.#capLen = 0;
    this.#capStart = i;
    this.#capOffset = at;
  }

  #endCapture(buf: Uint8Array, end: number): Uint8Array {
    this.#capture(buf, this.#capStart, end);
    this.#capturing = false;
    const out = join(this.#cap, this.#capLen);
    this.#cap = [];
    return out;
  }

  #beginTopObject(i: number): void {
    this.#mode = Mode.TopKey;
    this.#topIsLog = false;
    this.#topEmpty = true;
    this.#expectComma = false;
    this.#startCapture(this.#base + i, i);
  }

  // everything outside elements: one byte at a time
  #step(buf: Uint8Array, i: number, n: number): number {
    const c = buf[i] as number;
    const at = this.#base + i;
    switch (this.#mode) {
      case Mode.Start:
        if (isWs(c) || (at < 3 && (c === 0xef || c === 0xbb || c === 0xbf))) return i + 1;
        if (c === LBRACE) {
          if (this.#format === 'array')
            throw this.#error('NOT_A_LOG_FILE', 'expected a JSON array of records, found an object', at);
          if (this.#format === 'ndjson') return this.#startElement(buf, i, n, false);
          this.#beginTopObject(i);
          return i + 1;
        }
        if (c === LBRACK) {
          if (this.#format === 'log-file' || this.#format === 'ndjson') {
            throw this.#error(
              'NOT_A_LOG_FILE',
              `expected ${this.#format === 'ndjson' ? 'one JSON object per line' : 'a {"Records":[...]} object'}, found an array`,
              at,
            );
          }
          this.kinds.push('array');
          this.#mode = Mode.Elements;
          this.#inRecords = false;
          this.#expectComma = false;
          this.#sawElement = false;
          return i + 1;
        }
        if (c === QUOTE || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
          // never a log file; but malformed JSON is INVALID_JSON, so it is parsed at the end
          this.#mode = Mode.Scalar;
          this.#startValue(i);
          return n;
        }
        throw this.#unexpected(c, at, 'not JSON (and not gzip)');
      case Mode.Scalar:
        return n;
      case Mode.TopKey:
        if (isWs(c)) return i + 1;
        if (c === QUOTE && !this.#expectComma) {
          this.#topEmpty = false;
          this.#mode = Mode.TopKeyStr;
          this.#startValue(i);
          this.#esc = false;
          return i + 1;
        }
        if (c === COMMA && this.#expectComma) {
          this.#expectComma = false;
          return i + 1;
        }
        if (c === RBRACE && (this.#expectComma || this.#topEmpty)) return this.#closeTopObject(buf, i);
        throw this.#unexpected(c, at, 'expected a key in the top-level object');
      case Mode.TopKeyStr:
        if (this.#esc) this.#esc = false;
        else if (c === BSLASH) this.#esc = true;
        else if (c === QUOTE) {
          // keys are parsed: escapes decoded (a "Records" key may be spelt with them), errors caught
          this.#isRecordsKey = this.#parseValue('a top-level key', buf, i + 1) === RECORDS;
          this.#mode = Mode.TopColon;
          return i + 1;
        }
        return i + 1;
      case Mode.TopColon:
        if (isWs(c)) return i + 1;
        if (c === COLON) {
          this.#mode = Mode.TopValue;
          return i + 1;
        }
        throw this.#unexpected(c, at, "expected ':' after a key");
      case Mode.TopValue:
        if (isWs(c)) return i + 1;
        if (this.#isRecordsKey && c === LBRACK) {
          // a log file: stream its records, stop capturing the top-level object
          this.#capturing = false;
          this.#cap = [];
          this.#topIsLog = true;
          this.#mode = Mode.Elements;
          this.#inRecords = true;
          this.#expectComma = false;
          this.#sawElement = false;
          return i + 1;
        }
        this.#mode = Mode.TopSkip;
        this.#valueKind = this.#isRecordsKey ? 'records' : 'other';
        this.#startValue(i);
        this.#depth = 0;
        this.#inStr = false;
        this.#esc = false;
        this.#scalarSkip = !(c === LBRACE || c === LBRACK || c === QUOTE);
        return i;
      case Mode.TopSkip:
        return this.#skip(buf, i, n);
      case Mode.Elements:
        if (isWs(c)) return i + 1;
        if (c === COMMA && this.#expectComma) {
          this.#expectComma = false;
          this.#sink.confirm(false);
          return i + 1;
        }
        if (c === RBRACK && (this.#expectComma || !this.#sawElement)) {
          this.#sink.confirm(true);
          if (this.#inRecords) {
            this.#inRecords = false;
            this.#mode = Mode.TopKey;
            this.#expectComma = true;
          } else this.#mode = Mode.Between;
          return i + 1;
        }
        if (!this.#expectComma && c !== RBRACK && c !== COMMA) return this.#startElement(buf, i, n, this.#inRecords);
        throw this.#unexpected(c, at, this.#expectComma ? "expected ',' or ']' between records" : 'expected a record');
      case Mode.Between:
        if (isWs(c) || c === 0x1e) return i + 1;
        if (c === LBRACE && this.#fmt !== 'array') {
          this.#sink.confirm(true);
          if (this.#fmt === 'auto' && this.kinds[this.kinds.length - 1] === 'object') {
            // two bare objects in a row: NDJSON (one record a line); scan the rest record by record
            this.#fmt = 'ndjson';
          }
          if (this.#fmt === 'ndjson') return this.#startElement(buf, i, n, false);
          // auto / log-file: another top-level object (concatenated log files or NDJSON)
          this.#beginTopObject(i);
          return i + 1;
        }
        throw this.#unexpected(c, at, 'trailing data after the top-level JSON value');
      default:
        throw new Error('unreachable');
    }
  }

  #closeTopObject(buf: Uint8Array, i: number): number {
    this.#mode = Mode.Between;
    const pending = this.#pending;
    if (pending !== undefined) throw pending;
    if (this.#topIsLog) {
      this.kinds.push('log');
      return i + 1;
    }
    const offset = this.#capOffset;
    const bytes = this.#endCapture(buf, i + 1);
    this.kinds.push('object');
    this.#sink.object(bytes, offset);
    return i + 1;
  }

  #skip(buf: Uint8Array, i: number, n: number): number {
    while (i < n) {
      const c = buf[i] as number;
      if (this.#inStr) {
        i++;
        if (this.#esc) this.#esc = false;
        else if (c === BSLASH) this.#esc = true;
        else if (c === QUOTE) {
          this.#inStr = false;
          if (this.#depth === 0) return this.#afterTopValue(buf, i);
        }
        continue;
      }
      if (this.#scalarSkip) {
        if (c === COMMA || c === RBRACE || isWs(c)) return this.#afterTopValue(buf, i);
        i++;
        continue;
      }
      i++;
      if (c === QUOTE) this.#inStr = true;
      else if (c === LBRACE || c === LBRACK) this.#depth++;
      else if (c === RBRACE || c === RBRACK) {
        if (--this.#depth === 0) return this.#afterTopValue(buf, i);
      }
    }
    return i;
  }

  #afterTopValue(buf: Uint8Array, i: number): number {
    const value = this.#parseValue('a top-level value', buf, i);
    if (this.#valueKind === 'records' && this.#pending === undefined) {
      // well-formed JSON, but not a log file: said once the whole top-level object is known well-formed
      this.#pending = this.#error(
        'NOT_A_LOG_FILE',
        `"Records" is not an array but ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value} (byte ${this.#valueOffset})`,
        this.#valueOffset,
      );
    }
    this.#mode = Mode.TopKey;
    this.#expectComma = true;
    return i;
  }

  #startElement(buf: Uint8Array, i: number, n: number, inRecords: boolean): number {
    const c = buf[i] as number;
    this.#mode = Mode.Element;
    this.#inRecords = inRecords;
    this.#elStart = this.#base + i;
    this.#depth = 0;
    this.#inStr = false;
    this.#esc = false;
    this.#parts = null;
    this.#partsLen = 0;
    this.#tooDeep = false;
    if (c === LBRACE || c === LBRACK) this.#elKind = 0;
    else if (c === QUOTE) {
      this.#elKind = 1;
      this.#inStr = true;
      this.#partsLen = 0;
      // the opening quote is part of the element
      return this.#scanString(buf, i + 1, n, i);
    } else this.#elKind = 2;
    return this.#scanElement(buf, i, n);
  }

  // hot loop: inside an element until it closes or the chunk ends
  #scanElement(buf: Uint8Array, i: number, n: number): number {
    if (this.#elKind === 1) return this.#scanString(buf, i, n, i);
    if (this.#elKind === 2) return this.#scanScalar(buf, i, n);
    const start = i;
    const cls = this.#cls;
    let depth = this.#depth;
    let inStr = this.#inStr;
    if (inStr && this.#esc) {
      this.#esc = false;
      i++;
    }
    while (i < n) {
      if (inStr) {
        for (;;) {
          if (i >= n) break;
          const c = buf[i++];
          if (c === QUOTE) {
            inStr = false;
            break;
          }
          if (c === BSLASH) {
            if (i < n) i++;
            else this.#esc = true;
          }
        }
        if (inStr) break;
      }
      for (;;) {
        if (i >= n) break;
        const k = cls[buf[i++] as number];
        if (k === C_OTHER) continue;
        if (k === C_QUOTE) {
          inStr = true;
          break;
        }
        if (k === C_OPEN) {
          if (++depth > this.#maxDepth) this.#tooDeep = true;
        } else if (--depth === 0) {
          this.#depth = 0;
          this.#inStr = false;
          this.#emit(buf, start, i);
          return i;
        }
      }
    }
    this.#depth = depth;
    this.#inStr = inStr;
    this.#keep(buf, start, n);
    return n;
  }

  #scanString(buf: Uint8Array, i: number, n: number, start: number): number {
    if (this.#esc && i < n) {
      this.#esc = false;
      i++;
    }
    while (i < n) {
      const c = buf[i++];
      if (c === BSLASH) {
        if (i < n) i++;
        else this.#esc = true;
      } else if (c === QUOTE) {
        this.#inStr = false;
        this.#emit(buf, start, i);
        return i;
      }
    }
    this.#keep(buf, start, n);
    return n;
  }

  #scanScalar(buf: Uint8Array, i: number, n: number): number {
    const start = i;
    while (i < n) {
      const c = buf[i] as number;
      if (c === COMMA || c === RBRACK || c === RBRACE || isWs(c)) {
        this.#emit(buf, start, i);
        return i;
      }
      i++;
    }
    this.#keep(buf, start, n);
    return n;
  }

  #keep(buf: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    this.#partsLen += end - start;
    if (this.#partsLen > this.#max) {
      throw this.#error(
        'RECORD_TOO_LARGE',
        `record ${this.elementCount} at byte ${this.#elStart} is larger than maxRecordBytes (${this.#max})`,
        this.#elStart,
      );
    }
    (this.#parts ??= []).push(buf.slice(start, end));
  }

  #emit(buf: Uint8Array, start: number, end: number): void {
    let bytes: Uint8Array;
    if (this.#parts === null) bytes = buf.subarray(start, end);
    else {
      this.#parts.push(buf.subarray(start, end));
      bytes = join(this.#parts, this.#partsLen + end - start);
      this.#parts = null;
    }
    if (bytes.length > this.#max) {
      throw this.#error(
        'RECORD_TOO_LARGE',
        `record ${this.elementCount} at byte ${this.#elStart} is larger than maxRecordBytes (${this.#max})`,
        this.#elStart,
      );
    }
    const inRecords = this.#inRecords;
    this.elementCount++;
    this.#sink.element(bytes, this.#elStart, inRecords, this.#tooDeep);
    if (this.#fmt === 'ndjson' && !inRecords) this.#mode = Mode.Between;
    else {
      this.#mode = Mode.Elements;
      this.#expectComma = true;
      this.#sawElement = true;
    }
  }
}
