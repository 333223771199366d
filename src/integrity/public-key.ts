import { decodeBase64 } from '../envelopes/base64.js';
import { pkcs1ToSpki } from './der.js';
import { bufferSource } from './hex.js';

/**
 * A CloudTrail public key: the DER PKCS#1 `RSAPublicKey` bytes of `ListPublicKeys`
 * (`PublicKeyList[].Value`; a base64 string as printed by the AWS CLI is accepted too), a DER
 * `SubjectPublicKeyInfo`, or a `CryptoKey` already imported with {@link importCloudTrailPublicKey}.
 */
export type CloudTrailPublicKey = Uint8Array | ArrayBuffer | string | WebCryptoKey;

/**
 * A WebCrypto `CryptoKey`, declared by its shape so that the declarations need neither the DOM lib
 * nor `@types/node`: the DOM's `CryptoKey` and Node's `webcrypto.CryptoKey` are both one.
 */
export interface WebCryptoKey {
  /** The key's algorithm (`RSASSA-PKCS1-v1_5` for CloudTrail keys). */
  readonly algorithm: { readonly name: string };
  /** Whether the key material can be exported. */
  readonly extractable: boolean;
  /** `public`, `private` or `secret`. */
  readonly type: string;
  /** What the key may be used for (`verify`). */
  readonly usages: readonly string[];
}

/**
 * Where to find the public key of a digest: one key, a map from fingerprint
 * (`digestPublicKeyFingerprint`, compared case-insensitively) to key, or a function of the
 * fingerprint. Returning `undefined` makes the digest's signature `'invalid'`.
 */
export type PublicKeySource =
  | CloudTrailPublicKey
  | ReadonlyMap<string, CloudTrailPublicKey>
  | ((fingerprint: string) => CloudTrailPublicKey | undefined | Promise<CloudTrailPublicKey | undefined>);

/** One entry of a CloudTrail `ListPublicKeys` response (`@aws-sdk/client-cloudtrail` `PublicKey`). */
export interface ListedPublicKey {
  /** DER PKCS#1 `RSAPublicKey` (bytes from the SDK, base64 from the CLI). */
  Value?: Uint8Array | string | undefined;
  /** Start of the key's validity. */
  ValidityStartTime?: Date | string | undefined;
  /** End of the key's validity. */
  ValidityEndTime?: Date | string | undefined;
  /** 32 hex characters, matched against a digest's `digestPublicKeyFingerprint`. */
  Fingerprint?: string | undefined;
}

/** The part of a `ListPublicKeys` response that is used (`@aws-sdk/client-cloudtrail` `ListPublicKeysCommandOutput`). */
export interface ListPublicKeysOutputLike {
  /** The keys. */
  PublicKeyList?: readonly ListedPublicKey[] | undefined;
}

/** A `ListPublicKeys` response (as the SDK returns it) or its `PublicKeyList`. */
export type ListPublicKeysResult = ListPublicKeysOutputLike | readonly ListedPublicKey[];

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

const isCryptoKey = (key: unknown): key is WebCryptoKey =>
  typeof CryptoKey !== 'undefined'
    ? key instanceof CryptoKey
    : typeof key === 'object' && key !== null && 'algorithm' in key && 'usages' in key;

const toBytes = (der: Uint8Array | ArrayBuffer | string): Uint8Array => {
  if (typeof der === 'string') {
    const bytes = decodeBase64(der);
    if (bytes === undefined) throw new TypeError('public key string is not base64');
    return bytes;
  }
  return der instanceof ArrayBuffer ? new Uint8Array(der) : der;
};

/**
 * Imports a CloudTrail public key for RSASSA-PKCS1-v1_5 / SHA-256 verification with WebCrypto
 * (Node 20+, browsers, Deno, Bun, Workers). `ListPublicKeys` returns a DER PKCS#1
 * `RSAPublicKey`, which WebCrypto cannot import as such: it is wrapped into a
 * `SubjectPublicKeyInfo` first. A `SubjectPublicKeyInfo` or a base64 string is accepted too.
 *
 * Import a key once and pass the `CryptoKey` to many verifications to save the import cost.
 *
 * @param der - The key's DER bytes (or base64 text).
 * @returns A non-extractable `CryptoKey` usable for `verify`.
 * @throws {TypeError} when `der` is not a DER RSA public key; WebCrypto's `DataError` when its content is invalid.
 * @example
 * ```ts
 * import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
 * import { importCloudTrailPublicKey } from 'cloudtrail-chime';
 *
 * const { PublicKeyList = [] } = await new CloudTrailClient({ region: 'us-east-1' }).send(new ListPublicKeysCommand({}));
 * const key = await importCloudTrailPublicKey(PublicKeyList[0]!.Value!);
 * ```
 */
export async function importCloudTrailPublicKey(der: Uint8Array | ArrayBuffer | string): Promise<WebCryptoKey> {
  const spki = pkcs1ToSpki(toBytes(der));
  return globalThis.crypto.subtle.importKey('spki', bufferSource(spki), ALGORITHM, false, ['verify']);
}

const imported = new WeakMap<object, Promise<WebCryptoKey>>();

/** @internal Imports (once per key object) or passes through a {@link CloudTrailPublicKey}. */
export function toCryptoKey(key: CloudTrailPublicKey): Promise<CryptoKey> {
  if (isCryptoKey(key)) return Promise.resolve(key as CryptoKey);
  if (typeof key === 'string') return importCloudTrailPublicKey(key) as Promise<CryptoKey>;
  let promise = imported.get(key);
  if (promise === undefined) {
    promise = importCloudTrailPublicKey(key);
    imported.set(key, promise);
    promise.catch(() => imported.delete(key));
  }
  return promise as Promise<CryptoKey>;
}

/** @internal The key of `fingerprint` from a {@link PublicKeySource}. */
export async function resolvePublicKey(
  source: PublicKeySource,
  fingerprint: string,
): Promise<CloudTrailPublicKey | undefined> {
  if (typeof source === 'function') return source(fingerprint);
  if (source instanceof Map) {
    const map = source as ReadonlyMap<string, CloudTrailPublicKey>;
    const exact = map.get(fingerprint);
    if (exact !== undefined) return exact;
    const wanted = fingerprint.toLowerCase();
    for (const [fp, key] of map) if (fp.toLowerCase() === wanted) return key;
    return undefined;
  }
  return source as CloudTrailPublicKey;
}

const listOf = (result: ListPublicKeysResult): readonly ListedPublicKey[] =>
  Array.isArray(result) ? result : ((result as { PublicKeyList?: readonly ListedPublicKey[] }).PublicKeyList ?? []);

const time = (value: Date | string | undefined): number | undefined =>
  value === undefined ? undefined : value instanceof Date ? value.getTime() : Date.parse(value);

/**
 * Picks the key with the given fingerprint (a digest's `digestPublicKeyFingerprint`, compared
 * case-insensitively) from a `ListPublicKeys` response. With `at`, a key whose validity period
 * does not contain that time is skipped.
 *
 * @param result - The `ListPublicKeysCommand` output or its `PublicKeyList`.
 * @param fingerprint - The fingerprint to look for.
 * @param at - Optional time the key must be valid at (e.g. the digest's `digestEndTime`).
 * @returns The key's DER bytes, or `undefined` when none matches.
 * @example
 * ```ts
 * import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
 * import { findPublicKey } from 'cloudtrail-chime';
 *
 * const output = await new CloudTrailClient({ region: 'us-east-2' }).send(new ListPublicKeysCommand({}));
 * const der = findPublicKey(output, '31e8b5433410dfb61a9dc45cc65b22ff');
 * ```
 */
export function findPublicKey(
  result: ListPublicKeysResult,
  fingerprint: string,
  at?: Date | string,
): Uint8Array | undefined {
  const wanted = fingerprint.toLowerCase();
  const when = time(at);
  for (const key of listOf(result)) {
    if (key.Value === undefined || key.Fingerprint?.toLowerCase() !== wanted) continue;
    if (when !== undefined) {
      const start = time(key.ValidityStartTime);
      const end = time(key.ValidityEndTime);
      if ((start !== undefined && when < start) || (end !== undefined && when > end)) continue;
    }
    return toBytes(key.Value);
  }
  return undefined;
}

/**
 * Turns one or more `ListPublicKeys` responses (e.g. of several regions) into a map from
 * lower-case fingerprint to DER key, ready to pass as `publicKey` / `publicKeys`.
 *
 * @param results - `ListPublicKeysCommand` outputs or `PublicKeyList` arrays.
 * @returns A map from lower-case fingerprint to the key's DER bytes.
 * @example
 * ```ts
 * import { CloudTrailClient, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
 * import { publicKeyMap } from 'cloudtrail-chime';
 *
 * const keys = publicKeyMap(await new CloudTrailClient({ region: 'us-east-1' }).send(new ListPublicKeysCommand({})));
 * ```
 */
export function publicKeyMap(...results: ListPublicKeysResult[]): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  for (const result of results) {
    for (const key of listOf(result)) {
      if (key.Value !== undefined && key.Fingerprint !== undefined)
        map.set(key.Fingerprint.toLowerCase(), toBytes(key.Value));
    }
  }
  return map;
}
