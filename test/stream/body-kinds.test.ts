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

  it('rejects unsupported bodies with NOT_A_LOG_FILE', async () => {
    for (const bad of [42, null, { foo: 1 }, true] as unknown[]) {
      await expect(readLogFile(bad as LogBody)).rejects.toMatchObject({ code: 'NOT_A_LOG_FILE' });
    }
    await expect(readLogFile([1, 2, 3] as unknown as LogBody)).rejects.toMatchObject({ code: 'NOT_A_LOG_FILE' });
  });
});
