import { describe, expectTypeOf, it } from 'vitest';
import type {
  ChimeEvent,
  ChimeEventIn,
  ChimeEventName,
  ChimeEventOf,
  ChimeNamespacesOf,
  ChimeRecord,
  ChimeRedactedValue,
  ChimeRequestParametersOf,
} from '../../src/chime/index.js';
import {
  chimeEventNames,
  chimeNamespaceOf,
  isChimeEvent,
  isChimeEventIn,
  isChimeRecord,
  readChimeEvents,
} from '../../src/chime/index.js';
import type { CloudTrailRecord } from '../../src/schemas/record.js';

declare const e: ChimeEvent;
declare const record: CloudTrailRecord;

describe('isChimeRecord: a record from a Chime event source whose eventName is a string', () => {
  it('narrows a CloudTrailRecord to ChimeRecord, whose eventName is a string', () => {
    if (isChimeRecord(record)) {
      expectTypeOf(record).toEqualTypeOf<ChimeRecord>();
      expectTypeOf(record.eventName).toEqualTypeOf<string>();
      expectTypeOf(record.eventSource).toEqualTypeOf<string>();
    }
    expectTypeOf<ChimeRecord['eventName']>().toEqualTypeOf<string>();
  });

  it('eventName is usable anywhere a string is, names newer than the catalog included', () => {
    const counts = new Map<string, number>();
    if (isChimeRecord(record)) {
      counts.set(record.eventName, (counts.get(record.eventName) ?? 0) + 1);
      expectTypeOf(record.eventName.toLowerCase()).toEqualTypeOf<string>();
      // an operation AWS added after the pinned models: comparable, no "no overlap" error
      if (record.eventName === 'CreateHolographicMeeting') expectTypeOf(record.eventName).toBeString();
    }
  });

  it('is a CloudTrailRecord with the same fields', () => {
    expectTypeOf<ChimeRecord>().toExtend<CloudTrailRecord>();
    expectTypeOf<ChimeRecord['userIdentity']>().toEqualTypeOf<CloudTrailRecord['userIdentity']>();
    expectTypeOf<ChimeRecord['requestParameters']>().toEqualTypeOf<CloudTrailRecord['requestParameters']>();
  });
});

describe('isChimeEvent: the same, and eventName in the catalog', () => {
  it('narrows a CloudTrailRecord to the known events, every one a ChimeRecord', () => {
    if (isChimeEvent(record)) {
      expectTypeOf(record).toEqualTypeOf<ChimeEvent>();
      expectTypeOf(record.eventName).toEqualTypeOf<ChimeEventName>();
    }
    expectTypeOf<ChimeEvent>().toExtend<ChimeRecord>();
    expectTypeOf<ChimeEvent>().toExtend<CloudTrailRecord>();
  });

  it('narrows a ChimeRecord (what readChimeEvents yields) too', async () => {
    for await (const r of readChimeEvents(new Uint8Array())) {
      expectTypeOf(r).toEqualTypeOf<ChimeRecord>();
      if (isChimeEvent(r)) expectTypeOf(r).toEqualTypeOf<ChimeEvent>();
      else expectTypeOf(r.eventName).toEqualTypeOf<string>();
    }
  });

  it('a switch on eventName gives each operation its exact payload types', () => {
    if (!isChimeEvent(record)) return;
    switch (record.eventName) {
      case 'CreateMediaCapturePipeline':
        expectTypeOf(record).toEqualTypeOf<ChimeEventOf<'CreateMediaCapturePipeline'>>();
        expectTypeOf(record.requestParameters?.sourceType).toExtend<string | null | undefined>();
        expectTypeOf<'AWS_Chime_SDK_Meeting'>().toExtend<NonNullable<typeof record.requestParameters>['sourceType']>();
        break;
      case 'SendChannelMessage':
        expectTypeOf(record.responseElements?.channelArn).toEqualTypeOf<string | null | undefined>();
        break;
      case 'CreateVoiceConnector':
        expectTypeOf(record.requestParameters?.requireEncryption).toEqualTypeOf<boolean | null | undefined>();
        break;
      case 'ListMeetings': // legacy-only
        expectTypeOf(record.requestParameters?.maxResults).toEqualTypeOf<number | null | undefined>();
        break;
      case 'ExpireChannel': // a service event: no payloads
        expectTypeOf(record.requestParameters).toEqualTypeOf<null | undefined>();
        break;
      default:
        expectTypeOf(record.eventName).toExtend<string>();
    }
  });

  it('after isChimeEvent the name is a catalog name: a name outside it does not compile', () => {
    if (isChimeEvent(record)) {
      // @ts-expect-error not an eventName of the catalog; use isChimeRecord for those
      if (record.eventName === 'CreateHolographicMeeting') return;
    }
  });

  it('enums are literal unions open to new values; sensitive members accept any placeholder', () => {
    type Config = NonNullable<ChimeRequestParametersOf<'CreateMediaCapturePipeline'>['chimeSdkMeetingConfiguration']>;
    type Audio = NonNullable<NonNullable<Exclude<Config, string>['artifactsConfiguration']>['audio']>;
    expectTypeOf<'AudioOnly'>().toExtend<NonNullable<Audio['muxType']>>();
    expectTypeOf<'SomethingNew'>().toExtend<NonNullable<Audio['muxType']>>();
    expectTypeOf<'Hidden_For_Security_Reasons'>().toExtend<
      NonNullable<ChimeRequestParametersOf<'CreateMediaCapturePipeline'>['sinkArn']>
    >();
    expectTypeOf<ChimeRedactedValue>().toExtend<string>();
    // @ts-expect-error PascalCase is not how CloudTrail writes members
    expectTypeOf<ChimeRequestParametersOf<'CreateMediaCapturePipeline'>['SinkArn']>().toBeUnknown();
  });

  it('catalog names and ChimeEventOf', () => {
    expectTypeOf<'CreateMeeting'>().toExtend<ChimeEventName>();
    expectTypeOf(chimeEventNames).toEqualTypeOf<readonly ChimeEventName[]>();
    // @ts-expect-error not an eventName of the catalog
    expectTypeOf<ChimeEventOf<'NoSuchOperation'>>().not.toBeNever();
  });
});

describe('Chime facts in the shapes', () => {
  it('epoch-seconds timestamps accept numbers; date-time ones are strings', () => {
    type Identity = NonNullable<ChimeEventOf<'DescribeAppInstance', 'identity'>['responseElements']>;
    type AppInstance = Exclude<NonNullable<Identity['appInstance']>, string>;
    expectTypeOf<AppInstance['createdTimestamp']>().toEqualTypeOf<string | number | null | undefined>();
    type Pipeline = NonNullable<ChimeEventOf<'GetMediaCapturePipeline'>['responseElements']>;
    type Capture = Exclude<NonNullable<Pipeline['mediaCapturePipeline']>, string>;
    expectTypeOf<Capture['createdTimestamp']>().toEqualTypeOf<string | null | undefined>();
  });

  it('a container holding sensitive members accepts the masking string', () => {
    type Req = ChimeRequestParametersOf<'CreateChannel', 'messaging'>;
    expectTypeOf<'HIDDEN_DUE_TO_SECURITY_REASONS'>().toExtend<NonNullable<Req['tags']>>();
    expectTypeOf<{ key: string; value: string }[]>().toExtend<NonNullable<Req['tags']>>();
    // a container without sensitive members does not
    expectTypeOf<'HIDDEN_DUE_TO_SECURITY_REASONS'>().not.toExtend<NonNullable<Req['memberArns']>>();
  });
});

describe('namespace-precise payloads', () => {
  it('ChimeEventOf<N> has one member per namespace; ChimeEventOf<N, NS> only that namespace', () => {
    expectTypeOf<ChimeNamespacesOf<'CreateMeeting'>>().toEqualTypeOf<'chime' | 'meetings'>();
    expectTypeOf<ChimeNamespacesOf<'TagResource'>>().toEqualTypeOf<
      'chime' | 'identity' | 'media-pipelines' | 'meetings' | 'messaging' | 'voice'
    >();
    type Meetings = NonNullable<ChimeEventOf<'CreateMeeting', 'meetings'>['requestParameters']>;
    expectTypeOf<Meetings['primaryMeetingId']>().toEqualTypeOf<string | null | undefined>();
    type Legacy = NonNullable<ChimeEventOf<'CreateMeeting', 'chime'>['requestParameters']>;
    expectTypeOf<Legacy>().not.toHaveProperty('primaryMeetingId');
    // @ts-expect-error voice has no CreateChannel
    expectTypeOf<ChimeEventOf<'CreateChannel', 'voice'>>().not.toBeNever();
  });

  it('without a namespace, members of one namespace only need an `in` check', () => {
    if (e.eventName === 'CreateMeeting') {
      expectTypeOf(e.requestParameters?.mediaRegion).toEqualTypeOf<string | null | undefined>();
      // @ts-expect-error only the meetings shape has primaryMeetingId
      e.requestParameters?.primaryMeetingId;
    }
  });

  it('isChimeEventIn narrows a name shared by several namespaces to one of them', () => {
    if (isChimeEventIn(record, 'meetings') && record.eventName === 'CreateMeeting') {
      expectTypeOf(record).toEqualTypeOf<ChimeEventOf<'CreateMeeting', 'meetings'>>();
      expectTypeOf(record.requestParameters?.primaryMeetingId).toEqualTypeOf<string | null | undefined>();
    }
    if (isChimeEvent(record) && record.eventName === 'CreateChannel' && isChimeEventIn(record, 'messaging')) {
      expectTypeOf(record).toEqualTypeOf<ChimeEventOf<'CreateChannel', 'messaging'>>();
      expectTypeOf(record.requestParameters?.expirationSettings).not.toBeUnknown();
    }
    if (isChimeEventIn(record, 'voice')) {
      expectTypeOf(record).toEqualTypeOf<ChimeEventIn<'voice'>>();
      // @ts-expect-error CreateMeeting is not a voice operation
      if (record.eventName === 'CreateMeeting') return;
    }
  });

  it('chimeNamespaceOf answers the namespace at run time', () => {
    expectTypeOf(chimeNamespaceOf(record)).toEqualTypeOf<
      'chime' | 'identity' | 'media-pipelines' | 'meetings' | 'messaging' | 'voice' | undefined
    >();
  });
});
