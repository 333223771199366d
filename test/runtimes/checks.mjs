// The checks of the runtime matrix, in plain JavaScript with Web APIs only, so that every runtime
// (Node, Deno, Bun, workerd, browsers) runs this same file against the built dist/ (ESM).
// Each runtime's entry imports the library, says how it opens a fixture as each of its own body
// types, and prints (or returns) the JSON result of `runChecks`; test/runtimes/suite.ts compares
// it with what the host computes from the same fixtures.

/**
 * @typedef {{ readRecords: Function, classifyIdentity: Function, verifyDigestFile: Function, readChimeEvents: Function }} Lib
 * @typedef {'gzip' | 'plain' | 'digest' | 'tampered'} FixtureName  (files of fixtures.json)
 * @typedef {(file: FixtureName, kind: string) => Promise<unknown>} Open  a fixture as a body of `kind`
 */

/** What reading one body gives: record count, first and last eventID. */
export async function summarizeRead(lib, body) {
  let records = 0;
  let first = null;
  let last = null;
  for await (const r of lib.readRecords(body)) {
    records++;
    first ??= r.eventID;
    last = r.eventID;
  }
  return { records, first, last };
}

const hexToBytes = (hex) => new Uint8Array(hex.match(/../g).map((b) => Number.parseInt(b, 16)));

const summarizeVerification = (v) => ({
  valid: v.valid,
  signature: v.signature,
  location: v.location,
  logFiles: v.logFiles.map((f) => f.status),
});

/**
 * Runs every check. `readKinds` are the body types the read checks use; the other checks open their
 * fixtures as `readKinds[0]`. `manifest` is fixtures.json.
 * @param {Lib} lib
 * @param {Open} open
 * @param {string[]} readKinds
 * @param {any} manifest
 */
export async function runChecks(lib, open, readKinds, manifest) {
  const out = {};
  const attempt = async (name, fn) => {
    try {
      out[name] = await fn();
    } catch (e) {
      out[name] = { error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` };
    }
  };
  for (const kind of readKinds) {
    for (const file of ['gzip', 'plain']) {
      await attempt(`read ${file} from ${kind}`, async () => summarizeRead(lib, await open(file, kind)));
    }
  }
  const kind = readKinds[0];
  await attempt('classifyIdentity', async () => {
    const kinds = {};
    for await (const r of lib.readRecords(await open('gzip', kind))) {
      const id = lib.classifyIdentity(r.userIdentity, r);
      const key = `${id.kind}/${id.credentials?.kind ?? '-'}`;
      kinds[key] = (kinds[key] ?? 0) + 1;
    }
    return kinds;
  });
  await attempt('readChimeEvents', async () => {
    const names = {};
    for await (const e of lib.readChimeEvents(await open('gzip', kind)))
      names[e.eventName] = (names[e.eventName] ?? 0) + 1;
    return names;
  });
  const { digest } = manifest;
  const verify = async (file, overrides = {}) =>
    summarizeVerification(
      await lib.verifyDigestFile({
        digest: await open('digest', kind),
        location: { bucket: digest.bucket, key: digest.key },
        signature: digest.signature,
        publicKey: hexToBytes(digest.publicKey),
        logFile: async (bucket, key) =>
          bucket === digest.logBucket && key === digest.logKey ? open(file, kind) : undefined,
        ...overrides,
      }),
    );
  await attempt('verifyDigestFile: signed digest and its log file', () => verify('gzip'));
  await attempt('verifyDigestFile: a log file changed after delivery', () => verify('tampered'));
  await attempt('verifyDigestFile: a signature of other bytes', () =>
    verify('gzip', { signature: digest.otherSignature }),
  );
  return out;
}
