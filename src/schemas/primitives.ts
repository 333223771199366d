import * as z from 'zod';

/** An optional string that AWS (or a pipeline) may also write as `null` (members of nested objects). */
export const optionalString = () => z.string().nullish();

/**
 * An optional top-level string of a record: absent or a string, never `null` (no published record
 * has `null` there; a `null` is an `INVALID_RECORD` like any other wrong type).
 */
export const topString = () => z.string().optional();

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
