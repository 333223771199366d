/**
 * Which Chime records a summary counts: {@link ChimeRecordFilter} and its test. Pure, no Node
 * modules.
 *
 * @module
 */
import type { CredentialKind, Identity, IdentityKind } from '../identity/types.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import type { ChimeNamespace } from './types.js';

/** The six Chime API namespaces, in name order. */
export const chimeNamespaces: readonly ChimeNamespace[] = [
  'chime',
  'identity',
  'media-pipelines',
  'meetings',
  'messaging',
  'voice',
];

/** Which Chime records to keep. Every condition that is set must hold. */
export interface ChimeRecordFilter {
  /** Keep these namespaces only. */
  namespaces?: readonly ChimeNamespace[];
  /** Keep these eventNames only (compared case-insensitively). */
  eventNames?: readonly string[];
  /** Keep records at or after this time (epoch milliseconds). */
  since?: number;
  /** Keep records before this time (epoch milliseconds). */
  until?: number;
  /** Keep callers of these identity kinds only. */
  identityKinds?: readonly IdentityKind[];
  /** Keep callers whose credentials are of these kinds only (`long-term`, `temporary`, `none`, `unknown`). */
  credentials?: readonly CredentialKind[];
  /** Keep records with an `errorCode` only. */
  errorsOnly?: boolean;
}

/**
 * Whether a Chime record passes the filter, given its namespace and caller (as
 * `chimeNamespaceOf` and `classifyIdentity` tell them).
 *
 * @example
 * ```ts
 * import { classifyIdentity } from 'cloudtrail-chime';
 * import { chimeNamespaceOf, matchesChimeFilter } from 'cloudtrail-chime/chime';
 *
 * const record = { eventSource: 'chime.amazonaws.com', eventName: 'CreateMeeting', errorCode: 'ThrottlingException' };
 * const keep = matchesChimeFilter({ errorsOnly: true }, record, chimeNamespaceOf(record), classifyIdentity(undefined));
 * console.log(keep); // true
 * ```
 */
export function matchesChimeFilter(
  filter: ChimeRecordFilter,
  record: CloudTrailRecord,
  namespace: ChimeNamespace | undefined,
  identity: Identity,
): boolean {
  if (filter.namespaces && (namespace === undefined || !filter.namespaces.includes(namespace))) return false;
  if (filter.eventNames) {
    const name = String(record.eventName ?? '').toLowerCase();
    if (!filter.eventNames.some((n) => n.toLowerCase() === name)) return false;
  }
  if (filter.since !== undefined || filter.until !== undefined) {
    const time = Date.parse(String(record.eventTime));
    if (Number.isNaN(time)) return false;
    if (filter.since !== undefined && time < filter.since) return false;
    if (filter.until !== undefined && time >= filter.until) return false;
  }
  if (filter.identityKinds && !filter.identityKinds.includes(identity.kind)) return false;
  if (filter.credentials && !filter.credentials.includes(identity.credentials.kind)) return false;
  if (filter.errorsOnly && !(typeof record.errorCode === 'string' && record.errorCode !== '')) return false;
  return true;
}
