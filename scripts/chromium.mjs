// How Debian Chromium is launched here (peers.md §2.4), shared by the browser tests
// (test/browser/harness.ts) and the browser benchmark (scripts/bench/browser.mjs).

/** Launch flags for Debian Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Path of the Chromium binary (`CHROMIUM_PATH`, else `/usr/bin/chromium`). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
