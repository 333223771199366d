/**
 * One-line progress on stderr, redrawn at most ten times a second, only on a terminal.
 *
 * @module
 */

/** The stream progress is drawn on (`process.stderr`). */
export interface ProgressStream {
  /** True on a terminal: progress is drawn only then. */
  isTTY?: boolean;
  /** Terminal width. */
  columns?: number;
  /** Writes text. */
  write(text: string): boolean;
}

/** What progress shows. */
export interface ProgressState {
  /** Files read so far. */
  filesRead: number;
  /** Files to read. */
  files: number;
  /** Bytes read so far (on disk: compressed size for gzip files; files count when finished, stdin as it flows). */
  bytesRead: number;
  /** Bytes to read (size of the files found; stdin adds what it has delivered). */
  bytes: number;
  /** Records read so far. */
  records: number;
}

/** `12.3 MB`. */
export const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

/** The progress line: `files 3/20 · 1.2/4.0 MB · 12,345 records · 6,789 records/s`. */
export function progressLine(state: ProgressState, seconds: number): string {
  const rate = Math.round(state.records / Math.max(0.001, seconds)).toLocaleString('en-US');
  return `files ${state.filesRead}/${state.files} · ${mb(state.bytesRead)}/${mb(state.bytes)} MB · ${state.records.toLocaleString('en-US')} records · ${rate} records/s`;
}

/** A throttled one-line progress display; does nothing when the stream is not a terminal. */
export class Progress {
  private readonly stream: ProgressStream;
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  /** `enabled` defaults to whether `stream` is a terminal. */
  constructor(stream: ProgressStream, enabled: boolean = stream.isTTY === true) {
    this.stream = stream;
    this.enabled = enabled;
  }

  /** Redraws the line if the last redraw is more than 100 ms old. */
  update(state: ProgressState): void {
    if (!this.enabled) return;
    this.draw(progressLine(state, (Date.now() - this.started) / 1000));
  }

  /** Redraws the line with `line` if the last redraw is more than 100 ms old. */
  draw(line: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    this.stream.write(`\r\x1b[2K${line.slice(0, width)}`);
    this.drawn = true;
  }

  /** Clears the line. */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
