import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const doc = join(dirname(fileURLToPath(import.meta.url)), '../../docs/integrity.md');

// The example is type-checked separately (tsc with `cloudtrail-chime` mapped to src); this guards the names.
describe.skipIf(!existsSync(doc))('docs/integrity.md', () => {
  it('imports only names the package exports', () => {
    const text = readFileSync(doc, 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    const imports = /import \{([^}]*)\} from 'cloudtrail-chime'/.exec(block)?.[1] ?? '';
    const names = imports
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n.length > 0 && !n.startsWith('type '));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(api, name).toHaveProperty(name);
  });
});
