import { describe, expectTypeOf, it } from 'vitest';
import type {
  ChimeEvent,
  ChimeEventName,
  ChimeEventOf,
  ChimeRedactedValue,
  UnknownChimeEvent,
} from '../../src/chime/index.js';
import { chimeEventNames, isChimeEvent } from '../../src/chime/index.js';
import type { CloudTrailRecord } from '../../src/schemas/record.js';

declare const e: ChimeEvent;

describe('ChimeEvent narrowing', () => {
  it('media pipelines: CreateMediaCapturePipeline', () => {
    if (e.eventName === 'CreateMediaCapturePipeline') {
      expectTypeOf(e).toExtend<ChimeEventOf<'CreateMediaCapturePipeline'>>();
      expectTypeOf<'Hidden_For_Security_Reasons'>().toExtend<
        typeof e.requestParameters extends infer R ? (NonNullable<R> extends { sinkArn?: infer A } ? A : never) : never
      >();
      expectTypeOf<ChimeRedactedValue>().toExtend<string>();
      expectTypeOf(e.requestParameters?.sourceType).toExtend<string | null | undefined>();
      expectTypeOf(e.responseElements?.mediaCapturePipeline?.createdTimestamp).toEqualTypeOf<
        string | null | undefined
      >();
      // @ts-expect-error PascalCase is not how CloudTrail writes members
      e.requestParameters?.SinkArn;
    }
  });

  it('meetings + legacy chime (colliding name): CreateMeeting is the union of both shapes', () => {
    if (e.eventName === 'CreateMeeting') {
      expectTypeOf(e.requestParameters?.mediaRegion).toEqualTypeOf<string | null | undefined>();
      expectTypeOf<NonNullable<typeof e.requestParameters>>().toHaveProperty('externalMeetingId');
      const r = e.requestParameters;
      if (r && 'primaryMeetingId' in r) expectTypeOf(r.primaryMeetingId).toEqualTypeOf<string | null | undefined>();
    }
  });

  it('identity, messaging, voice, chime (current) and legacy chime', () => {
    switch (e.eventName) {
      case 'CreateAppInstanceUser':
        // current identity and legacy chime shapes: members only one of them has need an `in` check
        if (e.requestParameters && 'expirationSettings' in e.requestParameters)
          expectTypeOf(e.requestParameters.expirationSettings?.expirationDays).toEqualTypeOf<
            number | null | undefined
          >();
        break;
      case 'SendChannelMessage':
        expectTypeOf(e.responseElements?.channelArn).toEqualTypeOf<string | null | undefined>();
        break;
      case 'CreateVoiceConnector':
        expectTypeOf(e.requestParameters?.requireEncryption).toEqualTypeOf<boolean | null | undefined>();
        break;
      case 'CreateAccount':
        expectTypeOf(e.responseElements?.account?.supportedLicenses).toExtend<string[] | null | undefined>();
        break;
      case 'ListMeetings':
        expectTypeOf(e.requestParameters?.maxResults).toEqualTypeOf<number | null | undefined>();
        break;
      case 'ExpireChannel':
        expectTypeOf(e.requestParameters).toEqualTypeOf<null | undefined>();
        break;
    }
  });

  it('enums are literal unions open to new values', () => {
    type MuxType = NonNullable<
      NonNullable<
        NonNullable<
          NonNullable<ChimeEventOf<'CreateMediaCapturePipeline'>['requestParameters']>['chimeSdkMeetingConfiguration']
        >['artifactsConfiguration']
      >['audio']
    >['muxType'];
    expectTypeOf<'AudioOnly'>().toExtend<MuxType>();
    expectTypeOf<'SomethingNew'>().toExtend<MuxType>();
  });

  it('unknown events stay apart from known ones', () => {
    if (e.eventName === 'CreateMeeting') expectTypeOf(e).not.toExtend<UnknownChimeEvent>();
    expectTypeOf<UnknownChimeEvent>().toExtend<ChimeEvent>();
    // @ts-expect-error not an eventName of the catalog
    expectTypeOf<ChimeEventOf<'NoSuchOperation'>>().not.toBeNever();
    expectTypeOf<'CreateMeeting'>().toExtend<ChimeEventName>();
    expectTypeOf(chimeEventNames).toEqualTypeOf<readonly ChimeEventName[]>();
  });

  it('isChimeEvent narrows a CloudTrailRecord', () => {
    const r = {} as CloudTrailRecord;
    if (isChimeEvent(r) && r.eventName === 'StartVoiceToneAnalysisTask')
      expectTypeOf(r.requestParameters?.languageCode).toExtend<string | null | undefined>();
  });
});
