/**
 * Record filters of the CLI (`--namespace`, `--event-name`, `--since`, `--until`,
 * `--identity-kind`, `--errors`): parsing and matching. Pure, no Node modules.
 *
 * @module
 */
import type { ChimeNamespace } from '../chime/index.js';
import type { CloudTrailRecord, Identity, IdentityKind } from '../index.js';
import { identityKinds } from '../index.js';

/** The six Chime API namespaces. */
export const CHIME_NAMESPACES: readonly ChimeNamespace[] = [
  'chime',
  'identity',
  'media-pipelines',
  'meetings',
  'messaging',
  'voice',
];

/** Which Chime records to keep. Every condition that is set must hold. */
export interface RecordFilter {
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
  /** Keep records with an `errorCode` only. */
  errorsOnly?: boolean;
}

/** A filter option with a bad value: a usage error. */
export class FilterUsageError extends Error {
  /** Creates the error; `message` names the option and the bad value. */
  constructor(message: string) {
    super(message);
    this.name = 'FilterUsageError';
  }
}

/** The filter options as the command line gives them. */
export interface FilterOptions {
  /** `--namespace meetings,voice` (also `chime-sdk-meetings`), repeatable. */
  namespace?: string[];
  /** `--event-name CreateMeeting,CreateAttendee`, repeatable. */
  eventName?: string[];
  /** `--since 2025-11-05` or a full ISO-8601 time. */
  since?: string;
  /** `--until 2025-11-06T12:00Z`. */
  until?: string;
  /** `--identity-kind assumed-role,iam-user`, repeatable. */
  identityKind?: string[];
  /** `--errors`. */
  errors?: boolean;
}

/** Comma-separated, repeatable option values as one list. */
export const list = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

const ISO = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/i;

function parseTime(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = ISO.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new FilterUsageError(
      `option '${option}': '${value}' is not an ISO-8601 date or time (e.g. 2025-11-05T10:00Z)`,
    );
  }
  return ms;
}

/**
 * Turns command-line filter options into a {@link RecordFilter}.
 *
 * @throws {FilterUsageError} for an unknown namespace or identity kind, or a time that is not ISO-8601
 */
export function parseFilter(options: FilterOptions): RecordFilter {
  const filter: RecordFilter = {};
  const namespaces = list(options.namespace).map((n) => n.toLowerCase().replace(/^chime-sdk-/, ''));
  for (const n of namespaces) {
    if (!(CHIME_NAMESPACES as readonly string[]).includes(n)) {
      throw new FilterUsageError(
        `option '--namespace': unknown namespace '${n}' (one of ${CHIME_NAMESPACES.join(', ')})`,
      );
    }
  }
  if (namespaces.length > 0) filter.namespaces = namespaces as ChimeNamespace[];
  const names = list(options.eventName);
  if (names.length > 0) filter.eventNames = names;
  const kinds = list(options.identityKind);
  for (const k of kinds) {
    if (!(identityKinds as readonly string[]).includes(k)) {
      throw new FilterUsageError(`option '--identity-kind': unknown kind '${k}' (one of ${identityKinds.join(', ')})`);
    }
  }
  if (kinds.length > 0) filter.identityKinds = kinds as IdentityKind[];
  const since = parseTime('--since', options.since);
  const until = parseTime('--until', options.until);
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  if (options.errors === true) filter.errorsOnly = true;
  return filter;
}

/** Whether a Chime record (with its namespace and caller already worked out) passes the filter. */
export function matchesFilter(
  filter: RecordFilter,
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
  if (filter.errorsOnly && !(typeof record.errorCode === 'string' && record.errorCode !== '')) return false;
  return true;
}
