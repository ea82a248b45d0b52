import { existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Browser tests (`*.browser.test.ts`) drive Debian's Chromium (/usr/bin/chromium or
 * CHROMIUM_PATH). CI installs it and always runs them; on a machine without it they are left
 * out, with a warning, so `npm test` still runs everything else.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skipBrowserTests = !process.env.CI && !existsSync(chromiumPath);
if (skipBrowserTests) {
  console.warn(`\n  Chromium not found at ${chromiumPath}: browser tests are skipped (apt-get install chromium, or set CHROMIUM_PATH).\n`);
}

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(skipBrowserTests ? ['e2e/**/*.browser.test.ts'] : [])],
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
