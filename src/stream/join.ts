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
