import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConversation } from '../../server/core/queries/conversations.ts';
import type { TestClient } from '../../server/realtime/__tests__/realtime-test-kit.ts';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { chatFrame, connectOnlineAgent, createSupportWidget, ensureWidgetBuilt, hostPage, newVisitorPage, recordedCallbacks, RECORD_ALL_CALLBACKS, startHostSite, type HostSite } from './widget-kit.ts';

let server: LiveServer;
let browser: LaunchedBrowser;
const sites: HostSite[] = [];

beforeAll(async () => {
  ensureWidgetBuilt();
  server = await startLiveServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(sites.map((site) => site.close()));
  await server?.close();
});

async function siteFor(widgetId: string, apiCode = RECORD_ALL_CALLBACKS): Promise<HostSite> {
  const site = await startHostSite({ '/': hostPage(`${server.baseUrl}/js/${widgetId}.js`, { apiCode }) });
  sites.push(site);
  return site;
}

describe('nobody online: the offline form', () => {
  it('shows the offline launcher, insists on e-mail and message, stores the offline message', async () => {
    const { widgetId } = await createSupportWidget(server);
    const site = await siteFor(widgetId);
    const page = await newVisitorPage(browser.browser);
    await page.goto(site.url);
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'Leave us a message' }).click();
    await frame.getByRole('button', { name: 'Send message' }).click();
    await frame.getByText('Please fill in E-mail.').waitFor();
    await frame.getByText('Please fill in How can we help?.').waitFor();
    expect(await frame.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await frame.getByLabel('Name').fill('Olaf');
    await frame.getByLabel('E-mail').fill('olaf@example.com');
    await frame.getByLabel('How can we help?').fill('Please call me back about tents.');
    await saveScreenshot(page, 'widget-offline-form');
    await frame.getByRole('button', { name: 'Send message' }).click();
    await frame.getByText('Thanks! We got your message and will reply to olaf@example.com.').waitFor();
    await saveScreenshot(page, 'widget-offline-sent');
    await frame.getByRole('button', { name: 'Close', exact: true }).click();
    expect(await recordedCallbacks(page)).toEqual([
      ['Open', 'offline'],
      ['MessageSubmit', 'olaf@example.com', 'Please call me back about tents.'],
      ['Close', 'form', 'offline'],
    ]);
    await page.close();
  });
});

describe('proactive invitations', () => {
  let agent: TestClient;
  let widgetId: string;

  beforeAll(async () => {
    const widget = await createSupportWidget(server, {
      proactiveEnabled: true,
      settings: { proactive: { delaySeconds: 1, message: 'Need help choosing boots?', autoCloseMinutes: 0.05 } },
    });
    widgetId = widget.widgetId;
    agent = await connectOnlineAgent(server, widget.agentEmail);
  });
  afterAll(() => agent?.close());

  const invitation = (page: Page) => chatFrame(page).getByText('Need help choosing boots?');

  it('appears after the delay, closes itself after the auto-close delay, and comes back on the next page', async () => {
    const site = await siteFor(widgetId);
    const page = await newVisitorPage(browser.browser);
    const loaded = Date.now();
    await page.goto(site.url);
    await chatFrame(page).getByRole('button', { name: 'Open chat' }).waitFor();
    expect(await invitation(page).count()).toBe(0);
    await invitation(page).waitFor({ timeout: 3_000 });
    expect(Date.now() - loaded).toBeGreaterThanOrEqual(1_000);
    await saveScreenshot(page, 'widget-proactive');
    expect(await recordedCallbacks(page)).toEqual([['OpenProactive', 'Ada', 'Need help choosing boots?']]);
    // 0.05 minutes = 3 s without an answer: gone, and not counted as a close.
    await invitation(page).waitFor({ state: 'detached', timeout: 5_000 });
    expect(await recordedCallbacks(page)).toHaveLength(1);

    // A single-page app's route change: the rules run again only when forced on the same page load.
    const reInit = (options?: { force: boolean }) =>
      page.evaluate((o) => (globalThis as unknown as { SnapEngage: { reInitProactiveRules(o?: unknown): void } }).SnapEngage.reInitProactiveRules(o), options);
    await reInit();
    await page.waitForTimeout(1_500);
    expect(await invitation(page).count()).toBe(0);
    await reInit({ force: true });
    await invitation(page).waitFor({ timeout: 3_000 });
    expect(await recordedCallbacks(page)).toHaveLength(2);
    await page.reload();
    await invitation(page).waitFor({ timeout: 3_000 });
    await page.close();
  });

  // Runs on real timers (1 s delay, 30-minute cookie, invitations) in a browser beside other test files
  // on two cores; it has timed out now and then under CI load for a reason not yet found, so it gets
  // two more tries. Three failures in a row still fail the run.
  it('closing it holds invitations back (30-minute cookie) unless forced; a reply starts a proactive chat', { retry: 2 }, async () => {
    // Invitations here stay until clicked: the widget's 3-second auto-close is shorter than a click
    // and a screenshot take on a busy CI machine (auto-closing is the previous test's subject).
    const site = await siteFor(widgetId, `${RECORD_ALL_CALLBACKS}\nSnapEngage.setProactiveAutocloseDelay(0);`);
    const page = await newVisitorPage(browser.browser);
    await page.goto(site.url);
    await invitation(page).waitFor({ timeout: 3_000 });
    await chatFrame(page).getByRole('button', { name: 'Close', exact: true }).click();
    expect((await recordedCallbacks(page)).at(-1)).toEqual(['Close', 'proactive', 'online']);
    const cookie = (await page.context().cookies(site.url)).find((c) => c.name === 'SnapABugNoProactive');
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 60);
    expect(cookie?.expires).toBeLessThan(Date.now() / 1000 + 31 * 60);

    await page.reload();
    await chatFrame(page).getByRole('button', { name: 'Open chat' }).waitFor();
    await page.waitForTimeout(1_800);
    expect(await invitation(page).count()).toBe(0);

    // Forced, with its own message, in the minimized view (the page switched auto-closing off again after the reload).
    await page.evaluate(() => (globalThis as unknown as { SnapEngage: { openProactiveChat(...a: unknown[]): void } }).SnapEngage.openProactiveChat(true, false, 'Boots on sale today!', true));
    const bubble = chatFrame(page).getByRole('button', { name: /Boots on sale today!/ });
    await bubble.waitFor();
    await saveScreenshot(page, 'widget-proactive-minimized');
    await bubble.click();
    const box = chatFrame(page).getByLabel('Message', { exact: true });
    await box.fill('Yes, which ones?');
    await box.press('Enter');
    const assigned = await agent.next((f) => f.type === 'event' && f.name === 'conversation.assigned');
    await chatFrame(page).getByText('Ada joined the chat').waitFor();
    // The server stores the answered invitation as a proactive chat too (reports and webhooks read it).
    expect(await getConversation(server.core, server.tenant.organizationId, String(assigned.conversationId))).toMatchObject({ source: 'proactive' });
    const events = await recordedCallbacks(page);
    expect(events.slice(-3)).toEqual([
      ['OpenProactive', 'Ada', 'Boots on sale today!'],
      ['Open', 'online'],
      ['StartChat', '', 'Yes, which ones?', 'proactive'],
    ]);
    await page.close();
  });
});
