/**
 * Amazon Chime / Chime SDK events: {@link isChimeRecord} and {@link readChimeEvents} for every record
 * from a Chime event source, the {@link ChimeEvent} union over every eventName of the six API
 * namespaces (current and legacy operations, and events no model lists) with {@link isChimeEvent} and
 * {@link isChimeEventIn}, namespace detection and a small operation table. Generated from pinned AWS
 * API models by `npm run codegen`.
 *
 * @module cloudtrail-chime/chime
 */
export type {
  ChimeEvent,
  ChimeEventIn,
  ChimeEventName,
  ChimeEventOf,
  ChimeNamespacesOf,
  ChimeRequestParametersOf,
  ChimeResponseElementsOf,
} from './events.js';
export { type ChimeRecordFilter, chimeNamespaces, matchesChimeFilter } from './filter.js';
export type { ChimeEventsByNamespace } from './generated/events.js';
export { chimeEventNames } from './generated/operations.js';
export type * as ChimeShapes from './generated/shapes-chime.js';
export type * as ChimeLegacyShapes from './generated/shapes-chime-legacy.js';
export type * as ChimeIdentityShapes from './generated/shapes-identity.js';
export type * as ChimeMediaPipelinesShapes from './generated/shapes-media-pipelines.js';
export type * as ChimeMeetingsShapes from './generated/shapes-meetings.js';
export type * as ChimeMessagingShapes from './generated/shapes-messaging.js';
export type * as ChimeUnmodeledShapes from './generated/shapes-unmodeled.js';
export type * as ChimeVoiceShapes from './generated/shapes-voice.js';
export { isChimeEvent, isChimeEventIn, isChimeRecord } from './is-chime-event.js';
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
  ChimeEpochTimestamp,
  ChimeEventRecord,
  ChimeNamespace,
  ChimeRecord,
  ChimeRedactedValue,
  ChimeSensitive,
  ChimeTimestamp,
} from './types.js';
