import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../server/core/commands/create-contact.ts';
import { createUser } from '../../server/core/commands/create-user.ts';
import { createWidget } from '../../server/core/commands/create-widget.ts';
import { postVisitorMessage } from '../../server/core/commands/post-message.ts';
import { setAgentPresence } from '../../server/core/commands/set-agent-presence.ts';
import { startConversation } from '../../server/core/commands/start-conversation.ts';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { ensureConsoleBuilt, openConsole, signIn } from './console-kit.ts';

/**
 * One agent answers a web widget and an API inbox (Chatwoot's, run by a customer's backend). The
 * console tells the two apart: the inbox's name and an "API" badge in the list and the chat header,
 * the contact's e-mail, phone and identifier instead of the website and device sections (a backend
 * has no page or browser), and "Contact" where a web chat says "Visitor". The API inbox is made
 * after the agent signed in, as a backend would, so the console must learn of a widget it did not list.
 */
const PASSWORD = 'channel test password';
const AGENT = { email: `ada-${Date.now()}@shop.test`, name: 'Ada Lovelace' };
const JANE = { name: 'Jane Backend', email: 'jane@example.com', phone: '+49 30 1234', identifier: 'crm-42' };

let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;
let page: Page;
let agentId = '';
let webChatId = '';
let apiChatId = '';

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startLiveServer();
  const { core, tenant } = server;
  agentId = (await createUser(core, tenant.organizationId, { ...AGENT, role: 'agent', password: PASSWORD })).id;
  await setAgentPresence(core, tenant.organizationId, agentId, 'online');
  const web = await createWidget(core, tenant.organizationId, { name: 'Shop support', members: [{ userId: agentId, alias: 'Ada' }] });
  webChatId = (
    await startConversation(core, tenant.organizationId, {
      widgetId: web.id,
      visitor: { email: 'walter@example.org' },
      context: { pageUrl: 'https://shop.example.com/cart', entryUrl: 'https://shop.example.com/', browser: 'Chrome 130', os: 'macOS 10.15', locale: 'de-DE', ip: '203.0.113.7' },
      message: 'Is the blue one in stock?',
    })
  ).conversation.id;
  launched = await launchBrowser();
  browser = launched.browser;
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await server?.close();
});

const myChats = () => page.getByRole('region', { name: 'My chats' });
const rowOf = (name: RegExp) => myChats().getByRole('link', { name });
const chatTitle = () => page.locator('.chat-title');
const transcript = () => page.getByRole('log', { name: 'Transcript' });

describe('conversations of several channels in the console', () => {
  it('the web widget chat shows its widget name, no badge, and the web sections', async () => {
    page = await openConsole(browser, server);
    await signIn(page, AGENT.email, PASSWORD);
    const row = rowOf(/walter@example\.org/);
    await row.getByText('Shop support').waitFor();
    expect(await row.locator('.channel-badge').count()).toBe(0);

    await row.click();
    await transcript().getByText('Is the blue one in stock?').waitFor();
    await chatTitle().getByText('Shop support').waitFor();
    expect(await chatTitle().locator('.channel-badge').count()).toBe(0);
    const details = page.getByRole('complementary', { name: 'Visitor details and apps' });
    await details.getByRole('heading', { name: 'On the website' }).waitFor();
    await details.getByRole('heading', { name: 'Device and place' }).waitFor();
    await details.getByText('https://shop.example.com/cart').waitFor();
    await details.getByText('203.0.113.7').waitFor();
    expect(await details.getByText('Identifier').count()).toBe(0);
    await transcript().getByText('Visitor', { exact: true }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Reply' }).getAttribute('placeholder')).toBe('Reply to the visitor… (type / for commands)');
    await saveScreenshot(page, 'console-channel-web');
  });

  it('an API inbox made after sign-in: its chat shows the inbox with an API badge, the contact’s fields and "Contact" wording', async () => {
    const { core, tenant } = server;
    const inbox = await createWidget(core, tenant.organizationId, {
      name: 'Shop backend',
      members: [{ userId: agentId, alias: 'Ada' }],
      channel: { type: 'api', callbackFormat: 'chatwoot' },
    });
    const contact = await createContact(core, tenant.organizationId, JANE);
    apiChatId = (await startConversation(core, tenant.organizationId, { widgetId: inbox.id, contactId: contact.id, message: 'My order A-77 never arrived' })).conversation.id;
    await postVisitorMessage(core, tenant.organizationId, apiChatId, contact.id, 'It was due on Monday.');

    // It reaches the list live; the console reads the widgets again to name the new inbox.
    const row = rowOf(/Jane Backend/);
    await row.getByText('Shop backend').waitFor();
    await row.locator('.channel-badge', { hasText: 'API' }).waitFor();
    await rowOf(/walter@example\.org/).getByText('Shop support').waitFor();
    await saveScreenshot(page, 'console-channel-list');

    await row.click();
    await page.waitForURL(`**/console/chats/${apiChatId}`);
    await transcript().getByText('It was due on Monday.').waitFor();
    await chatTitle().getByText('Shop backend').waitFor();
    await chatTitle().locator('.channel-badge', { hasText: 'API' }).waitFor();

    const details = page.getByRole('complementary', { name: 'Contact details and apps' });
    await details.getByText(JANE.email).waitFor();
    await details.getByText(JANE.phone).waitFor();
    await details.getByText(JANE.identifier).waitFor();
    await details.getByRole('heading', { name: 'Channel' }).waitFor();
    await details.getByText('API inbox').waitFor();
    expect(await details.getByRole('heading', { name: 'On the website' }).count()).toBe(0);
    expect(await details.getByRole('heading', { name: 'Device and place' }).count()).toBe(0);
    expect(await details.getByText('unknown').count()).toBe(0);

    // The contact's messages carry no sender name: "Contact", never "Visitor".
    await transcript().getByText('Contact', { exact: true }).waitFor();
    expect(await transcript().getByText('Visitor', { exact: true }).count()).toBe(0);
    await expect.poll(() => page.getByRole('textbox', { name: 'Reply' }).getAttribute('placeholder')).toBe('Reply to the contact… (type / for commands)');
    await saveScreenshot(page, 'console-channel-api');

    // A backend's contact has no cookie or address: it is blocked as a contact.
    await page.getByRole('button', { name: 'Ban', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Block this contact' });
    await dialog.getByRole('radio', { name: 'This contact' }).waitFor();
    expect(await dialog.getByRole('radio', { name: /IP address/ }).count()).toBe(0);
    await saveScreenshot(page, 'console-channel-block-contact');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('switching back to the web chat restores the web wording and sections', async () => {
    await rowOf(/walter@example\.org/).click();
    await page.waitForURL(`**/console/chats/${webChatId}`);
    const details = page.getByRole('complementary', { name: 'Visitor details and apps' });
    await details.getByRole('heading', { name: 'On the website' }).waitFor();
    await transcript().getByText('Visitor', { exact: true }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Reply' }).getAttribute('placeholder')).toBe('Reply to the visitor… (type / for commands)');
  });
});
