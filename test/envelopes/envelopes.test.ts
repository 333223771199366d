import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  type CloudTrailParseError,
  fromCloudWatchLogs,
  fromEventBridge,
  fromLookupEvents,
  isCloudTrailParseError,
} from '../../src/index.js';
import { corpusPath, hasCorpora } from '../helpers/corpora.js';

const record = (eventName: string, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.09',
  userIdentity: {
    type: 'AssumedRole',
    principalId: 'AROAEXAMPLEFAKEID0000:alice',
    arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
    accountId: '111122223333',
    accessKeyId: 'ASIAEXAMPLEFAKEKEY00',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEFAKEID0000',
        arn: 'arn:aws:iam::111122223333:role/Admin',
        accountId: '111122223333',
        userName: 'Admin',
      },
      attributes: { creationDate: '2024-05-01T11:00:00Z', mfaAuthenticated: 'false' },
    },
  },
  eventTime: '2024-05-01T12:00:00Z',
  eventSource: 'chime.amazonaws.com',
  eventName,
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.10',
  userAgent: 'aws-cli/2.15.0',
  requestParameters: { name: 'example' },
  responseElements: null,
  requestID: '11111111-2222-4333-8444-555555555555',
  eventID: '66666666-7777-4888-9999-000000000000',
  readOnly: false,
  eventType: 'AwsApiCall',
  managementEvent: true,
  recipientAccountId: '111122223333',
  eventCategory: 'Management',
  ...extra,
});

const thrown = (fn: () => unknown): CloudTrailParseError => {
  try {
    fn();
  } catch (e) {
    if (isCloudTrailParseError(e)) return e;
    throw e;
  }
  throw new Error('did not throw');
};
const rejected = async (promise: Promise<unknown>): Promise<CloudTrailParseError> => {
  try {
    await promise;
  } catch (e) {
    if (isCloudTrailParseError(e)) return e;
    throw e;
  }
  throw new Error('did not reject');
};

describe('fromEventBridge', () => {
  const event = (detailType: string, detail: unknown = record('CreateMeeting')) => ({
    version: '0',
    id: '12345678-1234-1234-1234-123456789012',
    'detail-type': detailType,
    source: 'aws.chime',
    account: '111122223333',
    time: '2024-05-01T12:00:05Z',
    region: 'us-east-1',
    resources: [],
    detail,
  });

  it.each([
    'AWS API Call via CloudTrail',
    'AWS Console Signin via CloudTrail',
    'AWS Console Action via CloudTrail',
    'AWS Service Event via CloudTrail',
    'AWS Insight via CloudTrail',
    'AWS Network Activity Event via CloudTrail',
  ])('returns the detail of "%s"', (detailType) => {
    const e = event(detailType);
    const r = fromEventBridge(e);
    expect(r).toBe(e.detail);
    expect(r.eventName).toBe('CreateMeeting');
  });

  it('rejects other events with NOT_A_LOG_FILE', () => {
    const err = thrown(() => fromEventBridge(event('EC2 Instance State-change Notification', { state: 'running' })));
    expect(err.code).toBe('NOT_A_LOG_FILE');
    expect(err.message).toMatch(/via CloudTrail/);
    expect(err.message).toMatch(/EC2 Instance State-change Notification/);
    expect(thrown(() => fromEventBridge({ Records: [] })).message).toMatch(/found an object with keys Records/);
    expect(thrown(() => fromEventBridge(null)).code).toBe('NOT_A_LOG_FILE');
    expect(thrown(() => fromEventBridge(event('AWS API Call via CloudTrail', 'x'))).code).toBe('NOT_A_LOG_FILE');
  });

  it('rejects an invalid record with INVALID_RECORD', () => {
    const err = thrown(() => fromEventBridge(event('AWS API Call via CloudTrail', { ...record('X'), eventName: 42 })));
    expect(err.code).toBe('INVALID_RECORD');
    expect(err.recordIndex).toBe(0);
    expect(err.path).toEqual(['detail', 'eventName']);
  });
});

describe('fromCloudWatchLogs', () => {
  const data = {
    messageType: 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: 'aws-cloudtrail-logs-111122223333-example',
    logStream: '111122223333_CloudTrail_us-east-1',
    subscriptionFilters: ['cloudtrail-to-lambda'],
    logEvents: [
      { id: '1', timestamp: 1714564800000, message: JSON.stringify(record('CreateMeeting')) },
      { id: '2', timestamp: 1714564801000, message: JSON.stringify(record('DeleteMeeting')) },
    ],
  };
  const encoded = gzipSync(Buffer.from(JSON.stringify(data))).toString('base64');

  it('reads a Lambda subscription event', async () => {
    const records = await fromCloudWatchLogs({ awslogs: { data: encoded } });
    expect(records.map((r) => r.eventName)).toEqual(['CreateMeeting', 'DeleteMeeting']);
  });

  it('reads the data string, gzipped bytes, plain base64 and the decoded object', async () => {
    expect(await fromCloudWatchLogs(encoded)).toHaveLength(2);
    expect(await fromCloudWatchLogs(new Uint8Array(gzipSync(Buffer.from(JSON.stringify(data)))))).toHaveLength(2);
    expect(await fromCloudWatchLogs(Buffer.from(JSON.stringify(data)).toString('base64'))).toHaveLength(2);
    expect(await fromCloudWatchLogs(data)).toHaveLength(2);
    expect(await fromCloudWatchLogs(JSON.stringify(data))).toHaveLength(2);
  });

  it('yields no records for a CONTROL_MESSAGE', async () => {
    const control = {
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      subscriptionFilters: [],
      logEvents: [
        { id: '', timestamp: 1714564800000, message: 'CWL CONTROL MESSAGE: Checking health of destination Firehose.' },
      ],
    };
    expect(
      await fromCloudWatchLogs({ awslogs: { data: gzipSync(JSON.stringify(control)).toString('base64') } }),
    ).toEqual([]);
  });

  it('rejects wrong envelopes with NOT_A_LOG_FILE', async () => {
    for (const input of [{ Records: [] }, { awslogs: {} }, 'not base64 !!', 42, null]) {
      const err = await rejected(fromCloudWatchLogs(input));
      expect(err.code, JSON.stringify(input)).toBe('NOT_A_LOG_FILE');
      expect(err.message).toMatch(/expected .*found/);
    }
  });

  it('reports bad gzip, bad JSON and bad records', async () => {
    const gz = gzipSync(Buffer.from(JSON.stringify(data)));
    expect((await rejected(fromCloudWatchLogs(new Uint8Array(gz.subarray(0, gz.length - 6))))).code).toBe(
      'INVALID_GZIP',
    );
    expect((await rejected(fromCloudWatchLogs(gzipSync('{"messageType":').toString('base64')))).code).toBe(
      'INVALID_JSON',
    );
    const badMessage = { ...data, logEvents: [data.logEvents[0], { id: '3', timestamp: 0, message: '{"eventName":' }] };
    const e1 = await rejected(fromCloudWatchLogs(badMessage));
    expect([e1.code, e1.recordIndex]).toEqual(['INVALID_JSON', 1]);
    const badRecord = {
      ...data,
      logEvents: [{ id: '3', timestamp: 0, message: JSON.stringify(record('X', { eventTime: 7 })) }],
    };
    const e2 = await rejected(fromCloudWatchLogs(badRecord));
    expect([e2.code, e2.recordIndex, e2.path]).toEqual(['INVALID_RECORD', 0, ['logEvents', 0, 'message', 'eventTime']]);
  });
});

describe('fromLookupEvents', () => {
  const output = {
    Events: [
      {
        EventId: '66666666-7777-4888-9999-000000000000',
        EventName: 'CreateMeeting',
        ReadOnly: 'false',
        AccessKeyId: 'ASIAEXAMPLEFAKEKEY00',
        EventTime: new Date('2024-05-01T12:00:00Z'),
        EventSource: 'chime.amazonaws.com',
        Username: 'alice',
        Resources: [{ ResourceType: 'AWS::Chime::Meeting', ResourceName: 'example' }],
        CloudTrailEvent: JSON.stringify(record('CreateMeeting')),
      },
      {
        EventId: '66666666-7777-4888-9999-000000000001',
        EventName: 'ListMeetings',
        ReadOnly: 'true',
        CloudTrailEvent: JSON.stringify(record('ListMeetings', { readOnly: true })),
      },
    ],
    NextToken: 'EXAMPLEtoken',
  };

  it('parses each CloudTrailEvent string', () => {
    expect(fromLookupEvents(output).map((r) => [r.eventName, r.readOnly])).toEqual([
      ['CreateMeeting', false],
      ['ListMeetings', true],
    ]);
    expect(fromLookupEvents(output.Events)).toHaveLength(2);
    expect(fromLookupEvents({ Events: [] })).toEqual([]);
  });

  it('rejects wrong envelopes with NOT_A_LOG_FILE', () => {
    const err = thrown(() => fromLookupEvents({ Records: [record('X')] }));
    expect(err.code).toBe('NOT_A_LOG_FILE');
    expect(err.message).toMatch(/expected a CloudTrail LookupEvents output .* found an object with keys Records/);
    const e2 = thrown(() => fromLookupEvents({ Events: [output.Events[0], { EventId: 'x' }] }));
    expect([e2.code, e2.recordIndex]).toEqual(['NOT_A_LOG_FILE', 1]);
  });

  it('reports bad JSON and bad records with their index', () => {
    const e1 = thrown(() => fromLookupEvents({ Events: [output.Events[0], { CloudTrailEvent: '{"eventName"' }] }));
    expect([e1.code, e1.recordIndex]).toEqual(['INVALID_JSON', 1]);
    const e2 = thrown(() =>
      fromLookupEvents([{ CloudTrailEvent: JSON.stringify(record('X', { userIdentity: 'root' })) }]),
    );
    expect([e2.code, e2.recordIndex, e2.path?.[0]]).toEqual(['INVALID_RECORD', 0, 0]);
  });
});

const awslogs = corpusPath(
  'otel-collector-contrib/original/extension/encoding/awslogsencodingextension/internal/unmarshaler/cloudtraillog/testdata',
);
const lookupSample = corpusPath('awsdocs/original/aws-cloudtrail-user-guide/view-insights-events-cli.2.json');

describe.skipIf(!hasCorpora)('corpus: CloudWatch Logs subscription payloads (otel-collector-contrib)', () => {
  const files = hasCorpora ? readdirSync(awslogs).filter((f) => f.includes('_cw')) : [];
  it.each(files)('%s', async (file) => {
    const text = readFileSync(join(awslogs, file), 'utf8');
    const parsed = JSON.parse(text) as { logEvents: unknown[] };
    const records = await fromCloudWatchLogs(parsed);
    expect(records).toHaveLength(parsed.logEvents.length);
    expect(records.length).toBeGreaterThan(0);
    // the same payload as Lambda receives it
    expect(await fromCloudWatchLogs({ awslogs: { data: gzipSync(text).toString('base64') } })).toEqual(records);
  });
});

describe.skipIf(!hasCorpora)('corpus: lookup-events documentation output', () => {
  it('reads the documented output (records inline)', () => {
    const records = fromLookupEvents(JSON.parse(readFileSync(lookupSample, 'utf8')));
    expect(records.length).toBeGreaterThan(0);
    expect(records[0]?.eventType).toBe('AwsCloudTrailInsight');
  });
});
