/**
 * What the schemas document: the type of a value without the catch-all index signature of its
 * documented objects, and the undocumented keys of a parsed value (for the strict schema).
 *
 * @module
 */
import type * as z from 'zod';

/**
 * `T` with the index signature removed from every object that has documented members (so a
 * misspelt member does not compile); free-form objects such as `requestParameters` keep theirs.
 */
export type Documented<T> = T extends readonly (infer E)[]
  ? Documented<E>[]
  : T extends object
    ? [keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 }] extends [never]
      ? T
      : { [K in keyof T as string extends K ? never : number extends K ? never : K]: Documented<T[K]> }
    : T;

interface Def {
  type: string;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function collect(schema: z.ZodType, v: unknown, path: PropertyKey[], out: PropertyKey[][]): void {
  let def = defOf(schema);
  while ((def.type === 'optional' || def.type === 'nullable') && def.innerType) def = defOf(def.innerType);
  if (v === null || typeof v !== 'object') return;
  if (def.type === 'union') {
    // the member the union chose
    const chosen = def.options?.find((o) => o.safeParse(v).success);
    if (chosen) collect(chosen, v, path, out);
  } else if (def.type === 'array' && def.element && Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) collect(def.element, v[i], [...path, i], out);
  } else if (def.type === 'object' && def.shape && Object.keys(def.shape).length > 0) {
    const shape = def.shape;
    for (const key of Object.keys(v)) {
      const member = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (member === undefined) out.push([...path, key]);
      else collect(member, (v as Record<string, unknown>)[key], [...path, key], out);
    }
  }
}

/**
 * Paths of the keys of a value parsed by `schema` that the schema does not document, at every
 * level of documented structure (free-form objects such as `requestParameters` excepted).
 */
export function undocumentedKeys(schema: z.ZodType, value: unknown): PropertyKey[][] {
  const out: PropertyKey[][] = [];
  collect(schema, value, [], out);
  return out;
}
