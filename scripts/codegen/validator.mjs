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
    const name = `${prefix}${this.baseName(schema)}`;
    this.used ??= new Map();
    const n = this.used.get(name) ?? 0;
    this.used.set(name, n + 1);
    return n === 0 ? name : `${name}${n + 1}`;
  }

  /** `skip` flags of a member: 1 when `undefined` passes, 2 when `null` passes. */
  static skip({ optional, nullable }) {
    return (optional ? 1 : 0) | (nullable ? 2 : 0);
  }

  /** An expression checking member or element `key` of the object/array `x` at `path`. */
  member(schema, key) {
    const u = unwrap(schema);
    const skip = Emitter.skip(u);
    if ((u.def.type === 'string' || u.def.type === 'boolean') && !u.def.checks?.length)
      return `checkType(x, ${key}, path, out, ${q(u.def.type)}, ${skip})`;
    if (u.def.type === 'unknown' || u.def.type === 'any') return undefined;
    return `checkAt(${this.fn(u.schema)}, x, ${key}, path, out, ${skip})`;
  }

  /** The name of a function `(x, path, out) => boolean` checking an unwrapped schema. */
  fn(schema) {
    const sig = signature(schema);
    const known = this.fns.get(sig);
    if (known) return known.name;
    const def = defOf(schema);
    const entry = { name: this.nameFor(schema, 'check'), code: '' };
    this.fns.set(sig, entry);
    const issue = (text) => `return fail(out, ${text});`;
    let body;
    switch (def.type) {
      case 'unknown':
      case 'any':
        body = 'return true;';
        break;
      case 'string':
      case 'boolean': {
        body = `if (typeof x !== ${q(def.type)}) ${issue(`typeIssue(${q(def.type)}, x, path)`)}`;
        for (const c of def.checks ?? []) {
          const cd = c._zod.def;
          if (cd.check !== 'string_format' || cd.format !== 'regex') unsupported(`string check ${cd.check}`, def);
          const re = this.constant('PATTERN', String(cd.pattern));
          // zod reports a pattern issue and goes on (later checks and refinements still run)
          body += `\nif (!${re}.test(x)) ${issue(`formatIssue(${re}, path)`)}`;
        }
        body += '\nreturn true;';
        break;
      }
      case 'enum': {
        const values = Object.values(def.entries);
        if (!values.every((v) => typeof v === 'string')) unsupported('non-string enum', def);
        const list = this.constant('VALUES', `[${values.map(q).join(', ')}] as const`);
        body = `return ${values.map((v) => `x === ${q(v)}`).join(' || ')} || fail(out, valueIssue(${list}, path));`;
        break;
      }
      case 'record':
        if (defOf(def.keyType).type !== 'string' || !['unknown', 'any'].includes(defOf(def.valueType).type))
          unsupported('record other than record(string, unknown)', def);
        body = `return isPlainObject(x) || fail(out, typeIssue('record', x, path));`;
        break;
      case 'object': {
        this.assertLoose(def);
        if (def.checks?.length) unsupported('refinement outside a root', def);
        const members = Object.entries(def.shape)
          .map(([key, member]) => this.member(member, q(key)))
          .filter(Boolean);
        body = `if (!isPlainObject(x)) ${issue(`typeIssue('object', x, path)`)}`;
        // every member is checked (zod reports them all); a valid record needs them all anyway
        body += members.length
          ? `\nlet ok = ${members[0]};\n${members
              .slice(1)
              .map((m) => `ok = ${m} && ok;`)
              .join('\n')}\nreturn ok;`
          : '\nreturn true;';
        break;
      }
      case 'array': {
        const element = this.member(def.element, 'i') ?? 'true';
        body = `if (!Array.isArray(x)) ${issue(`typeIssue('array', x, path)`)}
          let ok = true;
          for (let i = 0; i < x.length; i++) ok = ${element} && ok;
          return ok;`;
        break;
      }
      case 'union': {
        const options = def.options.map((o) => {
          const u = unwrap(o);
          if (u.optional || u.nullable) unsupported('optional union member', def);
          const plain = (u.def.type === 'string' || u.def.type === 'boolean') && !u.def.checks?.length;
          const fn = this.fn(u.schema);
          return { test: plain ? `typeof x === ${q(u.def.type)}` : `${fn}(x, path, undefined)`, fn };
        });
        const errors = options.map((o) => `issuesOf(${o.fn}, x)`).join(', ');
        body = `if (${options.map((o) => o.test).join(' || ')}) return true;
          ${issue(`unionIssue([${errors}], path)`)}`;
        break;
      }
      default:
        unsupported('type', def);
    }
    entry.code = `function ${entry.name}(x: unknown, path: Path, out: Issue[] | undefined): boolean {\n${body}\n}`;
    return entry.name;
  }

  /**
   * One function for two object schemas with the same members in the same order (the lenient
   * record and the strict one's members): `(x, path, out, second) => boolean`, the members that
   * differ chosen by `second`.
   */
  objectVariants(name, first, second) {
    const [a, b] = [defOf(first), defOf(second)];
    for (const d of [a, b]) this.assertLoose(d);
    if (Object.keys(a.shape).join() !== Object.keys(b.shape).join())
      throw new Error(`validator codegen: ${name}: the two variants must have the same members in the same order`);
    const members = Object.keys(a.shape)
      .map((key) => {
        const [ea, eb] = [a.shape[key], b.shape[key]].map((m) => this.member(m, q(key)) ?? 'true');
        if (ea === eb) return ea;
        // the same check but for optional / nullable: only the skip flags differ
        const [sa, sb] = [ea, eb].map((e) => /^(.*, )(\d)\)$/.exec(e));
        if (sa && sb && sa[1] === sb[1]) return `${sa[1]}second ? ${sb[2]} : ${sa[2]})`;
        return `(second ? ${eb} : ${ea})`;
      })
      .filter((m) => m !== 'true');
    const code = `function ${name}(x: unknown, path: Path, out: Issue[] | undefined, second: boolean): boolean {
      if (!isPlainObject(x)) return fail(out, typeIssue('object', x, path));
      let ok = ${members[0]};
      ${members
        .slice(1)
        .map((m) => `ok = ${m} && ok;`)
        .join('\n')}
      return ok;
    }`;
    this.fns.set(`variants:${name}`, { name, code });
    return name;
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
   * The documented structure of an object schema as a literal: each member maps to 0, or to the
   * structure of the documented object it holds (in an array: `[structure]`). The strict
   * refinement reports every key that is not in it.
   */
  documentedTree(schema) {
    const members = Object.entries(defOf(schema).shape).map(([key, member]) => {
      const { def: md } = unwrap(member);
      const obj = this.documentedObject(member);
      let sub = '0';
      if (obj) sub = this.documentedTree(obj);
      else if (md.type === 'array') {
        if (defOf(unwrap(md.element).schema).type === 'array') unsupported('nested arrays (strict walk)', md);
        const el = this.documentedObject(md.element);
        if (el) sub = `[${this.documentedTree(el)}]`;
      }
      return `${q(key)}: ${sub}`;
    });
    return `{ ${members.join(', ')} }`;
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
  const digest = e.fn(mod.CloudTrailDigestFileSchema);

  // The strict schema: its members as an object without the refinement, then the refinement,
  // which zod runs only when the members are valid.
  const strictDef = defOf(mod.CloudTrailRecordStrictSchema);
  if (strictDef.type !== 'object' || strictDef.checks?.length !== 1)
    throw new Error('validator codegen: CloudTrailRecordStrictSchema is expected to be one object with one refinement');
  const members = { _zod: { def: { ...strictDef, checks: [] } } };
  const records = e.objectVariants('checkRecordMembers', mod.CloudTrailRecordSchema, members);
  const { insight, otherwise } = mod.STRICT_PRESENCE;
  const presence = (keys) =>
    keys
      .map((k) => `ok = (value[${q(k)}] != null || fail(out, customIssue([${q(k)}], ${q(`missing ${k}`)}))) && ok;`)
      .join('\n');

  const documented = e.documentedTree(mod.CloudTrailRecordSchema);
  const functions = [...e.fns.values()].map((f) => f.code).join('\n\n');
  return `// Generated by scripts/codegen/validator.mjs from the zod schemas in src/schemas: do not edit.
// Run \`npm run codegen\` after changing a schema; \`npm run codegen -- --check\` fails when this is stale.
/* biome-ignore-all lint: generated code */
import { checkAt, checkType, type DocumentedTree, fail, undocumentedKeys } from '../check-members.js';
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

/**
 * The documented members of a record (\`CloudTrailRecordSchema\`), in schema order, each with the
 * documented structure it holds (0: none).
 */
export const RECORD_DOCUMENTED: DocumentedTree = ${documented};

${functions}

/** \`CloudTrailRecordSchema\`: true when valid; with \`out\`, pushes every issue zod reports. */
export function validRecord(value: unknown, out?: Issue[]): boolean {
  return ${records}(value, [], out, false);
}

/** \`CloudTrailRecordStrictSchema\`: true when valid; with \`out\`, pushes every issue zod reports. */
export function validStrictRecord(value: unknown, out?: Issue[]): boolean {
  const start = out === undefined ? 0 : out.length;
  if (!${records}(value, [], out, true)) {
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
