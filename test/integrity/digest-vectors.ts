/**
 * Self-made CloudTrail digest test vectors and the verification outcome of each tampering
 * scenario. Web APIs only (crypto.subtle, CompressionStream, TextEncoder, Response): no `node:`
 * import, so the module can be bundled and run in a browser as well as in Node.
 */
import {
  type DigestChainVerification,
  type DigestObject,
  type DigestVerification,
  importCloudTrailPublicKey,
  verifyDigestChain,
  verifyDigestFile,
} from '../../src/index.js';

const BUCKET = 'amzn-s3-demo-bucket';
const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const TRAIL = 'chime-audit';
const FINGERPRINT = '0123456789abcdef0123456789abcdef';

const encoder = new TextEncoder();

const concat = (...parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** gzip with the Web Streams `CompressionStream` (one member). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([concat(bytes)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const sha256Hex = async (bytes: Uint8Array): Promise<string> =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', concat(bytes))));

/** Header of the DER element at `at`. */
function derHeader(der: Uint8Array, at: number): { start: number; length: number } {
  const first = der[at + 1] as number;
  if (first < 0x80) return { start: at + 2, length: first };
  let length = 0;
  for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + (der[at + 2 + i] as number);
  return { start: at + 2 + (first & 0x7f), length };
}

/** SPKI → PKCS#1 RSAPublicKey (what `ListPublicKeys` returns): the content of the BIT STRING after the algorithm. */
export function spkiToPkcs1(spki: Uint8Array): Uint8Array<ArrayBuffer> {
  const outer = derHeader(spki, 0);
  const algorithm = derHeader(spki, outer.start);
  const bitString = derHeader(spki, algorithm.start + algorithm.length);
  return concat(spki.subarray(bitString.start + 1, bitString.start + bitString.length));
}

interface KeyPair {
  privateKey: CryptoKey;
  pkcs1: Uint8Array<ArrayBuffer>;
}

async function newKeyPair(): Promise<KeyPair> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { privateKey: pair.privateKey, pkcs1: spkiToPkcs1(spki) };
}

const signHex = async (key: CryptoKey, text: string): Promise<string> =>
  toHex(new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, encoder.encode(text))));

const logKey = (hour: number) =>
  `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2024/05/01/${ACCOUNT}_CloudTrail_${REGION}_20240501T0${hour}05Z_EXAMPLEfakeLog0${hour}.json.gz`;

const digestKey = (endHour: number, backfill = false) =>
  `AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/2024/05/01/${ACCOUNT}_CloudTrail-Digest_${REGION}_${TRAIL}_${REGION}_20240501T0${endHour}0000Z${backfill ? '_backfill' : ''}.json.gz`;

function logText(hour: number): string {
  const record = (n: number) => ({
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEFAKE000000', accountId: ACCOUNT, userName: 'example' },
    eventTime: `2024-05-01T0${hour}:0${n}:00Z`,
    eventSource: 'chime.amazonaws.com',
    eventName: 'CreateMeeting',
    awsRegion: REGION,
    sourceIPAddress: '192.0.2.10',
    userAgent: 'example-agent',
    requestParameters: { mediaRegion: REGION },
    responseElements: null,
    requestID: `00000000-0000-4000-8000-00000000000${n}`,
    eventID: `00000000-0000-4000-8000-0000000000${hour}${n}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  });
  return JSON.stringify({ Records: [record(1), record(2)] });
}

interface DigestFields {
  key: string;
  startHour: number;
  endHour: number;
  logFiles: { key: string; hash: string }[];
  previous?: { key: string; hash: string; signature: string };
  omit?: string;
}

/** The digest's text, deliberately not in `JSON.stringify` default form, so re-serialising would break the hash. */
function digestText(f: DigestFields): string {
  const value: Record<string, unknown> = {
    awsAccountId: ACCOUNT,
    digestStartTime: `2024-05-01T0${f.startHour}:00:00Z`,
    digestEndTime: `2024-05-01T0${f.endHour}:00:00Z`,
    digestS3Bucket: BUCKET,
    digestS3Object: f.key,
    digestPublicKeyFingerprint: FINGERPRINT,
    digestSignatureAlgorithm: 'SHA256withRSA',
    newestEventTime: f.logFiles.length > 0 ? `2024-05-01T0${f.startHour}:02:00Z` : null,
    oldestEventTime: f.logFiles.length > 0 ? `2024-05-01T0${f.startHour}:01:00Z` : null,
    previousDigestS3Bucket: f.previous ? BUCKET : null,
    previousDigestS3Object: f.previous?.key ?? null,
    previousDigestHashValue: f.previous?.hash ?? null,
    previousDigestHashAlgorithm: f.previous ? 'SHA-256' : null,
    previousDigestSignature: f.previous?.signature ?? null,
    logFiles: f.logFiles.map((l) => ({
      s3Bucket: BUCKET,
      s3Object: l.key,
      hashValue: l.hash,
      hashAlgorithm: 'SHA-256',
      newestEventTime: `2024-05-01T0${f.startHour}:02:00Z`,
      oldestEventTime: `2024-05-01T0${f.startHour}:01:00Z`,
    })),
  };
  if (f.omit !== undefined) delete value[f.omit];
  return JSON.stringify(value, null, 1);
}

interface SignedDigest {
  key: string;
  bytes: Uint8Array<ArrayBuffer>;
  gz: Uint8Array<ArrayBuffer>;
  signature: string;
}

/** Signs a digest exactly as CloudTrail does (cloudtrail-format §4.2 step 4). */
async function makeDigest(fields: DigestFields, key: CryptoKey): Promise<SignedDigest> {
  const bytes = encoder.encode(digestText(fields));
  const toSign = `2024-05-01T0${fields.endHour}:00:00Z\n${BUCKET}/${fields.key}\n${await sha256Hex(bytes)}\n${
    fields.previous?.signature ?? 'null'
  }`;
  return { key: fields.key, bytes, gz: await gzip(bytes), signature: await signHex(key, toSign) };
}

const summarize = (v: DigestVerification) => ({
  valid: v.valid,
  signature: v.signature,
  location: v.location,
  logFiles: v.logFiles.map((f) => f.status),
  previous: v.previous !== undefined,
  backfill: v.backfill,
});

const summarizeChain = (c: DigestChainVerification) => ({
  valid: c.valid,
  digests: c.digests.map(
    (d) => `${d.key.slice(-25, -8)}:${d.verification.valid ? 'valid' : 'invalid'}:${d.signatureFrom}`,
  ),
  breaks: c.breaks.map((b) => `${b.kind}@${b.key.slice(-25, -8)}`),
  gaps: c.gaps.map((g) => g.key.slice(-25, -8)),
  end: c.end.reason,
});

/** Runs every scenario and returns its outcome (JSON-serialisable). */
export async function runDigestScenario(): Promise<Record<string, unknown>> {
  const aws = await newKeyPair();
  const attacker = await newKeyPair();

  // Three hours of log files and a chain of three digests (oldest first).
  const logs = new Map<string, Uint8Array<ArrayBuffer>>();
  const texts: string[] = [];
  for (let hour = 0; hour < 3; hour++) {
    texts.push(logText(hour));
    logs.set(logKey(hour), await gzip(encoder.encode(logText(hour))));
  }
  const digests: SignedDigest[] = [];
  for (let hour = 0; hour < 3; hour++) {
    const prev = digests[hour - 1];
    const fields: DigestFields = {
      key: digestKey(hour + 1),
      startHour: hour,
      endHour: hour + 1,
      logFiles: [{ key: logKey(hour), hash: await sha256Hex(encoder.encode(texts[hour] as string)) }],
    };
    if (prev) fields.previous = { key: prev.key, hash: await sha256Hex(prev.bytes), signature: prev.signature };
    digests.push(await makeDigest(fields, aws.privateKey));
  }
  const [d1, d2, d3] = digests as [SignedDigest, SignedDigest, SignedDigest];

  const readerOf =
    (store: Map<string, Uint8Array>) =>
    async (bucket: string, key: string): Promise<Uint8Array | undefined> =>
      bucket === BUCKET ? store.get(key) : undefined;
  const logFile = readerOf(logs);
  const withLog = (key: string, body: Uint8Array) => readerOf(new Map([...logs, [key, body]]));
  const verify = async (
    d: SignedDigest,
    overrides: Partial<Parameters<typeof verifyDigestFile>[0]> = {},
  ): Promise<ReturnType<typeof summarize>> =>
    summarize(
      await verifyDigestFile({
        digest: d.gz,
        location: { bucket: BUCKET, key: d.key },
        signature: d.signature,
        publicKey: aws.pkcs1,
        logFile,
        ...overrides,
      }),
    );

  const out: Record<string, unknown> = {};
  out.untouched = [await verify(d1), await verify(d2), await verify(d3)];
  out.importedCryptoKey = await verify(d2, { publicKey: await importCloudTrailPublicKey(aws.pkcs1) });
  out.publicKeyMap = await verify(d2, { publicKey: new Map([[FINGERPRINT.toUpperCase(), aws.pkcs1]]) });
  out.unknownFingerprint = await verify(d2, { publicKey: new Map([['ffffffffffffffffffffffffffffffff', aws.pkcs1]]) });
  out.noLogFileReader = await verify(d2, { logFile: undefined });
  out.plainDigestBody = await verify(d2, { digest: d2.bytes });
  out.plainDigestString = await verify(d2, { digest: new TextDecoder().decode(d2.bytes) });

  // Log-file tampering.
  const changed = encoder.encode(texts[1] as string);
  changed[changed.length - 10] = (changed[changed.length - 10] as number) ^ 0x01;
  out.logByteChanged = await verify(d2, { logFile: withLog(logKey(1), await gzip(changed)) });
  const flipped = (logs.get(logKey(1)) as Uint8Array).slice();
  flipped[flipped.length - 12] = (flipped[flipped.length - 12] as number) ^ 0x01;
  out.logGzipByteChanged = await verify(d2, { logFile: withLog(logKey(1), flipped) });
  const withoutLog = new Map(logs);
  withoutLog.delete(logKey(1));
  out.logMissing = await verify(d2, { logFile: readerOf(withoutLog) });
  const gz1 = logs.get(logKey(1)) as Uint8Array;
  out.logAppendedMember = await verify(d2, {
    logFile: withLog(logKey(1), concat(gz1, await gzip(encoder.encode('{"Records":[]}')))),
  });
  out.logZeroPadding = await verify(d2, { logFile: withLog(logKey(1), concat(gz1, new Uint8Array(512))) });
  out.logPlainUntouched = await verify(d2, { logFile: withLog(logKey(1), encoder.encode(texts[1] as string)) });

  // Digest tampering.
  out.digestMoved = await verify(d2, { location: { bucket: BUCKET, key: digestKey(5) } });
  out.digestOtherBucket = await verify(d2, { location: { bucket: 'amzn-s3-demo-other-bucket', key: d2.key } });
  // An attacker's version of d2 that hides its log file, signed with the attacker's key.
  const attackerSigned = await makeDigest(
    {
      key: d2.key,
      startHour: 1,
      endHour: 2,
      logFiles: [],
      previous: { key: d1.key, hash: await sha256Hex(d1.bytes), signature: d1.signature },
    },
    attacker.privateKey,
  );
  out.signatureFromOtherKey = await verify(attackerSigned);
  out.verifiedWithOtherKey = await verify(d2, { publicKey: attacker.pkcs1 });
  out.signatureOfOtherDigest = await verify(d2, { signature: d3.signature });
  out.malformedSignature = await verify(d2, { signature: 'not-hex!' });
  out.oddLengthSignature = await verify(d2, { signature: d2.signature.slice(1) });
  out.shortSignature = await verify(d2, { signature: 'abcd' });
  out.missingSignature = await verify(d2, { signature: undefined });
  const tamperedDigest = d2.bytes.slice();
  tamperedDigest[tamperedDigest.indexOf(0x30, 40)] = 0x31; // one digit of a timestamp
  out.digestByteChanged = await verify({ ...d2, gz: await gzip(tamperedDigest) });
  out.digestAppendedData = await verify({ ...d2, gz: concat(d2.gz, await gzip(encoder.encode('{}'))) });
  out.digestNotJson = await verify({ ...d2, gz: await gzip(encoder.encode('{"Records": [')) });
  const missingKey = await makeDigest(
    { key: digestKey(7), startHour: 6, endHour: 7, logFiles: [], omit: 'previousDigestSignature' },
    aws.privateKey,
  );
  const missingKeyResult = await verifyDigestFile({
    digest: missingKey.gz,
    location: { bucket: BUCKET, key: missingKey.key },
    signature: missingKey.signature,
    publicKey: aws.pkcs1,
  });
  out.missingRequiredKey = {
    ...summarize(missingKeyResult),
    mentionsKey: missingKeyResult.problems.some((p) => p.includes('previousDigestSignature')),
  };
  const backfill = await makeDigest(
    {
      key: digestKey(2, true),
      startHour: 1,
      endHour: 2,
      logFiles: [{ key: logKey(1), hash: await sha256Hex(changed) }],
    },
    aws.privateKey,
  );
  out.backfill = await verify(backfill, { logFile: withLog(logKey(1), await gzip(changed)) });
  out.emptyDigest = await verify(
    await makeDigest({ key: digestKey(8), startHour: 7, endHour: 8, logFiles: [] }, aws.privateKey),
  );

  // Chains.
  const objects = new Map<string, DigestObject>(digests.map((d) => [d.key, { body: d.gz, signature: d.signature }]));
  const chain = async (
    store: Map<string, DigestObject>,
    extra: Partial<Parameters<typeof verifyDigestChain>[0]> = {},
  ) =>
    summarizeChain(
      await verifyDigestChain({
        newest: { bucket: BUCKET, key: d3.key },
        readObject: async (bucket, key) => (bucket === BUCKET ? store.get(key) : undefined),
        publicKeys: new Map([[FINGERPRINT, aws.pkcs1]]),
        logFile,
        ...extra,
      }),
    );
  out.chainUntouched = await chain(objects);
  out.chainKeyFunction = await chain(objects, {
    publicKeys: async (fp) => (fp === FINGERPRINT ? aws.pkcs1 : undefined),
  });
  out.chainLimit = await chain(objects, { limit: 2 });
  const noMiddle = new Map(objects);
  noMiddle.delete(d2.key);
  out.chainMissingLink = await chain(noMiddle);
  const replacedMiddle = new Map(objects);
  replacedMiddle.set(d2.key, { body: attackerSigned.gz, signature: attackerSigned.signature });
  out.chainReplacedLink = await chain(replacedMiddle);
  const noMetadata = new Map(objects);
  noMetadata.set(d1.key, { body: d1.gz });
  out.chainOlderWithoutMetadata = await chain(noMetadata);
  out.chainLogTampered = await chain(objects, { logFile: withLog(logKey(0), await gzip(changed)) });
  // A digest after a delivery gap (null previous fields); `olderThan` leads back to d3.
  const afterGap = await makeDigest({ key: digestKey(6), startHour: 5, endHour: 6, logFiles: [] }, aws.privateKey);
  const withGap = new Map(objects);
  withGap.set(afterGap.key, { body: afterGap.gz, signature: afterGap.signature });
  out.chainGap = await chain(withGap, {
    newest: { bucket: BUCKET, key: afterGap.key },
    olderThan: async (_digest, at) => (at.key === afterGap.key ? { bucket: BUCKET, key: d3.key } : undefined),
  });
  out.chainGapStops = await chain(withGap, { newest: { bucket: BUCKET, key: afterGap.key } });
  const loop = new Map(objects);
  const looping = await makeDigest(
    {
      key: digestKey(9),
      startHour: 8,
      endHour: 9,
      logFiles: [],
      previous: { key: digestKey(9), hash: '00', signature: 'ab' },
    },
    aws.privateKey,
  );
  loop.set(looping.key, { body: looping.gz, signature: looping.signature });
  out.chainLoop = await chain(loop, { newest: { bucket: BUCKET, key: looping.key } });
  return out;
}
