/**
 * Byte helpers shared by the gzip decoder, the scanner and the envelopes.
 *
 * @internal
 * @module
 */

/**
 * @internal Concatenates byte chunks (no copy for a single chunk).
 * @param length - the total length, when the caller already knows it
 */
export function joinBytes(parts: readonly Uint8Array[], length?: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  let total = length ?? 0;
  if (length === undefined) for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** @internal The little-endian 32-bit unsigned integer at `at` (gzip trailer fields). */
export const uint32le = (b: Uint8Array, at: number): number =>
  ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>>
  0;
