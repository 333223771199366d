/**
 * The steps the generated validator (`generated/validator.ts`) is made of: check one member or
 * element, list undocumented keys. Each returns true when valid and, when `out` is given,
 * pushes the issues zod reports (paths are built only then).
 *
 * @internal
 * @module
 */
import { type Check, customIssue, type Issue, type Path, typeIssue } from './issues.js';
import { isPlainObject } from './plain-object.js';

/** `skip` flags: 1 when `undefined` passes (optional), 2 when `null` passes (nullable). */
type Skip = 0 | 1 | 2 | 3;

/** Pushes `issue` when collecting; false. */
export function fail(out: Issue[] | undefined, issue: Issue): false {
  if (out !== undefined) out.push(issue);
  return false;
}

/** Member or element `key` of `x` (the value at `path`) must be a `type`. */
export function checkType(
  x: object,
  key: PropertyKey,
  path: Path,
  out: Issue[] | undefined,
  type: 'string' | 'boolean',
  skip: Skip,
): boolean {
  const y = (x as Record<PropertyKey, unknown>)[key];
  if (typeof y === type || (skip & 1 && y === undefined) || (skip & 2 && y === null)) return true;
  if (out !== undefined) out.push(typeIssue(type, y, [...path, key]));
  return false;
}

/** Member or element `key` of `x` (the value at `path`) must pass `check`. */
export function checkAt(
  check: Check,
  x: object,
  key: PropertyKey,
  path: Path,
  out: Issue[] | undefined,
  skip: Skip,
): boolean {
  const y = (x as Record<PropertyKey, unknown>)[key];
  if ((skip & 1 && y === undefined) || (skip & 2 && y === null)) return true;
  return check(y, out === undefined ? path : [...path, key], out);
}

/**
 * The documented members of an object, each mapped to 0 or to the documented structure it holds
 * (`[structure]` for an array of objects).
 */
export interface DocumentedTree {
  readonly [key: string]: 0 | DocumentedTree | readonly [DocumentedTree];
}

/**
 * The undocumented keys of `x` and of the documented objects inside it, as the strict schema's
 * refinement reports them: below the documented members first, in schema order, then the keys
 * of `x` itself. A `"__proto__"` key is left out: zod's parsed output, which the refinement
 * reads, never has one.
 */
export function undocumentedKeys(
  x: Record<string, unknown>,
  documented: DocumentedTree,
  path: Path,
  out: Issue[] | undefined,
): boolean {
  let ok = true;
  for (const key in documented) {
    const inner = documented[key];
    if (inner === 0 || inner === undefined) continue;
    const y = x[key];
    const at = out === undefined ? path : [...path, key];
    if (Array.isArray(inner)) {
      if (!Array.isArray(y)) continue;
      for (let i = 0; i < y.length; i++) {
        const e: unknown = y[i];
        if (isPlainObject(e)) ok = undocumentedKeys(e, inner[0], out === undefined ? at : [...at, i], out) && ok;
      }
    } else if (isPlainObject(y)) ok = undocumentedKeys(y, inner as DocumentedTree, at, out) && ok;
    if (!ok && out === undefined) return false;
  }
  for (const key of Object.keys(x)) {
    if (Object.hasOwn(documented, key) || key === '__proto__') continue;
    if (out === undefined) return false;
    ok = fail(out, customIssue([...path, key], `undocumented key ${JSON.stringify(key)}`));
  }
  return ok;
}
