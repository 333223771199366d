// Generates src/schemas/generated/validator.ts, the zod-free validator of the reader, from the zod
// schemas in src/schemas (the one source of truth): the schemas are bundled with esbuild, loaded,
// and their definitions compiled into straight-line checks that report the issues zod reports
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
    this.names = names; // schema -> export name, for readable function names
    this.fns = new Map(); // signature -> { name, code }
    this.constants = [];
    this.walkers = new Map(); // signature -> { name, code } (undocumented-key walks)
  }

  constant(prefix, text) {
    const name = `${prefix}${this.constants.length}`;
    this.constants.push(`const ${name} = ${text};`);
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
    return cap(def.type);
  }

  nameFor(schema, prefix) {
    const name = `${prefix === 'walk' ? 'walk' : 'check'}${this.baseName(schema)}`;
    this.used ??= new Map();
    const n = this.used.get(name) ?? 0;
    this.used.set(name, n + 1);
    return n === 0 ? name : `${name}${n + 1}`;
  }

  /** Statements checking local `x` (path expression `p`), with zod's wrappers. */
  member(schema, x, p) {
    const { optional, nullable, schema: inner } = unwrap(schema);
    const guards = [optional && `${x} !== undefined`, nullable && `${x} !== null`].filter(Boolean);
    const def = defOf(inner);
    if ((def.type === 'string' || def.type === 'boolean') && !def.checks?.length) {
      // one condition: present and of the wrong type
      const cond = [...guards, `typeof ${x} !== ${q(def.type)}`].join(' && ');
      return `if (${cond}) { if (out === undefined) return false; ok = false; out.push(typeIssue(${q(def.type)}, ${x}, ${p})); }`;
    }
    const body = this.inner(inner, x, p);
    if (!body) return '';
    return guards.length ? `if (${guards.join(' && ')}) { ${body} }` : body;
  }

  /** Pure boolean test of an unwrapped primitive, or undefined. */
  test(schema, x) {
    const def = defOf(schema);
    if (def.type === 'string' && !def.checks?.length) return `typeof ${x} === 'string'`;
    if (def.type === 'boolean') return `typeof ${x} === 'boolean'`;
    return undefined;
  }

  inner(schema, x, p) {
    const def = defOf(schema);
    const fail = (issue) => `{ if (out === undefined) return false; ok = false; out.push(${issue}); }`;
    switch (def.type) {
      case 'unknown':
      case 'any':
        return '';
      case 'string':
      case 'boolean': {
        let code = `if (typeof ${x} !== ${q(def.type)}) ${fail(`typeIssue(${q(def.type)}, ${x}, ${p})`)}`;
        for (const c of def.checks ?? []) {
          const cd = c._zod.def;
          if (cd.check !== 'string_format' || cd.format !== 'regex') unsupported(`string check ${cd.check}`, def);
          const re = this.constant('PATTERN', String(cd.pattern));
          code += ` else if (!${re}.test(${x})) ${fail(`formatIssue(${re}, ${p})`)}`;
        }
        return code;
      }
      case 'enum': {
        const values = Object.values(def.entries);
        if (!values.every((v) => typeof v === 'string')) unsupported('non-string enum', def);
        const list = this.constant('VALUES', `[${values.map(q).join(', ')}] as const`);
        return `if (${values.map((v) => `${x} !== ${q(v)}`).join(' && ')}) ${fail(`valueIssue(${list}, ${p})`)}`;
      }
      case 'record':
        if (defOf(def.keyType).type !== 'string' || !['unknown', 'any'].includes(defOf(def.valueType).type))
          unsupported('record other than record(string, unknown)', def);
        return `if (!isPlainObject(${x})) ${fail(`typeIssue('record', ${x}, ${p})`)}`;
      case 'object':
      case 'array':
      case 'union': {
        if (def.type === 'object' && Object.keys(def.shape).length === 0 && !def.checks?.length) {
          this.assertLoose(def);
          return `if (!isPlainObject(${x})) ${fail(`typeIssue('object', ${x}, ${p})`)}`;
        }
        // objects with members, arrays and unions get their own function
        const fn = this.fn(schema);
        return `if (!${fn}(${x}, ${p === 'path' ? 'path' : `out === undefined ? path : ${p}`}, out)) { if (out === undefined) return false; ok = false; }`;
      }
      default:
        return unsupported('type', def);
    }
  }

  assertLoose(def) {
    if (def.catchall === undefined || !['unknown', 'any'].includes(defOf(def.catchall).type))
      unsupported('object that is not loose (z.looseObject)', def);
  }

  /** The name of a function `(x, path, out) => boolean` checking an unwrapped schema. */
  fn(schema) {
    const sig = signature(schema);
    const known = this.fns.get(sig);
    if (known) return known.name;
    const def = defOf(schema);
    const entry = { name: this.nameFor(schema, def.type === 'object' ? 'object' : def.type), code: '' };
    this.fns.set(sig, entry);
    let body;
    if (def.type === 'object') {
      this.assertLoose(def);
      if (def.checks?.length) unsupported('refinement outside a root', def);
      body = `if (!isPlainObject(x)) { if (out !== undefined) out.push(typeIssue('object', x, path)); return false; }
        let ok = true; let y: unknown;
        ${Object.entries(def.shape)
          .map(([key, member]) => `y = x[${q(key)}]; ${this.member(member, 'y', `[...path, ${q(key)}]`)}`)
          .join('\n')}
        return ok;`;
    } else if (def.type === 'array') {
      body = `if (!Array.isArray(x)) { if (out !== undefined) out.push(typeIssue('array', x, path)); return false; }
        let ok = true;
        for (let i = 0; i < x.length; i++) { const y: unknown = x[i]; ${this.member(def.element, 'y', '[...path, i]')} }
        return ok;`;
    } else if (def.type === 'union') {
      const options = def.options.map((o) => {
        const u = unwrap(o);
        if (u.optional || u.nullable) unsupported('optional union member', def);
        const fn = this.test(u.schema, 'x') ? this.primitiveFn(u.schema) : this.fn(u.schema);
        return { test: this.test(u.schema, 'x') ?? `${fn}(x, path, undefined)`, fn };
      });
      body = `if (${options.map((o) => o.test).join(' || ')}) return true;
        if (out !== undefined) out.push(unionIssue([${options.map((o) => `issuesOf(${o.fn}, x)`).join(', ')}], path));
        return false;`;
    } else unsupported('type', def);
    entry.code = `function ${entry.name}(x: unknown, path: Path, out: Issue[] | undefined): boolean {\n${body}\n}`;
    return entry.name;
  }

  /** A function for a primitive union member (its issues are needed as a list). */
  primitiveFn(schema) {
    const sig = `fn:${signature(schema)}`;
    const known = this.fns.get(sig);
    if (known) return known.name;
    const entry = { name: this.nameFor(schema, 'check'), code: '' };
    this.fns.set(sig, entry);
    entry.code = `function ${entry.name}(x: unknown, path: Path, out: Issue[] | undefined): boolean {
      let ok = true; ${this.inner(schema, 'x', 'path')} return ok; }`;
    return entry.name;
  }

  /** Documented (object with members) option of a member, or undefined; throws when ambiguous. */
  documentedObject(schema) {
    const { def } = unwrap(schema);
    const isDocumented = (s) => defOf(s).type === 'object' && Object.keys(defOf(s).shape).length > 0;
    if (def.type === 'object') return isDocumented(unwrap(schema).schema) ? unwrap(schema).schema : undefined;
    if (def.type === 'union') {
      const objects = def.options.filter((o) => defOf(o).type === 'object');
      if (objects.length > 1) unsupported('union of several objects (strict walk)', def);
      return objects[0] && isDocumented(objects[0]) ? objects[0] : undefined;
    }
    return undefined;
  }

  /** The name of a constant holding the documented keys of an object schema. */
  keys(schema) {
    const text = `new Set([${Object.keys(defOf(schema).shape).map(q).join(', ')}])`;
    const known = this.constants.find((c) => c.endsWith(` = ${text};`));
    return known ? known.split(' ')[1] : this.constant('KEYS', text);
  }

  /** The name of a function listing the undocumented keys of a (valid) documented object. */
  walker(schema) {
    const sig = signature(schema);
    const known = this.walkers.get(sig);
    if (known) return known.name;
    const def = defOf(schema);
    const entry = { name: this.nameFor(schema, 'walk'), code: '' };
    this.walkers.set(sig, entry);
    const fail = (issue) => `{ if (out === undefined) return false; ok = false; out.push(${issue}); }`;
    const call = (fn, x, p) =>
      `if (isPlainObject(${x}) && !${fn}(${x}, out === undefined ? path : ${p}, out)) { if (out === undefined) return false; ok = false; }`;
    const steps = [];
    for (const [key, member] of Object.entries(def.shape)) {
      const { def: md } = unwrap(member);
      const obj = this.documentedObject(member);
      if (obj) steps.push(`y = x[${q(key)}]; ${call(this.walker(obj), 'y', `[...path, ${q(key)}]`)}`);
      else if (md.type === 'array') {
        const el = this.documentedObject(md.element);
        if (defOf(unwrap(md.element).schema).type === 'array') unsupported('nested arrays (strict walk)', md);
        if (el)
          steps.push(
            `y = x[${q(key)}]; if (Array.isArray(y)) for (let i = 0; i < y.length; i++) { const e: unknown = y[i]; ${call(
              this.walker(el),
              'e',
              `[...path, ${q(key)}, i]`,
            )} }`,
          );
      }
    }
    const keys = this.keys(schema);
    entry.code = `function ${entry.name}(x: Record<string, unknown>, path: Path, out: Issue[] | undefined): boolean {
      let ok = true; let y: unknown;
      ${steps.join('\n')}
      for (const key of Object.keys(x)) {
        // zod's output never holds a "__proto__" key, so zod's refinement never sees one
        if (!${keys}.has(key) && key !== '__proto__') ${fail(`customIssue([...path, key], \`undocumented key \${JSON.stringify(key)}\`)`)}
      }
      return ok;
    }`;
    return entry.name;
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
  const lenient = e.fn(mod.CloudTrailRecordSchema);
  const digest = e.fn(mod.CloudTrailDigestFileSchema);

  // The strict schema: its members as an object without the refinement, then the refinement,
  // which zod runs only when the members are valid.
  const strictDef = defOf(mod.CloudTrailRecordStrictSchema);
  if (strictDef.type !== 'object' || strictDef.checks?.length !== 1)
    throw new Error('validator codegen: CloudTrailRecordStrictSchema is expected to be one object with one refinement');
  const members = { _zod: { def: { ...strictDef, checks: [] } } };
  names.set(members, 'StrictRecordMembers');
  const strictMembers = e.fn(members);
  const walk = e.walker(mod.CloudTrailRecordSchema);
  const { insight, otherwise } = mod.STRICT_PRESENCE;
  const presence = (keys) =>
    keys
      .map(
        (k) =>
          `if (value[${q(k)}] == null) { if (out === undefined) return false; ok = false; out.push(customIssue([${q(k)}], ${q(`missing ${k}`)})); }`,
      )
      .join('\n');

  const recordKeys = e.keys(mod.CloudTrailRecordSchema);
  const functions = [...e.fns.values(), ...e.walkers.values()].map((f) => f.code).join('\n\n');
  return `// Generated by scripts/codegen/validator.mjs from the zod schemas in src/schemas: do not edit.
// Run \`npm run codegen\` after changing a schema; \`npm run codegen -- --check\` fails when this is stale.
/* biome-ignore-all lint: generated code */
import {
  type Issue,
  type Path,
  customIssue,
  formatIssue,
  issuesOf,
  typeIssue,
  unionIssue,
  valueIssue,
} from '../issues.js';
import { isPlainObject } from '../plain-object.js';

${e.constants.join('\n')}

/** The documented top-level members of a record (\`CloudTrailRecordSchema\`), in schema order. */
export const RECORD_KEYS: ReadonlySet<string> = ${recordKeys};

${functions}

/** \`CloudTrailRecordSchema\`: true when valid; with \`out\`, pushes every issue zod reports. */
export function validRecord(value: unknown, out?: Issue[]): boolean {
  return ${lenient}(value, [], out);
}

/** \`CloudTrailRecordStrictSchema\`: true when valid; with \`out\`, pushes every issue zod reports. */
export function validStrictRecord(value: unknown, out?: Issue[]): boolean {
  const start = out === undefined ? 0 : out.length;
  if (!${strictMembers}(value, [], out)) {
    if (out === undefined) return false;
    // zod runs the refinement unless an issue aborted it: only pattern issues let it run
    for (let i = start; i < out.length; i++) if (out[i]!.code !== 'invalid_format') return false;
  }
  if (!isPlainObject(value)) return false;
  let ok = out === undefined || out.length === start;
  if (!${walk}(value, [], out)) {
    if (out === undefined) return false;
    ok = false;
  }
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
