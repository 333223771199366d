/**
 * The main-thread half of `readLogFiles`' fast path: the records of a whole, already inflated
 * and decoded log file, through the core's whole-body path (one `JSON.parse`, the schema's
 * pre-check per record). Anything unusual returns `undefined`, and the caller hands the file to
 * the streaming core reader, which gives the exact errors.
 *
 * @internal
 * @module
 */
import type { CloudTrailRecord } from '../schemas/record.js';
import { recordsOfText, wholeBodyAllowed } from '../stream/whole-body.js';

/** A record check: only whether one is given matters (none: `validate: false`). @internal */
export type RecordCheck = (value: unknown) => { success: boolean };

/** True when options allow the whole-body fast path (as the core's). @internal */
export const fastPathAllowed = wholeBodyAllowed;

/** The records of a plain log-file text, or `undefined` to take the core reader. @internal */
export function wholeTextRecords(text: string, check: RecordCheck | undefined): CloudTrailRecord[] | undefined {
  return recordsOfText(text, check !== undefined);
}
