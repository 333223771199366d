/**
 * Time ranges of trail listings: parsing `since` / `until` and the day folders they span.
 *
 * @module
 */

/** A point in time: a `Date`, an ISO 8601 string (`2026-11-20`, `2026-11-20T10:00Z`) or epoch milliseconds. */
export type TimeInput = Date | string | number;

/** @internal A half-open range [since, until) in epoch milliseconds. */
export interface TimeRange {
  since: number;
  until: number;
}

const DAY = 86_400_000;

/** @internal Epoch milliseconds of a {@link TimeInput}; `RangeError` when it is not a time. */
export function toTime(value: TimeInput, name: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new RangeError(`${name}: ${JSON.stringify(String(value))} is not a time (use an ISO 8601 date or a Date)`);
  }
  return ms;
}

/** @internal The range of `since` / `until` (either may be absent: unbounded). */
export function toRange(since: TimeInput | undefined, until: TimeInput | undefined): TimeRange {
  const range = {
    since: since === undefined ? Number.NEGATIVE_INFINITY : toTime(since, 'since'),
    until: until === undefined ? Number.POSITIVE_INFINITY : toTime(until, 'until'),
  };
  if (range.since >= range.until) throw new RangeError('since must be before until');
  return range;
}

/** @internal The `YYYY/MM/DD/` folders of the UTC days that [since, until) touches, oldest first. */
export function dayFolders(range: TimeRange): string[] {
  const days: string[] = [];
  for (let day = Math.floor(range.since / DAY) * DAY; day < range.until; day += DAY) {
    days.push(`${new Date(day).toISOString().slice(0, 10).replaceAll('-', '/')}/`);
  }
  return days;
}

/** @internal True when the folder `YYYY/MM/DD/` (or `YYYY/` or `YYYY/MM/`) may hold times of the range. */
export function folderInRange(folder: string, range: TimeRange): boolean {
  const parts = folder.split('/').filter((p) => p !== '');
  const [y, m, d] = parts.map(Number) as [number, number | undefined, number | undefined];
  if (!Number.isInteger(y)) return false;
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  const end = d !== undefined ? start + DAY : m !== undefined ? Date.UTC(y, m, 1) : Date.UTC(y + 1, 0, 1);
  return start < range.until && end > range.since;
}

/** @internal True when the ISO time `time` is in the range. */
export function timeInRange(time: string | undefined, range: TimeRange): boolean {
  if (time === undefined) return false;
  const ms = Date.parse(time);
  return ms >= range.since && ms < range.until;
}
