/**
 * Aligned plain-text tables that fit a terminal width, and the text rendering of a
 * {@link ChimeSummary}. Pure, no Node modules.
 *
 * @module
 */
import type { ChimeSummary } from '../chime/summary.js';

/** One column of {@link renderTable}. */
export interface Column {
  /** Header text. */
  header: string;
  /** `right` for numbers (default `left`). */
  align?: 'left' | 'right';
  /** Never narrower than this when shrinking to fit (default: the header's width, at most 12). */
  min?: number;
}

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** Largest line width (default 80). */
  width?: number;
  /** Prefix of every line (default two spaces), counted in the width. */
  indent?: string;
  /** Spaces between columns (default 2). */
  gap?: number;
}

/** Cuts `text` to `width` characters, ending with `…` when it was longer. */
export function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

const len = (text: string) => Array.from(text).length;
const pad = (text: string, width: number, align: 'left' | 'right') => {
  const fill = ' '.repeat(Math.max(0, width - len(text)));
  return align === 'right' ? fill + text : text + fill;
};

/**
 * Renders rows as an aligned table (header first) whose lines fit `width`: when the natural
 * widths are too wide, the widest left-aligned columns shrink first and long cells end with `…`.
 * Lines carry no trailing spaces.
 *
 * @example
 * ```ts
 * renderTable([{ header: 'EVENT' }, { header: 'COUNT', align: 'right' }], [['CreateMeeting', '12']]);
 * // ['  EVENT          COUNT', '  CreateMeeting     12']
 * ```
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string[] {
  const width = options.width ?? 80;
  const indent = options.indent ?? '  ';
  const gap = options.gap ?? 2;
  const widths = columns.map((c, i) => Math.max(len(c.header), ...rows.map((r) => len(r[i] ?? ''))));
  const budget = width - len(indent) - gap * Math.max(0, columns.length - 1);
  const mins = columns.map((c, i) =>
    c.align === 'right' ? widths[i]! : Math.min(widths[i]!, c.min ?? Math.min(12, len(c.header))),
  );
  let excess = widths.reduce((s, w) => s + w, 0) - budget;
  while (excess > 0) {
    // shrink the widest column that can still shrink, one character at a time
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      if (widths[i]! > mins[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest]!--;
    excess--;
  }
  const line = (cells: readonly string[]) =>
    (
      indent +
      columns
        .map((c, i) => pad(truncate(cells[i] ?? '', widths[i]!), widths[i]!, c.align ?? 'left'))
        .join(' '.repeat(gap))
    ).trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)];
}

const number = (n: number) => n.toLocaleString('en-US');

/** Options of {@link formatSummary}. */
export interface FormatSummaryOptions {
  /** Largest line width (default 80). */
  width?: number;
  /** What was read, for the title (e.g. `examples/logs`). */
  source?: string;
}

/**
 * The text report of `cloudtrail-chime summary`: what was read, the time range, then tables by
 * namespace, by event, by identity, by error code and the top callers (left out when
 * `topCallers` is empty, as with `--top 0`), every line at most `width` (default 80) characters.
 */
export function formatSummary(summary: ChimeSummary, options: FormatSummaryOptions = {}): string {
  const width = options.width ?? 80;
  const t = { width };
  const { input } = summary;
  const out: string[] = [];
  out.push(truncate(`Chime activity${options.source ? ` in ${options.source}` : ''}`, width));
  const facts: [string, string][] = [
    [
      'files',
      `${number(input.filesRead)} read, ${number(input.filesInvalid)} invalid, ${number(input.digestFiles)} digest skipped`,
    ],
    [
      'records',
      `${number(input.records)} read, ${number(input.chimeRecords)} Chime, ${number(input.nonChimeRecords)} other skipped, ${number(input.invalidRecords)} invalid`,
    ],
    // records counted although their file ended in an error (each record whole and valid)
    ...(input.recordsOfInvalidFiles > 0
      ? ([
          [
            'kept',
            `${number(input.recordsOfInvalidFiles)} whole record${input.recordsOfInvalidFiles === 1 ? '' : 's'} of files that ended in an error`,
          ],
        ] as [string, string][])
      : []),
    ['matched', `${number(input.matchedRecords)} Chime records`],
    [
      'time range',
      summary.timeRange.first === null ? '-' : `${summary.timeRange.first} … ${summary.timeRange.last ?? ''}`,
    ],
  ];
  for (const [label, value] of facts) out.push(truncate(`  ${label.padEnd(11)} ${value}`, width));
  if (input.matchedRecords === 0) {
    out.push('', 'No Chime records matched.');
    return `${out.join('\n')}\n`;
  }
  const ns = (n: string | null) => n ?? '?';
  out.push('', 'By namespace');
  out.push(
    ...renderTable(
      [{ header: 'NAMESPACE' }, { header: 'EVENTS', align: 'right' }, { header: 'ERRORS', align: 'right' }],
      summary.byNamespace.map((r) => [ns(r.namespace), number(r.count), number(r.errors)]),
      t,
    ),
  );
  out.push('', 'By event');
  out.push(
    ...renderTable(
      [
        { header: 'EVENT NAME', min: 20 },
        { header: 'NAMESPACE', min: 9 },
        { header: 'COUNT', align: 'right' },
        { header: 'ERRORS', align: 'right' },
      ],
      summary.byEvent.map((r) => [r.eventName, ns(r.namespace), number(r.count), number(r.errors)]),
      t,
    ),
  );
  out.push('', 'By identity');
  out.push(
    ...renderTable(
      [
        { header: 'KIND' },
        { header: 'CREDENTIALS' },
        { header: 'COUNT', align: 'right' },
        { header: 'ERRORS', align: 'right' },
      ],
      summary.byIdentity.map((r) => [r.kind, r.credentials, number(r.count), number(r.errors)]),
      t,
    ),
  );
  out.push('', 'By error code');
  out.push(
    ...(summary.byErrorCode.length === 0
      ? ['  (no errors)']
      : renderTable(
          [{ header: 'ERROR CODE' }, { header: 'COUNT', align: 'right' }],
          summary.byErrorCode.map((r) => [r.errorCode, number(r.count)]),
          t,
        )),
  );
  // `--top 0`: no callers table
  if (summary.topCallers.length === 0) return `${out.join('\n')}\n`;
  out.push('', 'Top callers');
  out.push(
    ...renderTable(
      [
        { header: 'CALLER', min: 24 },
        { header: 'EVENTS', align: 'right' },
        { header: 'ERRORS', align: 'right' },
      ],
      summary.topCallers.map((r) => [r.caller, number(r.count), number(r.errors)]),
      t,
    ),
  );
  return `${out.join('\n')}\n`;
}

/** The fields of one line of `cloudtrail-chime events` (text mode). */
export interface EventLine {
  /** eventTime. */
  time: string;
  /** Namespace (or the service, for other records). */
  namespace: string;
  /** eventName. */
  eventName: string;
  /** errorCode, or empty. */
  errorCode: string;
  /** `describeIdentity` of the caller. */
  caller: string;
}

/**
 * One event as a line of fixed-width columns (time, namespace, eventName, errorCode, caller),
 * cut to `width` with `…`, so lines stay aligned while streaming.
 */
export function formatEventLine(event: EventLine, width = 80): string {
  const cell = (text: string, w: number) => pad(truncate(text, w), w, 'left');
  const line =
    cell(event.time, 20) +
    ' ' +
    cell(event.namespace, 15) +
    ' ' +
    cell(event.eventName, 28) +
    ' ' +
    (event.errorCode === '' ? '' : `[${event.errorCode}] `) +
    event.caller;
  return truncate(line, width).trimEnd();
}
