import { describe, expect, it } from 'vitest';
import { saveScreenshot } from '../support/browser.ts';
import { chatFrame, createSupportWidget, useWidgetBrowser } from './widget-kit.ts';

const kit = useWidgetBrowser();

describe('/demo', () => {
  it('embeds the demo widget under the page security policy, and the chat opens', async () => {
    await createSupportWidget(kit.server);
    const page = await kit.newPage();
    const problems: string[] = [];
    // Script errors, policy violations and failed loads; the browser's own favicon probe aside.
    page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => response.status() >= 400 && !response.url().endsWith('/favicon.ico') && problems.push(`${response.status()} ${response.url()}`));
    await page.goto(`${kit.server.baseUrl}/demo`);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Leave us a message' }).click();
    await frame.getByLabel('E-mail').fill('demo@example.com');
    await saveScreenshot(page, 'widget-demo');
    expect(problems).toEqual([]);
  });
});
