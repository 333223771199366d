#!/usr/bin/env node
// Folder benchmark: `readLogFiles` (cloudtrail-chime/node, built dist/) against the naive
// `zlib.gunzipSync` + `JSON.parse` per file, on a seeded folder of small gzip log files.
// Each measurement runs in its own process; medians of --runs alternating runs.
//
//   node scripts/bench/folder.mjs [--files 2000] [--runs 3] [--seed 42] [--keep] [--modes naive,lib:auto:validate,...]
//   (lib modes: lib:<concurrency|auto>:<validate|novalidate>)
//   (needs `npx tsup` first)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { prng } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : args[i + 1];
};

// ---- child: one measured run -------------------------------------------------------------
if (args[0] === '--run') {
  const [, mode, dir] = args;
  const t0 = process.hrtime.bigint();
  let records = 0;
  let bytes = 0;
  if (mode === 'naive') {
    const walk = (d) =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.json.gz') ? [join(d, e.name)] : [],
      );
    for (const file of walk(dir)) {
      const text = gunzipSync(readFileSync(file));
      bytes += text.length;
      records += JSON.parse(text.toString('utf8')).Records.length;
    }
  } else {
    const { readLogFiles } = await import(pathToFileURL(join(root, 'dist/node.js')).href);
    const [, concurrency, validate] = mode.split(':');
    const it = readLogFiles(dir, {
      concurrency: concurrency === 'auto' ? undefined : Number(concurrency),
      validate: validate !== 'novalidate',
      // the generated files are named f0000.json.gz, not like CloudTrail objects
      allFiles: true,
    });
    for await (const { record } of it) {
      records++;
      if (record.eventName === undefined) throw new Error('no eventName');
    }
    bytes = Number(readFileSync(join(dir, 'inflated-bytes.txt'), 'utf8'));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const usage = process.resourceUsage();
  process.stdout.write(
    JSON.stringify({
      records,
      bytes,
      seconds,
      cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      rssKiB: usage.maxRSS,
    }),
  );
  process.exit(0);
}

// ---- corpus -----------------------------------------------------------------------------

const SOURCES = [
  ['chime.amazonaws.com', ['CreateMeeting', 'CreateAttendee', 'BatchCreateAttendee', 'DeleteMeeting', 'ListAccounts']],
  ['chime-sdk-voice.amazonaws.com', ['CreateSipMediaApplicationCall', 'GetVoiceConnector', 'ListPhoneNumbers']],
  ['chime-sdk-media-pipelines.amazonaws.com', ['CreateMediaCapturePipeline', 'GetMediaPipeline']],
  ['sts.amazonaws.com', ['AssumeRole', 'GetCallerIdentity']],
  ['s3.amazonaws.com', ['GetObject', 'PutObject', 'ListBuckets']],
  ['kms.amazonaws.com', ['Decrypt', 'GenerateDataKey']],
];
const NAMES = ['alice', 'bob', 'jürgen.müller', 'zoë', 'deploy-bot', '山田太郎', 'Ольга', 'ops "admin"'];
const AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.167.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off',
  'aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.213 lang/js md/nodejs#20.11.1 api/chime-sdk-meetings#3.540.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
  'AWS Internal',
];

function makeRecord(rand, n) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const hex = (len) => Array.from({ length: len }, () => Math.floor(rand() * 16).toString(16)).join('');
  const [source, names] = pick(SOURCES);
  const account = pick(['111122223333', '444455556666', '123456789012']);
  const role = rand() < 0.6;
  const user = pick(NAMES);
  const time = new Date(Date.UTC(2026, 10, 20, 0, 0, 0) + Math.floor(rand() * 86_400_000))
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
  const key = `ASIA${hex(16).toUpperCase()}`;
  return {
    eventVersion: '1.11',
    userIdentity: role
      ? {
          type: 'AssumedRole',
          principalId: `AROA${hex(17).toUpperCase()}:${user}`,
          arn: `arn:aws:sts::${account}:assumed-role/ChimeBackend/${user}`,
          accountId: account,
          accessKeyId: key,
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              principalId: `AROA${hex(17).toUpperCase()}`,
              arn: `arn:aws:iam::${account}:role/ChimeBackend`,
              accountId: account,
              userName: 'ChimeBackend',
            },
            attributes: { creationDate: time, mfaAuthenticated: rand() < 0.2 ? 'true' : 'false' },
          },
        }
      : {
          type: 'IAMUser',
          principalId: `AIDA${hex(17).toUpperCase()}`,
          arn: `arn:aws:iam::${account}:user/${user}`,
          accountId: account,
          accessKeyId: `AKIA${hex(16).toUpperCase()}`,
          userName: user,
        },
    eventTime: time,
    eventSource: source,
    eventName: pick(names),
    awsRegion: pick(['us-east-1', 'us-east-1', 'eu-central-1', 'ap-northeast-1']),
    sourceIPAddress: `${Math.floor(rand() * 223) + 1}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`,
    userAgent: pick(AGENTS),
    ...(rand() < 0.08 ? { errorCode: 'AccessDenied', errorMessage: `User: ${user} is not authorized` } : {}),
    requestParameters: {
      externalMeetingId: `meeting-${hex(8)}`,
      mediaRegion: 'us-east-1',
      tags: [{ key: 'team', value: pick(['Équipe Produit', 'support 🆘', 'ops']) }],
    },
    responseElements:
      rand() < 0.5 ? null : { meeting: { meetingId: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` } },
    requestID: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    eventID: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    readOnly: rand() < 0.4,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `service.chime.aws.amazon.com`,
    },
    sessionCredentialFromConsole: n % 7 === 0 ? 'true' : undefined,
  };
}

function generate(dir, files, seed) {
  const rand = prng(seed);
  let inflated = 0;
  let records = 0;
  let compressed = 0;
  for (let f = 0; f < files; f++) {
    const n = 1 + Math.floor(rand() * 40);
    const text = JSON.stringify({ Records: Array.from({ length: n }, (_, i) => makeRecord(rand, i)) });
    const day = String(1 + (f % 28)).padStart(2, '0');
    const folder = join(dir, 'AWSLogs/123456789012/CloudTrail/us-east-1/2026/11', day);
    mkdirSync(folder, { recursive: true });
    const gz = gzipSync(text, { level: 6 });
    // fixed mtime (0) in the header: byte-identical files for the same seed
    gz.writeUInt32LE(0, 4);
    writeFileSync(
      join(
        folder,
        `123456789012_CloudTrail_us-east-1_202611${day}T${String(f % 2400).padStart(4, '0')}Z_${String(f).padStart(16, '0')}.json.gz`,
      ),
      gz,
    );
    inflated += Buffer.byteLength(text);
    compressed += gz.length;
    records += n;
  }
  writeFileSync(join(dir, 'inflated-bytes.txt'), String(inflated));
  return { inflated, compressed, records };
}

// ---- orchestration ------------------------------------------------------------------------
const files = Number(opt('files', '2000'));
const runs = Number(opt('runs', '3'));
const seed = Number(opt('seed', '42'));
const dir = mkdtempSync(join(tmpdir(), 'ct-folder-bench-'));
try {
  const corpus = generate(dir, files, seed);
  const mib = (b) => b / 1048576;
  console.log(
    `corpus: ${files} files, ${corpus.records} records, ${mib(corpus.inflated).toFixed(1)} MiB JSON, ${mib(corpus.compressed).toFixed(1)} MiB gz (seed ${seed}); node ${process.version}, ${availableParallelism()} cores`,
  );
  const modes = (
    opt('modes', '') || 'naive,lib:auto:validate,lib:auto:novalidate,lib:0:validate,lib:1:validate,lib:2:validate'
  ).split(',');
  const results = Object.fromEntries(modes.map((m) => [m, []]));
  for (let r = 0; r < runs; r++) {
    for (const mode of modes) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--run', mode, dir], {
        encoding: 'utf8',
      });
      results[mode].push(JSON.parse(out));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(results.naive.map((x) => x.seconds));
  const label = (mode) => {
    if (mode === 'naive') return 'naive gunzipSync + JSON.parse (1 thread, no validation)';
    const [, c, v] = mode.split(':');
    const workers =
      c === 'auto'
        ? 'default concurrency'
        : c === '0'
          ? 'concurrency 0 (calling thread)'
          : `${c} worker${c === '1' ? '' : 's'}`;
    return `readLogFiles, ${workers}, ${v === 'novalidate' ? 'validate: false' : 'validation'}`;
  };
  console.log('| approach | s (median) | MiB/s | records/s | x of naive | cpu s | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const mode of modes) {
    const xs = results[mode];
    const s = median(xs.map((x) => x.seconds));
    if (xs.some((x) => x.records !== corpus.records)) throw new Error(`${mode}: wrong record count`);
    console.log(
      `| ${label(mode)} | ${s.toFixed(3)} | ${(mib(corpus.inflated) / s).toFixed(1)} | ${Math.round(corpus.records / s)} | ${(base / s).toFixed(2)} | ${median(xs.map((x) => x.cpu)).toFixed(2)} | ${(median(xs.map((x) => x.rssKiB)) / 1024).toFixed(0)} |`,
    );
  }
} finally {
  if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
