/**
 * Worker thread of `readLogFiles` (built to `dist/node-worker.js`): reads the files it is sent,
 * one after the other. A small file is read whole, inflated by zlib (gzip rules checked) and
 * decoded, and its text is posted to the calling thread, which parses it once (parsing here
 * and posting records would mean parsing twice). A large file, or any file when the options
 * rule out the fast path, is read by the core reader here, its records posted in batches as
 * their own JSON text (so the calling thread's `JSON.parse` gives exactly what the reader's did:
 * `1e400` stays `Infinity`, `-0` stays `-0`; nothing is re-serialised, so no depth overflows).
 * A record never ends the worker: whatever is wrong with it is reported with the record.
 * Never more than `maxInFlight` messages (and about `maxInFlightBytes`) go unacknowledged
 * (back-pressure from the consumer).
 *
 * @internal
 * @module
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { chunkSource } from '../stream/chunks.js';
import { resolveOptions } from '../stream/options.js';
import { readItems } from '../stream/records.js';
import type { LogBody } from '../stream/types.js';
import { type LoadedFile, loadFileSync } from './file-body.js';
import {
  type Batch,
  type Body,
  type FromWorker,
  type Segment,
  serializeError,
  type ToWorker,
  type WorkerSettings,
} from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('cloudtrail-chime/node: node-worker.js must run in a worker thread');
const settings = workerData as WorkerSettings;

const files: string[] = [];
/** Sizes of the messages sent and not yet acknowledged (acks come in order). */
const inFlight: number[] = [];
let inFlightBytes = 0;
let wakeAck: (() => void) | undefined;
let wakeFile: (() => void) | undefined;

port.on('message', (msg: ToWorker) => {
  if (msg.t === 'ack') {
    inFlightBytes -= inFlight.shift() ?? 0;
    wakeAck?.();
    wakeAck = undefined;
  } else {
    files.push(msg.file);
    wakeFile?.();
    wakeFile = undefined;
  }
});

async function send(msg: FromWorker, bytes: number, transfer: ArrayBuffer[] = []): Promise<void> {
  while (
    inFlight.length >= settings.maxInFlight ||
    (inFlight.length > 0 && inFlightBytes + bytes > settings.maxInFlightBytes)
  ) {
    await new Promise<void>((r) => (wakeAck = r));
  }
  inFlight.push(bytes);
  inFlightBytes += bytes;
  port?.postMessage(msg, transfer);
}

const encoder = new TextEncoder();
/** the records of the batch: their JSON texts, or (records without a text of their own) the record */
let records: (string | object)[] = [];
let segments: Segment[] = [];
let issues: NonNullable<Batch['issues']> = [];

/** `[text, text, null, ...]`, and the records that have no text of their own for the `null`s. */
function encodeRecords(): { json: Uint8Array; cloned: Batch['cloned'] } {
  const cloned: NonNullable<Batch['cloned']> = [];
  const texts = records.map((r, i) => {
    if (typeof r === 'string') return r;
    cloned.push({ at: i, record: r });
    return 'null';
  });
  return { json: encoder.encode(`[${texts.join(',')}]`), cloned: cloned.length > 0 ? cloned : undefined };
}

async function flush(): Promise<void> {
  if (segments.length === 0) return;
  const { json, cloned } = encodeRecords();
  const batch: Batch = { t: 'batch', json, cloned, segments, issues: issues.length > 0 ? issues : undefined };
  records = [];
  segments = [];
  issues = [];
  // UTF-8 bytes, transferred: no copy (a JSON string with non-ASCII text is cloned as UTF-16)
  await send(batch, json.length, [json.buffer as ArrayBuffer]);
}

const options = resolveOptions({
  format: settings.format,
  validate: settings.validate,
  strict: settings.strict,
  maxRecordBytes: settings.maxRecordBytes,
  maxDepth: settings.maxDepth,
  eventSource: settings.eventSource,
  eventName: settings.eventName,
});

/** A record without a JSON text of its own (from an envelope): sent by structured clone, if it clones. */
function cloneable(record: object): boolean {
  try {
    structuredClone(record);
    return true;
  } catch {
    return false;
  }
}

/** Reads a file with the core reader, posting its records (and issues) in batches. */
async function readWithCore(file: string, open: () => LogBody): Promise<void> {
  let segment: Segment = { file, records: 0, done: false };
  segments.push(segment);
  const issue = (recordIndex: number, offset: number, raw: string, error: unknown) => {
    issues.push({ file, at: records.length, recordIndex, offset, raw, error: serializeError(error) });
  };
  try {
    for await (const item of readItems(chunkSource(open()), options)) {
      if (item.record === undefined && item.issue === undefined) throw item.error;
      if (item.issue !== undefined) {
        if (!settings.report) throw item.issue.error;
        issue(item.issue.recordIndex, item.issue.offset, item.issue.raw, item.issue.error);
      } else if (item.text !== undefined || cloneable(item.record as object)) {
        records.push(item.text ?? (item.record as object));
        segment.records++;
      } else {
        const error = new Error('the record cannot be sent to the calling thread (structured clone failed)');
        if (!settings.report) throw error;
        issue(-1, -1, '', error);
      }
      if (records.length + issues.length >= settings.batchSize) {
        await flush();
        segment = { file, records: 0, done: false };
        segments.push(segment);
      }
    }
  } catch (e) {
    // records already read are delivered; the file then ends with its error
    segment.error = serializeError(e);
  }
  segment.done = true;
  if (records.length + issues.length >= settings.batchSize) await flush();
}

const stream = (file: string) => createReadStream(file, { highWaterMark: 1 << 16 });

/** A copy with an ArrayBuffer of its own (Node buffers may share a pool: never transfer those). */
const ownBytes = (b: Uint8Array) => new Uint8Array(b);

async function readFile(file: string): Promise<void> {
  let loaded: LoadedFile;
  try {
    loaded = loadFileSync(file, options.maxDepth);
  } catch (e) {
    if (settings.whole) return send({ t: 'body', file, error: serializeError(e) } satisfies Body, 0);
    return readWithCore(file, () => {
      throw e;
    });
  }
  if (settings.whole && loaded.kind !== 'stream') {
    if (loaded.kind === 'text') {
      const { text, simple, size } = loaded;
      return send({ t: 'body', file, text, simple, size } satisfies Body, size);
    }
    const bytes = ownBytes(loaded.bytes);
    return send({ t: 'body', file, bytes } satisfies Body, bytes.length, [bytes.buffer as ArrayBuffer]);
  }
  const body = loaded;
  await readWithCore(file, () =>
    body.kind === 'text' ? body.text : body.kind === 'bytes' ? body.bytes : stream(file),
  );
  // records of a big file go at once (the next files are likely whole bodies)
  if (settings.whole) await flush();
}

for (;;) {
  const file = files.shift();
  if (file !== undefined) {
    await readFile(file);
    continue;
  }
  await flush();
  // files may have arrived while flush() waited for an ack
  if (files.length === 0) await new Promise<void>((r) => (wakeFile = r));
}
