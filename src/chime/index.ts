/**
 * Amazon Chime / Chime SDK events: the {@link ChimeEvent} union over every eventName of the six API
 * namespaces (current and legacy operations, and events no model lists), namespace detection, a
 * small operation table, {@link readChimeEvents} and the activity summary
 * ({@link summarizeChimeActivity}). The event types are generated from pinned AWS API models.
 *
 * @module cloudtrail-chime/chime
 */
export type {
  ChimeEvent,
  ChimeEventName,
  ChimeEventOf,
  ChimeRequestParametersOf,
  ChimeResponseElementsOf,
  KnownChimeEvent,
} from './events.js';
export { type ChimeRecordFilter, chimeNamespaces, matchesChimeFilter } from './filter.js';
export type { ChimeEventMap } from './generated/events.js';
export { chimeEventNames } from './generated/operations.js';
export type * as ChimeShapes from './generated/shapes-chime.js';
export type * as ChimeLegacyShapes from './generated/shapes-chime-legacy.js';
export type * as ChimeIdentityShapes from './generated/shapes-identity.js';
export type * as ChimeMediaPipelinesShapes from './generated/shapes-media-pipelines.js';
export type * as ChimeMeetingsShapes from './generated/shapes-meetings.js';
export type * as ChimeMessagingShapes from './generated/shapes-messaging.js';
export type * as ChimeUnmodeledShapes from './generated/shapes-unmodeled.js';
export type * as ChimeVoiceShapes from './generated/shapes-voice.js';
export { isChimeEvent } from './is-chime-event.js';
export { type ChimeRecordLike, chimeEventSources, chimeNamespaceOf, isChimeEventSource } from './namespace.js';
export {
  type ChimeOperation,
  chimeOperation,
  chimeOperations,
  chimeOperationsNamed,
  isChimeEventName,
} from './operations.js';
export { readChimeEvents } from './read-chime-events.js';
export {
  type CallerCount,
  type ChimeSummary,
  ChimeSummaryBuilder,
  type ChimeSummaryOptions,
  type ErrorCount,
  type EventCount,
  type IdentityCount,
  type InputCounts,
  type MatchedChimeRecord,
  type NamespaceCount,
  summarizeChimeActivity,
} from './summary.js';
export type {
  ChimeEventRecord,
  ChimeNamespace,
  ChimeRecordBase,
  ChimeRedactedValue,
  ChimeSensitive,
  ChimeTimestamp,
  UnknownChimeEvent,
  UnknownChimeEventName,
} from './types.js';
