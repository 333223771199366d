import type { ChimeEventsByNamespace } from './generated/events.js';
import type { ChimeEventRecord, ChimeNamespace } from './types.js';

/** Every known Chime / Chime SDK eventName. */
export type ChimeEventName = { [S in ChimeNamespace]: keyof ChimeEventsByNamespace[S] & string }[ChimeNamespace];

/** The namespaces that have an operation (or event) named `N`. */
export type ChimeNamespacesOf<N extends ChimeEventName> = {
  [S in ChimeNamespace]: N extends keyof ChimeEventsByNamespace[S] ? S : never;
}[ChimeNamespace];

/**
 * Every known Chime event of the namespaces `NS` (default: all), as a union discriminated by
 * `eventName`: what `isChimeEventIn(record, NS)` narrows to.
 */
export type ChimeEventIn<NS extends ChimeNamespace = ChimeNamespace> = {
  [S in NS]: {
    [N in keyof ChimeEventsByNamespace[S] & string]: ChimeEventsByNamespace[S][N] extends [infer Req, infer Res]
      ? ChimeEventRecord<N, S, Req, Res>
      : never;
  }[keyof ChimeEventsByNamespace[S] & string];
}[NS];

/**
 * The record type of the Chime event named `N` (a type error for names not in the catalog). A name
 * several namespaces share (`CreateMeeting`: meetings and legacy chime) gives one member per
 * namespace; give `NS` for that namespace's shapes only.
 *
 * @example
 * ```ts
 * import type { ChimeEventOf } from 'cloudtrail-chime/chime';
 * type CreateMeeting = ChimeEventOf<'CreateMeeting', 'meetings'>;
 * type Region = NonNullable<CreateMeeting['requestParameters']>['mediaRegion'];
 * ```
 */
export type ChimeEventOf<N extends ChimeEventName, NS extends ChimeNamespacesOf<N> = ChimeNamespacesOf<N>> = {
  [S in NS]: N extends keyof ChimeEventsByNamespace[S]
    ? ChimeEventsByNamespace[S][N] extends [infer Req, infer Res]
      ? ChimeEventRecord<N, S, Req, Res>
      : never
    : never;
}[NS];

/**
 * Any Chime event whose eventName is in the catalog: a union discriminated by `eventName`, so a
 * `switch` on it gives each operation's payload types. What `isChimeEvent` narrows to; records
 * with other names are `ChimeRecord`s only.
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
export type ChimeEvent = ChimeEventIn;

/** The `requestParameters` type of the Chime event named `N` (without `null`), optionally in namespace `NS`. */
export type ChimeRequestParametersOf<
  N extends ChimeEventName,
  NS extends ChimeNamespacesOf<N> = ChimeNamespacesOf<N>,
> = NonNullable<ChimeEventOf<N, NS>['requestParameters']>;

/** The `responseElements` type of the Chime event named `N` (without `null`), optionally in namespace `NS`. */
export type ChimeResponseElementsOf<
  N extends ChimeEventName,
  NS extends ChimeNamespacesOf<N> = ChimeNamespacesOf<N>,
> = NonNullable<ChimeEventOf<N, NS>['responseElements']>;
