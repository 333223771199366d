/**
 * @internal Decodes base64 (standard or URL-safe alphabet, padding optional, ASCII whitespace
 * ignored). Returns `undefined` for anything else.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const data = /^([\w+/-]*)={0,2}$/.exec(text.replace(/[\t\n\r ]+/g, ''))?.[1];
  // one character left over holds no whole byte: not base64
  if (data === undefined || data.length % 4 === 1) return undefined;
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
