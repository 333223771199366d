// Generates src/chime/generated/ from the pinned AWS API models (see chime-catalog.md §8):
// current operations from the v3 client packages' static schemas (+ enums linked through their
// .d.ts), legacy `chime` operations from aws-sdk v2's JSON model (named through the last v3 client
// that still had them), plus the events no model lists (extras.mjs). Deterministic: sorted, no
// timestamps, formatted with biome. Usage: `npm run codegen` (add `--check` to compare only).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitEvents, emitHosts, emitOperations, emitShapes } from './emit.mjs';
import { EXTRA_HOSTS, EXTRAS } from './extras.mjs';
import { sdkHosts } from './hosts.mjs';
import { LEGACY, loadLegacy, loadV3, NAMESPACES, packageVersion } from './models.mjs';
import { generateValidator } from './validator.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'src/chime/generated');
const check = process.argv.includes('--check');
await generateValidator({ check }); // src/schemas/generated/ from the zod schemas

/** Expected operation counts (chime-catalog.md §2, §6). */
const EXPECTED = {
  chime: 62,
  identity: 30,
  'media-pipelines': 31,
  meetings: 16,
  messaging: 51,
  voice: 96,
  legacy: 129,
};

const files = new Map();
const modules = [];
/** eventName -> [{ namespace, module, label, input, output, method }] */
const byName = new Map();
const add = (name, entry) => {
  if (!byName.has(name)) byName.set(name, []);
  byName.get(name).push(entry);
};

let currentChimeNames;
for (const ns of NAMESPACES) {
  const model = loadV3(ns);
  if (model.operations.length !== EXPECTED[ns.key])
    throw new Error(`${ns.key}: ${model.operations.length} operations, expected ${EXPECTED[ns.key]}`);
  if (ns.key === 'chime') currentChimeNames = new Set(model.operations.map((o) => o.name));
  const file = `shapes-${ns.key}.js`;
  const label = ns.key === 'chime' ? 'legacy `chime` namespace (current model)' : `Chime SDK ${ns.key} namespace`;
  const sources = `${ns.pkg}@${packageVersion(ns.pkg)}`;
  files.set(file.replace(/\.js$/, '.ts'), emitShapes({ label, sources, ...model }));
  modules.push({ module: ns.module, file });
  for (const op of model.operations) add(op.name, { namespace: ns.key, module: ns.module, label: ns.key, ...op });
}

{
  const model = loadLegacy(currentChimeNames);
  if (model.operations.length !== EXPECTED.legacy)
    throw new Error(`legacy: ${model.operations.length} operations, expected ${EXPECTED.legacy}`);
  const sources = `aws-sdk@${packageVersion(LEGACY.v2Pkg)} (apis/chime-2018-05-01.min.json) and ${LEGACY.namesPkg}@${packageVersion(LEGACY.namesPkg)} (names, enums)`;
  const label = 'legacy `chime` namespace (operations removed from the current model)';
  files.set('shapes-chime-legacy.ts', emitShapes({ label, sources, ...model }));
  modules.push({ module: 'chimeLegacy', file: 'shapes-chime-legacy.js' });
  for (const op of model.operations)
    add(op.name, { namespace: 'chime', module: 'chimeLegacy', label: 'chime (legacy)', ...op });
}

{
  const structs = new Map();
  for (const extra of EXTRAS) {
    if (extra.input) structs.set(extra.input.name, { members: extra.input.members });
    if (extra.output) structs.set(extra.output.name, { members: extra.output.members });
    add(extra.name, {
      namespace: extra.namespace,
      module: 'unmodeled',
      label: `${extra.namespace}, ${extra.origin}`,
      origin: extra.origin,
      name: extra.name,
      method: 'X',
      input: extra.input?.name,
      output: extra.output?.name,
    });
  }
  const label = 'Chime events that no API model lists';
  files.set(
    'shapes-unmodeled.ts',
    emitShapes({ label, sources: 'scripts/codegen/extras.mjs', structs, enums: new Map() }),
  );
  modules.push({ module: 'unmodeled', file: 'shapes-unmodeled.js' });
}

const allSources = [
  ...NAMESPACES.map((ns) => `${ns.pkg}@${packageVersion(ns.pkg)}`),
  `aws-sdk@${packageVersion(LEGACY.v2Pkg)}`,
  `${LEGACY.namesPkg}@${packageVersion(LEGACY.namesPkg)}`,
].join(', ');
const namespaceKeys = NAMESPACES.map((n) => n.key);
files.set('events.ts', emitEvents({ sources: allSources, modules, byName, namespaces: namespaceKeys }));

{
  const prefixes = new Map();
  const suffixes = new Set();
  for (const ns of NAMESPACES) {
    const found = sdkHosts(ns.pkg);
    if (ns.key === 'chime') for (const p of sdkHosts(LEGACY.namesPkg).prefixes) found.prefixes.add(p);
    prefixes.set(ns.key, [...found.prefixes].sort());
    for (const s of found.suffixes) suffixes.add(s);
  }
  const sources = [...NAMESPACES.map((ns) => ns.pkg), LEGACY.namesPkg]
    .map((p) => `${p}@${packageVersion(p)}`)
    .join(', ');
  files.set(
    'hosts.ts',
    emitHosts({
      sources: `the endpoint rules of ${sources}`,
      prefixes,
      suffixes: [...suffixes].sort(),
      fixed: EXTRA_HOSTS,
    }),
  );
}

const names = [...byName.keys()].sort();
if (names.length > 36 * 36) throw new Error('too many names for 2-digit indexes');
const packed = new Map();
for (const ns of [...new Set(NAMESPACES.map((n) => n.key))]) {
  const entries = [];
  names.forEach((name, index) => {
    for (const e of byName.get(name)) {
      if (e.namespace !== ns) continue;
      entries.push(index.toString(36).padStart(2, '0') + e.method);
    }
  });
  packed.set(ns, entries.join(''));
}
files.set('operations.ts', emitOperations({ sources: allSources, names, packed }));

// Format with biome in a scratch copy inside the project (so biome.json applies), then compare or write.
mkdirSync(outDir, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'chime-codegen-'));
try {
  for (const [file, text] of files) writeFileSync(join(scratch, file), text);
  const biome = join(root, 'node_modules/.bin/biome');
  const formatted = new Map();
  for (const [file, text] of files) {
    const out = execFileSync(biome, ['check', '--write', `--stdin-file-path=${join(outDir, file)}`], {
      cwd: root,
      input: text,
      maxBuffer: 64 * 1024 * 1024,
    }).toString();
    formatted.set(file, out);
  }
  let stale = 0;
  for (const [file, text] of formatted) {
    const path = join(outDir, file);
    let old;
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      old = undefined;
    }
    if (old === text) continue;
    stale++;
    if (check) console.error(`stale: src/chime/generated/${file}: run 'npm run codegen' and commit it`);
    else writeFileSync(path, text);
  }
  const total = [...formatted.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(
    `${check ? 'checked' : 'generated'} ${formatted.size} files (${total} bytes), ${names.length} eventNames` +
      (stale ? `, ${stale} ${check ? 'stale' : 'updated'}` : ', unchanged'),
  );
  if (check && stale) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
