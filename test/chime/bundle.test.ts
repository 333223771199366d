import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** Bundles an entry; with `coreExternal`, the core reader (src/stream, src/schemas...) is left out. */
async function bundle(entry: string, coreExternal = false): Promise<string> {
  const result = await build({
    plugins: coreExternal
      ? [
          {
            name: 'core-external',
            setup(b) {
              b.onResolve({ filter: /^\.\.\/(?:stream|schemas)\// }, (args) => ({ path: args.path, external: true }));
            },
          },
        ]
      : [],
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    external: ['zod', 'fflate'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('bundles', () => {
  it('keeps the Chime catalog out of the core entry', async () => {
    const core = await bundle('src/index.ts');
    for (const needle of [
      'CreateMediaCapturePipeline',
      'chime-sdk-voice.amazonaws.com',
      'CreateSipMediaApplication',
      'ExpireAppInstanceUser',
      'ListChannelMessages',
    ])
      expect(core.includes(needle), needle).toBe(false);
  });

  // budgets live in .size-limit.json (test/browser/bundle-size.test.ts); this checks what is where
  it('puts the Chime runtime in ./chime, on top of the core reader it shares', async () => {
    const chime = await bundle('src/chime/index.ts', true);
    expect(chime).toContain('CreateMediaCapturePipeline');
    const whole = await bundle('src/chime/index.ts');
    expect(whole.length).toBeGreaterThan(chime.length);
  });

  it('generates deterministically: `npm run codegen -- --check` finds nothing stale', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts/codegen/generate.mjs'), '--check'], {
      cwd: root,
    }).toString();
    expect(out).toContain('unchanged');
  });
});
