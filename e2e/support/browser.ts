import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/** A headless Chromium with its own throwaway profile folder. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'switchboard-chromium-'));
  const browser = await chromium.launch({ executablePath, args: [...chromiumFlags, `--user-data-dir=${profile}`] });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const screenshotFolder = path.resolve(import.meta.dirname, '..', 'screenshots');

/** Writes e2e/screenshots/<name>.png: the pictures people look at to judge the UI. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotFolder, { recursive: true });
  const file = path.join(screenshotFolder, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
