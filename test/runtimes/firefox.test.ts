// Firefox (Debian `firefox-esr`, driven by puppeteer-core over WebDriver BiDi): the matrix's checks
// in a page served from 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { bundleForBrowser, startServer } from '../browser/harness.js';
import { browserReadKinds, resultOf, servedFixtures } from './browser.js';
import type { Fixtures } from './fixtures.js';
import { binaries, entry, runtimeSuite } from './suite.js';

async function runInFirefox(fx: Fixtures): Promise<Record<string, unknown>> {
  const server = await startServer({
    ...servedFixtures(fx),
    '/': {
      body: '<!doctype html><meta charset="utf-8"><title>test</title><script src="/entry.js"></script>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
    '/entry.js': { body: await bundleForBrowser(entry('browser.mjs')), headers: { 'content-type': 'text/javascript' } },
  });
  const profile = mkdtempSync(join(tmpdir(), 'cloudtrail-chime-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: binaries.firefox,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false },
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true, {
      timeout: 20_000,
    });
    if (errors.length > 0) throw new Error(errors.join('; '));
    return resultOf(
      await page.evaluate(() =>
        (
          window as unknown as { __exports: { run(): Promise<{ runtime: string; result: Record<string, unknown> }> } }
        ).__exports.run(),
      ),
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

runtimeSuite('firefox', {
  readKinds: browserReadKinds,
  needs: [binaries.firefox],
  run: runInFirefox,
});
