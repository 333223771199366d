import { beforeAll, describe, expect, it } from 'vitest';
import { runDigestScenario } from '../integrity/digest-vectors.js';
import { browserAvailable, withBrowserPage } from './harness.js';

const run = browserAvailable();

describe.skipIf(!run)('digest verification in Chromium (runDigestScenario)', () => {
  // biome-ignore lint/suspicious/noExplicitAny: scenario outcomes are plain JSON, checked by deep equality
  let browser: Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  let node: Record<string, any>;
  const ok = { valid: true, signature: 'valid', location: 'match', previous: true, backfill: false };

  beforeAll(async () => {
    [browser, node] = await Promise.all([
      withBrowserPage('test/browser/pages/digest.ts', ({ call }) => call<Record<string, unknown>>('runDigestScenario')),
      runDigestScenario(),
    ]);
  });

  it('gives exactly the outcomes it gives in Node', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
    expect(browser).toEqual(node);
  });

  // the same expectations as test/integrity/digest.test.ts, on the browser's outcomes
  it('accepts the untouched set and rejects tampering', () => {
    expect(browser.untouched).toEqual([
      { ...ok, previous: false, logFiles: ['valid'] },
      { ...ok, logFiles: ['valid'] },
      { ...ok, logFiles: ['valid'] },
    ]);
    for (const name of ['importedCryptoKey', 'publicKeyMap', 'plainDigestBody', 'plainDigestString']) {
      expect(browser[name], name).toEqual({ ...ok, logFiles: ['valid'] });
    }
    expect(browser.noLogFileReader).toEqual({ ...ok, logFiles: ['not-checked'] });
    for (const name of ['logByteChanged', 'logGzipByteChanged', 'logAppendedMember', 'logZeroPadding']) {
      expect(browser[name], name).toEqual({ ...ok, valid: false, logFiles: ['hash-mismatch'] });
    }
    expect(browser.logMissing).toEqual({ ...ok, valid: false, logFiles: ['missing'] });
    expect(browser.digestMoved).toEqual({ ...ok, valid: false, location: 'moved', logFiles: ['valid'] });
    for (const name of ['signatureOfOtherDigest', 'verifiedWithOtherKey', 'malformedSignature', 'digestByteChanged']) {
      expect(browser[name], name).toEqual({ ...ok, valid: false, signature: 'invalid', logFiles: ['valid'] });
    }
    expect(browser.backfill).toEqual({ ...ok, previous: false, backfill: true, logFiles: ['valid'] });
    expect(browser.chainUntouched).toMatchObject({ valid: true, breaks: [], end: 'start-or-gap' });
    expect(browser.chainMissingLink).toMatchObject({ valid: false, end: 'missing-digest' });
    expect(browser.chainLoop).toMatchObject({ valid: false, end: 'loop' });
  });
});
