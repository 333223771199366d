// The bundle budgets, all in `.size-limit.json` (the one place they live; `npm run size` reads the
// same file). size-limit leaves peer dependencies out, so this test measures each entry of that
// file as a browser app pays for it: built dist/, bundled by esbuild for the browser, minified,
// gzip, with zod and fflate counted, and holds it to the same limit (counting zod can only add).
// Optional peers (`peerDependenciesMeta`, e.g. the S3 client a caller passes in) stay out, as in size-limit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleSize } from '../../scripts/bundle-size.mjs';
import { ensureDist, root } from '../node/dist.js';

interface Budget {
  name: string;
  path: string;
  import: string;
  limit: string;
}

const budgets = JSON.parse(readFileSync(join(root, '.size-limit.json'), 'utf8')) as Budget[];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
const optionalPeers = Object.entries(pkg.peerDependenciesMeta ?? {})
  .filter(([, meta]) => meta.optional)
  .map(([name]) => name);

/** size-limit's units (its `bytes-iec` parser): "12 KB" and "12 kB" are 12,000 bytes, "12 KiB" 12,288. */
function bytes(limit: string): number {
  const m = /^([\d.]+)\s*(B|KB|kB|KiB)$/.exec(limit.trim());
  if (!m) throw new Error(`unsupported limit "${limit}" in .size-limit.json`);
  return Math.round(
    Number(m[1]) * ({ B: 1, KB: 1000, kB: 1000, KiB: 1024 } as Record<string, number>)[m[2] as string]!,
  );
}

function measure(b: Budget) {
  ensureDist(b.path.replace(/^dist\//, ''));
  return bundleSize({ root, path: b.path, what: b.import, external: optionalPeers });
}

describe('bundle sizes (.size-limit.json budgets; esbuild, browser, minified + gzip, zod counted)', () => {
  const sizes: Record<string, { min: number; gzip: number }> = {};
  beforeAll(async () => {
    for (const b of budgets) sizes[b.name] = await measure(b);
    console.log('[bundle sizes, bytes]', JSON.stringify(sizes, null, 1));
  });

  it('has budgets', () => {
    expect(budgets.length).toBeGreaterThan(0);
  });

  for (const b of budgets) {
    it(`${b.name} ≤ ${b.limit}`, () => {
      expect(sizes[b.name]?.gzip).toBeLessThanOrEqual(bytes(b.limit));
    });
  }
});
