import type { CloudTrailRecord } from '../schemas/record.js';

/**
 * A timestamp whose wire format in the API model is ISO-8601 (`date-time`), as CloudTrail writes it
 * in `requestParameters` / `responseElements`: a string, usually with milliseconds
 * (`"2022-03-08T20:28:41.336Z"`), never a `Date`.
 */
export type ChimeTimestamp = string;

/**
 * A timestamp whose wire format in the API model is epoch seconds (identity, messaging, legacy
 * `chime` members, media pipelines' `TimestampRange`). No public record shows how CloudTrail writes
 * these, so both an ISO string and a number are accepted.
 */
export type ChimeEpochTimestamp = string | number;

/**
 * Placeholders CloudTrail writes in place of a sensitive value. Known spellings are listed for
 * editor completion; any other string is accepted.
 */
export type ChimeRedactedValue = 'HIDDEN_DUE_TO_SECURITY_REASONS' | 'Hidden_For_Security_Reasons' | (string & {});

/**
 * A member the API model marks sensitive, or a list / map / structure that holds one at any depth:
 * CloudTrail may log its value, a placeholder string ({@link ChimeRedactedValue}) in place of the
 * value or the whole container, or nothing at all. Test `typeof v === 'string'` before reading a
 * container's members.
 */
export type ChimeSensitive<T> = T | ChimeRedactedValue;

/** The API namespace of a Chime event (`chime` is the legacy Amazon Chime namespace). */
export type ChimeNamespace = 'chime' | 'identity' | 'media-pipelines' | 'meetings' | 'messaging' | 'voice';

/** The fields of a CloudTrail record that Chime records keep as they are. */
type RecordRest = {
  [K in keyof CloudTrailRecord as K extends 'eventSource' | 'eventName' | 'requestParameters' | 'responseElements'
    ? never
    : K]: CloudTrailRecord[K];
};

/**
 * A CloudTrail record from a Chime event source whose `eventName` is a string: what
 * `isChimeRecord` accepts and `readChimeEvents` yields. `eventName` may be any operation, including
 * ones newer than the catalog; test it with `isChimeEvent` to get typed payloads.
 */
export interface ChimeRecord extends RecordRest {
  /** A Chime event source, e.g. `chime.amazonaws.com`, `chime-sdk-voice.amazonaws.com`. */
  eventSource: string;
  /** The operation name. */
  eventName: string;
  /** The request, as CloudTrail logs it. */
  requestParameters?: CloudTrailRecord['requestParameters'];
  /** The response, as CloudTrail logs it (often `null`). */
  responseElements?: CloudTrailRecord['responseElements'];
}

/** Type-level key of {@link ChimeEventRecord}'s namespace; never present at run time. */
declare const chimeNamespaceKey: unique symbol;

/**
 * A CloudTrail record of the Chime event `N` in namespace `NS`: `eventName` is the literal `N`, and
 * the payloads are typed from that namespace's API model (`never` when the operation has no input or
 * output). Both payloads may be `null` or missing: CloudTrail writes `null` responses for reads and
 * failed calls.
 */
export interface ChimeEventRecord<N extends string, NS extends ChimeNamespace, Req, Res> extends RecordRest {
  /** A Chime event source. */
  eventSource: string;
  /** The operation name. */
  eventName: N;
  /** The request, as CloudTrail logs it (lowerCamelCase members, sensitive ones possibly masked). */
  requestParameters?: Req | null | undefined;
  /** The response, as CloudTrail logs it (often `null`). */
  responseElements?: Res | null | undefined;
  /**
   * Type-level only, never present at run time: the namespace whose shapes type the payloads, so that
   * `isChimeEventIn` narrows a name shared by several namespaces to one of them.
   */
  readonly [chimeNamespaceKey]?: NS;
}
