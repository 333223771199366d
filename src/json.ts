/**
 * JSON helpers shared by the reader and the envelopes: one way to parse text into an
 * `INVALID_JSON` error, and the nesting-depth limit of a parsed value.
 *
 * @internal
 * @module
 */
import { CloudTrailParseError, type CloudTrailParseErrorOptions } from './errors.js';

/** Default `maxDepth`: CloudTrail records are shallow (a few levels; policy documents are strings). */
export const DEFAULT_MAX_DEPTH = 1000;

/** Default `maxRecordBytes`: 16 MiB (CloudTrail caps an event at 256 KB). */
export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** @internal The per-record error of a record nested deeper than `maxDepth`. */
export const tooDeep = (
  index: number,
  maxDepth: number,
  where: Omit<CloudTrailParseErrorOptions, 'cause'> = {},
): CloudTrailParseError =>
  new CloudTrailParseError(
    'INVALID_RECORD',
    `record ${index}${where.offset === undefined ? '' : ` at byte ${where.offset}`} is nested deeper than maxDepth (${maxDepth})`,
    { recordIndex: index, ...where },
  );

/**
 * @internal `JSON.parse(text)`, or `INVALID_JSON` naming `what` (e.g. "log event 3") and where.
 */
export function parseJson(text: string, what: string, where: Omit<CloudTrailParseErrorOptions, 'cause'> = {}): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CloudTrailParseError('INVALID_JSON', `${what} is not valid JSON: ${(cause as Error).message}`, {
      ...where,
      cause,
    });
  }
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * @internal UTF-8 JSON bytes decoded and parsed, or `INVALID_JSON` naming `what` and where (for
 * text that is not UTF-8 too).
 */
export function decodeJson(
  bytes: Uint8Array,
  what: string,
  where: Omit<CloudTrailParseErrorOptions, 'cause'> = {},
): { text: string; value: unknown } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new CloudTrailParseError('INVALID_JSON', `${what} is not valid UTF-8`, { ...where, cause });
  }
  return { text, value: parseJson(text, what, where) };
}

/**
 * @internal Whether a parsed JSON value nests objects and arrays deeper than `max` levels (the
 * value itself, when an object or array, is level 1). Iterative: any depth is safe to check.
 */
export function deeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (depth > max) return true;
    const children = Array.isArray(v) ? v : Object.values(v as object);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
