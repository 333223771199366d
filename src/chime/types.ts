import type { CloudTrailRecord } from '../schemas/record.js';

/**
 * A timestamp as CloudTrail writes it in `requestParameters` / `responseElements`: an ISO-8601
 * string, usually with milliseconds (`"2022-03-08T20:28:41.336Z"`), never a `Date` or a number.
 */
export type ChimeTimestamp = string;

/**
 * Placeholders CloudTrail writes in place of a sensitive value. Known spellings are listed for
 * editor completion; any other string is accepted.
 */
export type ChimeRedactedValue = 'HIDDEN_DUE_TO_SECURITY_REASONS' | 'Hidden_For_Security_Reasons' | (string & {});

/**
 * A member the API model marks sensitive: CloudTrail may log its value, a placeholder string
 * ({@link ChimeRedactedValue}) or nothing at all.
 */
export type ChimeSensitive<T> = T | ChimeRedactedValue;

/** The API namespace of a Chime event (`chime` is the legacy Amazon Chime namespace). */
export type ChimeNamespace = 'chime' | 'identity' | 'media-pipelines' | 'meetings' | 'messaging' | 'voice';

/** The fields of {@link CloudTrailRecord} that every Chime event keeps as they are. */
export type ChimeRecordBase = {
  [K in keyof CloudTrailRecord as K extends 'eventName' | 'requestParameters' | 'responseElements'
    ? never
    : K]: CloudTrailRecord[K];
};

/**
 * A CloudTrail record of the Chime event `N`: `eventName` is the literal `N`, and the payloads are
 * typed from the API models (`never` when the operation has no input or output). Both payloads
 * may be `null` or missing: CloudTrail writes `null` responses for reads and failed calls.
 */
export interface ChimeEventRecord<N extends string, Req, Res> extends ChimeRecordBase {
  /** The operation name. */
  eventName: N;
  /** The request, as CloudTrail logs it (lowerCamelCase members, sensitive ones possibly masked). */
  requestParameters?: Req | null | undefined;
  /** The response, as CloudTrail logs it (often `null`). */
  responseElements?: Res | null | undefined;
}

/**
 * The `eventName` of an {@link UnknownChimeEvent}: a string at run time, typed as a branded `String`
 * so that comparing a {@link ChimeEvent}'s `eventName` with a known name (`=== 'CreateMeeting'`,
 * `case 'CreateMeeting':`) narrows to that name's member only. Use `String(e.eventName)` or a
 * `typeof e.eventName === 'string'` check where a primitive `string` is needed.
 */
export interface UnknownChimeEventName extends String {
  /** Type-level brand only; never present at run time. */
  readonly __unknownChimeEvent: true;
}

/**
 * A record from a Chime event source whose eventName is in no table (an operation AWS added
 * after the pinned models, or a private console call). Never dropped: {@link isChimeEvent} accepts
 * it and `readChimeEvents` yields it, with untyped payloads.
 */
export interface UnknownChimeEvent extends ChimeRecordBase {
  /** The operation name, not one of {@link ChimeEventName} (see {@link UnknownChimeEventName}). */
  eventName?: UnknownChimeEventName | null | undefined;
  /** The request, untyped. */
  requestParameters?: { [key: string]: unknown } | null | undefined;
  /** The response, untyped. */
  responseElements?: { [key: string]: unknown } | null | undefined;
}
