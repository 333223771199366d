/**
 * A fast structural pre-check equivalent to (a subset of) what the lenient zod schemas accept.
 * Records that pass it are certainly valid, so the reader can skip zod for them; anything it is
 * unsure about goes to zod, which then decides and reports the exact path. The plan is derived
 * from the zod schema itself on first use, so it cannot drift from it.
 *
 * @internal
 * @module
 */
import type * as z from 'zod';

export type Plan =
  | { k: 'string' }
  | { k: 'flag' }
  | { k: 'any-object' }
  | { k: 'object-or-string'; object: Plan }
  | { k: 'record' }
  | { k: 'object'; fields: [string, Plan][] }
  | { k: 'array'; of: Plan }
  | { k: 'unsure' };

interface Def {
  type: string;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  catchall?: z.ZodType;
  checks?: unknown[];
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Plan for a schema that may be optional / nullable (absent and `null` pass). */
export function planOf(schema: z.ZodType): Plan {
  let def = defOf(schema);
  while ((def.type === 'optional' || def.type === 'nullable') && def.innerType) def = defOf(def.innerType);
  if (def.checks && def.checks.length > 0) return { k: 'unsure' };
  switch (def.type) {
    case 'string':
      return { k: 'string' };
    case 'union': {
      const options = def.options ?? [];
      const kinds = options.map((o) => defOf(o).type).sort();
      if (kinds.join() === 'boolean,string') return { k: 'flag' };
      if (kinds.join() === 'object,string') {
        const obj = options.find((o) => defOf(o).type === 'object') as z.ZodType;
        return { k: 'object-or-string', object: planOf(obj) };
      }
      return { k: 'unsure' };
    }
    case 'object': {
      const shape = def.shape ?? {};
      const loose = def.catchall !== undefined && defOf(def.catchall).type === 'unknown';
      if (!loose) return { k: 'unsure' };
      const keys = Object.keys(shape);
      if (keys.length === 0) return { k: 'any-object' };
      return { k: 'object', fields: keys.map((key) => [key, planOf(shape[key] as z.ZodType)]) };
    }
    case 'array':
      return def.element ? { k: 'array', of: planOf(def.element) } : { k: 'unsure' };
    case 'record':
      return { k: 'record' };
    default:
      return { k: 'unsure' };
  }
}

/** A JSON object (not `null`, not an array). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function passes(plan: Plan, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  switch (plan.k) {
    case 'string':
      return typeof v === 'string';
    case 'flag':
      return typeof v === 'string' || typeof v === 'boolean';
    case 'any-object':
      return isPlainObject(v);
    case 'object-or-string':
      return typeof v === 'string' || passes(plan.object, v);
    case 'record':
      return isPlainObject(v) && !Object.hasOwn(v, '__proto__');
    case 'object': {
      if (!isPlainObject(v)) return false;
      const fields = plan.fields;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as [string, Plan];
        if (!passes(f[1], v[f[0]])) return false;
      }
      return true;
    }
    case 'array': {
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) if (!passes(plan.of, v[i])) return false;
      return true;
    }
    default:
      return false;
  }
}

function collectUndocumented(plan: Plan, v: unknown, path: PropertyKey[], out: PropertyKey[][]): void {
  if (v === null || typeof v !== 'object') return;
  if (plan.k === 'object-or-string') {
    collectUndocumented(plan.object, v, path, out);
    return;
  }
  if (plan.k === 'array' && Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) collectUndocumented(plan.of, v[i], [...path, i], out);
    return;
  }
  if (plan.k !== 'object' || Array.isArray(v)) return;
  const known = new Map(plan.fields);
  for (const key of Object.keys(v)) {
    const field = known.get(key);
    if (field === undefined) out.push([...path, key]);
    else collectUndocumented(field, (v as Record<string, unknown>)[key], [...path, key], out);
  }
}

/** The first place where `value` fails `plan`, with a zod-style message; `undefined` if it passes. */
export function firstIssue(plan: Plan, value: unknown): { path: PropertyKey[]; message: string } | undefined {
  const path: PropertyKey[] = [];
  const message = issueAt(plan, value, path, true);
  return message === undefined ? undefined : { path, message };
}

const received = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A zod-style type mismatch message. */
export const expected = (what: string, v: unknown): string =>
  `Invalid input: expected ${what}, received ${received(v)}`;

function issueAt(plan: Plan, v: unknown, path: PropertyKey[], top: boolean): string | undefined {
  if (!top && (v === undefined || v === null)) return undefined;
  const expect = (what: string) => expected(what, v);
  switch (plan.k) {
    case 'string':
      return typeof v === 'string' ? undefined : expect('string');
    case 'flag':
      return typeof v === 'string' || typeof v === 'boolean' ? undefined : expect('boolean or string');
    case 'any-object':
      return isPlainObject(v) ? undefined : expect('object');
    case 'record':
      return isPlainObject(v) ? undefined : expect('record');
    case 'object-or-string':
      // like zod's union: a failing member is reported at the union's own path
      if (typeof v === 'string') return undefined;
      if (isPlainObject(v) && issueAt(plan.object, v, [], false) === undefined) return undefined;
      return 'Invalid input';
    case 'object': {
      if (!isPlainObject(v)) return expect('object');
      for (const [key, field] of plan.fields) {
        path.push(key);
        const m = issueAt(field, v[key], path, false);
        if (m !== undefined) return m;
        path.pop();
      }
      return undefined;
    }
    case 'array': {
      if (!Array.isArray(v)) return expect('array');
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const m = issueAt(plan.of, v[i], path, false);
        if (m !== undefined) return m;
        path.pop();
      }
      return undefined;
    }
    default:
      return 'Invalid input';
  }
}

/** A predicate for values that pass `plan` (the top-level value must be present). */
export function passesPlan(plan: Plan, value: unknown): boolean {
  return value !== null && value !== undefined && passes(plan, value);
}

/**
 * Paths of the keys of `value` that `plan` does not document, at every level of documented
 * structure (free-form objects such as `requestParameters` excepted).
 */
export function undocumentedKeys(plan: Plan, value: unknown): PropertyKey[][] {
  const out: PropertyKey[][] = [];
  collectUndocumented(plan, value, [], out);
  return out;
}

/** Like {@link firstIssue} for an optional member: `undefined` and `null` pass. */
export function memberIssue(plan: Plan, value: unknown): { path: PropertyKey[]; message: string } | undefined {
  const path: PropertyKey[] = [];
  const message = issueAt(plan, value, path, false);
  return message === undefined ? undefined : { path, message };
}
