import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { chatFrame, createSupportWidget, ensureWidgetBuilt, newVisitorPage } from './widget-kit.ts';

describe('/demo', () => {
  let server: LiveServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    ensureWidgetBuilt();
    server = await startLiveServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('embeds the demo widget under the page security policy, and the chat opens', async () => {
    await createSupportWidget(server);
    const page = await newVisitorPage(browser.browser);
    const problems: string[] = [];
    // Script errors, policy violations and failed loads; the browser's own favicon probe aside.
    page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => response.status() >= 400 && !response.url().endsWith('/favicon.ico') && problems.push(`${response.status()} ${response.url()}`));
    await page.goto(`${server.baseUrl}/demo`);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Leave us a message' }).click();
    await frame.getByLabel('E-mail').fill('demo@example.com');
    await saveScreenshot(page, 'widget-demo');
    expect(problems).toEqual([]);
  });
});
