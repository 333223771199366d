import type { ChimeEventMap } from './generated/events.js';
import type { UnknownChimeEvent } from './types.js';

/** Every known Chime / Chime SDK eventName. */
export type ChimeEventName = keyof ChimeEventMap;

/**
 * The record type of the Chime event named `N` (a type error for names not in the catalog).
 *
 * @example
 * ```ts
 * import type { ChimeEventOf } from 'cloudtrail-chime/chime';
 * type CreateMeeting = ChimeEventOf<'CreateMeeting'>;
 * type Region = NonNullable<CreateMeeting['requestParameters']>['mediaRegion'];
 * ```
 */
export type ChimeEventOf<N extends ChimeEventName> = ChimeEventMap[N];

/** Any Chime event whose eventName is in the catalog (a union discriminated by `eventName`). */
export type KnownChimeEvent = ChimeEventMap[ChimeEventName];

/**
 * Any record from a Chime event source: a {@link KnownChimeEvent}, discriminated by `eventName`, or
 * an {@link UnknownChimeEvent}. Comparing `eventName` with a known name narrows to that member.
 *
 * @example
 * ```ts
 * import type { ChimeEvent } from 'cloudtrail-chime/chime';
 * function sinks(e: ChimeEvent): string | undefined {
 *   if (e.eventName === 'CreateMediaCapturePipeline') return e.requestParameters?.sinkArn ?? undefined;
 *   return undefined;
 * }
 * ```
 */
export type ChimeEvent = KnownChimeEvent | UnknownChimeEvent;

/** The `requestParameters` type of the Chime event named `N` (without `null`). */
export type ChimeRequestParametersOf<N extends ChimeEventName> = NonNullable<ChimeEventMap[N]['requestParameters']>;

/** The `responseElements` type of the Chime event named `N` (without `null`). */
export type ChimeResponseElementsOf<N extends ChimeEventName> = NonNullable<ChimeEventMap[N]['responseElements']>;
