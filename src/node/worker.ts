/**
 * Worker thread of `readLogFiles` (built to `dist/node-worker.js`): reads the files it is sent,
 * one after the other, and posts their records back in batches (records of several small files
 * share a batch), never more than `maxInFlight` unacknowledged batches at a time
 * (back-pressure from the consumer).
 *
 * @internal
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readRecords } from '../stream/records.js';
import type { ReadOptions, RecordIssue } from '../stream/types.js';
import { openLogFileSync } from './file-body.js';
import { type Batch, type Segment, serializeError, type ToWorker, type WorkerSettings } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('cloudtrail-chime/node: node-worker.js must run in a worker thread');
const settings = workerData as WorkerSettings;

const files: string[] = [];
let inFlight = 0;
let wakeAck: (() => void) | undefined;
let wakeFile: (() => void) | undefined;

port.on('message', (msg: ToWorker) => {
  if (msg.t === 'ack') {
    inFlight--;
    wakeAck?.();
    wakeAck = undefined;
  } else {
    files.push(msg.file);
    wakeFile?.();
    wakeFile = undefined;
  }
});

const encoder = new TextEncoder();
let records: unknown[] = [];
let segments: Segment[] = [];
let issues: NonNullable<Batch['issues']> = [];

async function flush(): Promise<void> {
  if (segments.length === 0) return;
  while (inFlight >= settings.maxInFlight) await new Promise<void>((r) => (wakeAck = r));
  inFlight++;
  const json = encoder.encode(JSON.stringify(records));
  const batch: Batch = { json, segments, issues: issues.length > 0 ? issues : undefined };
  records = [];
  segments = [];
  issues = [];
  // UTF-8 bytes, transferred: no copy (a JSON string with non-ASCII text is cloned as UTF-16)
  port?.postMessage(batch, [json.buffer as ArrayBuffer]);
}

async function readFile(file: string): Promise<void> {
  let segment: Segment = { file, records: 0, done: false };
  segments.push(segment);
  const onInvalid = settings.report
    ? (issue: RecordIssue) => {
        issues.push({
          file,
          at: records.length,
          recordIndex: issue.recordIndex,
          offset: issue.offset,
          raw: issue.raw,
          error: serializeError(issue.error),
        });
      }
    : 'throw';
  const options: ReadOptions = {
    onInvalid,
    format: settings.format,
    validate: settings.validate,
    strict: settings.strict,
    maxRecordBytes: settings.maxRecordBytes,
  };
  try {
    for await (const record of readRecords(openLogFileSync(file), options)) {
      records.push(record);
      segment.records++;
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
