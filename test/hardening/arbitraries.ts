/**
 * fast-check arbitraries and body builders for the hardening tests: records that follow the
 * lenient schema (with hostile strings, nulls and unknown keys), and ways to serialise, gzip,
 * split and damage them.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  type CloudTrailRecord,
  isCloudTrailParseError,
  type LogBody,
  type ReadOptions,
  readRecords,
} from '../../src/index.js';

/** Characters that break naive scanners and JSON writers. */
const ODD_CHARS = [
  '"',
  '\\',
  '/',
  '\b',
  '\f',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\ud800', // lone high surrogate
  '\udbff',
  '\udc00', // lone low surrogate
  '\udfff',
  '\ud83d\ude00', // paired surrogates (emoji)
  '\u2028',
  '\u2029',
  '\ufeff',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '\\"',
  '"}]}',
  '{"Records":[',
  'é',
  'ß',
  '中文',
  '\u00ff',
  '\u0300',
  'Records',
];

/** A string made of odd characters, random code units (lone surrogates included) and ASCII. */
export const oddString = (): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...ODD_CHARS) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
        { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(''));

/** Keys that a record must not carry as unknown keys (they would change how a body is read). */
const RESERVED_KEYS = new Set([
  'Records',
  'digestPublicKeyFingerprint',
  'digestS3Object',
  'logFiles',
  'digestStartTime',
]);

/** An object key: odd strings, including `__proto__`, `constructor` and `prototype`. */
export const oddKey = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 4, arbitrary: oddString() },
      { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty') },
    )
    .filter((k) => !RESERVED_KEYS.has(k));

/** Builds an object with own data properties only (`__proto__` becomes an own key, as JSON.parse does). */
export const own = (entries: [string, unknown][]): Record<string, unknown> => Object.fromEntries(entries);

/** A finite number that survives JSON (no -0, no NaN, no Infinity). */
const jsonNumber = (): fc.Arbitrary<number> =>
  fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, 5e-324),
    )
    .map((n) => (Object.is(n, -0) ? 0 : n));

/** Any JSON value, with odd strings and keys. */
export const jsonValue = (maxDepth = 3): fc.Arbitrary<unknown> =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.constant(null),
      fc.boolean(),
      jsonNumber(),
      oddString(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.tuple(oddKey(), tie('value')), { maxLength: 4 }).map(own),
    ),
  })).value;

/** A free-form JSON object (requestParameters...), or null. */
const freeObject = () =>
  fc.oneof(fc.constant(null), fc.array(fc.tuple(oddKey(), jsonValue(3)), { maxLength: 5 }).map(own));

const str = () => fc.oneof({ weight: 6, arbitrary: oddString() }, { weight: 1, arbitrary: fc.constant(null) });
/** A top-level string of a record: never `null` (that is an INVALID_RECORD). */
const topStr = () => oddString();
const flag = () => fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'TRUE', 'yes', ''), fc.constant(null));

/**
 * Builds an object from optional known fields plus unknown extra keys: every field may be absent,
 * `null` or a value of its documented type.
 */
function objectOf(
  fields: Record<string, fc.Arbitrary<unknown>>,
  opts: { extra?: boolean; required?: string[] } = {},
): fc.Arbitrary<Record<string, unknown>> {
  const known = fc.record(fields, { requiredKeys: opts.required ?? [] });
  const extra = opts.extra === false ? fc.constant([]) : fc.array(fc.tuple(oddKey(), jsonValue(2)), { maxLength: 3 });
  return fc.tuple(known, extra).map(([k, x]) => {
    const entries: [string, unknown][] = Object.entries(k);
    const seen = new Set(entries.map(([key]) => key));
    for (const [key, v] of x)
      if (!seen.has(key) && !Object.hasOwn(fields, key)) {
        seen.add(key);
        entries.push([key, v]);
      }
    return own(entries);
  });
}

const sessionIssuer = objectOf({ type: str(), principalId: str(), arn: str(), accountId: str(), userName: str() });
const sessionContext = objectOf({
  sessionIssuer: fc.oneof(fc.constant(null), sessionIssuer),
  webIdFederationData: fc.oneof(
    fc.constant(null),
    objectOf({ federatedProvider: str(), attributes: fc.oneof(fc.constant(null), freeObject()) }),
  ),
  attributes: fc.oneof(fc.constant(null), objectOf({ creationDate: str(), mfaAuthenticated: flag() })),
  sourceIdentity: str(),
  assumedRoot: flag(),
});

/** A `userIdentity` following the lenient schema. */
export const userIdentity = (): fc.Arbitrary<Record<string, unknown>> =>
  objectOf({
    type: fc.oneof(fc.constantFrom('Root', 'IAMUser', 'AssumedRole', 'AWSService', 'Unknown', 'SomethingNew'), str()),
    principalId: str(),
    arn: str(),
    accountId: fc.oneof(fc.constantFrom('123456789012', '0123456789012', '123456789', 'redacted'), str()),
    accessKeyId: str(),
    userName: str(),
    sessionContext: fc.oneof(fc.constant(null), sessionContext),
    invokedBy: str(),
    onBehalfOf: fc.oneof(fc.constant(null), objectOf({ userId: str(), identityStoreArn: str() })),
  });

/** One CloudTrail record following the lenient schema (always with `eventVersion`, so it looks like a record). */
export const record = (): fc.Arbitrary<Record<string, unknown>> =>
  objectOf(
    {
      eventVersion: fc.oneof(fc.constantFrom('1.0', '1.08', '1.11', '2.0', '99.99'), oddString()),
      userIdentity: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: userIdentity() }),
      eventTime: topStr(),
      eventSource: topStr(),
      eventName: topStr(),
      awsRegion: topStr(),
      sourceIPAddress: topStr(),
      userAgent: topStr(),
      errorCode: topStr(),
      requestParameters: freeObject(),
      responseElements: freeObject(),
      eventID: topStr(),
      eventType: fc.oneof(fc.constantFrom('AwsApiCall', 'AwsCloudTrailInsight', 'AwsNew'), topStr()),
      readOnly: flag(),
      managementEvent: flag(),
      resources: fc.oneof(
        fc.constant(null),
        fc.array(objectOf({ ARN: str(), accountId: str(), type: str() }), { maxLength: 3 }),
      ),
      recipientAccountId: topStr(),
      tlsDetails: fc.oneof(fc.constant(null), objectOf({ tlsVersion: str(), cipherSuite: str() })),
      sessionCredentialFromConsole: flag(),
    },
    { required: ['eventVersion'] },
  );

export const records = (maxLength = 6) => fc.array(record(), { maxLength });

// ---------------------------------------------------------------------------------------------
// bodies

const enc = new TextEncoder();

export type Layout = 'log-file' | 'array' | 'ndjson';

/** Serialises records the way a producer of that layout would (with some random whitespace). */
export function serialise(recs: unknown[], layout: Layout, pretty = false): string {
  const items = recs.map((r) => JSON.stringify(r, null, pretty ? 2 : undefined));
  if (layout === 'ndjson') return items.join('\n') + (items.length > 0 ? '\n' : '');
  const array = `[${items.join(pretty ? ',\n' : ',')}]`;
  return layout === 'array' ? array : pretty ? `{\n  "Records": ${array}\n}\n` : `{"Records":${array}}`;
}

/** Cuts `bytes` at the given (sorted, deduplicated) relative positions in [0, 1). */
export function cut(bytes: Uint8Array, fractions: number[]): Uint8Array[] {
  const points = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  out.push(bytes.subarray(at));
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Gzips `text` as one member per part (cut at `memberCuts`), then appends `padding` zero bytes. */
export function gzipMembers(text: string, memberCuts: number[], level: number, padding: number): Uint8Array {
  const members = cut(enc.encode(text), memberCuts).map((p) => new Uint8Array(gzipSync(p, { level })));
  return concat([...members, new Uint8Array(padding)]);
}

/** Split positions (fractions of the length) and a way to deliver the chunks. */
export const delivery = () =>
  fc.record({
    cuts: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 12 }),
    kind: fc.constantFrom('bytes', 'iterable', 'async-iterable', 'web-stream', 'blob'),
  });

export type Delivery = { cuts: number[]; kind: 'bytes' | 'iterable' | 'async-iterable' | 'web-stream' | 'blob' };

/** Wraps bytes as a body of the given kind, split into chunks (empty chunks included). */
export function deliver(bytes: Uint8Array, d: Delivery): LogBody {
  const chunks = cut(bytes, d.cuts).map((c) => c.slice()); // own buffers: no aliasing
  switch (d.kind) {
    case 'bytes':
      return bytes;
    case 'iterable':
      return chunks;
    case 'async-iterable':
      return (async function* () {
        for (const c of chunks) yield c;
      })();
    case 'web-stream': {
      let i = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (i < chunks.length) controller.enqueue(chunks[i++] as Uint8Array);
          else controller.close();
        },
      });
    }
    case 'blob':
      return new Blob(chunks as BlobPart[]);
  }
}

/** Corruption of a byte string: truncation, a flipped byte, or inserted garbage. */
export type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'insert'; at: number; garbage: Uint8Array };

export const damage = (): fc.Arbitrary<Damage> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('truncate' as const),
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      garbage: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
  ) as fc.Arbitrary<Damage>;

/** Applies a damage (positions are fractions of the length) and returns a new array. */
export function applyDamage(bytes: Uint8Array, d: Damage): Uint8Array {
  const at = Math.min(bytes.length, Math.floor(d.at * bytes.length));
  switch (d.kind) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'flip': {
      const out = bytes.slice();
      if (at < out.length) out[at] = (out[at] as number) ^ d.xor;
      return out;
    }
    case 'insert':
      return concat([bytes.subarray(0, at), d.garbage, bytes.subarray(at)]);
  }
}

/** Reads every record; returns them with the error that ended reading, if any. */
export async function collect(
  body: LogBody,
  options: ReadOptions = {},
): Promise<{ records: CloudTrailRecord[]; error: unknown }> {
  const records: CloudTrailRecord[] = [];
  try {
    for await (const r of readRecords(body, options)) records.push(r);
    return { records, error: undefined };
  } catch (error) {
    return { records, error };
  }
}

/** Asserts-friendly description of an error that is not a CloudTrailParseError. */
export function foreignError(error: unknown): string | undefined {
  if (error === undefined || isCloudTrailParseError(error)) return undefined;
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
}
