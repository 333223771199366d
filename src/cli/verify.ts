/**
 * `cloudtrail-chime verify <s3://bucket[/prefix] | folder>`: the digest-chain verification of a
 * trail over a date range (`verifyTrail` / `verifyTrailFolder`), as a readable report or JSON.
 * Exit code 0 only when every digest and log file of the range verified.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { verifyTrailFolder } from '../node/verify-trail-folder.js';
import type { TrailPublicKeys, TrailVerification, TrailVerifyProgress } from '../s3/index.js';
import { verifyTrail } from '../s3/index.js';
import { FilterUsageError, parseFilter } from './filters.js';
import type { CliStreams } from './main.js';
import { megabytes, Progress } from './progress.js';
import { isS3Url, type S3InputOptions, s3Client, s3Range } from './s3-inputs.js';

/** Options of `verify`. */
export interface VerifyCommandOptions extends S3InputOptions {
  /** `--public-keys <file>`. */
  publicKeys?: string;
  /** `--signatures <file>` (folders). */
  signatures?: string;
  /** `--json`. */
  json?: boolean;
  /** `--no-progress`. */
  progress?: boolean;
  /** `--concurrency`. */
  concurrency?: number;
}

const KEYS_HINT =
  "give the trail's public keys with --public-keys FILE, e.g. the output of\n" +
  '  aws cloudtrail list-public-keys --start-time 2026-11-01T00:00:00Z --end-time 2026-11-08T02:00:00Z > keys.json';

/**
 * Reads `--public-keys`: the JSON of `aws cloudtrail list-public-keys` (or its `PublicKeyList`,
 * or an array of such outputs, one per region), or one DER public key.
 */
export async function loadPublicKeys(file: string | undefined): Promise<TrailPublicKeys> {
  if (file === undefined) throw new FilterUsageError(`verify needs the public keys: ${KEYS_HINT}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new FilterUsageError(`option '--public-keys': cannot read ${file}: ${(error as Error).message}`);
  }
  const text = bytes.toString('utf8').trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text) as TrailPublicKeys;
    } catch {
      throw new FilterUsageError(`option '--public-keys': ${file} is not valid JSON`);
    }
  }
  return new Uint8Array(bytes);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report of a verification, as text. */
export function formatVerification(result: TrailVerification, source: string): string {
  const { digests, logFiles } = result.counts;
  const range = `${result.since ?? 'the beginning'} → ${result.until ?? 'now'}`;
  const counts = (c: Record<string, number>) =>
    Object.entries(c)
      .filter(([status, n]) => n > 0 || status === 'valid')
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
  const lines = [
    `Trail ${source}, ${range}`,
    `  digests:   ${counts(digests)}`,
    `  log files: ${counts(logFiles)}`,
    `  chains:    ${plural(result.chains.length, 'chain')} (account/region/trail), ${plural(
      result.chains.reduce((n, c) => n + c.gaps.length, 0),
      'start or gap',
    )}`,
  ];
  const problems = [
    ...result.digests
      .filter((d) => d.status !== 'valid')
      .map(
        (d) =>
          `  digest    ${d.status.padEnd(17)} ${d.key}${d.referencedBy ? `\n            named by ${d.referencedBy.key}` : ''}`,
      ),
    ...result.logFiles.filter((f) => f.status !== 'valid').map((f) => `  log file  ${f.status.padEnd(17)} ${f.key}`),
  ];
  if (problems.length > 0) lines.push('', 'Problems:', ...problems);
  lines.push(
    '',
    result.valid
      ? 'VERIFIED: every digest and log file in the range is valid.'
      : result.digests.length === 0
        ? 'NOT VERIFIED: no digest files in the range.'
        : `NOT VERIFIED: ${plural(problems.length, 'problem')}.`,
  );
  return `${lines.join('\n')}\n`;
}

async function verifyCommand(io: CliStreams, target: string, options: VerifyCommandOptions): Promise<number> {
  parseFilter(options); // usage errors for bad times
  const publicKeys = await loadPublicKeys(options.publicKeys);
  const progress = new Progress(io.stderr, options.progress !== false && io.stderr.isTTY === true);
  const onProgress = (p: TrailVerifyProgress) =>
    progress.draw(
      `digests ${p.digests}/${p.digestsListed} · log files ${p.logFiles}/${p.logFilesListed} · ${megabytes(p.bytes)}`,
    );
  const common = { publicKeys, concurrency: options.concurrency || undefined, onProgress };
  let result: TrailVerification;
  try {
    if (isS3Url(target)) {
      const range = s3Range(target, options);
      const client = await s3Client(options.endpointUrl);
      try {
        result = await verifyTrail({ client, ...range, ...common });
      } finally {
        client.destroy();
      }
    } else {
      const list = (v: string[] | undefined) => v?.flatMap((x) => x.split(',')).filter((x) => x !== '');
      result = await verifyTrailFolder(target, {
        ...common,
        since: options.since,
        until: options.until,
        accounts: list(options.account),
        regions: list(options.region),
        signatures: options.signatures,
      });
    }
  } finally {
    progress.done();
  }
  io.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatVerification(result, target));
  return result.valid ? 0 : 1;
}

/** Adds `verify` to the program; its action stores the exit code in `result.code`. */
export function addVerifyCommand(program: Command, result: { code: number }, io: CliStreams): void {
  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  program
    .command('verify')
    .description("verify a trail's digest chain and log files over a date range (exit 0 only when everything verified)")
    .argument('<trail>', "s3://bucket[/prefix] or a folder holding a copy ('aws s3 sync')")
    .option('--since <time>', 'start of the range (ISO-8601; required for s3://)')
    .option('--until <time>', 'end of the range, exclusive (required for s3://)')
    .option('--account <list>', 'only these accounts', collect)
    .option('--region <list>', 'only these regions', collect)
    .option('--public-keys <file>', "the output of 'aws cloudtrail list-public-keys' (JSON) or a DER public key")
    .option('--signatures <file>', "folders: JSON of digest key → signature ('aws s3api head-object' metadata)")
    .option('--endpoint-url <url>', 'an S3-compatible endpoint (path-style requests)')
    .option('--concurrency <n>', 'chains and log files checked at once (default 4)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new FilterUsageError(`option '--concurrency': '${v}' is not a whole number`);
      return n;
    })
    .option('--json', 'print the result as JSON (the TrailVerification type)')
    .option('--no-progress', 'no progress line on stderr (shown only on a terminal anyway)')
    .action(async (target: string, options: VerifyCommandOptions) => {
      result.code = await verifyCommand(io, target, options);
    });
}
