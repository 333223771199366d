import { describe, expect, it } from 'vitest';
import type { ChimeSummary } from '../../src/chime/index.js';
import { formatEventLine, formatSummary, renderTable, truncate } from '../../src/cli/table.js';

const summary: ChimeSummary = {
  input: {
    filesRead: 1234,
    filesInvalid: 1,
    digestFiles: 24,
    records: 1_234_567,
    invalidRecords: 2,
    recordsOfInvalidFiles: 0,
    nonChimeRecords: 1_000_000,
    chimeRecords: 234_565,
    matchedRecords: 234_565,
  },
  timeRange: { first: '2025-11-04T09:21:50Z', last: '2025-11-06T21:03:44Z' },
  byNamespace: [
    { namespace: 'meetings', count: 200_000, errors: 1_234 },
    { namespace: 'media-pipelines', count: 34_564, errors: 0 },
    { namespace: null, count: 1, errors: 1 },
  ],
  byEvent: [
    { eventName: 'CreateAttendee', namespace: 'meetings', count: 150_000, errors: 1_200 },
    {
      eventName: 'GetSipMediaApplicationAlexaSkillConfigurationWithAVeryLongName',
      namespace: 'voice',
      count: 7,
      errors: 0,
    },
    { eventName: 'CreateMediaConcatenationPipeline', namespace: 'media-pipelines', count: 34_564, errors: 0 },
    { eventName: 'TagResource', namespace: null, count: 1, errors: 1 },
  ],
  byIdentity: [
    { kind: 'assumed-role', credentials: 'temporary', count: 230_000, errors: 1_000 },
    { kind: 'identity-center-user', credentials: 'unknown', count: 4_565, errors: 235 },
  ],
  byErrorCode: [{ errorCode: 'ThrottlingException', count: 1_235 }],
  topCallers: [
    {
      caller:
        'Identity Center permission set ChimeAdministrators (session bob@example.com) — temporary credentials, MFA',
      kind: 'assumed-role',
      arn: null,
      count: 230_000,
      errors: 1_000,
      eventNames: ['CreateAttendee', 'CreateMeeting'],
    },
    {
      caller: 'AWS service chime.amazonaws.com',
      kind: 'aws-service',
      arn: null,
      count: 3,
      errors: 0,
      eventNames: ['GetMeeting'],
    },
  ],
};

describe('table rendering', () => {
  it('fits 80 columns, keeps every table aligned and cuts long cells with …', () => {
    const text = formatSummary(summary, { source: 'AWSLogs/111122223333/CloudTrail/us-east-1/2025/11/04 and more' });
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    // every table's last column is right-aligned: all lines of one table end at the same column
    const tables = text.split('\n\n').slice(1);
    for (const table of tables) {
      const rows = table.trimEnd().split('\n').slice(1);
      if (rows.length < 2) continue;
      expect(new Set(rows.map((r) => r.length)).size, table).toBe(1);
    }
    expect(text).toContain('GetSipMediaApplicationAlexaSkillConfigurati…  voice');
    expect(text).toContain('Identity Center permission set ChimeAdministrators (session …  230,000');
    expect(text).toMatchSnapshot();
  });

  it('renders narrower widths too', () => {
    const lines = formatSummary(summary, { width: 60 }).trimEnd().split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
  });

  it('renderTable pads, aligns numbers right and trims trailing spaces', () => {
    expect(
      renderTable(
        [{ header: 'EVENT' }, { header: 'COUNT', align: 'right' }],
        [
          ['CreateMeeting', '12'],
          ['GetMeeting', '3'],
        ],
      ),
    ).toEqual(['  EVENT          COUNT', '  CreateMeeting     12', '  GetMeeting         3']);
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('formats event lines in fixed columns', () => {
    const line = formatEventLine(
      {
        time: '2025-11-04T11:08:17Z',
        namespace: 'messaging',
        eventName: 'SendChannelMessage',
        errorCode: 'AccessDeniedException',
        caller: 'federated user carol (issued by token-broker) — temporary credentials',
      },
      80,
    );
    expect(line).toBe('2025-11-04T11:08:17Z messaging       SendChannelMessage           [AccessDenied…');
    expect(line.length).toBe(80);
  });
});
