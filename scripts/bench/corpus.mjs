// Seeded synthetic CloudTrail corpora for the benchmarks: realistic record shapes (identity mix,
// Chime / Chime SDK events, STS, S3, EC2, IAM, KMS...), ~17 % non-ASCII records, escapes, errors.
// Same seed, same bytes.
//   writeCorpus(dir)             project corpora c1, c16, c128 (single files) and many/ (2,000 files)
//   writeMixedCorpus(dir, names) mixed16 / mixed128: one gzip file of 16 / 128 MiB of JSON whose
//                                records are ~5 % Chime (MIXED_SOURCES), the rest S3, STS, EC2, IAM, KMS
//   readManifest(dir)            a corpus folder's manifest.json, ours or gen-corpus.mjs's
//                                ({corpora: {c16: {files, records, bytes, gzBytes}}}), as
//                                {name: {files, records, jsonBytes, chimeRecords?}}
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const NON_ASCII = ['é', 'ü', 'ß', 'ø', '東京', 'Zürich', 'Ελλάδα', '😀', '🚀', 'naïve', 'Ωmega'];

/**
 * Sources of the mixed corpus with their weights (per 100 records): Chime 5 %, as CloudTrail
 * writes them. Meetings, messaging and identity API calls are logged under `chime.amazonaws.com`
 * (their API hosts, `meetings-chime.<region>.amazonaws.com`..., are in tlsDetails); media pipelines
 * and voice have their own eventSource.
 */
export const MIXED_SOURCES = [
  ['chime.amazonaws.com', 3],
  ['chime-sdk-media-pipelines.amazonaws.com', 1],
  ['chime-sdk-voice.amazonaws.com', 1],
  ['s3.amazonaws.com', 35],
  ['sts.amazonaws.com', 20],
  ['kms.amazonaws.com', 20],
  ['ec2.amazonaws.com', 10],
  ['iam.amazonaws.com', 10],
];
/** What the library's `isChimeEventSource` accepts: any `chime*.amazonaws.com`. */
export const isChimeSource = (source) => /^chime(?:-sdk-|sdk)?[a-z-]*\.amazonaws\.com$/.test(source);

/** API host prefixes (tlsDetails.clientProvidedHostHeader) of the mixed corpus's Chime records. */
const CHIME_HOSTS = {
  'chime.amazonaws.com': ['chime', 'meetings-chime', 'meetings-chime', 'messaging-chime', 'identity-chime'],
  'chime-sdk-media-pipelines.amazonaws.com': ['media-pipelines-chime'],
  'chime-sdk-voice.amazonaws.com': ['voice-chime'],
};

/**
 * A seeded record factory. Without options, the project corpus's source mix (30 % Chime); with
 * `{ sources: [[eventSource, weight], ...] }`, that weighted mix, source-specific resources and
 * Chime SDK API hosts (the mixed corpus).
 */
export function recordFactory(seed, options = {}) {
  const rnd = prng(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (xs) => xs[int(xs.length)];
  const str = (alphabet, n) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  const uuid = () => `${str(HEX, 8)}-${str(HEX, 4)}-4${str(HEX, 3)}-a${str(HEX, 3)}-${str(HEX, 12)}`;
  const acct = () => pick(['123456789012', '210987654321', '111122223333']);
  const t0 = Date.UTC(2026, 10, 20);
  const time = () => new Date(t0 + int(86_400_000)).toISOString().replace(/\.\d+Z$/, 'Z');
  const name = () => pick(['alice', 'bob', 'carol', 'dave', 'erin']) + (rnd() < 0.17 ? pick(NON_ASCII) : '');

  function identity() {
    const r = rnd();
    const a = acct();
    const attributes = { creationDate: time(), mfaAuthenticated: rnd() < 0.3 ? 'true' : 'false' };
    if (r < 0.4) {
      const role = pick(['Deployer', 'ChimeAdmin', 'AWSReservedSSO_Admin_0123456789abcdef', 'lambda-exec']);
      const session = name();
      return {
        type: 'AssumedRole',
        principalId: `AROA${str(UP, 17)}:${session}`,
        arn: `arn:aws:sts::${a}:assumed-role/${role}/${session}`,
        accountId: a,
        accessKeyId: `ASIA${str(UP, 16)}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROA${str(UP, 17)}`,
            arn: `arn:aws:iam::${a}:role/${role}`,
            accountId: a,
            userName: role,
          },
          webIdFederationData: {},
          attributes,
          ...(rnd() < 0.1 ? { sourceIdentity: name() } : {}),
        },
      };
    }
    if (r < 0.63) {
      const u = name();
      return {
        type: 'IAMUser',
        principalId: `AIDA${str(UP, 17)}`,
        arn: `arn:aws:iam::${a}:user/${u}`,
        accountId: a,
        accessKeyId: `AKIA${str(UP, 16)}`,
        userName: u,
      };
    }
    if (r < 0.84)
      return {
        type: 'AWSService',
        invokedBy: pick(['chime.amazonaws.com', 'lambda.amazonaws.com', 'ec2.amazonaws.com']),
      };
    if (r < 0.91) return { type: 'AWSAccount', principalId: `AROA${str(UP, 17)}:job`, accountId: acct() };
    if (r < 0.97)
      return {
        type: 'Root',
        principalId: a,
        arn: `arn:aws:iam::${a}:root`,
        accountId: a,
        accessKeyId: `ASIA${str(UP, 16)}`,
        sessionContext: { attributes },
      };
    return {
      type: 'FederatedUser',
      principalId: `${a}:${name()}`,
      arn: `arn:aws:sts::${a}:federated-user/bob`,
      accountId: a,
      accessKeyId: `ASIA${str(UP, 16)}`,
      sessionContext: { sessionIssuer: { type: 'IAMUser', userName: 'alice' }, attributes },
    };
  }

  function payload(source) {
    if (source === 'chime.amazonaws.com') {
      const attendees = Array.from({ length: 1 + int(rnd() < 0.1 ? 60 : 3) }, () => ({
        externalUserId: `${name()}-${str(HEX, 8)}`,
      }));
      return [
        pick(['CreateMeeting', 'CreateAttendee', 'BatchCreateAttendee', 'CreateChannel', 'SendChannelMessage']),
        {
          clientRequestToken: uuid(),
          externalMeetingId: `standup "${name()}" {daily}`,
          mediaRegion: 'us-east-1',
          attendees,
        },
        {
          meeting: {
            meetingId: uuid(),
            mediaPlacement: {
              audioHostUrl: `${str(HEX, 12)}.k.m1.ue1.app.chime.aws:3478`,
              signalingUrl: `wss://signal.m1.ue1.app.chime.aws/control/${uuid()}`,
            },
          },
        },
      ];
    }
    if (source === 'chime-sdk-media-pipelines.amazonaws.com') {
      return [
        'CreateMediaCapturePipeline',
        { sourceType: 'ChimeSdkMeeting', sourceArn: 'Hidden_For_Security_Reasons', sinkType: 'S3Bucket' },
        {
          mediaCapturePipeline: {
            mediaPipelineId: uuid(),
            status: 'Initializing',
            createdTimestamp: '2026-11-20T10:00:00.123Z',
          },
        },
      ];
    }
    if (source === 'chime-sdk-voice.amazonaws.com')
      return [
        'CreateVoiceConnector',
        { name: `vc-${str(HEX, 6)}`, requireEncryption: true },
        { voiceConnector: { voiceConnectorId: str(HEX, 20) } },
      ];
    if (source === 'sts.amazonaws.com')
      return [
        'AssumeRole',
        { roleArn: `arn:aws:iam::${acct()}:role/Deployer`, roleSessionName: name() },
        {
          credentials: {
            accessKeyId: `ASIA${str(UP, 16)}`,
            sessionToken: str(UP + HEX, 300 + int(600)),
            expiration: 'Oct 25, 2024, 9:07:11 PM',
          },
        },
      ];
    if (source === 'iam.amazonaws.com')
      return [
        'PutRolePolicy',
        {
          roleName: 'Deployer',
          policyName: 'p',
          policyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::bucket-${str(HEX, 6)}/*\\` },
            ],
          }),
        },
        null,
      ];
    if (source === 'ec2.amazonaws.com') {
      const items = Array.from({ length: 1 + int(rnd() < 0.05 ? 40 : 2) }, () => ({
        instanceId: `i-${str(HEX, 17)}`,
        imageId: `ami-${str(HEX, 17)}`,
        tagSet: { items: [{ key: 'Name', value: name() }] },
      }));
      return [
        'RunInstances',
        { instancesSet: { items: [{ imageId: `ami-${str(HEX, 17)}`, minCount: 1, maxCount: items.length }] } },
        { instancesSet: { items } },
      ];
    }
    if (source === 'kms.amazonaws.com')
      return [
        pick(['Decrypt', 'GenerateDataKey', 'Encrypt']),
        {
          keyId: `arn:aws:kms:us-east-1:${acct()}:key/${uuid()}`,
          encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
          encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::bucket-${str(HEX, 6)}/${name()}` },
        },
        null,
      ];
    return [
      'GetObject',
      { bucketName: `bucket-${str(HEX, 6)}`, key: `logs/${name()}/${str(HEX, 10)}.json`, Host: 's3.amazonaws.com' },
      null,
    ];
  }

  const sources = [
    'chime.amazonaws.com',
    'chime.amazonaws.com',
    'chime.amazonaws.com',
    'chime-sdk-media-pipelines.amazonaws.com',
    'chime-sdk-voice.amazonaws.com',
    's3.amazonaws.com',
    's3.amazonaws.com',
    'sts.amazonaws.com',
    'iam.amazonaws.com',
    'ec2.amazonaws.com',
  ];

  const weighted = options.sources;
  const totalWeight = weighted?.reduce((n, [, w]) => n + w, 0);
  const pickSource = weighted
    ? () => {
        let x = rnd() * totalWeight;
        for (const [source, w] of weighted) if ((x -= w) < 0) return source;
        return weighted[weighted.length - 1][0];
      }
    : () => pick(sources);
  const service = (source) => source.split('.')[0];
  const resource = weighted
    ? (source) => {
        const svc = service(source);
        if (svc.startsWith('chime'))
          return { ARN: `arn:aws:chime::${acct()}:meeting/${uuid()}`, accountId: acct(), type: 'AWS::Chime::Meeting' };
        if (svc === 's3') return { ARN: `arn:aws:s3:::bucket-${str(HEX, 6)}`, type: 'AWS::S3::Bucket' };
        return { ARN: `arn:aws:${svc}:us-east-1:${acct()}:${str(HEX, 12)}`, accountId: acct(), type: `AWS::${svc}` };
      }
    : () => ({ ARN: `arn:aws:chime::${acct()}:meeting/${uuid()}`, accountId: acct(), type: 'AWS::Chime::Meeting' });
  const host = weighted
    ? (source) => `${CHIME_HOSTS[source] ? pick(CHIME_HOSTS[source]) : service(source)}.us-east-1.amazonaws.com`
    : (source) => `${service(source)}.us-east-1.amazonaws.com`;

  return function record() {
    const eventSource = pickSource();
    const [eventName, requestParameters, responseElements] = payload(eventSource);
    const userIdentity = identity();
    const r = {
      eventVersion: pick(['1.08', '1.09', '1.10', '1.11']),
      userIdentity,
      eventTime: time(),
      eventSource,
      eventName,
      awsRegion: pick(['us-east-1', 'eu-west-1', 'ap-northeast-1']),
      sourceIPAddress: userIdentity.invokedBy ?? `198.51.100.${int(255)}`,
      userAgent:
        userIdentity.invokedBy ??
        pick(['aws-cli/2.15.0 Python/3.11', 'aws-sdk-js/3.1173.0 ua/2.1 os/linux', 'Mozilla/5.0 (X11; Linux x86_64)']),
      requestParameters,
      responseElements,
      requestID: uuid(),
      eventID: uuid(),
      readOnly: eventName.startsWith('Get'),
      eventType: 'AwsApiCall',
      managementEvent: eventSource !== 's3.amazonaws.com',
      recipientAccountId: acct(),
      eventCategory: eventSource === 's3.amazonaws.com' ? 'Data' : 'Management',
    };
    if (rnd() < 0.08)
      Object.assign(r, {
        errorCode: 'AccessDenied',
        errorMessage: `User: ${userIdentity.arn ?? 'x'} is not authorized`,
      });
    if (rnd() < 0.41) r.resources = [resource(eventSource)];
    if (rnd() < 0.67)
      r.tlsDetails = {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: host(eventSource),
      };
    return r;
  };
}

/** One log file of about `bytes` bytes of JSON (`onRecord` sees each record). */
export function logFile(next, bytes, onRecord) {
  const parts = [];
  let size = 13;
  let n = 0;
  while (size < bytes) {
    const r = next();
    onRecord?.(r);
    const s = JSON.stringify(r);
    parts.push(s);
    size += s.length + 1;
    n++;
  }
  const text = `{"Records":[${parts.join(',')}]}`;
  return { text, records: n };
}

/** Writes (once) the corpora under `dir`: c1, c16, c128 single files and many/ (2,000 small files). */
export function writeCorpus(dir) {
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) return JSON.parse(readFileSync(manifestPath, 'utf8'));
  mkdirSync(join(dir, 'many'), { recursive: true });
  const next = recordFactory(20261127);
  const manifest = {};
  for (const [name, mib] of [
    ['c1', 1],
    ['c16', 16],
    ['c128', 128],
  ]) {
    const { text, records } = logFile(next, mib * 1024 * 1024);
    writeFileSync(join(dir, `${name}.json.gz`), gzipSync(text));
    manifest[name] = { files: [`${name}.json.gz`], records, jsonBytes: Buffer.byteLength(text) };
  }
  const rnd = prng(7);
  const files = [];
  let records = 0;
  let jsonBytes = 0;
  for (let i = 0; i < 2000; i++) {
    const want = 1 + Math.floor(rnd() * 40);
    const recs = Array.from({ length: want }, () => JSON.stringify(next()));
    const text = `{"Records":[${recs.join(',')}]}`;
    const file = join('many', `f${String(i).padStart(4, '0')}.json.gz`);
    writeFileSync(join(dir, file), gzipSync(text));
    files.push(file);
    records += want;
    jsonBytes += Buffer.byteLength(text);
  }
  manifest.many = { files, records, jsonBytes };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return manifest;
}

const MIXED = { mixed16: [16, 20261216], mixed128: [128, 20261228] };

/**
 * Writes (once each) the mixed corpora named in `names` (mixed16, mixed128) under `dir`, and
 * returns the manifest: {mixed16: {files, records, jsonBytes, chimeRecords}}.
 */
export function writeMixedCorpus(dir, names = Object.keys(MIXED)) {
  const manifestPath = join(dir, 'manifest.json');
  const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  let changed = false;
  for (const name of names) {
    const file = `${name}.json.gz`;
    if (manifest[name] && existsSync(join(dir, file))) continue;
    const [mib, seed] = MIXED[name];
    const next = recordFactory(seed, { sources: MIXED_SOURCES });
    let chimeRecords = 0;
    const { text, records } = logFile(next, mib * 1024 * 1024, (r) => {
      if (isChimeSource(r.eventSource)) chimeRecords++;
    });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), gzipSync(text));
    manifest[name] = { files: [file], records, jsonBytes: Buffer.byteLength(text), chimeRecords };
    changed = true;
  }
  if (changed) writeFileSync(manifestPath, JSON.stringify(manifest));
  return manifest;
}

/** A corpus folder's manifest.json (ours or gen-corpus.mjs's), as {name: {files, records, jsonBytes, chimeRecords?}}. */
export function readManifest(dir) {
  const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (!raw.corpora) return raw;
  return Object.fromEntries(
    Object.entries(raw.corpora).map(([name, c]) => [name, { files: c.files, records: c.records, jsonBytes: c.bytes }]),
  );
}
