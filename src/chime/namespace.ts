import { chimeFixedHosts, chimeHostPrefixes, chimeHostSuffixes } from './generated/hosts.js';
import { chimeOperationsNamed } from './operations.js';
import type { ChimeNamespace } from './types.js';

/**
 * The fields of a record that {@link chimeNamespaceOf} and `isChimeEvent` read (any CloudTrail
 * record or Chime event has them).
 */
export interface ChimeRecordLike {
  /** `eventSource`, e.g. `chime.amazonaws.com`. */
  readonly eventSource?: unknown;
  /** `eventName`. */
  readonly eventName?: unknown;
  /** `awsRegion` (the legacy namespace is us-east-1 only). */
  readonly awsRegion?: unknown;
  /** `eventTime`, ISO-8601. */
  readonly eventTime?: unknown;
  /** `apiVersion`, when the record has one. */
  readonly apiVersion?: unknown;
  /** `tlsDetails`, whose `clientProvidedHostHeader` names the API host. */
  readonly tlsDetails?: { readonly clientProvidedHostHeader?: unknown } | null | undefined;
}

/**
 * The Chime event sources AWS documents for CloudTrail, plus the `chimesdk*` values of the API
 * models' CloudTrail traits in case they ever appear. {@link isChimeEventSource} accepts any
 * `chime*.amazonaws.com` source.
 */
export const chimeEventSources: readonly string[] = /* @__PURE__ */ Object.freeze([
  'chime.amazonaws.com',
  'chime-sdk-media-pipelines.amazonaws.com',
  'chime-sdk-voice.amazonaws.com',
  'chimesdkidentity.amazonaws.com',
  'chimesdkmediapipelines.amazonaws.com',
  'chimesdkmeetings.amazonaws.com',
  'chimesdkmessaging.amazonaws.com',
  'chimesdkvoice.amazonaws.com',
]);

const SOURCE = /^chime(?:-sdk-|sdk)?([a-z-]*)\.amazonaws\.com$/;
const SOURCE_NAMESPACES: Record<string, ChimeNamespace> = {
  identity: 'identity',
  mediapipelines: 'media-pipelines',
  'media-pipelines': 'media-pipelines',
  meetings: 'meetings',
  messaging: 'messaging',
  voice: 'voice',
};
/** apiVersion of each namespace, which is also the earliest date its events can have. */
const API_VERSIONS: Record<ChimeNamespace, string> = {
  chime: '2018-05-01',
  identity: '2021-04-20',
  'media-pipelines': '2021-07-15',
  meetings: '2021-07-15',
  messaging: '2021-05-15',
  voice: '2022-08-03',
};

let hostPattern: RegExp | undefined;
const hostNamespaces = new Map<string, ChimeNamespace>();

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The namespace of an API host (`tlsDetails.clientProvidedHostHeader`), from the SDK endpoint rules. */
function namespaceOfHost(header: string): ChimeNamespace | undefined {
  const host = header.toLowerCase().replace(/:\d+$/, '');
  const fixed = Object.hasOwn(chimeFixedHosts, host) ? chimeFixedHosts[host] : undefined;
  if (fixed) return fixed;
  if (!hostPattern) {
    for (const [ns, prefixes] of Object.entries(chimeHostPrefixes))
      for (const p of prefixes) hostNamespaces.set(p, ns as ChimeNamespace);
    const alt = (list: Iterable<string>) => [...list].map(escapeRegExp).join('|');
    hostPattern = new RegExp(`^(${alt(hostNamespaces.keys())})\\.[a-z0-9-]+\\.(?:${alt(chimeHostSuffixes)})$`);
  }
  const m = hostPattern.exec(host);
  return m ? hostNamespaces.get(m[1]!) : undefined;
}

/**
 * Whether an eventSource is a Chime one (`chime.amazonaws.com`, `chime-sdk-voice.amazonaws.com`,
 * `chimesdkmeetings.amazonaws.com`, ...: any `chime*.amazonaws.com`).
 *
 * @example
 * ```ts
 * import { isChimeEventSource } from 'cloudtrail-chime/chime';
 * isChimeEventSource('chime-sdk-voice.amazonaws.com'); // true
 * ```
 */
export function isChimeEventSource(source: unknown): source is string {
  return typeof source === 'string' && SOURCE.test(source);
}

/**
 * The API namespace of a Chime record, or `undefined` for a non-Chime record or when it cannot be
 * told. Evidence, best first: the eventSource (media pipelines and voice have their own); the API
 * host in `tlsDetails.clientProvidedHostHeader` (every host the AWS SDK endpoint rules build, such as
 * `chime.us-east-1.amazonaws.com`, `chime-fips.us-east-1.amazonaws.com`, `chime.us-east-1.api.aws`,
 * `meetings-chime.eu-central-1.amazonaws.com`, and `service.chime.aws.amazon.com`); the record's `apiVersion`; then the namespaces
 * whose tables hold the eventName, narrowed by region (the legacy namespace is us-east-1 only) and
 * date (no SDK namespace before its apiVersion date). A name shared by a legacy operation and a current
 * one resolves to the current one; a name shared by several current namespaces (e.g. `TagResource`)
 * is resolved from ARNs in `requestParameters` when possible, else `undefined`.
 *
 * @example
 * ```ts
 * import { chimeNamespaceOf } from 'cloudtrail-chime/chime';
 * chimeNamespaceOf({ eventSource: 'chime.amazonaws.com', eventName: 'CreateChannelFlow' }); // 'messaging'
 * chimeNamespaceOf({ eventSource: 'chime-sdk-voice.amazonaws.com', eventName: 'CreateSipRule' }); // 'voice'
 * ```
 */
export function chimeNamespaceOf(record: ChimeRecordLike | null | undefined): ChimeNamespace | undefined {
  const source = record?.eventSource;
  if (!isChimeEventSource(source)) return undefined;
  const fromSource = SOURCE_NAMESPACES[SOURCE.exec(source)![1]!];
  if (fromSource) return fromSource;
  const host = record!.tlsDetails?.clientProvidedHostHeader;
  const fromHost = typeof host === 'string' ? namespaceOfHost(host) : undefined;
  if (fromHost) return fromHost;
  // chime.amazonaws.com: legacy chime, identity, meetings or messaging
  let candidates = [...new Set(chimeOperationsNamed(String(record!.eventName)).map((op) => op.namespace))].filter(
    (ns) => ns !== 'voice' && ns !== 'media-pipelines',
  );
  const apiVersion = record!.apiVersion;
  const byVersion = candidates.filter((ns) => API_VERSIONS[ns] === apiVersion);
  if (byVersion.length > 0) candidates = byVersion;
  const region = record!.awsRegion;
  if (typeof region === 'string' && region !== 'us-east-1') candidates = candidates.filter((ns) => ns !== 'chime');
  const time = record!.eventTime;
  if (typeof time === 'string' && /^\d{4}-\d\d-\d\d/.test(time))
    candidates = candidates.filter((ns) => ns === 'chime' || time.slice(0, 10) >= API_VERSIONS[ns]);
  if (candidates.length > 1) candidates = candidates.filter((ns) => ns !== 'chime');
  if (candidates.length > 1) {
    const text = JSON.stringify((record as { requestParameters?: unknown }).requestParameters ?? null);
    const hint: ChimeNamespace = /:meeting\//.test(text)
      ? 'meetings'
      : /\/channel(?:-flow)?\//.test(text)
        ? 'messaging'
        : /:app-instance\//.test(text)
          ? 'identity'
          : 'chime';
    candidates = candidates.filter((ns) => ns === hint);
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}
