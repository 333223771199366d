/**
 * The record filters of the command line (`--namespace`, `--event-name`, `--since`, `--until`,
 * `--identity-kind`, `--credentials`, `--errors`), parsed into a `ChimeRecordFilter` (matching
 * lives with the summary in `cloudtrail-chime/chime`). Pure, no Node modules.
 *
 * @module
 */
import { type ChimeRecordFilter, chimeNamespaces } from '../chime/filter.js';
import type { ChimeNamespace } from '../chime/types.js';
import { type CredentialKind, type IdentityKind, identityKinds } from '../identity/types.js';

/** The credential kinds `--credentials` accepts. */
export const credentialKinds: readonly CredentialKind[] = ['long-term', 'temporary', 'none', 'unknown'];

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
  since?: string | undefined;
  /** `--until 2025-11-06T12:00Z`. */
  until?: string | undefined;
  /** `--identity-kind assumed-role,iam-user`, repeatable. */
  identityKind?: string[];
  /** `--credentials long-term,temporary`, repeatable. */
  credentials?: string[];
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

/** The values of a list option, each one of `allowed`. */
function oneOf<T extends string>(option: string, what: string, values: string[], allowed: readonly T[]): T[] {
  for (const v of values) {
    if (!(allowed as readonly string[]).includes(v)) {
      throw new FilterUsageError(`option '${option}': unknown ${what} '${v}' (one of ${allowed.join(', ')})`);
    }
  }
  return values as T[];
}

/**
 * Turns command-line filter options into a `ChimeRecordFilter`.
 *
 * @throws {FilterUsageError} for an unknown namespace, identity kind or credential kind, or a time that is not ISO-8601
 */
export function parseFilter(options: FilterOptions): ChimeRecordFilter {
  const filter: ChimeRecordFilter = {};
  const namespaces = list(options.namespace).map((n) => n.toLowerCase().replace(/^chime-sdk-/, ''));
  if (namespaces.length > 0) {
    filter.namespaces = oneOf<ChimeNamespace>('--namespace', 'namespace', namespaces, chimeNamespaces);
  }
  const names = list(options.eventName);
  if (names.length > 0) filter.eventNames = names;
  const kinds = list(options.identityKind);
  if (kinds.length > 0) filter.identityKinds = oneOf<IdentityKind>('--identity-kind', 'kind', kinds, identityKinds);
  const credentials = list(options.credentials);
  if (credentials.length > 0) {
    filter.credentials = oneOf<CredentialKind>('--credentials', 'credential kind', credentials, credentialKinds);
  }
  const since = parseTime('--since', options.since);
  const until = parseTime('--until', options.until);
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  if (options.errors === true) filter.errorsOnly = true;
  return filter;
}
