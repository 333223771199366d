/**
 * Fixtures of the runtime matrix, made on the host from files in the repo: the sample log with the
 * most Chime records (gzip as delivered, and inflated), a digest file signed for it (an RSA key made
 * here, the digest built by test/helpers/digest.ts), and a copy of the log with one byte changed.
 * Also what the host computes from `src/` for every check, which each runtime must reproduce.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readChimeEvents } from '../../src/chime/index.js';
import { classifyIdentity, readRecords, verifyDigestFile } from '../../src/index.js';
import { startingDigest } from '../helpers/digest.js';
import { spkiToPkcs1 } from '../integrity/digest-vectors.js';
import { root } from '../node/dist.js';
// @ts-expect-error: plain JavaScript shared with the runtimes (no declarations)
import { runChecks } from './checks.mjs';

/** Names of the fixture files (what `Open` in checks.mjs opens). */
export const files = {
  gzip: 'log.json.gz',
  plain: 'log.json',
  digest: 'digest.json.gz',
  tampered: 'tampered.json.gz',
} as const;
export type FixtureName = keyof typeof files;

export interface Fixtures {
  dir: string;
  manifest: { files: typeof files; digest: Record<string, string> };
  /** Check name → what the host gives (read checks under `read gzip` / `read plain`). */
  expected: Record<string, unknown>;
}

/** The `*_CloudTrail_*` sample log with the most Chime records (the samples may be regenerated). */
function sampleLog(): { key: string; gz: Buffer } {
  const found: { key: string; gz: Buffer; chime: number }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/_CloudTrail_.*\.json\.gz$/.test(e.name)) {
        const gz = readFileSync(path);
        const chime = gunzipSync(gz).toString('utf8').split('"eventSource":"chime').length - 1;
        found.push({ key: path.slice(path.indexOf('AWSLogs/')), gz, chime });
      }
    }
  };
  walk(join(root, 'examples/logs'));
  found.sort((a, b) => b.chime - a.chime || a.key.localeCompare(b.key));
  const best = found[0];
  if (!best || best.chime === 0) throw new Error('examples/logs holds no CloudTrail log with Chime records');
  return best;
}

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

async function sign(key: CryptoKey, text: string): Promise<string> {
  return hex(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(text)));
}

let made: Promise<Fixtures> | undefined;

/** Writes the fixtures to a fresh temporary folder (once per test file) and computes the expectations. */
export function runtimeFixtures(): Promise<Fixtures> {
  made ??= make();
  return made;
}

async function make(): Promise<Fixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-chime-runtimes-'));
  const log = sampleLog();
  const text = gunzipSync(log.gz);
  const tampered = Buffer.from(text);
  const at = tampered.indexOf('"eventName":"') + 13;
  tampered[at] = (tampered[at] as number) ^ 0x20; // one letter's case
  writeFileSync(join(dir, files.gzip), log.gz);
  writeFileSync(join(dir, files.plain), text);
  writeFileSync(join(dir, files.tampered), gzipSync(tampered));

  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  );
  const account = log.key.split('/')[1] as string;
  const bucket = 'amzn-s3-demo-bucket';
  const digestKey = `AWSLogs/${account}/CloudTrail-Digest/us-east-1/2025/11/05/${account}_CloudTrail-Digest_us-east-1_chime-audit_us-east-1_20251105T230000Z.json.gz`;
  const endTime = '2025-11-05T23:00:00Z';
  const digestText = JSON.stringify(
    startingDigest({
      awsAccountId: account,
      digestStartTime: '2025-11-05T22:00:00Z',
      digestEndTime: endTime,
      digestS3Bucket: bucket,
      digestS3Object: digestKey,
      logFiles: [
        {
          s3Bucket: bucket,
          s3Object: log.key,
          hashValue: hex(await crypto.subtle.digest('SHA-256', text)),
          hashAlgorithm: 'SHA-256',
          newestEventTime: endTime,
          oldestEventTime: '2025-11-05T22:00:00Z',
        },
      ],
    }),
  );
  const digestBytes = new TextEncoder().encode(digestText);
  writeFileSync(join(dir, files.digest), gzipSync(digestBytes));
  const toSign = (bytes: Uint8Array<ArrayBuffer>) =>
    crypto.subtle.digest('SHA-256', bytes).then((h) => `${endTime}\n${bucket}/${digestKey}\n${hex(h)}\nnull`);
  const manifest = {
    files,
    digest: {
      bucket,
      key: digestKey,
      logBucket: bucket,
      logKey: log.key,
      signature: await sign(pair.privateKey, await toSign(digestBytes)),
      otherSignature: await sign(pair.privateKey, await toSign(new TextEncoder().encode(`${digestText} `))),
      publicKey: hex(spkiToPkcs1(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)))),
    },
  };
  writeFileSync(join(dir, 'fixtures.json'), JSON.stringify(manifest));

  // the host's answers, from src/ with byte bodies
  const lib = { readRecords, classifyIdentity, verifyDigestFile, readChimeEvents };
  const open = async (file: FixtureName) => new Uint8Array(readFileSync(join(dir, files[file])));
  const expected = (await runChecks(lib, open, ['bytes'], manifest)) as Record<string, unknown>;
  return { dir, manifest, expected };
}
