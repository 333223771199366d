// Runs the docs samples (transpiled to .mjs) one after the other in this process, with the
// values their `declare` lines assume set as globals and the browser's `document` / `fetch`
// stubbed at the I/O edge (they serve the sample logs). Prints one JSON line per sample:
// { name, ok, output, error }. Usage: node runner.mjs <manifest.json>
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

register('./hooks.mjs', import.meta.url);

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { logsDir, files, digest } = manifest.fixtures;
const bytesOf = (file) => new Uint8Array(readFileSync(file));
const byName = new Map(files.map((f) => [basename(f), f]));
const firstLog = files.find((f) => f.includes('/CloudTrail/us-east-1/'));

const allRecords = files
  .filter((f) => !f.includes('CloudTrail-Digest'))
  .flatMap((f) => JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')).Records);
const chimeRecord = (name) => allRecords.find((r) => r.eventName === name);

/** Pending event handlers started by the stubbed `document`. */
const pending = [];

// What the samples' `declare` lines assume.
Object.assign(globalThis, {
  body: bytesOf(firstLog),
  record: chimeRecord('CreateVoiceConnector'),
  eventBridgeEvent: {
    version: '0',
    id: '6f87d04b-9f74-4f04-a780-7acf4b0a9b38',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.chime',
    account: '111122223333',
    time: chimeRecord('CreateMeeting').eventTime,
    region: 'us-east-1',
    resources: [],
    detail: chimeRecord('CreateMeeting'),
  },
  lookupEventsOutput: {
    Events: allRecords.slice(0, 5).map((r) => ({
      EventId: r.eventID,
      EventName: r.eventName,
      CloudTrailEvent: JSON.stringify(r),
    })),
  },
  digestBody: bytesOf(join(logsDir, digest.key)),
  signature: digest.signature,
  listPublicKeysOutput: {
    PublicKeyList: [{ Value: Buffer.from(digest.publicKey, 'base64'), Fingerprint: digest.fingerprint }],
  },
  getLogFile: async (bucket, key) => (bucket === digest.bucket ? bytesOf(join(logsDir, key)) : undefined),
  url: `/logs/${basename(firstLog)}`,
  fileInput: { files: [new File([bytesOf(firstLog)], basename(firstLog))] },
  // the browser, stubbed at the I/O edge: a file input holding a sample log, fetch serving them
  document: {
    querySelector: () => ({
      files: [new File([bytesOf(firstLog)], basename(firstLog))],
      addEventListener: (_type, handler) => pending.push(handler()),
    }),
  },
  fetch: async (url) => {
    const file = byName.get(basename(String(url)));
    return file ? new Response(bytesOf(file)) : new Response('not found', { status: 404 });
  },
});

/** A CloudWatch Logs subscription event of a few sample records (what Lambda receives). */
const cloudWatchLogsEvent = {
  awslogs: {
    data: gzipSync(
      JSON.stringify({
        messageType: 'DATA_MESSAGE',
        owner: '111122223333',
        logGroup: 'aws-cloudtrail-logs-111122223333',
        logStream: '111122223333_CloudTrail_us-east-1',
        subscriptionFilters: ['chime'],
        logEvents: allRecords.slice(0, 20).map((r, i) => ({ id: String(i), timestamp: 0, message: JSON.stringify(r) })),
      }),
    ).toString('base64'),
  },
};

const console_ = { log: console.log, error: console.error, warn: console.warn };
for (const block of manifest.blocks) {
  const output = [];
  const capture =
    (stream) =>
    (...args) =>
      output.push(`${stream}: ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a, replacer))).join(' ')}`);
  console.log = capture('log');
  console.error = capture('error');
  console.warn = capture('warn');
  let ok = true;
  let error;
  try {
    const mod = await import(pathToFileURL(block.file).href);
    if (typeof mod.handler === 'function') await mod.handler(cloudWatchLogsEvent);
    await Promise.all(pending.splice(0));
  } catch (e) {
    ok = false;
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  } finally {
    Object.assign(console, console_);
  }
  process.stdout.write(`${JSON.stringify({ name: block.name, ok, output, error })}\n`);
}

// the S3 client's sockets and the node entry's workers would keep the process alive
process.exit(0);

function replacer(_key, value) {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return value;
}
