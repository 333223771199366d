// The built declarations as strict consumers see them: strict, exactOptionalPropertyTypes,
// skipLibCheck off, NodeNext resolution through the exports map (craft.md §3.9, consumer types);
// with the DOM lib and @types/node, with @types/node only (no DOM lib), and with the DOM lib only.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ensureDist, root } from '../node/dist.js';

/** Core and Chime entries: what every runtime can import. */
const portable = `
import {
  CloudTrailRecordSchema, classifyIdentity, describeIdentity, fromCloudWatchLogs, identityKey, importCloudTrailPublicKey,
  isCloudTrailParseError, readLogFile, readRecords, verifyDigestChain, verifyDigestFile, parseLogFileKey,
  type CloudTrailRecord, type Identity, type ReadOptions,
} from 'cloudtrail-chime';
import {
  chimeNamespaceOf, isChimeEvent, isChimeEventIn, isChimeRecord, readChimeEvents,
  type ChimeEvent, type ChimeEventOf, type ChimeRecord,
} from 'cloudtrail-chime/chime';

/** Settings as a program gets them from its configuration: every field may be undefined. */
export interface Config {
  signal: AbortSignal | undefined;
  maxRecordBytes: number | undefined;
  format: ReadOptions['format'];
  concurrency: number | undefined;
}

export async function portable(body: Uint8Array, cfg: Config): Promise<unknown[]> {
  const out: unknown[] = [];
  // exactOptionalPropertyTypes: every option accepts an explicit undefined
  const options: ReadOptions = {
    signal: cfg.signal,
    maxRecordBytes: cfg.maxRecordBytes,
    format: cfg.format,
    onInvalid: undefined,
    validate: undefined,
    strict: undefined,
  };
  for await (const r of readRecords(body, options)) {
    const id: Identity = classifyIdentity(r.userIdentity, r);
    out.push(describeIdentity(id, { credentials: undefined }), identityKey(id));
    if (isChimeRecord(r)) out.push(r.eventName.toLowerCase(), r.eventName === 'SomeOperationNewerThanTheCatalog');
    if (isChimeEvent(r)) out.push(chimeNamespaceOf(r));
    if (isChimeEventIn(r, 'meetings') && r.eventName === 'CreateMeeting') out.push(r.requestParameters?.primaryMeetingId);
  }
  for await (const e of readChimeEvents(body, { signal: cfg.signal })) {
    const record: ChimeRecord = e;
    if (isChimeEvent(e) && e.eventName === 'CreateMediaCapturePipeline') out.push(e.requestParameters?.sinkArn);
    out.push(record.eventName, classifyIdentity(e.userIdentity, e).kind);
  }
  const file = await readLogFile(body, { signal: cfg.signal, onInvalid: undefined });
  if (file.kind === 'digest') out.push(file.digest.digestEndTime);
  out.push(await fromCloudWatchLogs('', { signal: cfg.signal, maxBytes: cfg.maxRecordBytes }));
  const publicKey = await importCloudTrailPublicKey(body);
  out.push(
    await verifyDigestFile({
      digest: body,
      location: { bucket: 'b', key: 'k' },
      signature: undefined,
      publicKey,
      logFile: undefined,
      signal: cfg.signal,
      concurrency: cfg.concurrency,
    }),
    await verifyDigestChain({
      newest: { bucket: 'b', key: 'k' },
      readObject: async () => undefined,
      publicKeys: publicKey,
      logFile: undefined,
      olderThan: undefined,
      limit: undefined,
      onDigest: undefined,
      signal: cfg.signal,
      concurrency: cfg.concurrency,
    }),
  );
  const r: CloudTrailRecord = CloudTrailRecordSchema.parse({});
  const meeting: ChimeEventOf<'CreateMeeting', 'meetings'> | undefined = undefined;
  const any: ChimeEvent | undefined = undefined;
  out.push(r, meeting, any, isCloudTrailParseError(null), parseLogFileKey('x'));
  return out;
}
`;

/** The ./node entry (needs @types/node). */
const nodeOnly = `
import { readLogFiles } from 'cloudtrail-chime/node';
import type { Config } from './portable.js';

export async function files(cfg: Config): Promise<unknown[]> {
  const out: unknown[] = [];
  const options = { concurrency: cfg.concurrency, signal: cfg.signal, onInvalid: undefined, batchSize: undefined, workerUrl: undefined, maxRecordBytes: cfg.maxRecordBytes };
  for await (const { file, record } of readLogFiles(['.'], options)) out.push(file, record.eventName);
  return out;
}
`;

function typeCheck(name: string, files: Record<string, string>, options: { lib: string[]; types: string[] }): string[] {
  ensureDist();
  const dir = join(root, 'node_modules', '.cache', `consumer-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(root, join(dir, 'node_modules', 'cloudtrail-chime'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const entries = Object.entries(files).map(([file, text]) => {
    writeFileSync(join(dir, file), text);
    return join(dir, file);
  });
  const program = ts.createProgram(entries, {
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: options.lib,
    types: options.types,
    typeRoots: [join(root, 'node_modules', '@types')],
    noEmit: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(dir.length + 1)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe('declarations under strict consumers (exactOptionalPropertyTypes, skipLibCheck: false)', () => {
  it('Node and DOM libs together', () => {
    const diagnostics = typeCheck(
      'full',
      { 'portable.ts': portable, 'node.ts': nodeOnly },
      { lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: ['node'] },
    );
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it('a Node-only project: lib ES2023, types node, no DOM lib', () => {
    const diagnostics = typeCheck(
      'node-only',
      { 'portable.ts': portable, 'node.ts': nodeOnly },
      { lib: ['lib.es2023.d.ts'], types: ['node'] },
    );
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it('a browser-only project: DOM lib, no @types/node', () => {
    const diagnostics = typeCheck(
      'dom-only',
      { 'portable.ts': portable },
      { lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: [] },
    );
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it('the checks can fail: an option typo and a wrong type are reported', () => {
    const diagnostics = typeCheck(
      'negative',
      {
        'bad.ts': `import { readRecords } from 'cloudtrail-chime';
export const a = readRecords('', { signl: undefined });
export const b = readRecords('', { maxRecordBytes: 'big' });`,
      },
      { lib: ['lib.es2023.d.ts'], types: ['node'] },
    );
    expect(diagnostics).toHaveLength(2);
  }, 120_000);
});
