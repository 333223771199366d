/**
 * Defensive readers for untrusted, parsed JSON: own properties only, typed values only.
 * Nothing here copies input keys into new objects (no prototype pollution).
 *
 * @module
 */

/** A plain (non-array) object read from parsed JSON. */
export type Bag = { readonly [key: string]: unknown };

/** `value` when it is a non-null, non-array object; otherwise `undefined`. */
export function asBag(value: unknown): Bag | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : undefined;
}

/** The own property `key` of `bag` (never an inherited one), or `undefined`. */
export function own(bag: Bag | undefined, key: string): unknown {
  return bag !== undefined && Object.hasOwn(bag, key) ? bag[key] : undefined;
}

/** The own property `key` as a non-empty string, or `undefined`. */
export function str(bag: Bag | undefined, key: string): string | undefined {
  const v = own(bag, key);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The own property `key` as an object, or `undefined`. */
export function bag(parent: Bag | undefined, key: string): Bag | undefined {
  return asBag(own(parent, key));
}

/**
 * Reads a flag written as a boolean, `"true"`/`"false"` or `"yes"`/`"no"` (any case);
 * anything else is `undefined`.
 */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' || value.length > 5) return undefined;
  const v = value.toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return undefined;
}

/** Whether `bag` has at least one own enumerable key. */
export function hasKeys(b: Bag): boolean {
  for (const key in b) if (Object.hasOwn(b, key)) return true;
  return false;
}

/**
 * Returns a copy of `obj` without the keys whose value is `undefined`. Only for objects built
 * by this module with fixed keys.
 */
export function compact<T extends object>(obj: T): T {
  const out = obj as Record<string, unknown>;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return obj;
}
