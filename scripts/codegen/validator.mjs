// Generates src/schemas/generated/validator.ts, the zod-free validator of the reader, from the zod
// schemas in src/schemas (the one source of truth): the schemas are bundled with esbuild, loaded,
// and their definitions compiled into tables of the checks of src/schemas/check-members.ts (one per
// schema, marked pure so that unused ones are dropped) that report the issues zod reports
// (same order, paths, codes and messages; test/schemas/validator.test.ts proves it). Deterministic,
// formatted with biome. Run by generate.mjs, or alone:
//   node scripts/codegen/validator.mjs [--check] [--src DIR]   (DIR holds src/schemas; default: the project)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_FILE = 'src/schemas/generated/validator.ts';

/** Loads the zod schemas of `srcRoot`/src/schemas (bundled with zod from this project). */
async function loadSchemas(srcRoot) {
  const schemasDir = join(srcRoot, 'src/schemas');
  const result = await build({
    stdin: {
      contents: "export * from './record.ts'; export * from './digest.ts'; export * from './user-identity.ts';",
      resolveDir: schemasDir,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
    nodePaths: [join(projectRoot, 'node_modules')],
  });
  const dir = mkdtempSync(join(tmpdir(), 'validator-codegen-'));
  try {
    const file = join(dir, 'schemas.mjs');
    writeFileSync(file, result.outputFiles[0].text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const defOf = (schema) => schema._zod.def;
const q = (s) => JSON.stringify(s);

/** Strips optional / nullable wrappers. */
function unwrap(schema) {
  let optional = false;
  let nullable = false;
  let def = defOf(schema);
  for (;;) {
    if (def.type === 'optional') optional = true;
    else if (def.type === 'nullable') nullable = true;
    else break;
    schema = def.innerType;
    def = defOf(schema);
  }
  return { optional, nullable, schema, def };
}

const unsupported = (what, def) => {
  throw new Error(
    `validator codegen: unsupported schema construct ${what} (${def.type}); extend scripts/codegen/validator.mjs`,
  );
};

/** A canonical text of a schema, so that equal schemas share one generated function. */
function signature(schema) {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
      return `${def.type}(${signature(def.innerType)})`;
    case 'string':
      return `string(${(def.checks ?? []).map((c) => String(c._zod.def.pattern)).join(',')})`;
    case 'object':
      return `object{${Object.entries(def.shape)
        .map(([k, v]) => `${q(k)}:${signature(v)}`)
        .join(',')}}(${def.checks?.length ?? 0})`;
    case 'array':
      return `array(${signature(def.element)})`;
    case 'union':
      return `union(${def.options.map(signature).join('|')})`;
    case 'enum':
      return `enum(${Object.values(def.entries).map(q).join(',')})`;
    case 'record':
      return `record(${signature(def.keyType)},${signature(def.valueType)})`;
    default:
      return def.type;
  }
}

class Emitter {
  constructor(names) {
    this.names = names; // schema -> export name, for readable names
    this.fns = new Map(); // signature -> { name, shape } (shape: the shape's name, for objects)
    this.members = new Map(); // member expression -> its name
    this.decls = []; // const declarations, each after the ones it uses
    this.used = new Map(); // name -> times used
  }

  /**
   * Declares `const <name> = <text>;` (a call marked pure, so that unused tables are dropped);
   * see {@link Emitter.declarations}.
   */
  declare(name, text) {
    this.decls.push({ name, text: text.includes('(') ? `/* @__PURE__ */ ${text}` : text });
    return name;
  }

  /** A readable name for a schema: its export name, else one made from its structure. */
  baseName(schema) {
    const named = this.names.get(schema)?.replace(/Schema$/, '');
    if (named) return named;
    const def = defOf(schema);
    const cap = (s) => s[0].toUpperCase() + s.slice(1);
    if (def.type === 'union') return def.options.map((o) => this.baseName(unwrap(o).schema)).join('Or');
    if (def.type === 'array') return `ListOf${cap(this.baseName(unwrap(def.element).schema))}`;
    if (def.type === 'object' && Object.keys(def.shape).length === 0) return 'Object';
    if (def.type === 'string' && def.checks?.length) return 'Pattern';
    return cap(def.type);
  }

  /** A unique name. */
  unique(name) {
    const n = this.used.get(name) ?? 0;
    this.used.set(name, n + 1);
    return n === 0 ? name : `${name}${n + 1}`;
  }

  /** `skip` flags of a member: 1 when `undefined` passes, 2 when `null` passes. */
  static skip({ optional, nullable }) {
    return (optional ? 1 : 0) | (nullable ? 2 : 0);
  }

  /** The name of a `Member` checking a member or element of schema `schema`. */
  member(schema) {
    const u = unwrap(schema);
    if (u.def.type === 'unknown' || u.def.type === 'any') return 'anything';
    const check = this.fn(u.schema);
    const skip = Emitter.skip(u);
    const text = `member(${check}, ${skip})`;
    const known = this.members.get(text);
    if (known) return known;
    const name = this.declare(this.unique(`${check}${['Required', 'Optional', 'Nullable', 'Nullish'][skip]}`), text);
    this.members.set(text, name);
    return name;
  }

  /** The members of an object schema, as `key: member` texts. */
  shapeMembers(def) {
    this.assertLoose(def);
    return Object.entries(def.shape).map(([key, m]) => [key, this.member(m)]);
  }

  /** The name of a `Check` of an unwrapped schema. */
  fn(schema) {
    const sig = signature(schema);
    const known = this.fns.get(sig);
    if (known) {
      if (known.name === undefined) unsupported('recursive schema', defOf(schema));
      return known.name;
    }
    const def = defOf(schema);
    const entry = { name: undefined, shape: undefined };
    this.fns.set(sig, entry);
    const base = this.baseName(schema);
    let text;
    switch (def.type) {
      case 'string':
      case 'boolean': {
        const checks = def.checks ?? [];
        if (checks.length === 0) {
          entry.name = def.type;
          return entry.name;
        }
        const cd = checks[0]._zod.def;
        if (checks.length > 1 || cd.check !== 'string_format' || cd.format !== 'regex')
          unsupported(`string check ${cd.check} (one regex only)`, def);
        text = `matching(${String(cd.pattern)})`;
        break;
      }
      case 'enum': {
        const values = Object.values(def.entries);
        if (!values.every((v) => typeof v === 'string')) unsupported('non-string enum', def);
        text = `oneOf([${values.map(q).join(', ')}])`;
        break;
      }
      case 'record':
        if (defOf(def.keyType).type !== 'string' || !['unknown', 'any'].includes(defOf(def.valueType).type))
          unsupported('record other than record(string, unknown)', def);
        entry.name = 'record';
        return entry.name;
      case 'object': {
        if (def.checks?.length) unsupported('refinement outside a root', def);
        const members = this.shapeMembers(def);
        entry.shape = this.declare(
          this.unique(`shape${base}`),
          `{ ${members.map(([key, m]) => `${q(key)}: ${m}`).join(', ')} }`,
        );
        text = `object(${entry.shape})`;
        break;
      }
      case 'array':
        text = `array(${this.member(def.element)})`;
        break;
      case 'union': {
        const options = def.options.map((o) => {
          const u = unwrap(o);
          if (u.optional || u.nullable) unsupported('optional union member', def);
          return this.fn(u.schema);
        });
        text = `union([${options.join(', ')}])`;
        break;
      }
      default:
        unsupported('type', def);
    }
    entry.name = this.declare(this.unique(`check${base}`), text);
    return entry.name;
  }

  /**
   * Two object schemas with the same members in the same order (the lenient record and the
   * strict one's members): the first one's shape, and the second's as that shape with the
   * members that differ replaced.
   */
  objectVariants(name, first, second) {
    const [a, b] = [defOf(first), defOf(second)];
    if (Object.keys(a.shape).join() !== Object.keys(b.shape).join())
      throw new Error(`validator codegen: ${name}: the two variants must have the same members in the same order`);
    const [ma, mb] = [a, b].map((d) => this.shapeMembers(d));
    const shape = this.declare(`shape${name}`, `{ ${ma.map(([key, m]) => `${q(key)}: ${m}`).join(', ')} }`);
    this.fns.set(signature(first), { name: `check${name}`, shape });
    const changed = mb.filter(([, m], i) => m !== ma[i][1]);
    return [
      this.declare(`check${name}`, `object(${shape})`),
      this.declare(
        `checkStrict${name}`,
        `object({ ...${shape}, ${changed.map(([key, m]) => `${q(key)}: ${m}`).join(', ')} })`,
      ),
    ];
  }

  /**
   * The declarations, each after the ones it uses; one used once is written where it is used
   * instead.
   * @param uses - the text that uses the declarations (names it holds are kept)
   */
  declarations(uses) {
    const decls = [...this.decls];
    const count = (name, text) => text.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
    for (let i = decls.length - 1; i >= 0; i--) {
      const { name, text } = decls[i];
      if (count(name, uses) > 0) continue;
      const users = decls.filter((d) => d !== decls[i] && count(name, d.text) > 0);
      if (users.length !== 1 || count(name, users[0].text) !== 1) continue;
      users[0].text = users[0].text.replace(new RegExp(`\\b${name}\\b`), text);
      decls.splice(i, 1);
    }
    return decls.map(({ name, text }) => `const ${name} = ${text};`);
  }

  assertLoose(def) {
    if (def.catchall === undefined || !['unknown', 'any'].includes(defOf(def.catchall).type))
      unsupported('object that is not loose (z.looseObject)', def);
  }

  /** Documented (object with members) option of a member, or undefined; throws when ambiguous. */
  documentedObject(schema) {
    const { def, schema: inner } = unwrap(schema);
    const isDocumented = (s) => defOf(s).type === 'object' && Object.keys(defOf(s).shape).length > 0;
    if (def.type === 'object') return isDocumented(inner) ? inner : undefined;
    if (def.type === 'union') {
      const objects = def.options.filter((o) => defOf(o).type === 'object');
      if (objects.length > 1) unsupported('union of several objects (strict walk)', def);
      return objects[0] && isDocumented(objects[0]) ? objects[0] : undefined;
    }
    return undefined;
  }

  /**
   * Checks that the strict walk can read the documented structure of an object schema from its
   * checks (see `undocumentedKeys`): at most one object in a union, no arrays of arrays.
   */
  assertDocumentable(schema) {
    for (const member of Object.values(defOf(schema).shape)) {
      const { def: md } = unwrap(member);
      const obj = this.documentedObject(member);
      if (obj) this.assertDocumentable(obj);
      else if (md.type === 'array') {
        if (defOf(unwrap(md.element).schema).type === 'array') unsupported('nested arrays (strict walk)', md);
        const el = this.documentedObject(md.element);
        if (el) this.assertDocumentable(el);
      }
    }
  }
}

/** The source of src/schemas/generated/validator.ts for the schemas exported by `mod`. */
export function validatorSource(mod) {
  const names = new Map(
    Object.entries(mod)
      .filter(([k]) => k.endsWith('Schema'))
      .map(([k, v]) => [v, k]),
  );
  const e = new Emitter(names);

  // The strict schema: its members as an object without the refinement, then the refinement,
  // which zod runs only when the members are valid.
  const strictDef = defOf(mod.CloudTrailRecordStrictSchema);
  if (strictDef.type !== 'object' || strictDef.checks?.length !== 1)
    throw new Error('validator codegen: CloudTrailRecordStrictSchema is expected to be one object with one refinement');
  const members = { _zod: { def: { ...strictDef, checks: [] } } };
  const [records, strictRecords] = e.objectVariants('RecordMembers', mod.CloudTrailRecordSchema, members);
  const digest = e.fn(mod.CloudTrailDigestFileSchema);
  const { insight, otherwise } = mod.STRICT_PRESENCE;
  const presence = (keys) =>
    keys
      .map((k) => `ok = (value[${q(k)}] != null || fail(out, customIssue([${q(k)}], ${q(`missing ${k}`)}))) && ok;`)
      .join('\n');

  e.assertDocumentable(mod.CloudTrailRecordSchema);
  const documented = e.fns.get(signature(mod.CloudTrailRecordSchema)).shape;
  const uses = `${documented} ${records} ${strictRecords} ${digest}`;
  const decls = e.declarations(uses);
  const runtime = ['anything', 'array', 'boolean', 'type Shape', 'fail', 'matching', 'member', 'object']
    .concat(['oneOf', 'record', 'string', 'undocumentedKeys', 'union'])
    .filter(
      (n) =>
        n.startsWith('type ') ||
        n === 'fail' ||
        n === 'undocumentedKeys' ||
        decls.some((d) => new RegExp(`\\b${n}\\b`).test(d)),
    );
  return `// Generated by scripts/codegen/validator.mjs from the zod schemas in src/schemas: do not edit.
// Run \`npm run codegen\` after changing a schema; \`npm run codegen -- --check\` fails when this is stale.
// The schemas as checks of check-members.ts, nested as the schemas are (a check used more than once is a
// constant); the checks carry the documented shapes that the strict walk reads.
/* biome-ignore-all lint: generated code */
import { ${runtime.join(', ')} } from '../check-members.js';
import { type Issue, customIssue } from '../issues.js';
import { isPlainObject } from '../plain-object.js';

${decls.join('\n')}

/**
 * The documented members of a record (\`CloudTrailRecordSchema\`), in schema order: its shape,
 * whose keys are the documented keys (the strict walk finds the objects inside from its members).
 */
export const RECORD_DOCUMENTED: Shape = ${documented};

/** \`CloudTrailRecordSchema\`: true when valid; with \`out\`, pushes every issue zod reports. */
export function validRecord(value: unknown, out?: Issue[]): boolean {
  return ${records}(value, [], out);
}

/** \`CloudTrailRecordStrictSchema\`: true when valid; with \`out\`, pushes every issue zod reports. */
export function validStrictRecord(value: unknown, out?: Issue[]): boolean {
  const start = out === undefined ? 0 : out.length;
  if (!${strictRecords}(value, [], out)) {
    if (out === undefined) return false;
    // zod runs the refinement unless an issue aborted it: only pattern issues let it run
    for (let i = start; i < out.length; i++) if (out[i]!.code !== 'invalid_format') return false;
  }
  if (!isPlainObject(value)) return false;
  let ok = undocumentedKeys(value, RECORD_DOCUMENTED, [], out) && (out === undefined || out.length === start);
  if (value.eventType === ${q(insight.eventType)}) {
    ${presence(insight.required)}
  } else {
    ${presence(otherwise)}
  }
  return ok;
}

/** \`CloudTrailDigestFileSchema\`: true when valid; with \`out\`, pushes every issue zod reports. */
export function validDigestFile(value: unknown, out?: Issue[]): boolean {
  return ${digest}(value, [], out);
}
`;
}

/** Formats TypeScript with the project's biome settings, as if it were at `path`. */
function format(text, path) {
  return execFileSync(join(projectRoot, 'node_modules/.bin/biome'), ['check', '--write', `--stdin-file-path=${path}`], {
    cwd: projectRoot,
    input: text,
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
}

/**
 * Generates (or with `check`, compares) `src/schemas/generated/validator.ts` under `srcRoot`.
 * Returns true when the file on disk is up to date (after writing, when not checking).
 */
export async function generateValidator({ srcRoot = projectRoot, check = false } = {}) {
  const mod = await loadSchemas(srcRoot);
  const text = format(validatorSource(mod), join(projectRoot, OUT_FILE));
  const path = join(srcRoot, OUT_FILE);
  let old;
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    old = undefined;
  }
  if (old === text) {
    console.log(`${check ? 'checked' : 'generated'} ${OUT_FILE} (${Buffer.byteLength(text)} bytes), unchanged`);
    return true;
  }
  if (check) {
    console.error(
      `stale: ${OUT_FILE} is not what the zod schemas in src/schemas generate: run 'npm run codegen' and commit it`,
    );
    process.exitCode = 1;
    return false;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`generated ${OUT_FILE} (${Buffer.byteLength(text)} bytes), updated`);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--src');
  await generateValidator({
    srcRoot: at === -1 ? projectRoot : resolve(process.argv[at + 1]),
    check: process.argv.includes('--check'),
  });
}
