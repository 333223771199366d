/**
 * One body, one answer: a property test over generated and damaged bodies with node:zlib +
 * `JSON.parse` as the oracle. Every body form (bytes, ArrayBuffer, Blob, web stream at random
 * chunk sizes down to 1 byte, async iterable, iterable, string) must give the same records, the
 * same reported records and the same error code, with the native inflater (node:zlib) and the
 * pure-JavaScript one alike; damaged gzip is always `INVALID_GZIP` and
 * yields no altered record; malformed text is always `INVALID_JSON`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useZlib } from '../../src/gzip/native.js';
import { type LogBody, type ReadOptions, readLogFile, readRecords } from '../../src/index.js';
import { checkRecord } from '../../src/schemas/check.js';
import { isPlainObject } from '../../src/schemas/plain-object.js';
import { applyDamage, chunksAs, cut, damage, record } from '../hardening/arbitraries.js';

const RUNS = {
  numRuns: process.env.CI ? 500 : 150,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
} as const;
const enc = new TextEncoder();

/** What a read gave: records, reported records (index and code) and the code of the error that ended it. */
interface Outcome {
  records: unknown[];
  issues: [number, string][];
  code: string | undefined;
}

async function read(body: LogBody, options: ReadOptions = {}): Promise<Outcome> {
  const out: Outcome = { records: [], issues: [], code: undefined };
  try {
    for await (const r of readRecords(body, {
      ...options,
      onInvalid: (issue) => out.issues.push([issue.recordIndex, issue.error.code]),
    })) {
      out.records.push(r);
    }
  } catch (e) {
    out.code = (e as { code?: string }).code ?? `foreign ${String(e)}`;
  }
  return out;
}

type Form = 'bytes' | 'array-buffer' | 'blob' | 'web-stream' | 'async-iterable' | 'iterable' | 'string';
const FORMS: Form[] = ['bytes', 'array-buffer', 'blob', 'web-stream', 'async-iterable', 'iterable', 'string'];

/** The body in a form, cut into chunks (`sizes` cycled; 1-byte chunks included). */
function asForm(bytes: Uint8Array, form: Form, sizes: number[]): LogBody | undefined {
  const chunks: Uint8Array[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length] ?? 1);
    chunks.push(bytes.slice(at, at + size));
    at += size;
  }
  switch (form) {
    case 'bytes':
      return bytes.slice();
    case 'array-buffer':
      return bytes.slice().buffer;
    case 'blob':
    case 'iterable':
    case 'async-iterable':
    case 'web-stream':
      return chunksAs(chunks, form);
    case 'string': {
      if (bytes[0] === 0x1f) return undefined;
      try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {
        return undefined; // not text
      }
    }
  }
}

/** The top-level members of a JSON object text known to be valid: [decoded key, value text]. */
function topLevelMembers(text: string): [string, string][] {
  const members: [string, string][] = [];
  let i = text.indexOf('{') + 1;
  const skipWs = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const stringEnd = (from: number) => {
    let j = from + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  for (;;) {
    skipWs();
    if (text[i] === '}') return members;
    if (text[i] === ',') i++;
    skipWs();
    const keyEnd = stringEnd(i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = keyEnd;
    skipWs();
    i++; // ':'
    skipWs();
    const start = i;
    let depth = 0;
    for (;;) {
      const c = text[i] as string;
      if (c === '"') {
        i = stringEnd(i);
        if (depth === 0) break;
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      } else if (depth === 0 && (c === ',' || /\s/.test(c))) break;
      i++;
    }
    members.push([key, text.slice(start, i)]);
  }
}

/** The oracle: node:zlib + JSON.parse, with the documented rules on top. */
function oracle(bytes: Uint8Array, maxDepth = 1000): Outcome {
  const none = (code: string): Outcome => ({ records: [], issues: [], code });
  let plain = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const r = gunzipSync(bytes, { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
      // zlib stops at the first zero after a member; only zeros may follow
      if (bytes.subarray(r.engine.bytesWritten).some((b) => b !== 0)) return none('INVALID_GZIP');
      plain = new Uint8Array(r.buffer);
    } catch {
      return none('INVALID_GZIP');
    }
  } else if (bytes.length === 1 && bytes[0] === 0x1f) return none('INVALID_GZIP');
  let text: string;
  let doc: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(plain);
    doc = JSON.parse(text);
  } catch {
    return none('INVALID_JSON');
  }
  if (!isPlainObject(doc)) return none('NOT_A_LOG_FILE');
  const arrays = topLevelMembers(text)
    .filter(([key]) => key === 'Records')
    .map(([, value]) => JSON.parse(value) as unknown);
  if (arrays.length === 0 || arrays.some((a) => !Array.isArray(a))) return none('NOT_A_LOG_FILE');
  const out: Outcome = { records: [], issues: [], code: undefined };
  (arrays as unknown[][]).flat().forEach((element, index) => {
    if (!isPlainObject(element)) out.issues.push([index, 'INVALID_RECORD']);
    else if (depthOf(element) > maxDepth) out.issues.push([index, 'INVALID_RECORD']);
    else if (!checkRecord(element).success) out.issues.push([index, 'INVALID_RECORD']);
    else out.records.push(element);
  });
  return out;
}

function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  let max = 0;
  for (const child of Object.values(v)) max = Math.max(max, depthOf(child));
  return max + 1;
}

/** A top-level member of a generated log file. */
const member = fc.oneof(
  { weight: 6, arbitrary: fc.array(record(), { maxLength: 4 }).map((recs) => ({ kind: 'records' as const, recs })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('"x"', '1', 'null', '{"a":[1,{"b":"}"}]}', '[]', 'true', 'tru', '{"a":}', '"\\q"', '01', '[1,]')
      .map((value) => ({ kind: 'other' as const, value })),
  },
);

const recordsKey = fc.constantFrom('"Records"', '"Rec\\u006frds"', '"\\u0052ecords"');

const DEEP = `${'{"a":'.repeat(1200)}1${'}'.repeat(1200)}`;

/**
 * A log file of one or more members (so duplicate and escaped `Records` keys), as text, with the
 * records it means (those of every `Records` key, valid ones only).
 */
const logFileText = fc
  .tuple(
    fc.array(fc.tuple(member, recordsKey), { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  )
  .map(([members, deep]) => {
    const meant: unknown[] = [];
    const parts = members.map(([m, key], k) => {
      if (m.kind === 'other') return `"other${k}":${m.value}`;
      meant.push(...m.recs.filter((r) => checkRecord(r).success));
      const elements = m.recs.map((r) => JSON.stringify(r));
      if (deep && k === 0) elements.push(DEEP);
      return `${k === 0 ? '"Records"' : key}:[${elements.join(',')}]`;
    });
    return { text: `{${parts.join(',')}}`, meant };
  });

const body = fc
  .tuple(logFileText, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 6 }))
  .map(([{ text, meant }, members, padding]) => {
    if (members === 0) return { bytes: enc.encode(text), meant };
    const cuts = cut(
      enc.encode(text),
      Array.from({ length: members - 1 }, (_, k) => (k + 1) / members),
    );
    const gz = cuts.map((c) => new Uint8Array(gzipSync(c)));
    return { bytes: new Uint8Array(Buffer.concat([...gz, new Uint8Array(padding)])), meant };
  });

const chunkSizes = fc.array(
  fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4096 })),
  {
    minLength: 1,
    maxLength: 6,
  },
);

/**
 * Every form's outcome. The forms alternate between the runtime's native inflater (node:zlib)
 * and the pure-JavaScript one (fflate), starting with either, so both are held to one answer.
 */
async function everyForm(bytes: Uint8Array, sizes: number[]): Promise<Map<Form, Outcome>> {
  const outcomes = new Map<Form, Outcome>();
  const parity = (sizes[0] ?? 0) % 2;
  try {
    for (const [k, form] of FORMS.entries()) {
      const b = asForm(bytes, form, sizes);
      useZlib(k % 2 === parity ? undefined : null);
      if (b !== undefined) outcomes.set(form, await read(b));
    }
  } finally {
    useZlib(undefined);
  }
  return outcomes;
}

/** The records of an undamaged body, for "no altered record" checks. */
const isPrefixOf = (got: unknown[], all: unknown[]) => expect(got).toEqual(all.slice(0, got.length));
/**
 * Every yielded record is one of `all`, unaltered, in file order (a record whose own text is
 * damaged is reported, not yielded, and the intact records after it are still yielded).
 */
const isSubsequenceOf = (got: unknown[], all: unknown[]) => {
  const texts = all.map((r) => JSON.stringify(r));
  let j = 0;
  for (const record of got) {
    const text = JSON.stringify(record);
    while (j < texts.length && texts[j] !== text) j++;
    expect(j < texts.length, `yielded record is not an unaltered original, in order: ${text.slice(0, 200)}`).toBe(true);
    j++;
  }
};

// 500 runs over seven body forms: minutes on a loaded 2-core machine, so a generous time-out
describe('one body, one answer (property, oracle: node:zlib + JSON.parse)', { timeout: 600_000 }, () => {
  it('generated bodies (duplicate and escaped Records keys, bad top-level values, deep records, gzip members, padding): every form gives what the oracle gives', async () => {
    await fc.assert(
      fc.asyncProperty(body, chunkSizes, async ({ bytes, meant }, sizes) => {
        const want = oracle(bytes);
        const outcomes = await everyForm(bytes, sizes);
        const first = outcomes.get('bytes') as Outcome;
        for (const [form, got] of outcomes) {
          if (want.code === undefined) expect(got, form).toEqual(want);
          else {
            // an error later in the text: the same error, after the same records (meant ones) in every form
            expect(got, form).toEqual(first);
            expect(got.code, form).toBe(want.code);
            isPrefixOf(got.records, meant);
          }
        }
      }),
      RUNS,
    );
  });

  it('damaged bodies (bit flips, truncation, inserted bytes, in gzip or text): every form gives the same answer, the oracle’s error code, and no altered record', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.array(damage(), { minLength: 1, maxLength: 3 }),
        chunkSizes,
        async (good, damages, sizes) => {
          const bad = damages.reduce(applyDamage, good.bytes);
          const want = oracle(bad);
          const outcomes = await everyForm(bad, sizes);
          const first = outcomes.get('bytes') as Outcome;
          for (const [form, got] of outcomes) expect(got, form).toEqual(first);
          if (want.code === 'INVALID_GZIP') {
            expect(first.code).toBe('INVALID_GZIP');
            isPrefixOf(first.records, good.meant); // nothing from a damaged member
          } else if (want.code === 'INVALID_JSON') {
            // malformed text: INVALID_JSON, thrown or (damage inside one record) reported for it
            const codes = [first.code, ...first.issues.map(([, code]) => code)];
            // a record deeper than maxDepth is reported unparsed (INVALID_RECORD), damaged or not
            const deep = new TextDecoder().decode(bad).includes(DEEP.slice(0, 60));
            expect(codes).toContain(deep && !codes.includes('INVALID_JSON') ? 'INVALID_RECORD' : 'INVALID_JSON');
            expect(first.code === undefined || first.code === 'INVALID_JSON').toBe(true);
          } else expect(first).toEqual(want);
        },
      ),
      RUNS,
    );
  });

  it('a stray character inside a record of a plain body never yields an altered record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record(), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('}', ']', ',', '"', '{', ':'),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        chunkSizes,
        async (recs, stray, at, sizes) => {
          const text = JSON.stringify({ Records: recs });
          const p = Math.floor(at * text.length);
          const bad = enc.encode(text.slice(0, p) + stray + text.slice(p));
          const want = oracle(bad);
          for (const [form, got] of await everyForm(bad, sizes)) {
            if (want.code !== undefined) {
              isSubsequenceOf(got.records, recs);
              expect(got.code ?? got.issues.find(([, c]) => c === 'INVALID_JSON')?.[1], form).toBe(want.code);
            } else expect(got, form).toEqual(want);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('one body, one answer (known cases)', () => {
  const a = { eventVersion: '1.11', eventName: 'A' };
  const b = { eventVersion: '1.11', eventName: 'B' };

  it('duplicate Records keys, plain or escaped: the records of every key, in file order, in every form', async () => {
    for (const text of [
      `{"Records":[${JSON.stringify(a)}],"Rec\\u006frds":[${JSON.stringify(b)}]}`,
      `{"Records":[${JSON.stringify(a)}],"Records":[${JSON.stringify(b)}]}`,
    ]) {
      for (const bytes of [enc.encode(text), new Uint8Array(gzipSync(text))]) {
        for (const [form, got] of await everyForm(bytes, [1, 7])) expect(got.records, form).toEqual([a, b]);
        expect(await readLogFile(bytes)).toEqual({ kind: 'log', records: [a, b] });
      }
    }
  });

  it('bad JSON in a top-level value other than Records is INVALID_JSON', async () => {
    for (const text of [
      `{"x":tru,"Records":[${JSON.stringify(a)}]}`,
      `{"Records":[${JSON.stringify(a)}],"x":{"a":}}`,
      `{"Rec\\qrds":[]}`,
      '"Records":[]}',
      `{"Records":5,"x":tru}`,
    ]) {
      for (const [form, got] of await everyForm(enc.encode(text), [3]))
        expect(got.code, `${form} ${text}`).toBe('INVALID_JSON');
    }
    expect((await read('{"Records":5}')).code).toBe('NOT_A_LOG_FILE');
  });

  it('a stray } inside a record does not yield the record cut short', async () => {
    const text = `{"Records":[${JSON.stringify(a)},{"eventVersion":"1.11"},"eventName":"B"}]}`;
    for (const [form, got] of await everyForm(enc.encode(text), [1, 5, 100])) {
      expect(got.records, form).toEqual([a]);
      expect(got.code, form).toBe('INVALID_JSON');
    }
  });

  it('a string-chunk iterable that splits a surrogate pair does not alter the record', async () => {
    const r = { eventVersion: '1.11', eventName: 'Smile 😀', userAgent: '😀😀' };
    const text = JSON.stringify({ Records: [r] });
    for (let k = 1; k < text.length; k++) {
      const chunks = [text.slice(0, k), text.slice(k)];
      const got = await read(
        (async function* () {
          yield* chunks;
        })(),
      );
      expect(got.records, `split at ${k}`).toEqual([r]);
    }
    // a lone surrogate at the very end still becomes U+FFFD, as TextEncoder makes it
    const lone = await read([
      `{"Records":[{"eventVersion":"1.11","eventName":"x`,
      '\ud83d',
      '"}]}',
    ] as unknown as Iterable<Uint8Array>);
    expect(lone.records).toEqual([{ eventVersion: '1.11', eventName: 'x\ufffd' }]);
  });
});
