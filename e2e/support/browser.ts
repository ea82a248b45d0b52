import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run with apt); CHROMIUM_PATH overrides it. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a closed network: without the background-networking ones Chromium keeps
 * dialling Google's hosts, and every refused connection slows the run down.
 */
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A headless Chromium. Playwright gives `launch()` a throwaway profile folder of its own and
 * removes it on close (it refuses a `--user-data-dir` flag here).
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath, args: chromiumFlags });
  return { browser, close: () => browser.close() };
}

const screenshotFolder = path.resolve(import.meta.dirname, '..', 'screenshots');

/** Writes e2e/screenshots/<name>.png: the pictures people look at to judge the UI. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotFolder, { recursive: true });
  const file = path.join(screenshotFolder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
