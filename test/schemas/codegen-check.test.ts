import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const generator = join(root, 'scripts/codegen/validator.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'validator-stale-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the validator generator on a copy of the sources; exit code and output. */
function run(...args: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [generator, '--src', scratch, ...args], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: e.stdout + e.stderr };
  }
}

describe('the generated validator is checked for staleness', () => {
  it('the committed validator is what the schemas generate', () => {
    cpSync(join(root, 'src/schemas'), join(scratch, 'src/schemas'), { recursive: true });
    expect(run('--check')).toMatchObject({ code: 0 });
  });

  it('--check fails with a clear message when a schema changed without regenerating', () => {
    const record = join(scratch, 'src/schemas/record.ts');
    const text = readFileSync(record, 'utf8');
    const anchor = '  insightDetails: InsightDetailsSchema.nullish(),\n});';
    expect(text).toContain(anchor);
    writeFileSync(
      record,
      text.replace(anchor, '  insightDetails: InsightDetailsSchema.nullish(),\n  brandNewField: topString(),\n});'),
    );
    const stale = run('--check');
    expect(stale.code).toBe(1);
    expect(stale.output).toContain('stale: src/schemas/generated/validator.ts');
    expect(stale.output).toContain("run 'npm run codegen'");
  });

  it('regenerating makes it fresh again, with the new field checked', () => {
    expect(run()).toMatchObject({ code: 0 });
    expect(run('--check')).toMatchObject({ code: 0 });
    expect(readFileSync(join(scratch, 'src/schemas/generated/validator.ts'), 'utf8')).toContain('brandNewField: ');
  });
});
