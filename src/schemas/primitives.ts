import * as z from 'zod';

/** An optional string that AWS (or a pipeline) may also write as `null`. */
export const optionalString = () => z.string().nullish();

/**
 * A flag written as a boolean by some producers and as `"true"` / `"false"` by others
 * (`mfaAuthenticated`, `assumedRoot`, `sessionCredentialFromConsole`, LookupEvents `ReadOnly`).
 */
export const flag = () => z.union([z.boolean(), z.string()]).nullish();

/**
 * A free-form JSON object (`requestParameters`, `responseElements`...), kept verbatim; `null`
 * allowed, and a string (some pipelines and AWS examples carry the object serialised as JSON text).
 */
export const freeObject = () => z.union([z.looseObject({}), z.string()]).nullish();
