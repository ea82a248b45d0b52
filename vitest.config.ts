import { existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Browser tests (`*.browser.test.ts`) drive Debian's Chromium (/usr/bin/chromium or
 * CHROMIUM_PATH). CI installs it and runs them once, in the PGlite pass: what a person sees does
 * not depend on the database engine, so the PostgreSQL pass sets SKIP_BROWSER_TESTS=1. On a
 * machine without Chromium they are left out, with a warning, so `npm test` still runs everything else.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumMissing = !process.env.CI && !existsSync(chromiumPath);
const skipBrowserTests = chromiumMissing || process.env.SKIP_BROWSER_TESTS === '1';
if (chromiumMissing) {
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
