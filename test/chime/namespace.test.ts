import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sdkHosts } from '../../scripts/codegen/hosts.mjs';
import { chimeNamespaceOf, isChimeEvent, isChimeEventSource, isChimeRecord } from '../../src/chime/index.js';
import { corporaDir, hasCorpora } from '../helpers/corpora.js';

const corpora = corporaDir;

function* gzFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* gzFiles(path);
    else if (name.endsWith('.json.gz')) yield path;
  }
}

describe('chimeNamespaceOf / isChimeEvent', () => {
  it('accepts every Chime event source and nothing else', () => {
    for (const s of [
      'chime.amazonaws.com',
      'chime-sdk-media-pipelines.amazonaws.com',
      'chime-sdk-voice.amazonaws.com',
      'chimesdkmeetings.amazonaws.com',
      'chimesdkidentity.amazonaws.com',
    ])
      expect(isChimeEventSource(s), s).toBe(true);
    for (const s of ['s3.amazonaws.com', 'notchime.amazonaws.com', undefined, null, 5])
      expect(isChimeEventSource(s), String(s)).toBe(false);
    expect(isChimeRecord({ eventSource: 'chime.amazonaws.com', eventName: 'SomethingNew' })).toBe(true);
    expect(isChimeEvent({ eventSource: 'chime.amazonaws.com', eventName: 'SomethingNew' })).toBe(false);
    expect(isChimeEvent({ eventSource: 'ec2.amazonaws.com', eventName: 'TagResource' })).toBe(false);
    expect(isChimeEvent(null)).toBe(false);
  });

  it('uses the eventSource, then the API host, then the name tables', () => {
    const chime = 'chime.amazonaws.com';
    expect(chimeNamespaceOf({ eventSource: 'chime-sdk-voice.amazonaws.com', eventName: 'TagResource' })).toBe('voice');
    expect(chimeNamespaceOf({ eventSource: 'chime-sdk-media-pipelines.amazonaws.com' })).toBe('media-pipelines');
    expect(chimeNamespaceOf({ eventSource: 'chimesdkmeetings.amazonaws.com' })).toBe('meetings');
    const host = (h: string) => ({
      eventSource: chime,
      eventName: 'TagResource',
      tlsDetails: { clientProvidedHostHeader: h },
    });
    expect(chimeNamespaceOf(host('identity-chime.us-east-1.amazonaws.com'))).toBe('identity');
    expect(chimeNamespaceOf(host('meetings-chime.eu-central-1.amazonaws.com'))).toBe('meetings');
    expect(chimeNamespaceOf(host('messaging-chime-fips.us-east-1.amazonaws.com'))).toBe('messaging');
    expect(chimeNamespaceOf(host('service.chime.aws.amazon.com'))).toBe('chime');
    expect(chimeNamespaceOf({ eventSource: chime, eventName: 'CreateChannelFlow' })).toBe('messaging');
    expect(chimeNamespaceOf({ eventSource: chime, eventName: 'ListMeetings' })).toBe('chime');
    expect(chimeNamespaceOf({ eventSource: chime, eventName: 'CreateAccount' })).toBe('chime');
    // shared by legacy chime and meetings: current namespace, unless the date or apiVersion says legacy
    expect(chimeNamespaceOf({ eventSource: chime, eventName: 'CreateMeeting' })).toBe('meetings');
    expect(
      chimeNamespaceOf({ eventSource: chime, eventName: 'CreateMeeting', eventTime: '2020-01-01T00:00:00Z' }),
    ).toBe('chime');
    expect(chimeNamespaceOf({ eventSource: chime, eventName: 'CreateMeeting', apiVersion: '2018-05-01' })).toBe(
      'chime',
    );
    // shared by identity, meetings and messaging: ARNs decide, else unknown
    const tag = (resourceARN: string) => ({
      eventSource: chime,
      eventName: 'TagResource',
      requestParameters: { resourceARN },
    });
    expect(chimeNamespaceOf(tag('arn:aws:chime:us-east-1:111122223333:meeting/m-1'))).toBe('meetings');
    expect(chimeNamespaceOf(tag('arn:aws:chime:us-east-1:111122223333:app-instance/a-1/channel/c-1'))).toBe(
      'messaging',
    );
    expect(chimeNamespaceOf(tag('arn:aws:chime:us-east-1:111122223333:app-instance/a-1'))).toBe('identity');
    expect(chimeNamespaceOf({ eventSource: chime, eventName: 'TagResource' })).toBeUndefined();
    expect(chimeNamespaceOf({ eventSource: chime, eventName: 'ListDomains' })).toBeUndefined();
    expect(chimeNamespaceOf({ eventSource: 's3.amazonaws.com', eventName: 'CreateMeeting' })).toBeUndefined();
    expect(chimeNamespaceOf(undefined)).toBeUndefined();
  });

  it('knows every SDK host of the legacy namespace, from the endpoint rules of both client versions', () => {
    const legacy = (h: string) => ({
      eventSource: 'chime.amazonaws.com',
      eventName: 'CreateMeeting', // legacy chime and meetings
      awsRegion: 'us-east-1',
      tlsDetails: { clientProvidedHostHeader: h },
    });
    for (const h of [
      'chime.us-east-1.amazonaws.com',
      'chime-fips.us-east-1.amazonaws.com',
      'chime.us-east-1.api.aws',
      'chime-fips.us-east-1.api.aws',
      'chime.us-gov-west-1.amazonaws.com',
      'chime.cn-north-1.amazonaws.com.cn',
      'CHIME.US-EAST-1.AMAZONAWS.COM',
      'service.chime.aws.amazon.com',
    ])
      expect(chimeNamespaceOf(legacy(h)), h).toBe('chime');
    const hosts = [...sdkHosts('@aws-sdk/client-chime').hosts, ...sdkHosts('@aws-sdk/client-chime-legacy').hosts];
    expect(hosts.length).toBeGreaterThan(10);
    for (const h of hosts) expect(chimeNamespaceOf(legacy(h)), h).toBe('chime');
    // not API hosts: the name tables decide
    expect(chimeNamespaceOf(legacy('chime.amazonaws.com'))).toBe('meetings');
    expect(chimeNamespaceOf(legacy('chime.us-east-1.example.com'))).toBe('meetings');
  });

  it('knows every SDK host of the Chime SDK namespaces', () => {
    const packages = {
      identity: '@aws-sdk/client-chime-sdk-identity',
      'media-pipelines': '@aws-sdk/client-chime-sdk-media-pipelines',
      meetings: '@aws-sdk/client-chime-sdk-meetings',
      messaging: '@aws-sdk/client-chime-sdk-messaging',
      voice: '@aws-sdk/client-chime-sdk-voice',
    } as const;
    for (const [ns, pkg] of Object.entries(packages)) {
      for (const h of sdkHosts(pkg).hosts) {
        const record = {
          eventSource: 'chime.amazonaws.com',
          eventName: 'TagResource',
          tlsDetails: { clientProvidedHostHeader: h },
        };
        expect(chimeNamespaceOf(record), h).toBe(ns);
      }
    }
  });

  it.skipIf(!hasCorpora)(
    'recognises the public Chime records in ../shared/corpora (skipped when ../shared/corpora is absent)',
    () => {
      const found: string[] = [];
      for (const file of gzFiles(corpora)) {
        const { Records } = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
          Records?: Record<string, unknown>[];
        };
        for (const record of Records ?? []) {
          if (!isChimeRecord(record)) continue;
          found.push(`${record.eventName}:${chimeNamespaceOf(record)}`);
        }
      }
      expect(found.sort()).toEqual(['AddDomain:chime', 'CreateMediaCapturePipeline:media-pipelines']);
    },
  );
});
