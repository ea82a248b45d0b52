import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { ensureConsoleBuilt, openConsole, signIn } from './console-kit.ts';

/** The profile page in Chromium: the account id, and a personal access token shown once and regenerable. */
let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;

const profileWith = async (token: string) => server.app.inject({ url: '/api/v1/profile', headers: { api_access_token: token } });

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startLiveServer();
  launched = await launchBrowser();
  browser = launched.browser;
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.close();
});

describe('console profile', () => {
  it('shows the account id, makes a token that works as api_access_token, and regenerates it', async () => {
    const page = await openConsole(browser, server);
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);
    await page.getByTitle(/your profile and API token/).click();
    await page.getByRole('heading', { name: 'API access' }).waitFor();
    await page.getByText('None yet').waitFor();

    await page.getByRole('button', { name: 'Generate token' }).click();
    const field = page.getByLabel('New personal access token');
    const first = await field.inputValue();
    expect(first).toMatch(/^sbt_/);
    const profile = (await profileWith(first)).json() as { account_id: number; email: string };
    expect(profile.email).toBe(server.tenant.adminEmail);
    await page.getByText(String(profile.account_id), { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Regenerate' }).waitFor();
    await saveScreenshot(page, 'console-profile-token');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await expect.poll(() => field.inputValue()).not.toBe(first);
    const second = await field.inputValue();
    expect((await profileWith(first)).statusCode).toBe(401);
    expect((await profileWith(second)).statusCode).toBe(200);
  });
});
