/**
 * The main-thread half of `readLogFiles`' fast path: the records of a whole, already inflated
 * and decoded log file, with one `JSON.parse` and the schema's quick pre-check per record (as
 * the core's whole-body path does). Anything unusual returns `undefined`, and the caller hands
 * the file to the streaming core reader, which gives the exact errors.
 *
 * @internal
 * @module
 */
import type { CloudTrailRecord } from '../schemas/record.js';
import type { ReadOptions } from '../stream/types.js';

/** `checkRecord` of the core (loaded lazily: it brings in zod). @internal */
export type RecordCheck = (value: unknown) => { success: boolean };

/** True when options allow the whole-body fast path (as the core's `readWholeBody`). @internal */
export function fastPathAllowed(options: Pick<ReadOptions, 'format' | 'strict'>): boolean {
  const format = options.format ?? 'auto';
  return (format === 'auto' || format === 'log-file') && options.strict !== true;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The records of a plain log-file text (`{"Records": [...]}` with a single `"Records"` key),
 * each checked with `check` (none: `validate: false`), or `undefined` to take the core reader.
 *
 * @internal
 */
export function wholeTextRecords(text: string, check: RecordCheck | undefined): CloudTrailRecord[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isPlainObject(doc)) return undefined;
  const records = doc.Records;
  if (!Array.isArray(records)) return undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!isPlainObject(r)) return undefined;
    if (check !== undefined && !check(r).success) return undefined;
  }
  return records as CloudTrailRecord[];
}
