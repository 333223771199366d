/**
 * The Chime activity summary: counts by namespace, eventName, identity, errorCode and caller.
 * The `cloudtrail-chime summary` command and the web viewer both print it. Pure aggregation, no
 * Node modules.
 *
 * @module
 */
import { classifyIdentity } from '../identity/classify.js';
import { describeIdentity } from '../identity/describe.js';
import { identityKey } from '../identity/key.js';
import type { CredentialKind, Identity, IdentityKind } from '../identity/types.js';
import type { CloudTrailRecord } from '../schemas/record.js';
import { type ChimeRecordFilter, matchesChimeFilter } from './filter.js';
import { isChimeRecord } from './is-chime-event.js';
import { chimeNamespaceOf } from './namespace.js';
import type { ChimeNamespace } from './types.js';

/** Counts of the input that was read. */
export interface InputCounts {
  /**
   * Log and Insights files (or stdin streams) read to the end. Reported by the caller
   * ({@link ChimeSummaryBuilder.fileRead}); `summarizeChimeActivity` leaves it 0.
   */
  filesRead: number;
  /** Files (or paths, or stdin) that could not be read, or not to the end. */
  filesInvalid: number;
  /** Digest files found and skipped. */
  digestFiles: number;
  /** Records read (every service). */
  records: number;
  /** Records that were not valid JSON or not a CloudTrail record (skipped and reported). */
  invalidRecords: number;
  /**
   * Records counted here that came from files which then ended in an error (a truncated plain
   * file, say): each of them was whole and valid, the rest of its file could not be read.
   * Reported by the caller ({@link ChimeSummaryBuilder.recordsOfInvalidFile}).
   */
  recordsOfInvalidFiles: number;
  /** Records of other services (and Insights records), skipped. */
  nonChimeRecords: number;
  /** Chime records read, before filters. */
  chimeRecords: number;
  /** Chime records that passed the filters: the ones counted below. */
  matchedRecords: number;
}

/** One row of {@link ChimeSummary.byEvent}. */
export interface EventCount {
  /** The operation name. */
  eventName: string;
  /** Its API namespace, `null` when it cannot be told. */
  namespace: ChimeNamespace | null;
  /** Records. */
  count: number;
  /** Records with an `errorCode`. */
  errors: number;
}

/** One row of {@link ChimeSummary.byNamespace}. */
export interface NamespaceCount {
  /** The API namespace, `null` when it cannot be told. */
  namespace: ChimeNamespace | null;
  /** Records. */
  count: number;
  /** Records with an `errorCode`. */
  errors: number;
}

/** One row of {@link ChimeSummary.byIdentity}: callers grouped by kind and credentials. */
export interface IdentityCount {
  /** Who: the identity kind (`assumed-role`, `iam-user`...). */
  kind: IdentityKind;
  /** With which credentials. */
  credentials: CredentialKind;
  /** Records. */
  count: number;
  /** Records with an `errorCode`. */
  errors: number;
}

/** One row of {@link ChimeSummary.byErrorCode}. */
export interface ErrorCount {
  /** The `errorCode`. */
  errorCode: string;
  /** Records. */
  count: number;
}

/** One row of {@link ChimeSummary.topCallers}: one principal (grouped by `identityKey`). */
export interface CallerCount {
  /** The principal and its account, as `describeIdentity` names it without the credentials. */
  caller: string;
  /** Its identity kind. */
  kind: IdentityKind;
  /** Its ARN, when the record has one. */
  arn: string | null;
  /** Records. */
  count: number;
  /** Records with an `errorCode`. */
  errors: number;
  /** The distinct eventNames it called, in name order. */
  eventNames: string[];
}

/** What Chime activity a set of records holds, as `cloudtrail-chime summary --json` prints it. */
export interface ChimeSummary {
  /** What was read and skipped. */
  input: InputCounts;
  /** eventTime of the first and the last matched record (ISO-8601), `null` when there is none. */
  timeRange: { first: string | null; last: string | null };
  /** Matched records per namespace, most first. */
  byNamespace: NamespaceCount[];
  /** Matched records per namespace and eventName, most first. */
  byEvent: EventCount[];
  /** Matched records per identity kind and credentials, most first. */
  byIdentity: IdentityCount[];
  /** Matched records per errorCode, most first (records without an error are not listed). */
  byErrorCode: ErrorCount[];
  /** The callers with the most matched records, most first (at most `topCallers`, default 10). */
  topCallers: CallerCount[];
}

/** A Chime record that passed the filters, with what the summary worked out about it. */
export interface MatchedChimeRecord {
  /** The record. */
  record: CloudTrailRecord;
  /** Its namespace, `undefined` when it cannot be told. */
  namespace: ChimeNamespace | undefined;
  /** Its caller. */
  identity: Identity;
}

/** Options of {@link ChimeSummaryBuilder} and {@link summarizeChimeActivity}. */
export interface ChimeSummaryOptions {
  /** Which Chime records to count (default: all). */
  filter?: ChimeRecordFilter | undefined;
  /** Rows of `topCallers` (default 10; 0 for none). */
  topCallers?: number | undefined;
}

interface Bucket {
  count: number;
  errors: number;
}

const bump = <K>(map: Map<K, Bucket>, key: K, error: boolean): Bucket => {
  let bucket = map.get(key);
  if (bucket === undefined) map.set(key, (bucket = { count: 0, errors: 0 }));
  bucket.count++;
  if (error) bucket.errors++;
  return bucket;
};

/** Most first, then by label: a stable, deterministic order. */
const byCount = <T extends { count: number }>(label: (row: T) => string) => {
  return (a: T, b: T) => b.count - a.count || (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0);
};

/**
 * Accumulates a {@link ChimeSummary} one record at a time, in bounded memory (one entry per
 * distinct eventName, identity, errorCode and caller), for records that arrive as a stream.
 *
 * @example
 * ```ts
 * import { readRecords } from 'cloudtrail-chime';
 * import { ChimeSummaryBuilder } from 'cloudtrail-chime/chime';
 *
 * declare const body: Uint8Array; // a gzipped CloudTrail log file (a Blob or a stream works too)
 * const builder = new ChimeSummaryBuilder({ filter: { errorsOnly: true } });
 * for await (const record of readRecords(body)) builder.add(record);
 * builder.fileRead();
 * console.log(builder.result().byErrorCode);
 * ```
 */
export class ChimeSummaryBuilder {
  private readonly filter: ChimeRecordFilter;
  private readonly top: number;
  private readonly input: InputCounts = {
    filesRead: 0,
    filesInvalid: 0,
    digestFiles: 0,
    records: 0,
    invalidRecords: 0,
    recordsOfInvalidFiles: 0,
    nonChimeRecords: 0,
    chimeRecords: 0,
    matchedRecords: 0,
  };
  private first: string | undefined;
  private last: string | undefined;
  private readonly namespaces = new Map<ChimeNamespace | null, Bucket>();
  private readonly events = new Map<string, Bucket & { eventName: string; namespace: ChimeNamespace | null }>();
  private readonly identities = new Map<string, Bucket & { kind: IdentityKind; credentials: CredentialKind }>();
  private readonly errorCodes = new Map<string, Bucket>();
  private readonly callers = new Map<
    string,
    Bucket & { caller: string; kind: IdentityKind; arn: string | null; names: Set<string> }
  >();

  /** Creates an empty summary. */
  constructor(options: ChimeSummaryOptions = {}) {
    this.filter = options.filter ?? {};
    this.top = options.topCallers ?? 10;
  }

  /**
   * Counts one record read. Returns the record with its namespace and identity when it is a Chime
   * record that passed the filter (it is then counted in every table), else `undefined`.
   */
  add(record: CloudTrailRecord): MatchedChimeRecord | undefined {
    this.input.records++;
    if (!isChimeRecord(record)) {
      this.input.nonChimeRecords++;
      return undefined;
    }
    this.input.chimeRecords++;
    const namespace = chimeNamespaceOf(record);
    const identity = classifyIdentity(record.userIdentity, record);
    if (!matchesChimeFilter(this.filter, record, namespace, identity)) return undefined;
    this.input.matchedRecords++;

    const time = typeof record.eventTime === 'string' ? record.eventTime : undefined;
    if (time !== undefined) {
      if (this.first === undefined || time < this.first) this.first = time;
      if (this.last === undefined || time > this.last) this.last = time;
    }
    const errorCode = typeof record.errorCode === 'string' && record.errorCode !== '' ? record.errorCode : undefined;
    const failed = errorCode !== undefined;
    const ns = namespace ?? null;
    const eventName = record.eventName;

    bump(this.namespaces, ns, failed);
    const eventKey = `${ns ?? ''}\u0000${eventName}`;
    if (!this.events.has(eventKey)) this.events.set(eventKey, { eventName, namespace: ns, count: 0, errors: 0 });
    bump(this.events, eventKey, failed);
    const credentials = identity.credentials.kind;
    const idKey = `${identity.kind}\u0000${credentials}`;
    if (!this.identities.has(idKey))
      this.identities.set(idKey, { kind: identity.kind, credentials, count: 0, errors: 0 });
    bump(this.identities, idKey, failed);
    if (errorCode !== undefined) bump(this.errorCodes, errorCode, false);
    const callerKey = identityKey(identity);
    let row = this.callers.get(callerKey);
    if (row === undefined) {
      const caller = describeIdentity(identity, { credentials: false });
      row = { caller, kind: identity.kind, arn: identity.arn ?? null, names: new Set(), count: 0, errors: 0 };
      this.callers.set(callerKey, row);
    }
    bump(this.callers, callerKey, failed);
    row.names.add(eventName);
    return { record, namespace, identity };
  }

  /** Counts a file (or stdin) read to the end. */
  fileRead(): void {
    this.input.filesRead++;
  }

  /** Counts a file (or path) that could not be read, or not to the end. */
  fileInvalid(): void {
    this.input.filesInvalid++;
  }

  /** Counts digest files found and skipped. */
  digestFilesSkipped(count = 1): void {
    this.input.digestFiles += count;
  }

  /** Counts records read (and added) from a file that then ended in an error. */
  recordsOfInvalidFile(count: number): void {
    this.input.recordsOfInvalidFiles += count;
  }

  /** Counts a record that was skipped as invalid. */
  recordInvalid(): void {
    this.input.invalidRecords++;
  }

  /** The summary so far. */
  result(): ChimeSummary {
    return {
      input: { ...this.input },
      timeRange: { first: this.first ?? null, last: this.last ?? null },
      byNamespace: [...this.namespaces]
        .map(([namespace, b]) => ({ namespace, count: b.count, errors: b.errors }))
        .sort(byCount((r) => r.namespace ?? '~')),
      byEvent: [...this.events.values()]
        .map(({ eventName, namespace, count, errors }) => ({ eventName, namespace, count, errors }))
        .sort(byCount((r) => `${r.eventName}\u0000${r.namespace ?? '~'}`)),
      byIdentity: [...this.identities.values()]
        .map(({ kind, credentials, count, errors }) => ({ kind, credentials, count, errors }))
        .sort(byCount((r) => `${r.kind}\u0000${r.credentials}`)),
      byErrorCode: [...this.errorCodes]
        .map(([errorCode, b]) => ({ errorCode, count: b.count }))
        .sort(byCount((r) => r.errorCode)),
      topCallers: [...this.callers.values()]
        .map((r) => ({
          caller: r.caller,
          kind: r.kind,
          arn: r.arn,
          count: r.count,
          errors: r.errors,
          eventNames: [...r.names].sort(),
        }))
        .sort(byCount((r) => r.caller))
        .slice(0, this.top),
    };
  }
}

/**
 * Summarises the Chime activity of records already read: counts by namespace, eventName,
 * identity kind and credentials, errorCode, the time range and the top callers (named by
 * `describeIdentity`). Records of other services are counted as skipped. The same aggregation
 * as `cloudtrail-chime summary`; for a stream of records use {@link ChimeSummaryBuilder}.
 *
 * @param records - CloudTrail records, of any service
 * @param options - a filter (which Chime records to count) and the number of top callers
 * @example
 * ```ts
 * import { readLogFile } from 'cloudtrail-chime';
 * import { summarizeChimeActivity } from 'cloudtrail-chime/chime';
 *
 * declare const body: Uint8Array; // a gzipped CloudTrail log file
 * const file = await readLogFile(body);
 * if (file.kind === 'log') {
 *   const summary = summarizeChimeActivity(file.records, { filter: { namespaces: ['meetings'] }, topCallers: 3 });
 *   console.log(summary.input.matchedRecords, summary.byEvent[0], summary.topCallers);
 * }
 * ```
 */
export function summarizeChimeActivity(
  records: Iterable<CloudTrailRecord>,
  options?: ChimeSummaryOptions,
): ChimeSummary {
  const builder = new ChimeSummaryBuilder(options);
  for (const record of records) builder.add(record);
  return builder.result();
}
