/**
 * Filtered reads (`eventSource` / `eventName`, and `readChimeEvents`): the records yielded are
 * exactly those that parsing every record and then filtering would give, in every body form and
 * chunking, whatever the spelling of the values (escapes, duplicate keys, key order, decoys
 * nested deeper, values that are not strings). Records that fail the filter are not reported.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { isChimeRecord, readChimeEvents } from '../../src/chime/index.js';
import { useZlib } from '../../src/gzip/native.js';
import { type LogBody, type ReadOptions, readLogFile, readRecords } from '../../src/index.js';
import { checkRecord } from '../../src/schemas/check.js';
import { isPlainObject } from '../../src/schemas/plain-object.js';
import { surelySkipped } from '../../src/stream/filter.js';
import { deliver, delivery } from '../hardening/arbitraries.js';

const RUNS = {
  numRuns: process.env.CI ? 300 : 100,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
} as const;

const SOURCES = [
  'chime.amazonaws.com',
  's3.amazonaws.com',
  'chime-sdk-voice.amazonaws.com',
  'sts.amazonaws.com',
  'é.amazonaws.com',
];
const NAMES = ['CreateMeeting', 'GetObject', 'AssumeRole', 'Créer'];

/** A JSON string literal of `s`, some characters as `\u` escapes. */
const literal = (s: string, escapeMask: number) =>
  `"${[...s]
    .map((c, i) =>
      (escapeMask >> (i % 16)) & 1
        ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
        : JSON.stringify(c).slice(1, -1),
    )
    .join('')}"`;

/** How a top-level value is written: a string (maybe escaped), something else, or absent. */
const valueText = (pool: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool).map((v) => literal(v, 0)) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...pool), fc.integer({ min: 1, max: 0xffff })).map(([v, m]) => literal(v, m)),
    },
    { weight: 1, arbitrary: fc.constantFrom('null', '5', '{"a":"chime.amazonaws.com"}', '["x",{"y":[]}]', 'true') },
  );

const ws = fc.constantFrom('', ' ', '\n  ', '\t');

/** One record's JSON text: its members in any order, duplicate keys, escaped keys, nested decoys. */
const recordText = fc
  .record({
    source: fc.option(valueText(SOURCES), { nil: undefined }),
    name: fc.option(valueText(NAMES), { nil: undefined }),
    dupSource: fc.option(valueText(SOURCES), { nil: undefined }),
    dupName: fc.option(valueText(NAMES), { nil: undefined }),
    escapedKey: fc.boolean(),
    decoy: fc.boolean(),
    invalid: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    space: ws,
  })
  .map((r) => {
    const members: [string, string][] = [
      ['"eventVersion"', r.invalid ? '5' : '"1.11"'],
      ['"eventTime"', '"2026-11-20T10:00:00Z"'],
      ['"userIdentity"', '{"type":"IAMUser","eventSource":"chime.amazonaws.com","x":{"eventName":"CreateMeeting"}}'],
    ];
    if (r.source !== undefined) members.push([r.escapedKey ? '"event\\u0053ource"' : '"eventSource"', r.source]);
    if (r.name !== undefined) members.push(['"eventName"', r.name]);
    if (r.decoy)
      members.push(['"requestParameters"', '{"eventSource":"chime.amazonaws.com","eventName":"CreateMeeting"}']);
    members.push(['"note"', '"a \\"eventSource\\":\\"chime.amazonaws.com\\" in a string"']);
    members.sort((a, b) => (r.order[members.indexOf(a)] ?? 0) - (r.order[members.indexOf(b)] ?? 0));
    // duplicates come last: JSON.parse keeps the last one
    if (r.dupSource !== undefined) members.push(['"eventSource"', r.dupSource]);
    if (r.dupName !== undefined) members.push(['"eventName"', r.dupName]);
    return `{${members.map(([k, v]) => `${r.space}${k}${r.space}:${r.space}${v}`).join(',')}${r.space}}`;
  });

const filterOptions = fc.record({
  eventSource: fc.option(fc.oneof(fc.constantFrom(...SOURCES), fc.subarray(SOURCES)), { nil: undefined }),
  eventName: fc.option(fc.oneof(fc.constantFrom(...NAMES), fc.subarray(NAMES)), { nil: undefined }),
});

const listOf = (v: string | readonly string[] | undefined) =>
  v === undefined ? undefined : typeof v === 'string' ? [v] : v;

/** The oracle: parse every record, keep those that pass, then validate what is kept. */
function oracle(texts: string[], options: Pick<ReadOptions, 'eventSource' | 'eventName'>, keep = matches(options)) {
  const records: unknown[] = [];
  const issues: number[] = [];
  texts.forEach((text, i) => {
    const r = JSON.parse(text) as Record<string, unknown>;
    if (!keep(r)) return;
    if (checkRecord(r).success) records.push(r);
    else issues.push(i);
  });
  return { records, issues };
}

function matches(options: Pick<ReadOptions, 'eventSource' | 'eventName'>) {
  const sources = listOf(options.eventSource);
  const names = listOf(options.eventName);
  return (r: Record<string, unknown>) =>
    (sources === undefined || (typeof r.eventSource === 'string' && sources.includes(r.eventSource))) &&
    (names === undefined || (typeof r.eventName === 'string' && names.includes(r.eventName)));
}

async function read(body: LogBody, options: ReadOptions, reader = readRecords) {
  const records: unknown[] = [];
  const issues: number[] = [];
  for await (const r of reader(body, { ...options, onInvalid: (issue) => issues.push(issue.recordIndex) })) {
    records.push(r);
  }
  return { records, issues };
}

const enc = new TextEncoder();

describe('filtered reads: exactly parse-everything-then-filter', { timeout: 300_000 }, () => {
  it('property: every spelling of eventSource / eventName, every body form and chunking, both inflaters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(recordText, { maxLength: 12 }),
        filterOptions,
        fc.boolean(),
        delivery(),
        fc.boolean(),
        async (texts, options, gzip, how, native) => {
          const text = `{"Records":[${texts.join(',')}]}`;
          const bytes = gzip ? new Uint8Array(gzipSync(text)) : enc.encode(text);
          useZlib(native ? undefined : null);
          try {
            expect(await read(deliver(bytes, how), options)).toEqual(oracle(texts, options));
          } finally {
            useZlib(undefined);
          }
        },
      ),
      RUNS,
    );
  });

  it('property: readChimeEvents gives exactly the Chime records (parse everything, keep isChimeRecord)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordText, { minLength: 1, maxLength: 12 }), delivery(), async (texts, how) => {
        const bytes = enc.encode(texts.join('\n'));
        const want = oracle(texts, {}, (r) => isChimeRecord(r));
        expect(await read(deliver(bytes, how), {}, readChimeEvents)).toEqual(want);
      }),
      RUNS,
    );
  });

  it('the byte test never skips a record that passes (it may only be unsure)', () => {
    fc.assert(
      fc.property(recordText, filterOptions, (text, options) => {
        const record = JSON.parse(text) as Record<string, unknown>;
        const sources = listOf(options.eventSource);
        const names = listOf(options.eventName);
        if (sources === undefined && names === undefined) return;
        const filter = (s: string | undefined, n: string | undefined) =>
          (sources === undefined || (s !== undefined && sources.includes(s))) &&
          (names === undefined || (n !== undefined && names.includes(n)));
        if (matches(options)(record)) expect(surelySkipped(enc.encode(text), filter)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('plain records are decided from their bytes: skipped without parsing, so damaged JSON there is not reported', async () => {
    const texts = [
      '{"eventVersion":"1.11","eventSource":"s3.amazonaws.com","eventName":"GetObject","x":tru}',
      '{"eventVersion":"1.11","eventSource":"chime.amazonaws.com","eventName":"CreateMeeting"}',
      '{"eventVersion":5,"eventSource":"s3.amazonaws.com","eventName":"GetObject"}',
      '{"eventVersion":5,"eventSource":"chime.amazonaws.com","eventName":"CreateMeeting"}',
      '{"eventVersion":"1.11","eventSource":"chime.amazonaws.com","eventName":"CreateMeeting","x":tru}',
    ];
    const got = await read(`{"Records":[${texts.join(',')}]}`, { eventSource: 'chime.amazonaws.com' });
    expect(got.records).toEqual([JSON.parse(texts[1] as string)]);
    // the invalid Chime record and the damaged Chime record are reported; the others are not
    expect(got.issues).toEqual([3, 4]);
  });

  it('eventSource and eventName together: a record must match both; an empty list keeps nothing', async () => {
    const recs = [
      { eventVersion: '1.11', eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting' },
      { eventVersion: '1.11', eventSource: 'chime.amazonaws.com', eventName: 'DeleteMeeting' },
      { eventVersion: '1.11', eventSource: 's3.amazonaws.com', eventName: 'CreateMeeting' },
    ];
    const body = JSON.stringify({ Records: recs });
    const both = { eventSource: ['chime.amazonaws.com'], eventName: 'CreateMeeting' };
    expect((await read(body, both)).records).toEqual([recs[0]]);
    expect((await read(body, { eventName: [] })).records).toEqual([]);
    const file = await readLogFile(gzipSync(body), both);
    expect(file).toEqual({ kind: 'log', records: [recs[0]] });
  });

  it('filters apply to every layout: arrays, NDJSON, envelopes', async () => {
    const a = { eventVersion: '1.11', eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting' };
    const b = { eventVersion: '1.11', eventSource: 's3.amazonaws.com', eventName: 'GetObject' };
    const only = { eventSource: 'chime.amazonaws.com' };
    expect((await read(JSON.stringify([a, b, a]), only)).records).toEqual([a, a]);
    expect((await read(`${JSON.stringify(b)}\n${JSON.stringify(a)}\n`, only)).records).toEqual([a]);
    expect((await read(JSON.stringify(b), only)).records).toEqual([]);
    const lookup = { Events: [b, a].map((r) => ({ CloudTrailEvent: JSON.stringify(r) })) };
    expect((await read(JSON.stringify(lookup), only)).records).toEqual([a]);
  });

  it('records that fail the filter are not parsed: JSON.parse runs for the Chime records only', async () => {
    const other = { eventVersion: '1.11', eventSource: 's3.amazonaws.com', eventName: 'GetObject', a: { b: [1, 2] } };
    const chime = { eventVersion: '1.11', eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting' };
    const recs = Array.from({ length: 2000 }, (_, i) => (i % 100 === 0 ? chime : other));
    // a stream: the whole-body path (one JSON.parse of everything) is for in-memory bodies
    const body = new Blob([gzipSync(JSON.stringify({ Records: recs }))]).stream();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      let n = 0;
      for await (const r of readChimeEvents(body)) n += r.eventName === 'CreateMeeting' ? 1 : 0;
      expect(n).toBe(20);
      // 20 records, plus the top-level key
      expect(parse.mock.calls.length).toBeLessThanOrEqual(21);
    } finally {
      parse.mockRestore();
    }
  });

  it('bad filter options throw at the call', () => {
    expect(() => readRecords('{}', { eventSource: 5 as unknown as string })).toThrow(TypeError);
    expect(() => readRecords('{}', { eventName: [1] as unknown as string[] })).toThrow(TypeError);
    expect(() => readChimeEvents('{}', { eventSource: {} as unknown as string })).toThrow(TypeError);
  });

  it('isPlainObject records only: a non-object element is still reported, filter or not', async () => {
    const got = await read('{"Records":[1,{"eventVersion":"1.11","eventSource":"x"}]}', { eventSource: 'y' });
    expect(got).toEqual({ records: [], issues: [0] });
    expect(isPlainObject({})).toBe(true);
  });
});
