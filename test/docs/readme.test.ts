/**
 * Every ```ts code block of README.md and docs/*.md type-checks against the sources, as a module
 * of its own, with the project's compiler options (strict; `cloudtrail-chime`,
 * `cloudtrail-chime/chime` and `cloudtrail-chime/node` mapped to src/). A block may declare what
 * it assumes (`declare const body: Uint8Array;`); a block fenced ```ts no-check is skipped.
 * Also: the demo output pasted in README.md is what `npm run demo` prints.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCli, root, runCli } from '../cli/helpers.js';
import { type Block, blocks, docs, where } from './blocks.js';

/** Blocks go under node_modules/.cache so that packages resolve and no project tool sees them. */
const outDir = join(root, 'node_modules/.cache/cloudtrail-chime-docs-check');
const fileOf = (b: Block) => join(outDir, `${b.name}.ts`);

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return {
    ...parsed.options,
    noEmit: true,
    moduleDetection: ts.ModuleDetectionKind.Force,
    paths: {
      'cloudtrail-chime': [join(root, 'src/index.ts')],
      'cloudtrail-chime/chime': [join(root, 'src/chime/index.ts')],
      'cloudtrail-chime/node': [join(root, 'src/node/index.ts')],
      'cloudtrail-chime/s3': [join(root, 'src/s3/index.ts')],
    },
  };
}

const all = docs().flatMap(blocks);

describe('code samples in README.md and docs/*.md', () => {
  let diagnostics = new Map<string, string[]>();

  beforeAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    for (const b of all) writeFileSync(fileOf(b), b.code);
    const program = ts.createProgram(
      all.map((b) => fileOf(b)),
      compilerOptions(),
    );
    diagnostics = new Map(
      all.map((b) => {
        const source = program.getSourceFile(fileOf(b))!;
        const list = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
        return [
          b.name,
          list.map((d) => {
            const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
            const where = pos ? `${b.doc.slice(root.length + 1)}:${b.line + 1 + pos.line}:${pos.character + 1}` : '';
            return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
          }),
        ];
      }),
    );
  }, 120_000);

  it('README.md has code samples', () => {
    expect(all.filter((b) => b.doc.endsWith('README.md')).length).toBeGreaterThan(5);
  });

  it.each(all.map((b) => [where(b), b] as const))('%s type-checks', (_, b) => {
    expect(diagnostics.get(b.name)).toEqual([]);
  });
});

describe('README.md demo', () => {
  it('shows what `npm run demo` prints', () => {
    ensureCli();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const m = /<!-- demo:start -->\s*```text\n([\s\S]*?)```\s*<!-- demo:end -->/.exec(readme);
    expect(m, 'README.md has a demo block between <!-- demo:start --> and <!-- demo:end -->').not.toBeNull();
    const r = runCli(['summary', 'examples/logs']);
    expect(r.code).toBe(0);
    expect(m![1]).toBe(r.stdout);
  });
});
