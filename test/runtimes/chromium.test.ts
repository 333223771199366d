// Chromium (Debian `chromium`, driven by playwright-core): the matrix's checks in a page. The other
// Chromium tests are in test/browser.
import { chromiumPath, withBrowserPage } from '../browser/harness.js';
import { browserReadKinds, resultOf, servedFixtures } from './browser.js';
import { entry, runtimeSuite } from './suite.js';

runtimeSuite('chromium', {
  readKinds: browserReadKinds,
  needs: [chromiumPath],
  run: async (fx) =>
    resultOf(
      await withBrowserPage(entry('browser.mjs'), ({ call }) => call('run'), {
        files: servedFixtures(fx),
      }),
    ),
});
