/** A JSON object: not `null`, not an array (the project's one plain-object test). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
