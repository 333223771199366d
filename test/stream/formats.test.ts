import { describe, expect, it } from 'vitest';
import { readLogFile, readRecords } from '../../src/index.js';
import { startingDigest } from '../helpers/digest.js';
import { collect, gz, logFileText, sampleRecords } from '../helpers/records.js';

const records = sampleRecords(3);

const digest = startingDigest();

const insight = {
  eventVersion: '1.07',
  eventTime: '2026-11-01T00:00:00Z',
  awsRegion: 'us-east-1',
  eventID: 'e1',
  eventType: 'AwsCloudTrailInsight',
  recipientAccountId: '111122223333',
  sharedEventID: 's1',
  insightDetails: {
    state: 'Start',
    eventSource: 'chime.amazonaws.com',
    eventName: 'CreateMeeting',
    insightType: 'ApiCallRateInsight',
    insightContext: {},
  },
  eventCategory: 'Insight',
};

describe('formats', () => {
  it('auto-detects a log file, a JSON array and NDJSON (gzip or not)', async () => {
    const ndjson = `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
    for (const body of [logFileText(records), JSON.stringify(records), ndjson, JSON.stringify(records, null, 2)]) {
      expect(await collect(readRecords(body))).toEqual(records);
      expect(await collect(readRecords(gz(body)))).toEqual(records);
    }
  });

  it('reads a pretty-printed log file with a BOM and other top-level keys before and after Records', async () => {
    const body = `\uFEFF{\n  "other": {"Records": [1]},\n  "n": 1,\n  "Records": ${JSON.stringify(records, null, 2)},\n  "tail": "x"\n}\n`;
    expect(await collect(readRecords(body))).toEqual(records);
  });

  it('recognises a Records key written with escapes', async () => {
    expect(await collect(readRecords(`{"\\u0052ecords":${JSON.stringify(records)}}`))).toEqual(records);
  });

  it('forced formats reject the other layouts with NOT_A_LOG_FILE', async () => {
    await expect(readLogFile(JSON.stringify(records), { format: 'log-file' })).rejects.toMatchObject({
      code: 'NOT_A_LOG_FILE',
    });
    await expect(readLogFile(logFileText(records), { format: 'array' })).rejects.toMatchObject({
      code: 'NOT_A_LOG_FILE',
    });
    await expect(readLogFile(JSON.stringify(records), { format: 'ndjson' })).rejects.toMatchObject({
      code: 'NOT_A_LOG_FILE',
    });
    const one = JSON.stringify(records[0]);
    await expect(readLogFile(one, { format: 'log-file' })).rejects.toMatchObject({ code: 'NOT_A_LOG_FILE' });
    expect(await readLogFile(`${one}\n${one}`, { format: 'ndjson' })).toEqual({
      kind: 'log',
      records: [records[0], records[0]],
    });
    expect(() => readLogFile(logFileText(records), { format: 'bogus' as 'auto' })).toThrow(RangeError);
  });

  it('a single bare record is a one-record body in auto mode', async () => {
    expect(await readLogFile(JSON.stringify(records[0]))).toEqual({ kind: 'log', records: [records[0]] });
  });

  it('digest files: readLogFile returns the digest, readRecords yields nothing and does not throw', async () => {
    for (const body of [JSON.stringify(digest), gz(JSON.stringify(digest))]) {
      expect(await readLogFile(body)).toEqual({ kind: 'digest', digest });
      expect(await collect(readRecords(body))).toEqual([]);
    }
  });

  it('a digest missing required keys is INVALID_RECORD in readLogFile', async () => {
    const { digestEndTime: _, ...broken } = digest;
    await expect(readLogFile(JSON.stringify(broken))).rejects.toMatchObject({
      code: 'INVALID_RECORD',
      path: ['digestEndTime'],
    });
  });

  it('Insights files yield their records, also mixed into a log file', async () => {
    expect(await collect(readRecords(logFileText([insight])))).toEqual([insight]);
    expect(await collect(readRecords(logFileText([records[0], insight])))).toEqual([records[0], insight]);
  });

  it('other top-level shapes are NOT_A_LOG_FILE', async () => {
    for (const body of ['{"foo":1}', '{"Records":{}}', '{"Records":"x"}', '42', '"text"', 'null', '{}']) {
      await expect(readLogFile(body), body).rejects.toMatchObject({ code: 'NOT_A_LOG_FILE' });
    }
  });

  it('NDJSON lines and array elements are records when they are objects (lenient); other values are reported', async () => {
    const issues: string[] = [];
    const out = await collect(
      readRecords(`${JSON.stringify(records[0])}\n{"foo":1}\n${JSON.stringify(records[1])}`, {
        onInvalid: (i) => issues.push(i.raw),
      }),
    );
    expect(out).toEqual([records[0], { foo: 1 }, records[1]]);
    expect(issues).toEqual([]);
    const arr: number[] = [];
    expect(
      await collect(
        readRecords(`[${JSON.stringify(records[0])}, 5, "x", [1]]`, { onInvalid: (i) => arr.push(i.recordIndex) }),
      ),
    ).toEqual([records[0]]);
    expect(arr).toEqual([1, 2, 3]);
  });

  it('NDJSON whose first line has no known key (lower-case keys of some exports) is still NDJSON', async () => {
    const odd = {
      eventname: 'CreateIPSet',
      eventsource: 'guardduty.amazonaws.com',
      recipientAccountId: '123456789012',
    };
    const body = `${JSON.stringify(odd)}\n${JSON.stringify(records[0])}\n`;
    expect(await collect(readRecords(body))).toEqual([odd, records[0]]);
    expect(await collect(readRecords(JSON.stringify([odd, records[0]])))).toEqual([odd, records[0]]);
    await expect(readLogFile(JSON.stringify(odd))).rejects.toMatchObject({ code: 'NOT_A_LOG_FILE' });
  });
});

describe('envelopes, auto-detected', () => {
  const record = sampleRecords(1)[0] as Record<string, unknown>;
  it('an EventBridge event yields its detail', async () => {
    const event = {
      version: '0',
      id: 'x',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.chime',
      account: '123456789012',
      time: '2026-11-20T10:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: record,
    };
    expect(await collect(readRecords(JSON.stringify(event)))).toEqual([record]);
  });

  it('a CloudWatch Logs subscription payload (Lambda event or decoded) yields each message; CONTROL_MESSAGE yields nothing', async () => {
    const decoded = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: 'g',
      logStream: '123456789012_CloudTrail_us-east-1',
      subscriptionFilters: ['f'],
      logEvents: [
        { id: '1', timestamp: 1, message: JSON.stringify(record) },
        { id: '2', timestamp: 2, message: JSON.stringify(record) },
      ],
    };
    expect(await collect(readRecords(JSON.stringify(decoded)))).toEqual([record, record]);
    const lambda = { awslogs: { data: Buffer.from(gz(JSON.stringify(decoded))).toString('base64') } };
    expect(await collect(readRecords(JSON.stringify(lambda)))).toEqual([record, record]);
    expect(
      await collect(readRecords(JSON.stringify({ ...decoded, messageType: 'CONTROL_MESSAGE', logEvents: [] }))),
    ).toEqual([]);
  });

  it('LookupEvents output yields the parsed CloudTrailEvent strings', async () => {
    const output = {
      Events: [
        { EventId: 'e', EventName: 'CreateMeeting', ReadOnly: 'false', CloudTrailEvent: JSON.stringify(record) },
      ],
    };
    expect(await collect(readRecords(JSON.stringify(output)))).toEqual([record]);
  });
});
