const TABLE = /* @__PURE__ */ (() => {
  const table = new Int16Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table[45] = 62; // '-' (base64url)
  table[95] = 63; // '_' (base64url)
  return table;
})();

/**
 * @internal Decodes base64 (standard or URL-safe alphabet, padding optional, ASCII whitespace
 * ignored). Returns `undefined` for anything else.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 61) {
      padding++;
      continue;
    }
    const v = c < 128 ? (TABLE[c] as number) : -1;
    if (v < 0 || padding > 0) return undefined;
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  if (padding > 2 || bits >= 6) return undefined;
  return out.subarray(0, length);
}
