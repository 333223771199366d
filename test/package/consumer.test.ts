// The built declarations as a strict consumer sees them: strict, exactOptionalPropertyTypes,
// skipLibCheck off, NodeNext resolution through the exports map (craft.md §3.9, consumer types).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ensureDist, root } from '../node/dist.js';

const consumer = `
import { CloudTrailRecordSchema, classifyIdentity, describeIdentity, isCloudTrailParseError, readLogFile, readRecords, verifyDigestFile, parseLogFileKey, type CloudTrailRecord, type Identity } from 'cloudtrail-chime';
import { chimeNamespaceOf, isChimeEvent, readChimeEvents, type ChimeEvent, type ChimeEventOf } from 'cloudtrail-chime/chime';
import { readLogFiles, verifyTrailFolder } from 'cloudtrail-chime/node';
import { readTrail, verifyTrail, type TrailVerification } from 'cloudtrail-chime/s3';
import { S3Client } from '@aws-sdk/client-s3';
import type { ListPublicKeysCommandOutput } from '@aws-sdk/client-cloudtrail';

export async function use(body: Uint8Array): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const r of readRecords(body, { onInvalid: (issue) => out.push(issue.recordIndex), format: 'auto' })) {
    const id: Identity = classifyIdentity(r.userIdentity, r);
    out.push(describeIdentity(id), isChimeEvent(r) ? chimeNamespaceOf(r) : undefined);
  }
  for await (const e of readChimeEvents(body)) {
    if (e.eventName === 'CreateMediaCapturePipeline') out.push(e.requestParameters?.sinkArn, chimeNamespaceOf(e));
    out.push(classifyIdentity(e.userIdentity, e).kind);
  }
  for await (const { file, record } of readLogFiles(['.'], { concurrency: 1 })) out.push(file, record.eventName);
  const file = await readLogFile(body);
  if (file.kind === 'digest') out.push(file.digest.digestEndTime);
  const r: CloudTrailRecord = CloudTrailRecordSchema.parse({});
  const meeting: ChimeEventOf<'CreateMeeting'> | undefined = undefined;
  const any: ChimeEvent | undefined = undefined;
  out.push(r, meeting, any, isCloudTrailParseError(null), parseLogFileKey('x'), typeof verifyDigestFile);
  const client = new S3Client({ region: 'us-east-1' });
  const range = { client, bucket: 'b', since: '2026-11-01', until: new Date(), signal: undefined };
  for await (const { key, record } of readTrail({ ...range, concurrency: 4, onInvalid: (i) => out.push(i.key) })) out.push(key, record.eventName);
  const keys = {} as ListPublicKeysCommandOutput;
  const result: TrailVerification = await verifyTrail({ ...range, publicKeys: keys });
  out.push(result.counts.digests.valid, (await verifyTrailFolder('.', { publicKeys: new Uint8Array(0) })).valid);
  return out;
}
`;

describe('declarations under a strict consumer', () => {
  it('type-check with exactOptionalPropertyTypes and skipLibCheck: false', () => {
    ensureDist();
    const dir = join(root, 'node_modules', '.cache', 'consumer-check');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(root, join(dir, 'node_modules', 'cloudtrail-chime'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const entry = join(dir, 'index.ts');
    writeFileSync(entry, consumer);
    const program = ts.createProgram([entry], {
      strict: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: false,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      noEmit: true,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 120_000);
});
