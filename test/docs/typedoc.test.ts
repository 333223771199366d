/**
 * The API docs build clean: typedoc over the three entry points (typedoc.json) with warnings
 * treated as errors (validation: notExported, invalidLink) reports nothing. Runs typedoc with
 * `--emit none`, so docs/api/ is left alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../cli/helpers.js';

describe('typedoc', () => {
  it('documents the three entry points without warnings or errors', () => {
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 170_000,
    });
    const output = `${r.stdout}${r.stderr}`;
    const problems = output.split('\n').filter((l) => /\[(warning|error)\]/.test(l));
    expect(problems).toEqual([]);
    expect(r.status, output).toBe(0);
  }, 180_000);
});
