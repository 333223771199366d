import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ChimeEvent, chimeNamespaceOf, isChimeEventName, readChimeEvents } from '../../src/chime/index.js';

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
      const events: ChimeEvent[] = [];
      for await (const e of readChimeEvents(gz)) events.push(e);
      expect(events.map((e) => String(e.eventName))).toEqual(names);
      for (const e of events) {
        if (isChimeEventName(e.eventName)) expect(chimeNamespaceOf(e), String(e.eventName)).toBe(ns);
        else expect(chimeNamespaceOf(e)).toBeUndefined(); // ListDomains: no table, no host header
      }
    });
  }

  it('keeps typed payloads reachable after narrowing', async () => {
    for await (const e of readChimeEvents(load('media-pipelines').gz)) {
      if (e.eventName === 'CreateMediaCapturePipeline') {
        expect(e.requestParameters?.sinkArn).toBe('Hidden_For_Security_Reasons');
        expect(e.requestParameters?.chimeSdkMeetingConfiguration?.artifactsConfiguration?.audio?.muxType).toBe(
          'AudioOnly',
        );
        expect(e.responseElements?.mediaCapturePipeline?.createdTimestamp).toMatch(/\.\d{3}Z$/);
      }
    }
  });
});
