import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLogFileKey } from '../../src/index.js';
import { corporaDir, hasCorpora } from '../helpers/corpora.js';

const A = '111122223333';

describe('parseLogFileKey', () => {
  it('parses a log file key', () => {
    expect(
      parseLogFileKey(
        `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
      ),
    ).toEqual({ kind: 'log', accountId: A, region: 'us-east-1', date: '2024-05-01', time: '2024-05-01T12:05:00Z' });
  });

  it('parses an Insights key', () => {
    expect(
      parseLogFileKey(
        `AWSLogs/${A}/CloudTrail-Insight/eu-west-1/2023/01/02/${A}_CloudTrail-Insight_eu-west-1_20230102T0255Z_z3kPaQnvyegVM9uo.json.gz`,
      ),
    ).toEqual({ kind: 'insight', accountId: A, region: 'eu-west-1', date: '2023-01-02', time: '2023-01-02T02:55:00Z' });
  });

  it('parses a digest key (trail names may hold underscores)', () => {
    expect(
      parseLogFileKey(
        `AWSLogs/${A}/CloudTrail-Digest/us-east-2/2015/08/17/${A}_CloudTrail-Digest_us-east-2_my_trail.name-1_us-east-1_20150817T150131Z.json.gz`,
      ),
    ).toEqual({
      kind: 'digest',
      accountId: A,
      region: 'us-east-2',
      date: '2015-08-17',
      trailName: 'my_trail.name-1',
      homeRegion: 'us-east-1',
      backfill: false,
      time: '2015-08-17T15:01:31Z',
    });
  });

  it('parses a backfill digest key', () => {
    expect(
      parseLogFileKey(
        `AWSLogs/${A}/CloudTrail-Digest/us-east-2/2024/05/01/${A}_CloudTrail-Digest_us-east-2_trail_us-east-2_20240501T010000Z_backfill.json.gz`,
      ),
    ).toMatchObject({
      kind: 'digest',
      trailName: 'trail',
      homeRegion: 'us-east-2',
      backfill: true,
      time: '2024-05-01T01:00:00Z',
    });
  });

  it('parses organization trail keys', () => {
    expect(
      parseLogFileKey(
        `AWSLogs/o-aa111bb222/${A}/CloudTrail/us-west-2/2024/12/31/${A}_CloudTrail_us-west-2_20241231T2355Z_EXAMPLEabcdefghi.json.gz`,
      ),
    ).toEqual({
      kind: 'log',
      accountId: A,
      organizationId: 'o-aa111bb222',
      region: 'us-west-2',
      date: '2024-12-31',
      time: '2024-12-31T23:55:00Z',
    });
    expect(
      parseLogFileKey(
        `org-prefix/AWSLogs/o-aa111bb222/${A}/CloudTrail-Digest/us-west-2/2024/12/31/${A}_CloudTrail-Digest_us-west-2_org-trail_us-east-1_20241231T230000Z.json.gz`,
      ),
    ).toMatchObject({ kind: 'digest', organizationId: 'o-aa111bb222', prefix: 'org-prefix', trailName: 'org-trail' });
  });

  it('returns the prefix of prefixed keys', () => {
    const tail = `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`;
    expect(parseLogFileKey(`logs/${tail}`)?.prefix).toBe('logs');
    expect(parseLogFileKey(`a/b/c/d/e/f/g/${tail}`)?.prefix).toBe('a/b/c/d/e/f/g');
    expect(parseLogFileKey(`AWSLogs/x/${tail}`)?.prefix).toBe('AWSLogs/x');
    expect(parseLogFileKey(`/${tail}`)).toMatchObject({ kind: 'log', accountId: A });
    expect(parseLogFileKey(`/${tail}`)?.prefix).toBeUndefined();
    expect(parseLogFileKey(tail)?.prefix).toBeUndefined();
  });

  it('accepts every partition', () => {
    expect(
      parseLogFileKey(
        `AWSLogs/${A}/CloudTrail/cn-north-1/2024/05/01/${A}_CloudTrail_cn-north-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
      ),
    ).toMatchObject({ region: 'cn-north-1' });
    expect(
      parseLogFileKey(
        `AWSLogs/${A}/CloudTrail-Digest/us-gov-west-1/2024/05/01/${A}_CloudTrail-Digest_us-gov-west-1_gov_us-gov-east-1_20240501T010000Z.json.gz`,
      ),
    ).toMatchObject({ region: 'us-gov-west-1', homeRegion: 'us-gov-east-1', trailName: 'gov' });
  });

  it('is lenient on account ids', () => {
    for (const account of ['123456789', 'xxx', '-organization-master-account-ID-', '111111111111111111111111111']) {
      expect(
        parseLogFileKey(
          `AWSLogs/${account}/CloudTrail/us-east-2/2022/03/16/${account}_CloudTrail_us-east-2_20220316T1920Z_jExmk5jNaNKkJMU9.json.gz`,
        )?.accountId,
      ).toBe(account);
    }
  });

  it.each([
    '',
    'AWSLogs/',
    'index.html',
    `AWSLogs/${A}/elasticloadbalancing/us-east-1/2024/05/01/${A}_elasticloadbalancing_us-east-1_x.log.gz`,
    `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json`,
    `AWSLogs/${A}/CloudTrail/us-east-1/2024/13/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
    `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-west-2_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
    `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/222233334444_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
    `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_2024050T1205Z_EXAMPLEabcdefghi.json.gz`,
    `AWSLogs/${A}/CloudTrail-Digest/us-east-1/2024/05/01/${A}_CloudTrail-Digest_us-east-1_20240501T010000Z.json.gz`,
    `Logs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
    `AWSLogs/org/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
    `AWSLogs/${A}/CloudTrail/US-EAST-1/2024/05/01/${A}_CloudTrail_US-EAST-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`,
  ])('returns undefined for %j', (key) => {
    expect(parseLogFileKey(key)).toBeUndefined();
  });

  it('returns undefined for non-strings', () => {
    expect(parseLogFileKey(undefined as unknown as string)).toBeUndefined();
  });

  // no super-linear scan: on 1 MB keys one could not finish within the test timeout (timing: scripts/bench/adversarial.mjs)
  it('parses 1 MB keys', () => {
    const tail = `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_20240501T1205Z_EXAMPLEabcdefghi.json.gz`;
    const adversarial = [
      'a/'.repeat(512 * 1024) + tail,
      '_'.repeat(1024 * 1024) + '.json.gz',
      'AWSLogs/'.repeat(128 * 1024) + '.json.gz',
      `AWSLogs/${A}/CloudTrail-Digest/us-east-1/2024/05/01/${A}_CloudTrail-Digest_us-east-1_${'_'.repeat(1024 * 1024)}.json.gz`,
      `AWSLogs/${A}/CloudTrail/us-east-1/2024/05/01/${A}_CloudTrail_us-east-1_${'x'.repeat(1024 * 1024)}.json.gz`,
      '/'.repeat(1024 * 1024),
    ];
    const results = adversarial.map(parseLogFileKey);
    expect(results[0]).toMatchObject({ kind: 'log' });
    expect(results.slice(1)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

const corpora = corporaDir;
describe.skipIf(!hasCorpora)('corpus keys', () => {
  it('parses every manifest key with a real date, with the manifest kind', () => {
    const { files } = JSON.parse(readFileSync(join(corpora, 'manifest.json'), 'utf8')) as {
      files: { path: string; kind: string }[];
    };
    let parsed = 0;
    for (const { path, kind } of files) {
      const key = path.slice(path.indexOf('AWSLogs/'));
      const result = parseLogFileKey(key);
      if (/\/unknown\//.test(key) || /_redacted_|_unknown_/.test(key)) continue;
      expect(result?.kind, key).toBe(kind);
      parsed++;
    }
    expect(parsed).toBeGreaterThan(150);
  });
});
