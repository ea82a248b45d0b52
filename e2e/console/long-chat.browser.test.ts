import type { Duplex } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postAgentMessage, postVisitorMessage } from '../../server/core/commands/post-message.ts';
import { setAgentPresence } from '../../server/core/commands/set-agent-presence.ts';
import { startConversation } from '../../server/core/commands/start-conversation.ts';
import { createUser } from '../../server/core/commands/create-user.ts';
import { createWidget } from '../../server/core/commands/create-widget.ts';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { ensureConsoleBuilt, openConsole, signIn } from './console-kit.ts';

/** A chat of 1,000 messages opens fast and renders only what is on screen; scrolling up fetches older pages. */
const MESSAGES = 1000;
const PASSWORD = 'long chat password';
let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;
let email = '';
let conversationId = '';
let contactId = '';
const consoleSockets: Duplex[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startLiveServer();
  const { core, tenant } = server;
  email = `long-${Date.now()}@shop.test`;
  const agent = await createUser(core, tenant.organizationId, { email, name: 'Ada Lovelace', role: 'agent', password: PASSWORD });
  await setAgentPresence(core, tenant.organizationId, agent.id, 'online');
  const widget = await createWidget(core, tenant.organizationId, { name: 'Busy', members: [{ userId: agent.id, alias: 'Ada' }] });
  const started = await startConversation(core, tenant.organizationId, { widgetId: widget.id, visitor: { name: 'Chatty Visitor' }, message: 'message 1' });
  conversationId = started.conversation.id;
  contactId = started.conversation.contactId;
  for (let i = 2; i <= MESSAGES; i++) {
    const body = i % 7 === 0 ? `message ${i}: ${'a longer line that wraps over several rows of the transcript '.repeat(3)}` : `message ${i}`;
    if (i % 2 === 0) await postAgentMessage(core, tenant.organizationId, conversationId, agent.id, body);
    else await postVisitorMessage(core, tenant.organizationId, conversationId, contactId, body);
  }
  // The console's sockets (they carry the session cookie), so a test can cut them like a network drop.
  server.app.server.on('upgrade', (request, socket: Duplex) => {
    if (request.headers.cookie?.includes('sb_session=')) consoleSockets.push(socket);
  });
  launched = await launchBrowser();
  browser = launched.browser;
}, 180_000);

afterAll(async () => {
  await launched?.close();
  await server?.close();
});

const renderedRows = (page: Page) => page.locator('.virtual-row').count();

it('opens at the newest message with few rows in the DOM, pages back to the first, and never jumps while messages stream in', async () => {
  const page = await openConsole(browser, server);
  await signIn(page, email, PASSWORD);
  const started = Date.now();
  await page.goto(`${server.baseUrl}/console/chats/${conversationId}`);
  await page.getByText(`message ${MESSAGES}`, { exact: true }).waitFor();
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await renderedRows(page)).toBeLessThan(80);
  await saveScreenshot(page, 'console-long-chat');

  // Scrolling to the top repeatedly walks back through every page to the first message.
  const viewport = page.getByRole('log', { name: 'Transcript' });
  for (let i = 0; i < 20 && !(await page.getByText('message 1', { exact: true }).isVisible()); i++) {
    await viewport.evaluate((element) => element.scrollTo({ top: 0 }));
    await page.waitForTimeout(150);
  }
  await page.getByText('message 1', { exact: true }).waitFor();
  expect(await renderedRows(page)).toBeLessThan(80);

  // Reading old messages while new ones stream in: what is on screen does not move.
  const reading = page.getByText('message 3', { exact: true });
  const before = (await reading.boundingBox())!.y;
  for (let i = 1; i <= 5; i++) await postVisitorMessage(server.core, server.tenant.organizationId, conversationId, contactId, `live ${i}`);
  // They have arrived once the chat's row in the list shows the newest.
  await page.getByRole('navigation', { name: 'Chats' }).getByText('live 5').waitFor();
  await page.waitForTimeout(200);
  expect((await reading.boundingBox())!.y).toBe(before);

  // Back at the bottom, the newest message stays in view as more arrive.
  await viewport.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await viewport.getByText('live 5', { exact: true }).waitFor();
  await postVisitorMessage(server.core, server.tenant.organizationId, conversationId, contactId, 'live 6');
  await expect.poll(() => viewport.getByText('live 6', { exact: true }).isVisible()).toBe(true);
  await page.context().close();
});

it('a dropped connection says so, comes back by itself, and resumes without losing what was said meanwhile', async () => {
  const page = await openConsole(browser, server);
  await signIn(page, email, PASSWORD);
  await page.goto(`${server.baseUrl}/console/chats/${conversationId}`);
  await page.getByRole('status').getByText('Connected').waitFor();
  const viewport = page.getByRole('log', { name: 'Transcript' });
  await viewport.getByText(`message ${MESSAGES}`, { exact: true }).waitFor();

  for (const socket of consoleSockets.splice(0)) socket.destroy();
  await page.getByText('Connection lost, reconnecting…').waitFor();
  await saveScreenshot(page, 'console-reconnecting');
  await postVisitorMessage(server.core, server.tenant.organizationId, conversationId, contactId, 'said while you were away');

  await page.getByRole('status').getByText('Connected').waitFor();
  await viewport.getByText('said while you were away', { exact: true }).waitFor();
  await page.context().close();
});
