#!/usr/bin/env node
/**
 * Soak test (not a unit test): streams a synthetic 1 GiB (uncompressed) gzip log file through
 * `readRecords` of the built package and checks that peak RSS stays flat. The body is generated
 * on the fly (synthetic records -> zlib.createGzip -> chunks), never held whole.
 *
 *   npx tsup && node scripts/soak.mjs [--mib 1024] [--budget 100]
 *
 * Prints records, MiB, MiB/s and RSS at start / peak (sampled every 100 ms, and the process's
 * maxRSS). Exits 1 when the peak exceeds the start by more than the budget (MiB).
 */
import { createGzip } from 'node:zlib';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const TARGET_MIB = arg('mib', 1024);
const BUDGET_MIB = arg('budget', 100);
const MiB = 1024 * 1024;

const { readRecords } = await import(new URL('../dist/index.js', import.meta.url).href);

/** A realistic-looking record; the varying parts keep gzip from collapsing the body. */
function record(i) {
  const id = i.toString(16).padStart(8, '0');
  return JSON.stringify({
    eventVersion: '1.11',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE${id}:session-${i % 97}`,
      arn: `arn:aws:sts::123456789012:assumed-role/Role${i % 13}/session-${i % 97}`,
      accountId: '123456789012',
      accessKeyId: `ASIA${id}EXAMPLE`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLE',
          arn: `arn:aws:iam::123456789012:role/Role${i % 13}`,
          accountId: '123456789012',
          userName: `Role${i % 13}`,
        },
        attributes: { creationDate: '2024-05-01T12:00:00Z', mfaAuthenticated: 'false' },
      },
    },
    eventTime: new Date(1714564800000 + i * 37).toISOString().replace(/\.\d+Z$/, 'Z'),
    eventSource: 'chime.amazonaws.com',
    eventName: ['CreateMeeting', 'CreateAttendee', 'DeleteMeeting', 'ListMeetings'][i % 4],
    awsRegion: 'us-east-1',
    sourceIPAddress: `192.0.2.${i % 255}`,
    userAgent: `aws-sdk-js/3.${i % 1000}.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/chime-sdk-meetings#3.${i % 1000}.0`,
    requestParameters: {
      externalMeetingId: `meeting-${id}`,
      mediaRegion: 'us-east-1',
      notes: `\u2028"quoted" \\ é ${id}`,
    },
    responseElements: {
      meeting: { meetingId: `${id}-0000-4000-8000-${id}${id.slice(0, 4)}`, mediaRegion: 'us-east-1' },
    },
    requestID: `${id}-1111-4000-8000-000000000000`,
    eventID: `${id}-2222-4000-8000-000000000000`,
    readOnly: i % 4 === 3,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: 'meetings-chime.us-east-1.amazonaws.com',
    },
  });
}

let produced = 0;
let generated = 0;
/** gzip chunks of a TARGET_MIB log file, produced lazily with back-pressure. */
async function* body() {
  const gz = createGzip({ level: 6 });
  const queue = [];
  let wake;
  let ended = false;
  gz.on('data', (c) => {
    queue.push(c);
    wake?.();
  });
  gz.on('end', () => {
    ended = true;
    wake?.();
  });
  const write = async (s) => {
    produced += Buffer.byteLength(s);
    if (!gz.write(s)) await new Promise((r) => gz.once('drain', r));
  };
  const writer = (async () => {
    await write('{"Records":[');
    let batch = '';
    for (let i = 0; produced + batch.length < TARGET_MIB * MiB; i++) {
      batch += (i ? ',' : '') + record(i);
      generated++;
      if (batch.length > 256 * 1024) {
        await write(batch);
        batch = '';
      }
    }
    await write(batch + ']}\n');
    gz.end();
  })();
  for (;;) {
    if (queue.length > 0) yield queue.shift();
    else if (ended) break;
    else await new Promise((r) => (wake = r)).then(() => (wake = undefined));
  }
  await writer;
}

globalThis.gc?.();
const rssStart = process.memoryUsage().rss;
let rssPeak = rssStart;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 100);
const started = performance.now();
let records = 0;
let lastReport = started;
for await (const r of readRecords(body())) {
  records++;
  if (r.eventSource !== 'chime.amazonaws.com') throw new Error(`record ${records} is wrong`);
  if ((records & 0xffff) === 0 && performance.now() - lastReport > 5000) {
    lastReport = performance.now();
    console.error(
      `  ${(produced / MiB).toFixed(0)} MiB, ${records} records, rss ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`,
    );
  }
}
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
const maxRss = process.resourceUsage().maxRSS * 1024;
const mib = produced / MiB;
const result = {
  records,
  generated,
  mib: Number(mib.toFixed(1)),
  seconds: Number(seconds.toFixed(1)),
  mibPerSecond: Number((mib / seconds).toFixed(1)),
  rssStartMiB: Number((rssStart / MiB).toFixed(1)),
  rssPeakSampledMiB: Number((rssPeak / MiB).toFixed(1)),
  maxRssMiB: Number((maxRss / MiB).toFixed(1)),
  growthMiB: Number(((Math.max(rssPeak, maxRss) - rssStart) / MiB).toFixed(1)),
  budgetMiB: BUDGET_MIB,
};
console.log(JSON.stringify(result, null, 2));
if (records !== generated) {
  console.error(`FAIL: ${generated} records generated, ${records} read`);
  process.exit(1);
}
if (result.growthMiB > BUDGET_MIB) {
  console.error(`FAIL: RSS grew by ${result.growthMiB} MiB (budget ${BUDGET_MIB} MiB)`);
  process.exit(1);
}
console.error('OK');
