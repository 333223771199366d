/**
 * The CLI run in-process (`main(argv, streams)` from the sources, as `bin.ts` runs it): folder
 * scans that skip `node_modules` and dot-folders, named pipes, `--json` issues, `--credentials`,
 * `--top 0`, `--help` values, what a file that ends in an error contributes, progress bytes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChimeSummary, summarizeChimeActivity } from '../../src/chime/index.js';
import { readInputs } from '../../src/cli/inputs.js';
import { type CliStreams, main } from '../../src/cli/main.js';
import { progressLine } from '../../src/cli/progress.js';
import type { CloudTrailRecord } from '../../src/index.js';
import { sampleLogs, sampleRecords, walk } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cloudtrail-chime ...args` in this process, capturing its output. */
async function cli(args: string[], stdin: Uint8Array | string = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const streams: CliStreams = {
    stdout: {
      write: (t: string) => {
        stdout += t;
        return true;
      },
    },
    stderr: {
      write: (t: string) => {
        stderr += t;
        return true;
      },
    },
    stdin: (async function* () {
      yield stdin;
    })(),
  };
  const code = await main(['node', 'cloudtrail-chime', ...args], streams);
  return { code, stdout, stderr };
}

type Json = ChimeSummary & { invalid: { file: string; code: string; message: string; recordIndex?: number }[] };
const json = (r: Run) => JSON.parse(r.stdout) as Json;

const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-chime-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logs = walk(sampleLogs).filter((f) => f.endsWith('.json.gz') && !f.includes('CloudTrail-Digest'));
const records = sampleRecords();

describe('folder scans', () => {
  it('skip node_modules/ and dot-folders, and files not named like CloudTrail objects', async () => {
    const project = join(dir, 'project');
    // a project folder: dependencies with package.json files, a .git folder, configuration JSON
    for (const pkg of ['zod', 'fflate', '@aws-sdk/client-s3', 'a/node_modules/b']) {
      mkdirSync(join(project, 'node_modules', pkg), { recursive: true });
      writeFileSync(join(project, 'node_modules', pkg, 'package.json'), '{"name":"x","version":"1.0.0"}');
    }
    mkdirSync(join(project, '.git'), { recursive: true });
    writeFileSync(join(project, '.git', '111122223333_CloudTrail_us-east-1_20251104T1015Z_hidden.json'), '{}');
    writeFileSync(join(project, 'package.json'), '{"name":"project"}');
    writeFileSync(join(project, 'tsconfig.json'), '{"compilerOptions":{}}');
    // and two real log files
    const [a, b] = [logs[0]!, logs[1]!];
    mkdirSync(join(project, 'trail'), { recursive: true });
    copyFileSync(a, join(project, 'trail', basename(a)));
    copyFileSync(b, join(project, basename(b)));
    const want = [a, b].flatMap(
      (f) => (JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: unknown[] }).Records,
    ).length;

    const r = await cli(['summary', '--json', project]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(json(r).input).toMatchObject({ filesRead: 2, filesInvalid: 0, records: want });
    expect(json(r).invalid).toEqual([]);

    // --all-files reads every *.json of the folder (still not node_modules/ or .git/)
    const all = await cli(['summary', '--json', '--all-files', project]);
    expect(all.code).toBe(1);
    expect(
      json(all)
        .invalid.map((i) => [basename(i.file), i.code])
        .sort(),
    ).toEqual([
      ['package.json', 'NOT_A_LOG_FILE'],
      ['tsconfig.json', 'NOT_A_LOG_FILE'],
    ]);
  });

  it('reads a file named explicitly whatever its name', async () => {
    const file = join(dir, 'renamed.json');
    writeFileSync(file, gunzipSync(readFileSync(logs[0]!)));
    const r = await cli(['summary', '--json', file]);
    expect(r.code).toBe(0);
    expect(json(r).input.filesRead).toBe(1);
  });
});

describe('named pipes', () => {
  it('reads a FIFO given by name as a stream', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const file = logs[2]!;
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', file, fifo], { stdio: 'ignore' });
    const closed = new Promise((resolve) => writer.on('close', resolve));
    const r = await cli(['summary', '--json', fifo]);
    await closed;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const want = (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] }).Records;
    expect(json(r).input).toMatchObject({ filesRead: 1, records: want.length });
    expect(want.length).toBeGreaterThan(0);
  });
});

describe('issues and counts', () => {
  it('--json lists invalid files and records with code and message; missing paths too', async () => {
    const d = join(dir, 'bad');
    mkdirSync(d, { recursive: true });
    const corrupt = join(d, '111122223333_CloudTrail_us-east-1_20251104T1015Z_corrupt.json.gz');
    writeFileSync(corrupt, readFileSync(logs[0]!).subarray(0, 300));
    const badRecord = join(d, '111122223333_CloudTrail_us-east-1_20251104T1016Z_badrecord.json');
    writeFileSync(
      badRecord,
      '{"Records":[{"eventVersion":"1.10","eventTime":"2025-11-05T10:00:00Z","eventSource":"chime.amazonaws.com","eventName":"GetMeeting","awsRegion":"us-east-1"},42]}',
    );
    const missing = join(dir, 'missing');
    const r = await cli(['summary', '--json', d, missing]);
    expect(r.code).toBe(1);
    const { invalid, input } = json(r);
    expect(invalid).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: corrupt, code: 'INVALID_GZIP', recordOnly: false }),
        expect.objectContaining({ file: badRecord, code: 'INVALID_RECORD', recordIndex: 1, recordOnly: true }),
        expect.objectContaining({ file: missing, code: 'ENOENT', message: 'no such file or directory' }),
      ]),
    );
    for (const i of invalid) expect(i.message.length).toBeGreaterThan(0);
    expect(input).toMatchObject({ filesRead: 1, filesInvalid: 2, invalidRecords: 1, records: 1 });
  });

  it('a file that ends in an error: its whole records are counted, and said so', async () => {
    // a plain file cut after its first record: that record is whole and valid, the file is not
    const text = gunzipSync(readFileSync(logs[0]!)).toString('utf8');
    const parsed = JSON.parse(text) as { Records: unknown[] };
    // (the reader yields a record once what follows it is well-formed: the second one confirms the first)
    const first = `{"Records":[${JSON.stringify(parsed.Records[0])},${JSON.stringify(parsed.Records[1])},${JSON.stringify(parsed.Records[1]).slice(0, 40)}`;
    const file = join(dir, 'truncated.json');
    writeFileSync(file, first);
    const r = await cli(['summary', '--json', file]);
    expect(r.code).toBe(1);
    expect(json(r).input).toMatchObject({ filesRead: 0, filesInvalid: 1, records: 1, recordsOfInvalidFiles: 1 });
    expect(json(r).invalid).toEqual([expect.objectContaining({ file, code: 'INVALID_JSON' })]);
    const table = await cli(['summary', file]);
    expect(table.stdout).toContain('  files       0 read, 1 invalid, 0 digest skipped\n');
    expect(table.stdout).toContain('  kept        1 whole record of files that ended in an error\n');
  });
});

describe('options', () => {
  it('--credentials keeps callers with those credentials only', async () => {
    const full = json(await cli(['summary', '--json', sampleLogs]));
    const longTerm = json(await cli(['summary', '--json', '--credentials', 'long-term', sampleLogs]));
    expect(longTerm.byIdentity.length).toBeGreaterThan(0);
    expect(longTerm.byIdentity.every((r) => r.credentials === 'long-term')).toBe(true);
    const want = full.byIdentity.filter((r) => r.credentials === 'long-term').reduce((s, r) => s + r.count, 0);
    expect(longTerm.input.matchedRecords).toBe(want);
    const both = json(await cli(['summary', '--json', '--credentials', 'long-term,temporary', sampleLogs]));
    expect(both.byIdentity.every((r) => r.credentials === 'long-term' || r.credentials === 'temporary')).toBe(true);
    const bad = await cli(['summary', '--credentials', 'forever', sampleLogs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown credential kind 'forever' (one of long-term, temporary, none, unknown)");
  });

  it('--top 0 prints no callers table (and no topCallers in --json)', async () => {
    const text = await cli(['summary', '--top', '0', sampleLogs]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('By error code');
    expect(text.stdout).not.toContain('Top callers');
    expect(json(await cli(['summary', '--json', '--top', '0', sampleLogs])).topCallers).toEqual([]);
    expect((await cli(['summary', '--top', '2', sampleLogs])).stdout).toContain('Top callers');
  });

  it('--help lists the values of the enumerated options', async () => {
    const help = await cli(['summary', '--help']);
    expect(help.code).toBe(0);
    const flat = help.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain(
      'only callers of these kinds: root, iam-user, assumed-role, federated-user, saml-user, web-identity-user, identity-center-user, aws-account, aws-service, directory, unknown, none',
    );
    expect(flat).toContain('only callers with these credentials: long-term, temporary, none, unknown');
    expect(flat).toContain('only these namespaces: chime, identity, media-pipelines, meetings, messaging, voice');
    expect(flat).toContain('--all-files');
  });

  it('stdin (-) in-process', async () => {
    const r = await cli(['summary', '--json', '-'], readFileSync(logs[0]!));
    expect(r.code).toBe(0);
    expect(json(r).input.filesRead).toBe(1);
  });
});

describe('the shared aggregation', () => {
  it('summarizeChimeActivity over the sample records gives the tables of `summary --json`', async () => {
    const cliSummary = json(await cli(['summary', '--json', sampleLogs]));
    const summary = summarizeChimeActivity(records as CloudTrailRecord[]);
    for (const key of ['byNamespace', 'byEvent', 'byIdentity', 'byErrorCode', 'topCallers', 'timeRange'] as const) {
      expect(summary[key], key).toEqual(cliSummary[key]);
    }
    expect(summary.topCallers[0]!.eventNames).toEqual([...summary.topCallers[0]!.eventNames].sort());
  });
});

describe('progress', () => {
  it('counts bytes read of the total', async () => {
    const { records: it, stats } = readInputs([sampleLogs], { onIssue: () => {}, concurrency: 0 });
    const seen: number[] = [];
    for await (const _ of it) seen.push(stats.bytesRead);
    const total = logs.reduce((s, f) => s + statSync(f).size, 0);
    expect(stats.bytes).toBe(total);
    expect(stats.bytesRead).toBe(total);
    expect(seen[0]!).toBeLessThan(total);
    expect(progressLine({ filesRead: 3, files: 20, bytesRead: 1_048_576, bytes: 4_194_304, records: 1234 }, 2)).toBe(
      'files 3/20 · 1.0/4.0 MB · 1,234 records · 617 records/s',
    );
  });
});
