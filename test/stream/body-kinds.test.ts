import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type LogBody, readLogFile, readRecords } from '../../src/index.js';
import { chunk, collect, gz, logFileText, sampleRecords } from '../helpers/records.js';

const records = sampleRecords(7);
const text = logFileText(records);
const gzipped = gz(text);

function webStream(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < parts.length) controller.enqueue(parts[i++] as Uint8Array);
      else controller.close();
    },
  });
}

const kinds: [string, (bytes: Uint8Array) => LogBody][] = [
  ['Uint8Array', (b) => b],
  ['Buffer', (b) => Buffer.from(b)],
  ['ArrayBuffer', (b) => b.slice().buffer],
  ['DataView', (b) => new DataView(b.slice().buffer)],
  ['Blob', (b) => new Blob([b as Uint8Array<ArrayBuffer>])],
  ['web ReadableStream', (b) => webStream(chunk(b, [100, 7, 1]))],
  [
    'async iterable',
    (b) =>
      (async function* () {
        yield* chunk(b, [33]);
      })(),
  ],
  ['sync iterable (array of chunks)', (b) => chunk(b, [5, 50])],
  ['Node Readable', (b) => Readable.from(chunk(b, [64]).map((c) => Buffer.from(c)))],
  ['SDK Body (transformToWebStream)', (b) => ({ transformToWebStream: () => webStream(chunk(b, [1000])) })],
  ['Response body', (b) => new Response(b as Uint8Array<ArrayBuffer>).body as ReadableStream<Uint8Array>],
];

describe('every LogBody kind', () => {
  for (const [name, make] of kinds) {
    it(`reads gzip from ${name}`, async () => {
      expect(await collect(readRecords(make(gzipped)))).toEqual(records);
    });
    it(`reads plain JSON from ${name}`, async () => {
      expect(await collect(readRecords(make(new TextEncoder().encode(text))))).toEqual(records);
    });
  }

  it('reads a string body', async () => {
    expect(await collect(readRecords(text))).toEqual(records);
  });

  it('reads a Node stream with string chunks (setEncoding)', async () => {
    const stream = Readable.from([text.slice(0, 10), text.slice(10)]);
    expect(await collect(readRecords(stream))).toEqual(records);
  });

  it('reads an empty-Records log file and an empty gzip member body', async () => {
    expect(await readLogFile('{"Records":[]}')).toEqual({ kind: 'log', records: [] });
    expect(await readLogFile(gz('{"Records":[]}'))).toEqual({ kind: 'log', records: [] });
  });

  it('rejects unsupported bodies with a TypeError at the call, and bad chunks with a TypeError', async () => {
    for (const bad of [42, null, undefined, { foo: 1 }, true] as unknown[]) {
      expect(() => readLogFile(bad as LogBody)).toThrow(TypeError);
      expect(() => readRecords(bad as LogBody)).toThrow(/unsupported body/);
    }
    await expect(readLogFile([1, 2, 3] as unknown as LogBody)).rejects.toThrow(TypeError);
  });

  it('checks options at the call: TypeError for a wrong type, RangeError for a value out of range', () => {
    const body = '{"Records":[]}';
    expect(() => readRecords(body, { onInvalid: 'ignore' as 'skip' })).toThrow(TypeError);
    expect(() => readRecords(body, { maxRecordBytes: '1' as unknown as number })).toThrow(TypeError);
    expect(() => readRecords(body, { maxRecordBytes: 0 })).toThrow(RangeError);
    expect(() => readRecords(body, { maxDepth: 1.5 })).toThrow(RangeError);
    expect(() => readRecords(body, { maxDepth: Number.NaN })).toThrow(RangeError);
    expect(() => readRecords(body, { signal: {} as AbortSignal })).toThrow(TypeError);
    expect(() => readLogFile(body, { format: 'bogus' as 'auto' })).toThrow(RangeError);
    expect(() => readLogFile(body, { validate: 1 as unknown as boolean })).toThrow(TypeError);
    // every option accepts an explicit undefined
    const all = {
      onInvalid: undefined,
      signal: undefined,
      maxRecordBytes: undefined,
      maxDepth: undefined,
      format: undefined,
    };
    expect(() => readRecords(body, all)).not.toThrow();
  });
});
