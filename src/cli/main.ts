/**
 * The `cloudtrail-chime` command line: `summary` and `events` over CloudTrail log files,
 * folders, pipes and stdin. {@link main} runs it with any streams (the tests run it in-process);
 * `bin.ts` runs it with the process's.
 *
 * Exit codes: 0 when every input was read; 1 when some input could not be read (a missing path,
 * a damaged file, an invalid record: each reported on stderr, the rest is still read); 2 on a
 * usage error (unknown command or option, bad option value, no inputs).
 *
 * @module
 */
import { once } from 'node:events';
import { Command, CommanderError, Option } from 'commander';
import { version } from '../../package.json';
import { chimeNamespaces, matchesChimeFilter } from '../chime/filter.js';
import { isChimeRecord } from '../chime/index.js';
import { ChimeSummaryBuilder, type MatchedChimeRecord } from '../chime/summary.js';
import { classifyIdentity, describeIdentity, identityKinds } from '../index.js';
import { credentialKinds, type FilterOptions, FilterUsageError, parseFilter } from './filters.js';
import { formatIssue, type InputIssue, readInputs, STDIN } from './inputs.js';
import { Progress, type ProgressStream } from './progress.js';
import type { S3InputOptions } from './s3-inputs.js';
import { formatEventLine, formatSummary } from './table.js';
import { addVerifyCommand } from './verify.js';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

/** The streams the CLI uses (default: the process's). */
export interface CliStreams {
  /** Results. `write` returning false means: wait for `'drain'` (when it has `once`/`on`). */
  stdout: ProgressStream & Partial<Pick<NodeJS.WriteStream, 'once' | 'on' | 'off'>>;
  /** Issues, progress (on a terminal) and usage errors. */
  stderr: ProgressStream;
  /** The input `-`. */
  stdin: AsyncIterable<Uint8Array | string>;
}

const NAME = 'cloudtrail-chime';
const HINT = `Run '${NAME} --help' for usage.`;

interface CommonOptions extends FilterOptions, S3InputOptions {
  progress?: boolean;
  concurrency?: number;
  allFiles?: boolean;
}
interface SummaryCommandOptions extends CommonOptions {
  json?: boolean;
  top?: number;
}
interface EventsCommandOptions extends CommonOptions {
  ndjson?: boolean;
  all?: boolean;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new FilterUsageError(`option '${name}': '${value}' is not a whole number`);
  return n;
};

function addCommonOptions(command: Command): Command {
  return command
    .argument(
      '<inputs...>',
      "log files (.json, .json.gz; named pipes too), folders (searched recursively), s3://bucket[/prefix] or '-' for stdin",
    )
    .option('--namespace <list>', `only these namespaces: ${chimeNamespaces.join(', ')}`, collect)
    .option(
      '--event-name <list>',
      'only these eventNames (comma-separated, e.g. CreateMeeting,CreateAttendee)',
      collect,
    )
    .option('--since <time>', 'only events at or after this ISO-8601 time (e.g. 2025-11-05 or 2025-11-05T10:00Z)')
    .option('--until <time>', 'only events before this ISO-8601 time')
    .option('--identity-kind <list>', `only callers of these kinds: ${identityKinds.join(', ')}`, collect)
    .option('--credentials <list>', `only callers with these credentials: ${credentialKinds.join(', ')}`, collect)
    .option('--errors', 'only events with an errorCode')
    .option(
      '--all-files',
      'in folders, read every *.json and *.json.gz (default: only files named like CloudTrail objects)',
    )
    .addOption(
      new Option('--concurrency <n>', 'worker threads (default: one per core)').argParser(positive('--concurrency')),
    )
    .option('--no-progress', 'no progress line on stderr (shown only on a terminal anyway)')
    .option('--account <list>', 's3:// inputs: only these accounts', collect)
    .option('--region <list>', 's3:// inputs: only these regions', collect)
    .option('--endpoint-url <url>', 's3:// inputs: an S3-compatible endpoint (path-style requests)');
}

/** Writes to stdout in batches, waiting when the pipe is full. */
class Output {
  private buffer = '';
  constructor(private readonly stream: CliStreams['stdout']) {}
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 65_536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    if (!this.stream.write(text) && this.stream.once) await once(this.stream as NodeJS.WriteStream, 'drain');
  }
}

type OnRecord = (
  builder: ChimeSummaryBuilder,
  record: Parameters<ChimeSummaryBuilder['add']>[0],
) => Promise<void> | void;

/** Reads the inputs into `builder`; resolves to the exit code and the issues met. */
async function run(
  io: CliStreams,
  inputs: string[],
  options: CommonOptions,
  builder: ChimeSummaryBuilder,
  onRecord: OnRecord,
): Promise<{ code: number; issues: InputIssue[] }> {
  const issues: InputIssue[] = [];
  const progress = new Progress(io.stderr, options.progress !== false && io.stderr.isTTY === true);
  const { records, stats } = readInputs(inputs, {
    concurrency: options.concurrency,
    allFiles: options.allFiles,
    stdin: io.stdin,
    s3: options,
    onIssue: (issue) => {
      issues.push(issue);
      progress.done();
      io.stderr.write(`${formatIssue(issue)}\n`);
    },
  });
  let count = 0;
  try {
    for await (const { record } of records) {
      count++;
      await onRecord(builder, record);
      if ((count & 255) === 0) progress.update({ ...stats, records: count });
    }
  } finally {
    progress.done();
  }
  for (let i = 0; i < stats.filesRead; i++) builder.fileRead();
  for (let i = 0; i < stats.filesInvalid; i++) builder.fileInvalid();
  for (let i = 0; i < stats.invalidRecords; i++) builder.recordInvalid();
  builder.recordsOfInvalidFile(stats.recordsOfInvalidFiles);
  builder.digestFilesSkipped(stats.digestFiles);
  if (stats.files === 0 && stats.filesInvalid === 0) {
    io.stderr.write(
      `${NAME}: warning: no CloudTrail log files found in ${inputs.join(', ')}` +
        `${options.allFiles ? '' : ' (--all-files reads every *.json and *.json.gz)'}\n`,
    );
  }
  return { code: issues.length > 0 ? EXIT.invalidInput : EXIT.ok, issues };
}

function terminalWidth(io: CliStreams): number {
  const columns = io.stdout.isTTY ? io.stdout.columns : undefined;
  return Math.min(80, columns !== undefined && columns >= 40 ? columns : 80);
}

async function summaryCommand(io: CliStreams, inputs: string[], options: SummaryCommandOptions): Promise<number> {
  const filter = parseFilter(options);
  const builder = new ChimeSummaryBuilder({ filter, topCallers: options.top ?? 10 });
  const { code, issues } = await run(io, inputs, options, builder, (b, record) => void b.add(record));
  const summary = builder.result();
  // --json: the summary, then every file and record that could not be read
  const text = options.json
    ? `${JSON.stringify({ ...summary, invalid: issues }, null, 2)}\n`
    : formatSummary(summary, {
        width: terminalWidth(io),
        source: inputs.map((i) => (i === STDIN ? '<stdin>' : i)).join(', '),
      });
  const out = new Output(io.stdout);
  await out.write(text);
  await out.flush();
  return code;
}

async function eventsCommand(io: CliStreams, inputs: string[], options: EventsCommandOptions): Promise<number> {
  const filter = parseFilter(options);
  const builder = new ChimeSummaryBuilder({ filter, topCallers: 0 });
  const out = new Output(io.stdout);
  // text lines fit the terminal; piped, they are not cut
  const width = io.stdout.isTTY ? (io.stdout.columns ?? 80) : Number.POSITIVE_INFINITY;
  const emit = async (m: MatchedChimeRecord) => {
    if (options.ndjson) await out.write(`${JSON.stringify(m.record)}\n`);
    else {
      const r = m.record;
      const line = formatEventLine(
        {
          time: String(r.eventTime ?? ''),
          namespace:
            m.namespace ?? (isChimeRecord(r) ? '?' : String(r.eventSource ?? '-').replace(/\.amazonaws\.com$/, '')),
          eventName: String(r.eventName ?? r.eventType ?? ''),
          errorCode: typeof r.errorCode === 'string' ? r.errorCode : '',
          caller: describeIdentity(m.identity),
        },
        width,
      );
      await out.write(`${line}\n`);
    }
  };
  const { code } = await run(io, inputs, options, builder, async (b, record) => {
    const matched = b.add(record);
    if (matched) return emit(matched);
    if (options.all && !isChimeRecord(record)) {
      const identity = classifyIdentity(record.userIdentity, record);
      if (matchesChimeFilter(filter, record, undefined, identity))
        return emit({ record, namespace: undefined, identity });
    }
  });
  await out.flush();
  return code;
}

/** Builds the command-line program; actions store their exit code in `result.code`. */
export function createProgram(result: { code: number }, io: CliStreams = processStreams()): Command {
  const program = new Command();
  program
    .name(NAME)
    .description(
      'Summarise Amazon Chime / Chime SDK activity in AWS CloudTrail log files.\n\n' +
        'Exit codes: 0 all input read, 1 some input invalid (reported on stderr), 2 usage error.',
    )
    .version(version, '-v, --version')
    .exitOverride()
    .showHelpAfterError(HINT)
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: (text, write) => write(text.startsWith('error:') ? `${NAME}: ${text}` : text),
    });

  addCommonOptions(
    program
      .command('summary')
      .description('counts of the Chime events: by namespace, eventName, identity, errorCode, top callers'),
  )
    .option('--json', 'print the summary as JSON, with the files and records that could not be read')
    .addOption(
      new Option('--top <n>', 'rows of the top-callers table (0: no table)').default(10).argParser(positive('--top')),
    )
    .action(async (inputs: string[], options: SummaryCommandOptions) => {
      result.code = await summaryCommand(io, inputs, options);
    });

  addCommonOptions(
    program
      .command('events')
      .description('the matching Chime records: one JSON per line (--ndjson) or one text line each'),
  )
    .option('--ndjson', 'one JSON record per line (for jq)')
    .option('--all', 'also print records of other services (the filters still apply)')
    .action(async (inputs: string[], options: EventsCommandOptions) => {
      result.code = await eventsCommand(io, inputs, options);
    });

  addVerifyCommand(program, result, io);

  program.addHelpText(
    'after',
    `\nExamples:\n  $ ${NAME} summary examples/logs\n  $ ${NAME} summary --json --namespace meetings,voice AWSLogs/\n  $ ${NAME} events --ndjson --errors AWSLogs/ | jq .eventName\n  $ gunzip -c file.json.gz | ${NAME} summary -`,
  );
  return program;
}

/** The process's streams. */
function processStreams(): CliStreams {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}

/**
 * Runs the CLI with `argv` (as `process.argv`: node, script, then the arguments) and resolves to
 * the exit code. Writes to `io` (default: the process's streams); never exits the process.
 */
export async function main(argv: readonly string[], io: CliStreams = processStreams()): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = createProgram(result, io);
  try {
    await program.parseAsync([...argv]);
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof FilterUsageError) {
      io.stderr.write(`${NAME}: error: ${error.message}\n${HINT}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`${NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.invalidInput;
  }
}
