/**
 * cloudtrail-chime/s3 against the real local S3 server (s3rver over HTTP, behind a counting,
 * fault-injecting proxy): listing by range, reading a trail, verifying its digest chains.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCloudTrailParseError } from '../../src/index.js';
import { listLogFiles, readTrail, type TrailIssue, verifyTrail } from '../../src/s3/index.js';
import {
  listPublicKeysOutput,
  logKeyAt,
  makeTrail,
  RECORDS_PER_FILE,
  TRAIL_ACCOUNTS,
  TRAIL_REGIONS,
  type TrailFile,
  tamper,
  testKey,
} from '../helpers/trail.js';
import { type S3Proxy, startProxy } from './proxy.js';
import { type LocalS3, startLocalS3 } from './server.js';

const CLEAN = 'clean-trail';
const TAMPERED = 'tampered-trail';
const since = '2026-11-20T00:00:00Z';
const until = '2026-11-22T00:00:00Z';

let s3: LocalS3;
let proxy: S3Proxy;
let client: S3Client;
let clean: TrailFile[];
let tampered: ReturnType<typeof tamper>;

/** A client of the proxy that does not retry by itself: retries seen are the library's. */
const proxyClient = () =>
  new S3Client({
    endpoint: proxy.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });

async function upload(bucket: string, files: TrailFile[]) {
  const direct = s3.client();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      await direct.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: f.key,
          Body: f.body,
          ContentType: 'application/x-gzip',
          Metadata: f.signature ? { signature: f.signature, 'signature-algorithm': 'SHA256withRSA' } : undefined,
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

beforeAll(async () => {
  s3 = await startLocalS3([CLEAN, TAMPERED, 'big-trail']);
  proxy = await startProxy(s3.endpoint);
  client = proxyClient();
  clean = makeTrail(CLEAN);
  tampered = tamper(makeTrail(TAMPERED));
  await upload(CLEAN, clean);
  await upload(TAMPERED, tampered.files);
});

afterAll(async () => {
  client?.destroy();
  await proxy?.close();
  await s3?.stop();
});

const listRequests = () =>
  proxy.requests
    .filter((r) => r.query.get('list-type') === '2')
    .map((r) => `${r.query.get('prefix')}${r.query.get('delimiter') ? ' (delimiter)' : ''}`);

describe('listLogFiles', () => {
  it('lists only the day folder of a range inside one day when accounts and regions are given', async () => {
    proxy.reset();
    const keys: string[] = [];
    for await (const o of listLogFiles({
      client,
      bucket: CLEAN,
      accounts: [TRAIL_ACCOUNTS[0]],
      regions: ['us-east-1'],
      since: '2026-11-21T03:00:00Z',
      until: '2026-11-21T06:00:00Z',
    })) {
      keys.push(o.key);
      expect(o.parsed).toMatchObject({
        kind: 'log',
        accountId: TRAIL_ACCOUNTS[0],
        region: 'us-east-1',
        date: '2026-11-21',
      });
    }
    expect(keys.map((k) => k.match(/_(\d{8}T\d{4}Z)_/)?.[1])).toEqual([
      '20261121T0305Z',
      '20261121T0405Z',
      '20261121T0505Z',
    ]);
    expect(listRequests()).toEqual([`AWSLogs/${TRAIL_ACCOUNTS[0]}/CloudTrail/us-east-1/2026/11/21/`]);
    expect(proxy.requests).toHaveLength(1);
  });

  it('discovers accounts and regions with delimiter listings, then lists each day folder once, in time order', async () => {
    proxy.reset();
    const times: string[] = [];
    const seen = new Set<string>();
    for await (const o of listLogFiles({
      client,
      bucket: CLEAN,
      since: '2026-11-20T22:00:00Z',
      until: '2026-11-21T02:00:00Z',
    })) {
      times.push(o.parsed.time!);
      seen.add(`${o.parsed.accountId}/${o.parsed.region}`);
    }
    expect(times).toEqual([...times].sort());
    expect(times).toHaveLength(4 * 4);
    expect(seen.size).toBe(4);
    const days = TRAIL_ACCOUNTS.flatMap((a) =>
      TRAIL_REGIONS.flatMap((r) => ['2026/11/20', '2026/11/21'].map((d) => `AWSLogs/${a}/CloudTrail/${r}/${d}/`)),
    );
    expect(listRequests().sort()).toEqual(
      ['AWSLogs/ (delimiter)', ...TRAIL_ACCOUNTS.map((a) => `AWSLogs/${a}/CloudTrail/ (delimiter)`), ...days].sort(),
    );
  });

  it('lists digests and a key prefix the same way; nothing outside the range', async () => {
    proxy.reset();
    const keys: string[] = [];
    for await (const o of listLogFiles({
      client,
      bucket: CLEAN,
      accounts: [TRAIL_ACCOUNTS[1]],
      regions: ['eu-west-1'],
      kinds: ['digest'],
      since: '2026-11-20T23:00:00Z',
      until: '2026-11-21T00:36:00Z',
    })) {
      keys.push(o.key);
    }
    expect(keys.map((k) => k.slice(-24, -8))).toEqual(['20261120T233500Z', '20261121T003500Z']);
    expect(listRequests()).toHaveLength(2);
  });
});

describe('listLogFiles over an organization trail under a key prefix', () => {
  it('discovers the organization, its member accounts and their regions; Insights only when asked', async () => {
    const org = 'o-exampleorgid';
    const keys = [
      logKeyAt('210987654321', 'ap-northeast-1', '2026-11-24T10:05:00Z'),
      logKeyAt('123456789012', 'us-east-1', '2026-11-24T09:05:00Z'),
      logKeyAt('123456789012', 'us-east-1', '2026-11-25T09:05:00Z'), // after the range
      'AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/11/24/123456789012_CloudTrail-Insight_us-east-1_20261124T0930Z_EXAMPLEinsight000.json.gz',
    ].map((k) => `audit/trails/${k.replace('AWSLogs/', `AWSLogs/${org}/`)}`);
    for (const Key of [...keys, 'audit/trails/AWSLogs/README.txt']) {
      await s3.client().send(new PutObjectCommand({ Bucket: 'big-trail', Key, Body: new Uint8Array([1]) }));
    }
    const list = async (kinds?: ('log' | 'insight')[]) => {
      const out: string[] = [];
      for await (const o of listLogFiles({
        client,
        bucket: 'big-trail',
        prefix: 'audit/trails/',
        kinds,
        since: '2026-11-24',
        until: '2026-11-25',
      })) {
        expect(o.parsed).toMatchObject({ organizationId: org, prefix: 'audit/trails', date: '2026-11-24' });
        out.push(o.key);
      }
      return out;
    };
    expect(await list()).toEqual([keys[1], keys[0]]);
    expect(await list(['log', 'insight'])).toEqual([keys[1], keys[3], keys[0]]);
  });
});

describe('readTrail', () => {
  it('reads every record of the range, each with its key, with any concurrency', async () => {
    for (const concurrency of [1, 3, 16]) {
      const perKey = new Map<string, number>();
      let last: { objectsRead: number; records: number; bytes: number } | undefined;
      for await (const { key, record, parsed } of readTrail({
        client,
        bucket: CLEAN,
        since,
        until,
        concurrency,
        onProgress: (p) => {
          last = p;
        },
      })) {
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        expect(record.recipientAccountId).toBe(parsed.accountId);
        expect(record.awsRegion).toBe(parsed.region);
      }
      const logKeys = clean.filter((f) => !f.signature).map((f) => f.key);
      expect([...perKey.keys()].sort()).toEqual(logKeys.sort());
      expect(new Set(perKey.values())).toEqual(new Set([RECORDS_PER_FILE]));
      expect(last).toMatchObject({ objectsRead: logKeys.length, records: logKeys.length * RECORDS_PER_FILE });
      expect(last?.bytes).toBe(clean.filter((f) => !f.signature).reduce((n, f) => n + f.body.length, 0));
    }
  });

  it('reports a failing object to onInvalid with its key and reads the rest; filter selects objects', async () => {
    const issues: TrailIssue[] = [];
    const keys = new Set<string>();
    for await (const { key } of readTrail({
      client,
      bucket: TAMPERED,
      accounts: [TRAIL_ACCOUNTS[0]],
      regions: ['us-east-1'],
      since,
      until,
      filter: (o) => o.parsed.time! < '2026-11-20T08:00:00Z',
      onInvalid: (issue) => issues.push(issue),
    })) {
      keys.add(key);
    }
    // 8 files before 08:00; the altered one still parses (it has 2 records): nothing invalid
    expect(keys.size).toBe(8);
    expect(issues).toEqual([]);

    // a damaged body: the one object goes to onInvalid, the rest is read
    const damagedKey = clean.find((f) => !f.signature && f.key.includes('T0305Z') && f.key.includes('us-east-1'))!.key;
    const damaged = Uint8Array.from(clean.find((f) => f.key === damagedKey)!.body);
    damaged[damaged.length - 6]! ^= 0xff; // the CRC32 trailer
    await s3.client().send(new PutObjectCommand({ Bucket: 'big-trail', Key: damagedKey, Body: damaged }));
    const other = clean.find((f) => !f.signature && f.key.includes('T0405Z') && f.key.includes('us-east-1'))!;
    await s3.client().send(new PutObjectCommand({ Bucket: 'big-trail', Key: other.key, Body: other.body }));
    let records = 0;
    const found: TrailIssue[] = [];
    for await (const _ of readTrail({ client, bucket: 'big-trail', since, until, onInvalid: (i) => found.push(i) }))
      records++;
    expect(records).toBe(RECORDS_PER_FILE);
    expect(found.map((i) => [i.key, isCloudTrailParseError(i.error) && i.error.code])).toEqual([
      [damagedKey, 'INVALID_GZIP'],
    ]);
    // default onInvalid: 'throw'
    await expect(async () => {
      for await (const _ of readTrail({ client, bucket: 'big-trail', since, until })) {
      }
    }).rejects.toMatchObject({ code: 'INVALID_GZIP' });
  });

  it('retries throttled (503 SlowDown) and failed (500) requests with backoff', async () => {
    proxy.reset();
    const isGet = (r: { method: string; query: URLSearchParams }) => r.method === 'GET' && !r.query.has('list-type');
    proxy.inject((r) => isGet(r) && r.path.includes('T0105Z'), 2, 503, 'SlowDown');
    proxy.inject((r) => isGet(r) && r.path.includes('T0205Z'), 1, 500, 'InternalError');
    proxy.inject((r) => r.query.get('list-type') === '2', 1, 503, 'SlowDown');
    let records = 0;
    let retries = 0;
    const options = {
      client,
      bucket: CLEAN,
      accounts: [TRAIL_ACCOUNTS[0]],
      regions: ['us-east-1'],
      since: '2026-11-20T00:00:00Z',
      until: '2026-11-20T04:00:00Z',
      retry: { baseDelayMs: 1 },
    };
    for await (const _ of readTrail({ ...options, onProgress: (p) => void (retries = p.retries) })) records++;
    expect(records).toBe(4 * RECORDS_PER_FILE);
    expect(retries).toBe(4);
    expect(proxy.requests.flatMap((r) => r.injected ?? []).sort()).toEqual([500, 503, 503, 503]);

    // without retries the same faults fail the objects (reported, the rest read)
    proxy.inject((r) => isGet(r) && r.path.includes('T0105Z'), 1, 503, 'SlowDown');
    const issues: TrailIssue[] = [];
    records = 0;
    for await (const _ of readTrail({ ...options, retry: { attempts: 1 }, onInvalid: (i) => issues.push(i) }))
      records++;
    expect(records).toBe(3 * RECORDS_PER_FILE);
    expect(issues.map((i) => [i.key.includes('T0105Z'), i.error.name])).toEqual([[true, 'SlowDown']]);
  });

  it('stops on abort mid-read: ABORTED, no record after it, in-flight requests cancelled', async () => {
    // big objects, served slowly, so that requests are in flight when the abort comes
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...(makeRecord(i) as object) }));
    const bigKeys = [0, 1, 2, 3].map(
      (h) =>
        `AWSLogs/${TRAIL_ACCOUNTS[0]}/CloudTrail/us-east-1/2026/11/23/${TRAIL_ACCOUNTS[0]}_CloudTrail_us-east-1_20261123T0${h}05Z_EXAMPLEbigfile00.json.gz`,
    );
    const { gzipSync } = await import('node:zlib');
    const body = new Uint8Array(gzipSync(JSON.stringify({ Records: many }), { level: 0 }));
    for (const Key of bigKeys) await s3.client().send(new PutObjectCommand({ Bucket: 'big-trail', Key, Body: body }));
    proxy.reset();
    proxy.slowBodies(5);
    try {
      const controller = new AbortController();
      let records = 0;
      let afterAbort = 0;
      const run = async () => {
        for await (const _ of readTrail({
          client,
          bucket: 'big-trail',
          since: '2026-11-23T00:00:00Z',
          until: '2026-11-24T00:00:00Z',
          concurrency: 4,
          signal: controller.signal,
        })) {
          if (controller.signal.aborted) afterAbort++;
          if (++records === 10) controller.abort();
        }
      };
      await expect(run()).rejects.toSatisfy((e) => isCloudTrailParseError(e) && e.code === 'ABORTED');
      expect(afterAbort).toBe(0);
      expect(records).toBe(10);
      await new Promise((r) => setTimeout(r, 200));
      const gets = proxy.requests.filter((r) => r.method === 'GET' && !r.query.has('list-type'));
      expect(gets).toHaveLength(4);
      expect(proxy.cancelled.length).toBe(4);
    } finally {
      proxy.slowBodies(0);
    }
  });
});

function makeRecord(i: number): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    eventTime: '2026-11-23T00:00:00Z',
    eventSource: 'chime.amazonaws.com',
    eventName: 'CreateMeeting',
    awsRegion: 'us-east-1',
    eventID: `big-${i}`,
    userIdentity: { type: 'IAMUser', accountId: TRAIL_ACCOUNTS[0], userName: 'example' },
    requestParameters: { padding: 'x'.repeat(200) },
  };
}

const statuses = (list: { key: string; status: string }[]) => new Map(list.map((x) => [x.key, x.status]));

describe('verifyTrail', () => {
  it('an untouched trail: every digest and log file valid', async () => {
    const result = await verifyTrail({
      client,
      bucket: CLEAN,
      since,
      until,
      publicKeys: listPublicKeysOutput(testKey()),
    });
    expect(result.valid).toBe(true);
    const want = new Map(clean.map((f) => [f.key, 'valid']));
    expect(new Map([...statuses(result.digests), ...statuses(result.logFiles)])).toEqual(want);
    expect(result.counts).toEqual({
      digests: { valid: 192, 'invalid-signature': 0, moved: 0, missing: 0, 'chain-broken': 0 },
      logFiles: { valid: 192, modified: 0, missing: 0, 'not-covered': 0 },
    });
    expect(result.chains).toHaveLength(4);
    for (const c of result.chains) {
      expect(c).toMatchObject({ digests: 48, breaks: [], trailName: 'chime-audit', backfill: false });
      expect(c.gaps).toHaveLength(1); // the start of logging
    }
    // every digest but the newest of each chain is checked with the signature the newer one recorded
    expect(result.digests.filter((d) => d.signatureFrom === 'metadata')).toHaveLength(4);
  });

  it('a tampered trail: each altered, deleted, re-signed or added object reported precisely', async () => {
    const result = await verifyTrail({
      client,
      bucket: TAMPERED,
      since,
      until,
      publicKeys: [listPublicKeysOutput(testKey())],
      concurrency: 3,
    });
    expect(result.valid).toBe(false);
    expect(statuses(result.digests)).toEqual(tampered.digestStatus);
    expect(statuses(result.logFiles)).toEqual(tampered.logStatus);
    const missing = result.digests.find((d) => d.status === 'missing')!;
    expect(missing.referencedBy?.key).toMatch(/20261120T133500Z/);
    const broken = result.digests.find((d) => d.status === 'chain-broken')!;
    expect(broken.problems.join(' ')).toMatch(/previousDigestSignature/);
    expect(broken.signatureFrom).toBe('newer-digest');
    const invalid = result.digests.find((d) => d.status === 'invalid-signature')!;
    expect(invalid.signatureFrom).toBe('metadata');
    expect(result.logFiles.find((f) => f.status === 'modified')?.digest).toMatch(/20261120T053500Z/);
  });

  it('with a wrong public key nothing verifies; with DER bytes it does', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'pkcs1',
      format: 'der',
    });
    const range = {
      client,
      bucket: CLEAN,
      accounts: [TRAIL_ACCOUNTS[0]],
      regions: ['eu-west-1'],
      since: '2026-11-21T20:00:00Z',
      until,
    };
    const wrong = await verifyTrail({ ...range, publicKeys: new Uint8Array(other) });
    expect(wrong.valid).toBe(false);
    expect(wrong.counts.digests['invalid-signature']).toBe(wrong.digests.length);
    const right = await verifyTrail({ ...range, publicKeys: testKey().pkcs1 });
    expect(right.valid).toBe(true);
    expect(right.digests).toHaveLength(4);
    expect(right.logFiles).toHaveLength(4);
  });
});
