/**
 * The from* functions and readRecords' auto-detection unwrap envelopes with the same rules.
 */
import { constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  fromCloudWatchLogs,
  fromEventBridge,
  fromLookupEvents,
  isCloudTrailParseError,
  type ReadOptions,
  readRecords,
} from '../../src/index.js';

const record = { eventVersion: '1.09', eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting' };

async function outcome(body: string | Uint8Array, options: ReadOptions = {}) {
  const records: unknown[] = [];
  try {
    for await (const r of readRecords(body, options)) records.push(r);
    return { records, code: undefined as string | undefined };
  } catch (e) {
    return { records, code: isCloudTrailParseError(e) ? e.code : String(e) };
  }
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return isCloudTrailParseError(e) ? e.code : String(e);
  }
  return undefined;
};

describe('EventBridge', () => {
  // the Chime SDK's own events travel on EventBridge too; they are not CloudTrail records
  const chimeSdkEvent = {
    version: '0',
    id: '5ee6265a-0a4e-4a2c-9c3a-EXAMPLE00000',
    'detail-type': 'Chime Media Pipeline State Change',
    source: 'aws.chime',
    account: '111122223333',
    time: '2024-05-01T12:00:05Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      version: '0',
      eventType: 'chime:MediaPipelineInProgress',
      timestamp: 1714564805000,
      mediaPipelineId: 'x',
    },
  };
  const viaCloudTrail = { ...chimeSdkEvent, 'detail-type': 'AWS API Call via CloudTrail', detail: record };

  it('an event that is not from CloudTrail is refused by readRecords and fromEventBridge alike', async () => {
    expect(codeOf(() => fromEventBridge(chimeSdkEvent))).toBe('NOT_A_LOG_FILE');
    const read = await outcome(JSON.stringify(chimeSdkEvent), { onInvalid: 'skip' });
    expect(read).toEqual({ records: [], code: 'NOT_A_LOG_FILE' });
    // the same with gzip, and in NDJSON after a CloudTrail one
    expect((await outcome(new Uint8Array(gzipSync(JSON.stringify(chimeSdkEvent))))).code).toBe('NOT_A_LOG_FILE');
  });

  it('a "via CloudTrail" event gives the same record both ways', async () => {
    expect(fromEventBridge(viaCloudTrail)).toEqual(record);
    expect(await outcome(JSON.stringify(viaCloudTrail))).toEqual({ records: [record], code: undefined });
  });
});

describe('CloudWatch Logs', () => {
  const payload = (n: number) => ({
    messageType: 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: 'trail',
    logStream: 'stream',
    logEvents: Array.from({ length: n }, (_, i) => ({ id: `${i}`, timestamp: 0, message: JSON.stringify(record) })),
  });

  it('readRecords and fromCloudWatchLogs read the same records', async () => {
    const data = gzipSync(JSON.stringify(payload(3))).toString('base64');
    const direct = await fromCloudWatchLogs({ awslogs: { data } });
    expect(direct).toHaveLength(3);
    expect((await outcome(JSON.stringify({ awslogs: { data } }))).records).toEqual(direct);
  });

  it('a bomb stops at the limit with bounded memory (fromCloudWatchLogs and readRecords)', async () => {
    // 64 MiB of spaces after the payload object's opening brace, from about 64 KiB of gzip
    const head = Buffer.from('{"messageType":"DATA_MESSAGE","logEvents":[],"x":"');
    const zeros = Buffer.alloc(64 << 20, 0x20);
    const bomb = gzipSync(Buffer.concat([head, zeros, Buffer.from('"}')]), { level: constants.Z_BEST_COMPRESSION });
    expect(bomb.length).toBeLessThan(200_000);
    const data = bomb.toString('base64');
    global.gc?.();
    const before = process.memoryUsage().rss;
    await expect(fromCloudWatchLogs({ awslogs: { data } }, { maxBytes: 1 << 20 })).rejects.toMatchObject({
      code: 'RECORD_TOO_LARGE',
    });
    expect(await outcome(JSON.stringify({ awslogs: { data } }), { maxRecordBytes: 1 << 20 })).toEqual({
      records: [],
      code: 'RECORD_TOO_LARGE',
    });
    // the default limit is real (16 MiB): the 64 MiB payload is refused without options too
    await expect(fromCloudWatchLogs({ awslogs: { data } })).rejects.toMatchObject({ code: 'RECORD_TOO_LARGE' });
    const growth = process.memoryUsage().rss - before;
    expect(growth, `RSS grew by ${(growth / 2 ** 20).toFixed(0)} MiB`).toBeLessThan(48 << 20);
  });

  it('records are not re-serialised: a deep message is a per-record error, not a RangeError', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const p = { ...payload(1), logEvents: [...payload(1).logEvents, { id: 'd', timestamp: 0, message: deep }] };
    const issues: string[] = [];
    const read = await outcome(JSON.stringify({ awslogs: { data: gzipSync(JSON.stringify(p)).toString('base64') } }), {
      onInvalid: (issue) => issues.push(`${issue.recordIndex} ${issue.error.code}`),
    });
    expect(read).toEqual({ records: [record], code: undefined });
    expect(issues).toEqual(['1 INVALID_RECORD']);
    await expect(fromCloudWatchLogs(p)).rejects.toMatchObject({ code: 'INVALID_RECORD', recordIndex: 1 });
  });
});

describe('LookupEvents', () => {
  it('readRecords and fromLookupEvents read the same records and report the same bad event', async () => {
    const output = { Events: [{ CloudTrailEvent: JSON.stringify(record) }, { CloudTrailEvent: '{"eventName"' }] };
    expect(codeOf(() => fromLookupEvents(output))).toBe('INVALID_JSON');
    const issues: number[] = [];
    const read = await outcome(JSON.stringify(output), { onInvalid: (i) => issues.push(i.recordIndex) });
    expect(read).toEqual({ records: [record], code: undefined });
    expect(issues).toEqual([1]);
    expect(fromLookupEvents({ Events: [output.Events[0]] })).toEqual([record]);
  });
});
