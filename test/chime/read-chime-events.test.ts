import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  type ChimeRecord,
  chimeNamespaceOf,
  isChimeEvent,
  isChimeEventIn,
  isChimeEventName,
  isChimeRecord,
  readChimeEvents,
} from '../../src/chime/index.js';

const fixtures = join(import.meta.dirname, '../fixtures/chime');
const load = (ns: string) => {
  const text = readFileSync(join(fixtures, `${ns}.json`), 'utf8');
  return { gz: gzipSync(text), records: (JSON.parse(text) as { Records: { eventSource: string }[] }).Records };
};

const EXPECTED: Record<string, string[]> = {
  chime: ['CreateAccount', 'ListMeetings', 'AddDomain', 'ListDomains'],
  identity: ['CreateAppInstance', 'CreateAppInstanceUser', 'ExpireAppInstanceUser'],
  'media-pipelines': ['CreateMediaCapturePipeline', 'GetSpeakerSearchTask', 'DeleteMediaPipeline'],
  meetings: ['CreateMeeting', 'CreateAttendee', 'TagResource', 'DeleteMeeting'],
  messaging: ['CreateChannel', 'SendChannelMessage', 'CreateChannelFlow'],
  voice: ['CreateVoiceConnector', 'PutVoiceConnectorTermination', 'StartVoiceToneAnalysisTask'],
};

describe('readChimeEvents on the synthetic fixtures', () => {
  for (const [ns, names] of Object.entries(EXPECTED)) {
    it(`yields only the Chime events of ${ns}.json, with namespace ${ns}`, async () => {
      const { gz, records } = load(ns);
      expect(records.some((r) => !r.eventSource.startsWith('chime'))).toBe(true);
      const events: ChimeRecord[] = [];
      for await (const e of readChimeEvents(gz)) events.push(e);
      expect(events.map((e) => e.eventName)).toEqual(names);
      for (const e of events) {
        if (isChimeEventName(e.eventName)) expect(chimeNamespaceOf(e), e.eventName).toBe(ns);
        else expect(chimeNamespaceOf(e)).toBeUndefined(); // ListDomains: no table, no host header
      }
    });
  }

  it('keeps typed payloads reachable after narrowing', async () => {
    let seen = 0;
    for await (const e of readChimeEvents(load('media-pipelines').gz)) {
      if (isChimeEvent(e) && e.eventName === 'CreateMediaCapturePipeline') {
        seen++;
        expect(e.requestParameters?.sinkArn).toBe('Hidden_For_Security_Reasons');
        const config = e.requestParameters?.chimeSdkMeetingConfiguration;
        expect(typeof config === 'object' && config?.artifactsConfiguration?.audio?.muxType).toBe('AudioOnly');
        const pipeline = e.responseElements?.mediaCapturePipeline;
        expect(typeof pipeline === 'object' && pipeline?.createdTimestamp).toMatch(/\.\d{3}Z$/);
      }
    }
    expect(seen).toBe(1);
  });

  it('yields records newer than the catalog, which are Chime records but not Chime events', async () => {
    const names: string[] = [];
    for await (const e of readChimeEvents(load('chime').gz)) if (!isChimeEvent(e)) names.push(e.eventName);
    expect(names).toEqual(['ListDomains']);
  });
});

const base = { eventVersion: '1.08', eventTime: '2025-11-04T10:00:00Z', awsRegion: 'us-east-1', eventID: 'e1' };

describe('isChimeRecord / isChimeEvent / isChimeEventIn at run time', () => {
  it('a Chime record without eventName is neither a Chime record nor a Chime event', () => {
    const noName = { ...base, eventSource: 'chime.amazonaws.com' };
    expect(isChimeRecord(noName)).toBe(false);
    expect(isChimeEvent(noName)).toBe(false);
    expect(isChimeEventIn(noName, 'meetings')).toBe(false);
    expect(isChimeRecord({ ...noName, eventName: null })).toBe(false);
    expect(isChimeRecord({ ...noName, eventName: 42 })).toBe(false);
  });

  it('a name newer than the catalog is a Chime record, not a Chime event', () => {
    const record = { ...base, eventSource: 'chime.amazonaws.com', eventName: 'CreateHolographicMeeting' };
    expect(isChimeRecord(record)).toBe(true);
    expect(isChimeEvent(record)).toBe(false);
  });

  it('other services are neither; catalog names from Chime sources are both', () => {
    expect(isChimeRecord({ ...base, eventSource: 's3.amazonaws.com', eventName: 'CreateMeeting' })).toBe(false);
    expect(isChimeRecord(null)).toBe(false);
    const meeting = { ...base, eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting' };
    expect(isChimeRecord(meeting)).toBe(true);
    expect(isChimeEvent(meeting)).toBe(true);
  });

  it("isChimeEventIn follows chimeNamespaceOf and the namespace's own table", () => {
    const host = (h: string) => ({ clientProvidedHostHeader: h });
    const meeting = { ...base, eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting' };
    expect(isChimeEventIn({ ...meeting, tlsDetails: host('meetings-chime.us-east-1.amazonaws.com') }, 'meetings')).toBe(
      true,
    );
    expect(isChimeEventIn({ ...meeting, tlsDetails: host('chime.us-east-1.amazonaws.com') }, 'meetings')).toBe(false);
    expect(isChimeEventIn({ ...meeting, tlsDetails: host('chime.us-east-1.amazonaws.com') }, 'chime')).toBe(true);
    // voice's eventSource, but no voice operation of that name
    expect(isChimeEventIn({ ...meeting, eventSource: 'chime-sdk-voice.amazonaws.com' }, 'voice')).toBe(false);
  });
});
