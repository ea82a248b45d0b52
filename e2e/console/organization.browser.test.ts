import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { ensureConsoleBuilt, openConsole, signIn } from './console-kit.ts';

/** Admin → Organization in Chromium: an admin switches transcript e-mails off, and the API reads it back. */
let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;

const organization = async () =>
  (await server.app.inject({ url: '/native/v1/organization', headers: { authorization: `Bearer ${server.tenant.apiKey}` } })).json() as { organization: { name: string; transcriptsEnabled: boolean } };

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

describe('console organization settings', () => {
  it('an admin switches transcript e-mails off and renames the organization', async () => {
    const page = await openConsole(browser, server);
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Organization' }).click();
    const transcripts = page.getByLabel('Visitors may e-mail themselves the chat transcript');
    expect(await transcripts.isChecked()).toBe(true);

    await transcripts.uncheck();
    await page.getByLabel('Name').fill('Acme Support');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    await saveScreenshot(page, 'console-admin-organization');
    expect((await organization()).organization).toMatchObject({ name: 'Acme Support', transcriptsEnabled: false });

    await page.reload();
    await transcripts.waitFor();
    expect(await transcripts.isChecked()).toBe(false);
  });
});
