/**
 * The building blocks of the generated validator (`generated/validator.ts`): checks of a value
 * (`Check`) and of a member or element (`Member`), combined the way the zod schemas are. Each
 * returns true when valid and, when `out` is given, pushes the issues zod reports (paths are
 * built only then). The generated file is tables of these, one per schema.
 *
 * @internal
 * @module
 */
import {
  type Check,
  customIssue,
  formatIssue,
  type Issue,
  issuesOf,
  type Path,
  typeIssue,
  unionIssue,
  valueIssue,
} from './issues.js';
import { isPlainObject } from './plain-object.js';

/** `skip` flags: 1 when `undefined` passes (optional), 2 when `null` passes (nullable). */
type Skip = 0 | 1 | 2 | 3;

/** The members of an object schema, in schema order (its keys are the documented keys). */
export type Shape = Readonly<Record<string, Member>>;

/** Pushes `issue` when collecting; false. */
export function fail(out: Issue[] | undefined, issue: Issue): false {
  if (out !== undefined) out.push(issue);
  return false;
}

/** A value of a `typeof` type (`z.string()`, `z.boolean()`). */
const typed =
  (type: 'string' | 'boolean'): Check =>
  (x, path, out) =>
    typeof x === type || (out !== undefined && fail(out, typeIssue(type, x, path)));

export const string: Check = /* @__PURE__ */ typed('string');
export const boolean: Check = /* @__PURE__ */ typed('boolean');

/** A string matching `pattern` (`z.string().regex(pattern)`). */
export const matching =
  (pattern: RegExp): Check =>
  (x, path, out) => {
    if (typeof x !== 'string') return out !== undefined && fail(out, typeIssue('string', x, path));
    return pattern.test(x) || fail(out, formatIssue(pattern, path));
  };

/** One of `values` (`z.enum(values)`). */
export const oneOf =
  (values: readonly string[]): Check =>
  (x, path, out) =>
    values.includes(x as string) || fail(out, valueIssue(values, path));

/** `z.record(z.string(), z.unknown())`. */
export const record: Check = (x, path, out) =>
  isPlainObject(x) || (out !== undefined && fail(out, typeIssue('record', x, path)));

/** A check of member or element `key` of `x`, the value at `path`. */
export type Member = (
  x: Record<PropertyKey, unknown>,
  key: PropertyKey,
  path: Path,
  out: Issue[] | undefined,
) => boolean;

/** A member that accepts anything (`z.unknown()`): kept in its shape, a documented key. */
export const anything: Member = () => true;

/** The member or element checked by `check`; `skip`: 1 when `undefined` passes, 2 when `null` passes. */
export function member(check: Check, skip: Skip): Member {
  // a string or boolean passes at once, without a call: most members are one
  const type = check === string ? 'string' : check === boolean ? 'boolean' : undefined;
  const m: Member = (x, key, path, out) => {
    const y = x[key];
    if (typeof y === type || (skip & 1 && y === undefined) || (skip & 2 && y === null)) return true;
    return check(y, out === undefined ? path : [...path, key], out);
  };
  return documents(m, documentedOf(check));
}

/**
 * The documented shape a check or member leads to, read by the strict walk
 * ({@link undocumentedKeys}): that of the (non-empty) object it accepts, of the object option of
 * a union, `[shape]` for an array of objects; none for other values.
 */
type Documented = Shape | readonly [Shape] | undefined;

const documents = <T extends object>(f: T, documented: Documented): T & { documented: Documented } =>
  Object.assign(f, { documented });

const documentedOf = (f: object): Documented => (f as { documented?: Documented }).documented;

/** A (loose) object with these members: every member is checked, as zod reports them all. */
export function object(shape: Shape): Check {
  const keys = Object.keys(shape);
  const members = Object.values(shape);
  const check: Check = (x, path, out) => {
    if (!isPlainObject(x)) return out !== undefined && fail(out, typeIssue('object', x, path));
    let ok = true;
    for (let i = 0; i < keys.length; i++) ok = (members[i] as Member)(x, keys[i] as string, path, out) && ok;
    return ok;
  };
  return documents(check, keys.length > 0 ? shape : undefined);
}

/** An array of elements checked by `element`. */
export function array(element: Member): Check {
  const check: Check = (x, path, out) => {
    if (!Array.isArray(x)) return out !== undefined && fail(out, typeIssue('array', x, path));
    let ok = true;
    for (let i = 0; i < x.length; i++) ok = element(x as unknown as Record<number, unknown>, i, path, out) && ok;
    return ok;
  };
  const inner = documentedOf(element);
  return documents(check, inner && [inner as Shape]);
}

/** A value that passes one of `options` (`z.union`): else one issue with every option's issues. */
export function union(options: readonly Check[]): Check {
  const check: Check = (x, path, out) =>
    options.some((o) => o(x, path, undefined)) ||
    fail(
      out,
      unionIssue(
        options.map((o) => issuesOf(o, x)),
        path,
      ),
    );
  return documents(check, options.map(documentedOf).find(Boolean));
}

/**
 * The undocumented keys of `x` (an object of shape `shape`) and of the documented objects inside
 * it, as the strict schema's refinement reports them: below the documented members first, in
 * schema order, then the keys of `x` itself. A `"__proto__"` key is left out: zod's parsed
 * output, which the refinement reads, never has one.
 */
export function undocumentedKeys(
  x: Record<string, unknown>,
  shape: Shape,
  path: Path,
  out: Issue[] | undefined,
): boolean {
  let ok = true;
  for (const key in shape) {
    const inner = documentedOf(shape[key] as Member);
    if (inner === undefined) continue;
    const y = x[key];
    const at = out === undefined ? path : [...path, key];
    if (Array.isArray(inner)) {
      if (!Array.isArray(y)) continue;
      for (let i = 0; i < y.length; i++) {
        const e: unknown = y[i];
        if (isPlainObject(e))
          ok = undocumentedKeys(e, inner[0] as Shape, out === undefined ? at : [...at, i], out) && ok;
      }
    } else if (isPlainObject(y)) ok = undocumentedKeys(y, inner as Shape, at, out) && ok;
    if (!ok && out === undefined) return false;
  }
  for (const key of Object.keys(x)) {
    if (Object.hasOwn(shape, key) || key === '__proto__') continue;
    if (out === undefined) return false;
    ok = fail(out, customIssue([...path, key], `undocumented key ${JSON.stringify(key)}`));
  }
  return ok;
}
