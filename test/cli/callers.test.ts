// "Top callers" groups by identityKey: the same user name in two accounts is two callers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChimeSummary, summarizeChimeActivity } from '../../src/chime/summary.js';
import { classifyIdentity, identityKey } from '../../src/index.js';
import { ensureCli, runCli } from './helpers.js';

const record = (i: number, accountId: string, accessKeyId: string) => ({
  eventVersion: '1.08',
  eventTime: `2025-11-04T10:00:0${i}Z`,
  eventSource: 'chime.amazonaws.com',
  eventName: 'CreateMeeting',
  awsRegion: 'us-east-1',
  eventID: `00000000-0000-4000-8000-00000000000${i}`,
  eventType: 'AwsApiCall',
  recipientAccountId: accountId,
  userIdentity: {
    type: 'IAMUser',
    principalId: `AIDAEXAMPLE${accountId}`,
    arn: `arn:aws:iam::${accountId}:user/alice`,
    accountId,
    accessKeyId,
    userName: 'alice',
  },
});

// alice of account A twice (long-term key, then a console session), alice of account B once
const records = [
  record(1, '111122223333', 'AKIAEXAMPLEALICE0001'),
  {
    ...record(2, '111122223333', 'ASIAEXAMPLEALICE0002'),
    sessionCredentialFromConsole: 'true',
  },
  record(3, '444455556666', 'AKIAEXAMPLEALICE0003'),
];

const expectTwoCallers = (summary: ChimeSummary) => {
  expect(summary.topCallers.map((c) => [c.caller, c.count])).toEqual([
    ['IAM user alice (111122223333)', 2],
    ['IAM user alice (444455556666)', 1],
  ]);
};

describe('Top callers are keyed by account', () => {
  it('identityKey: the same user name in two accounts is two keys, one user is one key', () => {
    const keys = records.map((r) => identityKey(classifyIdentity(r.userIdentity, r)));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).not.toBe(keys[2]);
  });

  it('summarizeChimeActivity', () => {
    expectTwoCallers(summarizeChimeActivity(records));
  });

  describe('the CLI', () => {
    let dir: string;
    beforeAll(() => {
      ensureCli();
      dir = mkdtempSync(join(tmpdir(), 'callers-'));
      writeFileSync(join(dir, 'two-accounts.json'), JSON.stringify({ Records: records }));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('summary --json and the table', () => {
      const json = runCli(['summary', '--json', join(dir, 'two-accounts.json')]);
      expect(json.code).toBe(0);
      expectTwoCallers(JSON.parse(json.stdout) as ChimeSummary);
      const table = runCli(['summary', join(dir, 'two-accounts.json')]);
      expect(table.code).toBe(0);
      const callers = table.stdout.slice(table.stdout.indexOf('Top callers'));
      expect(callers).toMatch(/IAM user alice \(111122223333\) +2 +0/);
      expect(callers).toMatch(/IAM user alice \(444455556666\) +1 +0/);
    });
  });
});
