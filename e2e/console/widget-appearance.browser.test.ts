import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { ensureConsoleBuilt, openConsole, signIn } from './console-kit.ts';

/**
 * The widget editor's "Appearance and behaviour" and bot members in Chromium: an admin changes
 * colour, rating scale and language, saves, and adds a bot as a member; the API reads them back.
 */
let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;

const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
  server.app.inject({ method, url: `/native/v1${url}`, headers: { authorization: `Bearer ${server.tenant.apiKey}` }, ...(payload ? { payload } : {}) });

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

describe('console widget appearance', () => {
  it('an admin changes colour, rating scale and language, and adds a bot member', async () => {
    const created = await asAdmin('POST', '/widgets', { name: 'Appearance shop' });
    expect(created.statusCode).toBe(201);
    const widgetId = (created.json() as { widget: { id: string } }).widget.id;
    const bot = await asAdmin('POST', '/bots', { name: 'Order bot', endpointUrl: 'https://bot.example.com/snapengage' });
    expect(bot.statusCode).toBe(201);
    const botId = (bot.json() as { bot: { id: string } }).bot.id;

    const page = await openConsole(browser, server);
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);
    await page.goto(`${server.baseUrl}/console/admin/widgets/${widgetId}`);
    await page.getByRole('heading', { name: 'Appearance and behaviour' }).waitFor();

    // The server's refusal is shown in its words.
    await page.getByLabel('Delay before inviting (seconds)').fill('99999');
    await page.getByRole('button', { name: 'Save appearance' }).click();
    await page.getByText('proactive.delaySeconds must be a number from 0 to 3600').waitFor();
    await page.getByLabel('Delay before inviting (seconds)').fill('30');

    await page.getByLabel('Colour of the launcher, header and chat bubbles').fill('#0e7c66');
    await page.getByLabel('Rating scale').selectOption('NUMBER');
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Save appearance' }).click();
    await page.getByText('Appearance saved.').waitFor();

    const stored = await server.app.inject({ method: 'GET', url: `/native/v1/public/widgets/${widgetId}` });
    expect(stored.json()).toMatchObject({
      widget: {
        settings: { color: '#0e7c66', language: 'de', rating: { enabled: true, scale: 'NUMBER' }, proactive: { delaySeconds: 30, autoCloseMinutes: 2 }, survey: { enabled: true } },
      },
    });

    // A bot beside the people.
    await page.getByLabel('Add a bot').selectOption({ label: 'Order bot' });
    const botRow = page.getByRole('row', { name: /Bot Order bot/ });
    await botRow.waitFor();
    await page.getByRole('button', { name: 'Save widget' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const widget = await asAdmin('GET', `/widgets/${widgetId}`);
    expect((widget.json() as { widget: { members: Array<{ botId: string | null; alias: string }> } }).widget.members).toEqual(
      expect.arrayContaining([expect.objectContaining({ botId, alias: 'Order bot' })]),
    );
    const visible = await server.app.inject({ method: 'GET', url: `/native/v1/public/widgets/${widgetId}` });
    expect((visible.json() as { widget: { agents: unknown[] } }).widget.agents).toEqual([expect.objectContaining({ id: botId, bot: true })]);

    await page.getByRole('heading', { name: 'Agents', exact: true }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.setViewportSize({ width: 1280, height: 1560 });
    await saveScreenshot(page, 'console-admin-appearance');
    await page.context().close();
  }, 90_000);
});
