import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChimeSummary } from '../../src/chime/index.js';
import { ensureCli, runCli, sampleLogs, sampleRecords, walk } from './helpers.js';

const records = sampleRecords();
const chime = records.filter((r) => typeof r.eventSource === 'string' && r.eventSource.startsWith('chime'));
const json = (stdout: string) => JSON.parse(stdout) as ChimeSummary;
const sum = (rows: { count: number }[]) => rows.reduce((s, r) => s + r.count, 0);

let full: ChimeSummary;
beforeAll(() => {
  ensureCli();
  const r = runCli(['summary', '--json', 'examples/logs']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  full = json(r.stdout);
});

describe('summary', () => {
  it('counts the sample logs (--json)', () => {
    expect(full.input).toEqual({
      filesRead: 20,
      filesInvalid: 0,
      digestFiles: 1,
      records: records.length,
      invalidRecords: 0,
      recordsOfInvalidFiles: 0,
      nonChimeRecords: records.length - chime.length,
      chimeRecords: chime.length,
      matchedRecords: chime.length,
    });
    expect(sum(full.byEvent)).toBe(chime.length);
    expect(sum(full.byNamespace)).toBe(chime.length);
    expect(sum(full.byIdentity)).toBe(chime.length);
    expect(full.byNamespace.map((r) => r.namespace).sort()).toEqual([
      'chime',
      'identity',
      'media-pipelines',
      'meetings',
      'messaging',
      'voice',
    ]);
    const errors = chime.filter((r) => typeof r.errorCode === 'string');
    expect(sum(full.byErrorCode)).toBe(errors.length);
    const times = chime.map((r) => String(r.eventTime)).sort();
    expect(full.timeRange).toEqual({ first: times[0], last: times.at(-1) });
    const creates = chime.filter((r) => r.eventName === 'CreateMeeting').length;
    expect(full.byEvent.find((r) => r.eventName === 'CreateMeeting')).toMatchObject({
      namespace: 'meetings',
      count: creates,
    });
    expect(full.byIdentity.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['assumed-role', 'iam-user', 'federated-user', 'aws-service']),
    );
    expect(full.topCallers[0]!.caller).toMatch(/^role chime-app-backend/);
  });

  it('prints an aligned table of at most 80 columns with the same counts', () => {
    const r = runCli(['summary', 'examples/logs']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain(`${chime.length} Chime`);
    for (const row of full.byEvent) {
      expect(r.stdout).toMatch(new RegExp(`\\n  ${row.eventName} +${row.namespace} +${row.count} +${row.errors}\\n`));
    }
    expect(r.stdout).toContain('AccessDeniedException');
    expect(r.stdout).toContain('Identity Center permission set ChimeAdministrators');
  });

  it('reads stdin (-)', () => {
    const file = walk(sampleLogs).find((f) => f.includes('/CloudTrail/us-east-1/2025/11/05/'))!;
    const fromFile = json(runCli(['summary', '--json', file]).stdout);
    const plain = runCli(['summary', '--json', '-'], gunzipSync(readFileSync(file)));
    expect(plain.code).toBe(0);
    expect(json(plain.stdout)).toEqual(fromFile);
    const gz = runCli(['summary', '--json', '-'], readFileSync(file));
    expect(json(gz.stdout)).toEqual(fromFile);
  });

  it('filters by namespace, eventName, identity kind, errors and time', () => {
    const voice = json(runCli(['summary', '--json', '--namespace', 'voice,media-pipelines', 'examples/logs']).stdout);
    expect(voice.byNamespace.map((r) => r.namespace).sort()).toEqual(['media-pipelines', 'voice']);
    expect(voice.input.matchedRecords).toBe(
      sum(full.byNamespace.filter((r) => r.namespace === 'voice' || r.namespace === 'media-pipelines')),
    );
    expect(voice.input.chimeRecords).toBe(chime.length);

    const names = json(
      runCli(['summary', '--json', '--event-name', 'CreateMeeting', '--event-name', 'createattendee', 'examples/logs'])
        .stdout,
    );
    expect(names.byEvent.map((r) => r.eventName).sort()).toEqual(['CreateAttendee', 'CreateMeeting']);

    const fed = json(runCli(['summary', '--json', '--identity-kind', 'federated-user', 'examples/logs']).stdout);
    expect(fed.input.matchedRecords).toBe(full.byIdentity.find((r) => r.kind === 'federated-user')!.count);

    const errors = json(runCli(['summary', '--json', '--errors', 'examples/logs']).stdout);
    expect(errors.input.matchedRecords).toBe(sum(full.byErrorCode));
    expect(errors.byEvent.every((r) => r.errors === r.count)).toBe(true);

    const day = json(
      runCli(['summary', '--json', '--since', '2025-11-05', '--until', '2025-11-06', 'examples/logs']).stdout,
    );
    const onDay = chime.filter((r) => String(r.eventTime).startsWith('2025-11-05')).length;
    expect(day.input.matchedRecords).toBe(onDay);
    expect(day.timeRange.first!.startsWith('2025-11-05')).toBe(true);
  });

  it('rejects bad filter values as usage errors (exit 2)', () => {
    for (const args of [
      ['--namespace', 'video'],
      ['--identity-kind', 'robot'],
      ['--since', 'yesterday'],
    ]) {
      const r = runCli(['summary', ...args, 'examples/logs']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Run 'cloudtrail-chime --help'");
    }
  });
});

describe('events', () => {
  it('prints the matching Chime records as NDJSON', () => {
    const r = runCli(['events', '--ndjson', '--namespace', 'meetings', '--errors', 'examples/logs']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const expected = full.byEvent.filter((e) => e.namespace === 'meetings').reduce((s, e) => s + e.errors, 0);
    expect(lines).toHaveLength(expected);
    for (const record of lines) {
      expect(record.eventSource).toBe('chime.amazonaws.com');
      expect(typeof record.errorCode).toBe('string');
    }
    const ids = new Set(lines.map((l) => l.eventID));
    expect(ids.size).toBe(lines.length);
  });

  it('--all adds the records of other services', () => {
    const all = runCli(['events', '--ndjson', '--all', 'examples/logs']);
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(records.length);
    const only = runCli(['events', '--ndjson', 'examples/logs']);
    expect(only.stdout.trimEnd().split('\n')).toHaveLength(chime.length);
  });

  it('prints one text line per event without --ndjson', () => {
    const r = runCli(['events', '--event-name', 'CreateVoiceConnector', 'examples/logs']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(full.byEvent.find((e) => e.eventName === 'CreateVoiceConnector')!.count);
    for (const line of lines) expect(line).toMatch(/^2025-11-0\dT[\d:]+Z +voice +CreateVoiceConnector +\S/);
  });
});

describe('invalid input and usage errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudtrail-chime-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a corrupt file with its name, reads the rest and exits 1', () => {
    const good = walk(sampleLogs).find((f) => f.includes('/CloudTrail/eu-central-1/'))!;
    mkdirSync(join(dir, 'logs'), { recursive: true });
    writeFileSync(join(dir, 'logs/corrupt.json.gz'), readFileSync(good).subarray(0, 600));
    writeFileSync(join(dir, 'logs/good.json.gz'), readFileSync(good));
    writeFileSync(
      join(dir, 'logs/bad-record.json'),
      '{"Records":[{"eventVersion":"1.10","eventTime":"2025-11-05T10:00:00Z","eventSource":"chime.amazonaws.com","eventName":"GetMeeting","awsRegion":"us-east-1"},42]}',
    );
    // names unlike CloudTrail objects: read with --all-files
    const r = runCli(['summary', '--json', '--all-files', join(dir, 'logs')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'logs/corrupt.json.gz')}: INVALID_GZIP`);
    expect(r.stderr).toMatch(/bad-record\.json: INVALID_RECORD at byte \d+ \(record 1\): /);
    const summary = json(r.stdout);
    expect(summary.input.filesInvalid).toBe(1);
    expect(summary.input.invalidRecords).toBe(1);
    expect(summary.input.filesRead).toBeGreaterThanOrEqual(2);
  });

  it('reports a path that does not exist (exit 1) and reads the others', () => {
    const r = runCli(['summary', '--json', join(dir, 'missing'), 'examples/logs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'missing')}: ENOENT`);
    expect(json(r.stdout).input.chimeRecords).toBe(chime.length);
  });

  it('exits 2 on an unknown command, an unknown option or no inputs', () => {
    for (const args of [['frobnicate', 'examples/logs'], ['summary', '--bogus', 'examples/logs'], ['summary'], []]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      if (args.length > 0) expect(r.stderr).toContain("Run 'cloudtrail-chime --help' for usage.");
    }
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('summary');
  });
});
