/**
 * The `cloudtrail-chime` command line: `summary` and `events` over CloudTrail log files,
 * folders and stdin.
 *
 * Exit codes: 0 when every input was read; 1 when some input could not be read (a missing path,
 * a damaged file, an invalid record: each reported on stderr, the rest is still read); 2 on a
 * usage error (unknown command or option, bad option value, no inputs).
 *
 * @module
 */
import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { Command } from 'commander';
import { version } from '../../package.json';
import { isChimeEvent } from '../chime/index.js';
import { classifyIdentity, describeIdentity } from '../index.js';
import { type FilterOptions, FilterUsageError, matchesFilter, parseFilter, type RecordFilter } from './filters.js';
import { formatIssue, readInputs, STDIN } from './inputs.js';
import { Progress } from './progress.js';
import type { S3InputOptions } from './s3-inputs.js';
import { ChimeSummaryBuilder, type MatchedChimeRecord } from './summary.js';
import { formatEventLine, formatSummary } from './table.js';
import { addVerifyCommand } from './verify.js';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

// commander is CommonJS bundled into this ESM file: give it a `require` before loading it
const scope = globalThis as { require?: unknown };
scope.require ??= createRequire(import.meta.url);
const { Command: CommandClass, CommanderError, Option } = await import('commander');

const NAME = 'cloudtrail-chime';
const HINT = `Run '${NAME} --help' for usage.`;

interface CommonOptions extends FilterOptions, S3InputOptions {
  progress?: boolean;
  concurrency?: number;
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
      "log files (.json, .json.gz), folders (searched recursively), s3://bucket[/prefix] or '-' for stdin",
    )
    .option(
      '--namespace <list>',
      'only these namespaces: chime, identity, media-pipelines, meetings, messaging, voice',
      collect,
    )
    .option(
      '--event-name <list>',
      'only these eventNames (comma-separated, e.g. CreateMeeting,CreateAttendee)',
      collect,
    )
    .option('--since <time>', 'only events at or after this ISO-8601 time (e.g. 2025-11-05 or 2025-11-05T10:00Z)')
    .option('--until <time>', 'only events before this ISO-8601 time')
    .option('--identity-kind <list>', 'only callers of these kinds (e.g. assumed-role,iam-user)', collect)
    .option('--errors', 'only events with an errorCode')
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
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= 65_536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    if (!process.stdout.write(text)) await once(process.stdout, 'drain');
  }
}

async function run(
  inputs: string[],
  options: CommonOptions,
  onRecord: (
    builder: ChimeSummaryBuilder,
    filter: RecordFilter,
    record: Parameters<ChimeSummaryBuilder['add']>[0],
  ) => Promise<void> | void,
  builder: ChimeSummaryBuilder,
  filter: RecordFilter,
): Promise<number> {
  let issues = 0;
  const progress = new Progress(process.stderr, options.progress !== false && process.stderr.isTTY === true);
  const { records, stats } = readInputs(inputs, {
    concurrency: options.concurrency,
    s3: options,
    onIssue: (issue) => {
      issues++;
      progress.done();
      process.stderr.write(`${formatIssue(issue)}\n`);
    },
  });
  let count = 0;
  try {
    for await (const { record } of records) {
      count++;
      await onRecord(builder, filter, record);
      if ((count & 255) === 0) progress.update({ ...stats, records: count });
    }
  } finally {
    progress.done();
  }
  for (let i = 0; i < stats.filesRead; i++) builder.fileRead();
  for (let i = 0; i < stats.filesInvalid; i++) builder.fileInvalid();
  for (let i = 0; i < stats.invalidRecords; i++) builder.recordInvalid();
  builder.digestFilesSkipped(stats.digestFiles);
  if (stats.files === 0 && stats.filesInvalid === 0) {
    process.stderr.write(`${NAME}: warning: no log files (*.json, *.json.gz) found in ${inputs.join(', ')}\n`);
  }
  return issues > 0 ? EXIT.invalidInput : EXIT.ok;
}

function terminalWidth(): number {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  return Math.min(80, columns !== undefined && columns >= 40 ? columns : 80);
}

async function summaryCommand(inputs: string[], options: SummaryCommandOptions): Promise<number> {
  const filter = parseFilter(options);
  const builder = new ChimeSummaryBuilder({ filter, topCallers: options.top ?? 10 });
  const code = await run(inputs, options, (b, _f, record) => void b.add(record), builder, filter);
  const summary = builder.result();
  const text = options.json
    ? `${JSON.stringify(summary, null, 2)}\n`
    : formatSummary(summary, {
        width: terminalWidth(),
        source: inputs.map((i) => (i === STDIN ? '<stdin>' : i)).join(', '),
      });
  const out = new Output();
  await out.write(text);
  await out.flush();
  return code;
}

async function eventsCommand(inputs: string[], options: EventsCommandOptions): Promise<number> {
  const filter = parseFilter(options);
  const builder = new ChimeSummaryBuilder({ filter, topCallers: 0 });
  const out = new Output();
  // text lines fit the terminal; piped, they are not cut
  const width = process.stdout.isTTY ? (process.stdout.columns ?? 80) : Number.POSITIVE_INFINITY;
  const emit = async (m: MatchedChimeRecord) => {
    if (options.ndjson) await out.write(`${JSON.stringify(m.record)}\n`);
    else {
      const r = m.record;
      const line = formatEventLine(
        {
          time: String(r.eventTime ?? ''),
          namespace:
            m.namespace ?? (isChimeEvent(r) ? '?' : String(r.eventSource ?? '-').replace(/\.amazonaws\.com$/, '')),
          eventName: String(r.eventName ?? r.eventType ?? ''),
          errorCode: typeof r.errorCode === 'string' ? r.errorCode : '',
          caller: describeIdentity(m.identity),
        },
        width,
      );
      await out.write(`${line}\n`);
    }
  };
  const code = await run(
    inputs,
    options,
    async (b, f, record) => {
      const matched = b.add(record);
      if (matched) return emit(matched);
      if (options.all && !isChimeEvent(record)) {
        const identity = classifyIdentity(record.userIdentity, record);
        if (matchesFilter(f, record, undefined, identity)) return emit({ record, namespace: undefined, identity });
      }
    },
    builder,
    filter,
  );
  await out.flush();
  return code;
}

/** Builds the command-line program; actions store their exit code in `result.code`. */
export function createProgram(result: { code: number }): Command {
  const program = new CommandClass();
  program
    .name(NAME)
    .description(
      'Summarise Amazon Chime / Chime SDK activity in AWS CloudTrail log files.\n\n' +
        'Exit codes: 0 all input read, 1 some input invalid (reported on stderr), 2 usage error.',
    )
    .version(version, '-v, --version')
    .exitOverride()
    .showHelpAfterError(HINT)
    .configureOutput({ outputError: (text, write) => write(text.startsWith('error:') ? `${NAME}: ${text}` : text) });

  addCommonOptions(
    program
      .command('summary')
      .description('counts of the Chime events: by namespace, eventName, identity, errorCode, top callers'),
  )
    .option('--json', 'print the summary as JSON')
    .addOption(new Option('--top <n>', 'rows of the top-callers table').default(10).argParser(positive('--top')))
    .action(async (inputs: string[], options: SummaryCommandOptions) => {
      result.code = await summaryCommand(inputs, options);
    });

  addCommonOptions(
    program
      .command('events')
      .description('the matching Chime records: one JSON per line (--ndjson) or one text line each'),
  )
    .option('--ndjson', 'one JSON record per line (for jq)')
    .option('--all', 'also print records of other services (the filters still apply)')
    .action(async (inputs: string[], options: EventsCommandOptions) => {
      result.code = await eventsCommand(inputs, options);
    });

  addVerifyCommand(program, result);

  program.addHelpText(
    'after',
    `\nExamples:\n  $ ${NAME} summary examples/logs\n  $ ${NAME} summary --json --namespace meetings,voice AWSLogs/\n  $ ${NAME} events --ndjson --errors AWSLogs/ | jq .eventName\n  $ gunzip -c file.json.gz | ${NAME} summary -`,
  );
  return program;
}

/** Runs the CLI with `argv` (as `process.argv`) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const result = { code: EXIT.ok as number };
  const program = createProgram(result);
  try {
    await program.parseAsync([...argv]);
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      if (error.code === 'commander.help' || error.code === 'commander.executeSubCommandAsync') {
        return EXIT.usage;
      }
      return EXIT.usage;
    }
    if (error instanceof FilterUsageError) {
      process.stderr.write(`${NAME}: error: ${error.message}\n${HINT}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`${NAME}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.invalidInput;
  }
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // the reader went away (`| head`): stop quietly
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
