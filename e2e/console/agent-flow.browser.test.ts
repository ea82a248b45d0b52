import type { Browser, Frame as PageFrame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '../../server/db/repositories/messages.ts';
import type { TestClient } from '../../server/realtime/__tests__/realtime-test-kit.ts';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { agentLines, connectVisitor, ensureConsoleBuilt, openConsole, PHONE, signIn, startHubApp } from './console-kit.ts';

/**
 * The agent workflow end to end in Chromium: an admin sets up a widget and two agents,
 * a visitor (a raw realtime socket) chats, Ada answers, a Hub SDK app beside the chat
 * hears the conversation and speaks in it, the chat goes by tag to Bob, who accepts,
 * labels and ends it; then history search, and the phone layout.
 */
let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;
let hub: Awaited<ReturnType<typeof startHubApp>>;
const ada = { email: `ada-${Date.now()}@shop.test`, password: 'ada secret password', page: undefined as unknown as Page };
const bob = { email: `bob-${Date.now()}@shop.test`, password: 'bob secret password', page: undefined as unknown as Page };
let widgetId = '';
let conversationId = '';
let visitor: TestClient;

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startLiveServer();
  launched = await launchBrowser();
  browser = launched.browser;
  hub = await startHubApp();
}, 120_000);

afterAll(async () => {
  await visitor?.close();
  await launched?.close();
  await hub?.close();
  await server?.close();
});

/** The Hub SDK iframe of the open chat. */
async function hubFrame(page: Page): Promise<PageFrame> {
  await expect.poll(() => page.frames().some((frame) => frame.url() === hub.url)).toBe(true);
  return page.frames().find((frame) => frame.url() === hub.url)!;
}
const transcript = (page: Page) => page.getByRole('log', { name: 'Transcript' });
const hubReceived = async (page: Page) =>
  (await hubFrame(page)).evaluate(() => (globalThis as unknown as { received: Array<{ data: { type: string; data?: { text?: string } } }> }).received.map((r) => r.data));

describe('console', () => {
  it('an admin signs in (after a wrong password), adds two agents and a widget with them and a Hub SDK link', async () => {
    const page = await openConsole(browser, server);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await saveScreenshot(page, 'console-sign-in');
    await page.getByLabel('E-mail').fill(server.tenant.adminEmail);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong e-mail or password').waitFor();
    await saveScreenshot(page, 'console-sign-in-error');
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByText('No widgets yet').waitFor();
    await page.getByRole('link', { name: 'Users' }).click();
    for (const [name, person] of [['Ada Lovelace', ada], ['Bob Baker', bob]] as const) {
      await page.locator('#user-name').fill(name);
      await page.locator('#user-email').fill(person.email);
      await page.locator('#user-password').fill(person.password);
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByRole('cell', { name: person.email }).waitFor();
    }
    await page.locator('#user-name').fill('Temp Worker');
    await page.locator('#user-email').fill(`temp-${Date.now()}@shop.test`);
    await page.getByRole('button', { name: 'Add user' }).click();
    const temp = page.getByRole('row', { name: /Temp Worker/ });
    await temp.getByText('No password yet').waitFor();
    await temp.getByRole('button', { name: 'Disable' }).click();
    await temp.getByText('Disabled').waitFor();
    await saveScreenshot(page, 'console-admin-users');

    await page.getByRole('link', { name: 'Widgets' }).click();
    await page.locator('#new-widget').fill('Shop support');
    await page.getByRole('button', { name: 'Create widget' }).click();
    await page.getByRole('heading', { name: 'Shop support' }).waitFor();
    widgetId = page.url().split('/').pop()!;
    for (const email of [ada.email, bob.email]) {
      await page.getByLabel('Add an agent').selectOption({ label: `${email === ada.email ? 'Ada Lovelace' : 'Bob Baker'} (${email})` });
    }
    await page.getByLabel('Tags').nth(1).fill('billing');
    await page.getByRole('button', { name: 'Save widget' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByLabel('Label', { exact: true }).fill('CRM');
    await page.getByLabel('URL', { exact: true }).fill(hub.url);
    await page.getByRole('button', { name: 'Save agent links' }).click();
    await page.getByText('Agent links saved').waitFor();
    await page.getByRole('heading', { name: 'Shop support' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'console-admin-widget');
    await page.getByRole('heading', { name: 'Agents', exact: true }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'console-admin-widget-members');

    // Opening hours in Berlin time, with a night shift on Friday.
    await page.getByRole('button', { name: 'Set opening hours' }).click();
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Add hours' }).click();
    await page.getByLabel('Day').last().selectOption({ label: 'Friday' });
    await page.getByLabel('From').last().fill('22:00');
    await page.getByLabel('To').last().fill('06:00');
    await page.getByRole('button', { name: 'Save widget' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Opening hours' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'console-admin-schedule');
    const saved = await server.app.inject({ method: 'GET', url: `/native/v1/widgets/${widgetId}`, headers: { authorization: `Bearer ${server.tenant.apiKey}` } });
    expect(saved.json().widget.schedule).toMatchObject({ timeZone: 'Europe/Berlin', ranges: expect.arrayContaining([{ weekday: 4, enabled: true, startMinute: 1320, endMinute: 360 }]) });
    // Opening hours must not close the widget during the test: back to always open.
    await page.getByRole('button', { name: 'Always open instead' }).click();
    await page.getByRole('button', { name: 'Save widget' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.locator('#key-name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Copy the new key now').waitFor();
    expect(await page.getByLabel('New API key').inputValue()).toMatch(/^sbk_/);
    await saveScreenshot(page, 'console-admin-api-keys');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('row', { name: /CRM sync/ }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('row', { name: /CRM sync/ }).getByText(/^Revoked/).waitFor();
    await page.context().close();
  });

  it('Ada goes online and answers a visitor: details, sneak peek, reply with typing, slash command, note', async () => {
    ada.page = await openConsole(browser, server);
    await signIn(ada.page, ada.email, ada.password);
    await ada.page.getByText('Nobody is waiting').waitFor();
    await ada.page.getByRole('radio', { name: 'Online' }).click();
    await expect.poll(() => ada.page.getByRole('radio', { name: 'Online' }).getAttribute('aria-checked')).toBe('true');
    await saveScreenshot(ada.page, 'console-inbox-empty');

    visitor = await connectVisitor(server, widgetId);
    const started = await visitor.ack({
      type: 'start_chat',
      message: 'Hello, my order A-1234 is late',
      name: 'Vera Visitor',
      email: 'vera@example.com',
      pageUrl: 'https://shop.example.com/cart',
      entryUrl: 'https://shop.example.com/',
      referrerUrl: 'https://search.example.org/?q=shop',
      locale: 'de-DE',
      customFields: { plan: 'pro' },
    });
    conversationId = (started.conversation as { id: string }).id;

    // Routed to Ada, the only one online: it appears under "My chats".
    await ada.page.getByRole('link', { name: /Vera Visitor/ }).click();
    await transcript(ada.page).getByText('Hello, my order A-1234 is late').waitFor();
    const details = ada.page.getByRole('complementary', { name: 'Visitor details and apps' });
    await details.getByText('https://shop.example.com/cart').waitFor();
    await details.getByText('pro', { exact: true }).waitFor();
    await details.getByText('de-DE').waitFor();

    // The Hub SDK page beside the chat is told about the conversation.
    await expect.poll(async () => (await hubReceived(ada.page)).map((m) => m.type)).toContain('conversation_started');

    // The visitor moves on: the page history grows live, and the Hub app hears it.
    await visitor.ack({ type: 'page_view', conversationId, url: 'https://shop.example.com/orders/A-1234', title: 'Order A-1234' });
    await details.getByRole('list', { name: 'Pages visited during the chat' }).getByText('https://shop.example.com/orders/A-1234').waitFor();
    await expect.poll(async () => (await hubReceived(ada.page)).map((m) => m.type)).toContain('visitor_page_update');

    visitor.send({ type: 'typing', conversationId, isTyping: true, preview: 'Where is my par' });
    await ada.page.locator('.typing-peek').getByText('Where is my par').waitFor();
    await saveScreenshot(ada.page, 'console-chat-typing');
    await visitor.ack({ type: 'send_message', conversationId, body: 'Where is my parcel?' });
    await transcript(ada.page).getByText('Where is my parcel?').waitFor();
    await expect.poll(async () => (await hubReceived(ada.page)).filter((m) => m.type === 'visitor_message_received').map((m) => m.data?.text)).toContain('Where is my parcel?');

    const reply = ada.page.getByRole('textbox', { name: 'Reply' });
    await reply.pressSequentially('Let me check');
    await visitor.find((f) => f.type === 'signal' && f.name === 'agent.typing' && (f.data as { isTyping: boolean }).isTyping);
    await reply.pressSequentially(' that for you.');
    await reply.press('Enter');
    await expect.poll(() => agentLines(visitor)).toContain('Let me check that for you.');

    await reply.fill('/phone=+49 30 123456');
    await reply.press('Enter');
    await details.getByText('+49 30 123456').waitFor();

    await ada.page.keyboard.press('Alt+KeyN');
    const note = ada.page.getByRole('textbox', { name: 'Internal note' });
    await note.fill('VIP customer, be quick');
    await note.press('Enter');
    await transcript(ada.page).getByText('VIP customer, be quick').waitFor();
    expect(agentLines(visitor)).not.toContain('VIP customer, be quick');
    await ada.page.keyboard.press('Alt+Slash');
    await ada.page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await saveScreenshot(ada.page, 'console-shortcuts');
    await ada.page.keyboard.press('Escape');
  });

  it('the Hub SDK page sends a message as Ada; messages from other origins or with bad shapes are refused', async () => {
    await ada.page.getByRole('tab', { name: 'CRM' }).click();
    const frame = await hubFrame(ada.page);
    const send = (message: unknown) => frame.evaluate((m) => (globalThis as unknown as { sendToHub: (m: unknown) => void }).sendToHub(m), message);
    await send({ type: 'agent_message_received', conversationId, agent: ada.email, data: { text: 'Sent from the CRM' } });
    await expect.poll(() => agentLines(visitor)).toContain('Sent from the CRM');

    await send({ type: 'agent_message_received', conversationId, data: {} });
    await ada.page.getByText('data.text must be a non-empty string').waitFor();
    // The console page itself is not a configured origin: its messages are ignored.
    await ada.page.evaluate(
      (id) => (globalThis as unknown as { postMessage: (message: unknown, origin: string) => void }).postMessage({ type: 'agent_message_received', conversationId: id, data: { text: 'forged' } }, '*'),
      conversationId,
    );
    await send({ type: 'label_added', conversationId, data: { labelName: 'Source', freeForm: true, value: 'crm' } });
    await ada.page.locator('.chat-title').getByText('Source: crm').waitFor();
    expect(agentLines(visitor)).not.toContain('forged');
    await send({ type: 'populate_text', conversationId, data: { message: 'Your tracking number is 0042' } });
    await expect.poll(() => ada.page.getByRole('textbox', { name: /Reply|Internal note/ }).inputValue()).toBe('Your tracking number is 0042');
    await ada.page.getByRole('textbox', { name: /Reply|Internal note/ }).fill('');
    await saveScreenshot(ada.page, 'console-chat-hub');
    await ada.page.getByRole('tab', { name: 'Visitor' }).click();
    await saveScreenshot(ada.page, 'console-chat');
  });

  it('Ada transfers to the billing tag; Bob, back online, accepts from the queue, replies, labels and ends', { timeout: 60_000 }, async () => {
    bob.page = await openConsole(browser, server);
    await signIn(bob.page, bob.email, bob.password);

    await ada.page.getByRole('button', { name: 'Transfer' }).click();
    await ada.page.getByRole('radio', { name: 'Agents with tags' }).click();
    await ada.page.getByRole('checkbox', { name: 'billing' }).check();
    await ada.page.getByRole('dialog').getByRole('button', { name: 'Transfer' }).click();
    // Bob is offline: the chat waits in the queue, and Ada can no longer reply.
    await ada.page.getByPlaceholder(/Accept this chat to reply/).waitFor();

    await bob.page.getByRole('radio', { name: 'Online' }).click();
    await bob.page.getByRole('region', { name: 'Waiting' }).getByRole('link', { name: /Vera Visitor/ }).click();
    await bob.page.getByRole('button', { name: 'Accept' }).click();
    const reply = bob.page.getByRole('textbox', { name: 'Reply' });
    await expect.poll(() => reply.isEnabled()).toBe(true);
    await reply.fill('Bob here, I look after billing.');
    // Ada still has the chat open: she sees her colleague typing, so she does not answer too.
    await ada.page.locator('.typing-peek').getByText('Bob Baker (colleague) is typing').waitFor();
    await reply.press('Enter');
    await expect.poll(() => agentLines(visitor)).toContain('Bob here, I look after billing.');

    await bob.page.getByRole('button', { name: 'Labels' }).click();
    await bob.page.getByLabel('Label name').fill('Topic');
    await bob.page.getByLabel('Label value').fill('billing');
    await bob.page.getByRole('button', { name: 'Add label' }).click();
    await bob.page.getByRole('dialog').getByText('Topic: billing').waitFor();
    await bob.page.keyboard.press('Escape');

    bob.page.once('dialog', (dialog) => void dialog.accept());
    await bob.page.getByRole('button', { name: 'End chat' }).click();
    await visitor.find((f) => f.type === 'event' && f.name === 'conversation.closed');
    await bob.page.getByText(/This chat has ended/).waitFor();
    await saveScreenshot(bob.page, 'console-chat-ended');
  });

  it('history search finds the conversation by a fragment of a message', async () => {
    await ada.page.getByRole('link', { name: 'History' }).click();
    await ada.page.getByRole('searchbox', { name: 'Search conversations' }).fill('A-1234');
    await ada.page.getByRole('link', { name: /Vera Visitor/ }).click();
    await transcript(ada.page).getByText('Bob here, I look after billing.').waitFor();
    await saveScreenshot(ada.page, 'console-history');
  });

  it('counts unread messages of a chat in the background, then bans its visitor by cookie', async () => {
    await ada.page.getByRole('link', { name: 'Inbox' }).click();
    const spammer = await connectVisitor(server, widgetId);
    try {
      const started = await spammer.ack({ type: 'start_chat', message: 'Buy cheap watches', name: 'Spam Bot' });
      const spamId = (started.conversation as { id: string }).id;
      await ada.page.getByRole('link', { name: /Spam Bot/ }).waitFor();
      await spammer.ack({ type: 'send_message', conversationId: spamId, body: 'Really cheap!' });
      await ada.page.getByLabel('2 unread').waitFor();
      await saveScreenshot(ada.page, 'console-inbox-unread');
      // The server counts them too (read receipts), so a reload keeps the badge.
      await ada.page.reload();
      await ada.page.getByLabel('2 unread').waitFor();

      await ada.page.getByRole('link', { name: /Spam Bot/ }).click();
      await expect.poll(() => ada.page.getByLabel(/unread/).count()).toBe(0);
      // Seen on screen, so stamped read: back in the inbox, a reload shows no badge.
      const unreadStored = async () => (await listMessages(server.core.db, spamId, { includePrivate: false })).filter((m) => m.senderType === 'visitor' && m.readAt === null).length;
      await expect.poll(unreadStored, { timeout: 10_000 }).toBe(0);
      await ada.page.getByRole('link', { name: 'Inbox' }).click();
      await ada.page.reload();
      await ada.page.getByRole('link', { name: /Spam Bot/ }).waitFor();
      expect(await ada.page.getByLabel(/unread/).count()).toBe(0);
      await ada.page.getByRole('link', { name: /Spam Bot/ }).click();
      await ada.page.getByRole('button', { name: 'Ban' }).click();
      await ada.page.getByRole('radio', { name: /This visitor/ }).check();
      await ada.page.getByLabel('Reason (for your colleagues)').fill('spam');
      await ada.page.getByRole('button', { name: 'Ban and end chat' }).click();
      await ada.page.getByText(/This chat has ended/).waitFor();
      const again = await spammer.request({ type: 'start_chat', message: 'Let me back in' });
      expect(again).toMatchObject({ type: 'error', code: 'forbidden' });
    } finally {
      await spammer.close();
    }
  });

  it('works on a phone: one pane at a time', async () => {
    const page = await openConsole(browser, server, PHONE);
    await signIn(page, ada.email, ada.password);
    await page.getByText('Nobody is waiting').waitFor();
    await saveScreenshot(page, 'console-inbox-phone');
    await page.goto(`${server.baseUrl}/console/history/${conversationId}`);
    await transcript(page).getByText('Bob here, I look after billing.').waitFor();
    await saveScreenshot(page, 'console-chat-phone');
    await page.getByRole('button', { name: 'Details' }).click();
    await page.getByText('https://shop.example.com/orders/A-1234').first().waitFor();
    await saveScreenshot(page, 'console-details-phone');

    const shopper = await connectVisitor(server, widgetId);
    try {
      await shopper.ack({ type: 'start_chat', message: 'Do you ship to Norway?', name: 'Nora' });
      await page.goto(`${server.baseUrl}/console/`);
      await page.getByRole('link', { name: /Nora/ }).click();
      await transcript(page).getByText('Do you ship to Norway?').waitFor();
      await page.getByRole('textbox', { name: 'Reply' }).fill('Yes, in 3 to 5 days.');
      await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
      await transcript(page).getByText('Yes, in 3 to 5 days.').waitFor();
      await saveScreenshot(page, 'console-chat-phone-active');

      // Straight to a colleague: Bob gets the chat under "My chats" without accepting.
      await page.getByRole('button', { name: 'Transfer' }).click();
      await page.getByRole('radio', { name: /Bob Baker/ }).check();
      await saveScreenshot(page, 'console-transfer-phone');
      await page.getByRole('dialog').getByRole('button', { name: 'Transfer' }).click();
      await bob.page.getByRole('region', { name: 'My chats' }).getByRole('link', { name: /Nora/ }).waitFor();
    } finally {
      await shopper.close();
    }
    await page.context().close();

    const admin = await openConsole(browser, server, PHONE);
    await signIn(admin, server.tenant.adminEmail, server.tenant.adminPassword);
    await admin.goto(`${server.baseUrl}/console/admin/widgets/${widgetId}`);
    await admin.getByRole('heading', { name: 'Shop support' }).waitFor();
    await saveScreenshot(admin, 'console-admin-phone');
    await admin.context().close();
  });
});
