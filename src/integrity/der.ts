/** DER of `AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }`. */
const RSA_ALGORITHM_IDENTIFIER = /* @__PURE__ */ new Uint8Array([
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
]);

/** @internal DER length octets of `length` (short form below 128, long form above). */
export function derLength(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid DER length ${length}`);
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

/** @internal DER TLV: `tag`, length of the concatenated `parts`, the parts. */
export function derElement(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const header = derLength(length);
  const out = new Uint8Array(1 + header.length + length);
  out[0] = tag;
  out.set(header, 1);
  let at = 1 + header.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** @internal Header of the DER element at `at`: its tag, where its content starts and its content length. */
export function readDerHeader(der: Uint8Array, at = 0): { tag: number; start: number; length: number } | undefined {
  if (at + 2 > der.length) return undefined;
  const tag = der[at] as number;
  const first = der[at + 1] as number;
  if (first < 0x80) return { tag, start: at + 2, length: first };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || at + 2 + count > der.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (der[at + 2 + i] as number);
  return { tag, start: at + 2 + count, length };
}

/**
 * @internal Wraps a DER PKCS#1 `RSAPublicKey` (what CloudTrail `ListPublicKeys` returns) into a
 * DER `SubjectPublicKeyInfo`, the only RSA public-key format WebCrypto imports. A key that already
 * is a `SubjectPublicKeyInfo` is returned unchanged.
 *
 * @throws {TypeError} when `der` is neither.
 */
export function pkcs1ToSpki(der: Uint8Array): Uint8Array {
  const outer = readDerHeader(der);
  if (outer === undefined || outer.tag !== 0x30 || outer.start + outer.length !== der.length) {
    throw new TypeError('not a DER RSA public key: expected a DER SEQUENCE spanning the whole input');
  }
  const inner = readDerHeader(der, outer.start);
  if (inner?.tag === 0x02) return derElement(0x30, RSA_ALGORITHM_IDENTIFIER, derElement(0x03, Uint8Array.of(0), der));
  if (inner?.tag === 0x30) return der;
  throw new TypeError('not a DER RSA public key: expected PKCS#1 RSAPublicKey or SubjectPublicKeyInfo');
}

/** @internal The PKCS#1 `RSAPublicKey` inside a DER `SubjectPublicKeyInfo` (the inverse of {@link pkcs1ToSpki}). */
export function spkiToPkcs1(spki: Uint8Array): Uint8Array {
  const outer = readDerHeader(spki);
  const algorithm = outer && readDerHeader(spki, outer.start);
  const bitString = algorithm && readDerHeader(spki, algorithm.start + algorithm.length);
  if (outer?.tag !== 0x30 || algorithm?.tag !== 0x30 || bitString?.tag !== 0x03 || spki[bitString.start] !== 0) {
    throw new TypeError('not a DER SubjectPublicKeyInfo');
  }
  return spki.slice(bitString.start + 1, bitString.start + bitString.length);
}
