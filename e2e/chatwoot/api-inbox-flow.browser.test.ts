import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { createUser } from '../../server/core/commands/create-user.ts';
import { startWebhookDelivery, type WebhookDelivery } from '../../server/integrations/index.ts';
import { startReceiver, type Received, type TestReceiver } from '../../server/integrations/__tests__/receiver.ts';
import { ensureConsoleBuilt, openConsole, signIn } from '../console/console-kit.ts';
import { launchBrowser, saveScreenshot, type LaunchedBrowser } from '../support/browser.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';

/**
 * Chatwoot's API-channel guide end to end, over real HTTP: a backend holding the admin's personal
 * token (made on the console's profile page) creates an API inbox whose webhook_url is a local
 * receiver, adds an agent to it, creates a contact (and so its source_id), a conversation and an
 * incoming message. The agent, signed in to the console in Chromium, sees it arrive live, answers,
 * and the receiver gets the reply as Chatwoot's signed `message_created`.
 */

/** The receiver listens on 127.0.0.1: the app (saving the URL) and the delivery engine must allow private targets. */
const LOCAL_RECEIVERS = { ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true' };
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const AGENT = { name: 'Ada Lovelace', email: `ada-${Date.now()}@shop.test`, password: 'ada secret password' };
const CONTACT = { name: 'Jane Backend', email: `jane-${Date.now()}@example.com` };
const INCOMING = 'Hi, my order A-77 never arrived';
const REPLY = 'Sorry about that, Jane: it ships today.';

let server: LiveServer;
let launched: LaunchedBrowser;
let browser: Browser;
let delivery: WebhookDelivery;
let receiver: TestReceiver;

/** What the backend holds after setting up, as Chatwoot's guide has it do. */
const backend = { accountId: 0, token: '', inboxId: 0, inboxIdentifier: '', sourceId: '', conversationId: 0 };
let agentPage: Page;

beforeAll(async () => {
  ensureConsoleBuilt();
  server = await startLiveServer(LOCAL_RECEIVERS);
  // The server runs delivery beside the app (server/runtime.ts); the test app does not, so start it here with short clocks.
  delivery = startWebhookDelivery(
    server.core,
    loadConfig({ WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_MAX_MS: '200', WEBHOOK_POLL_MS: '50', ...LOCAL_RECEIVERS }),
    (error) => console.error(error),
  );
  receiver = await startReceiver();
  await createUser(server.core, server.tenant.organizationId, { ...AGENT, role: 'agent' });
  launched = await launchBrowser();
  browser = launched.browser;
}, 120_000);

afterAll(async () => {
  await launched?.close();
  await delivery?.stop();
  await receiver?.close();
  await server?.close();
});

/** `METHOD /api/v1/accounts/{account}<path>` over HTTP with the backend's token, as a Chatwoot client sends it. */
async function chatwoot<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/v1/accounts/${backend.accountId}${path}`, {
    method,
    headers: { api_access_token: backend.token, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBe(200);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

interface WebhookBody {
  event: string;
  message_type?: string;
  content?: string;
  created_at?: unknown;
  sender?: Record<string, unknown>;
  conversation?: { id: number };
  inbox?: { id: number; inbox_identifier?: string };
}
const bodyOf = (request: Received) => JSON.parse(request.body) as WebhookBody;
const isReply = (request: Received) => {
  const body = bodyOf(request);
  return body.event === 'message_created' && body.message_type === 'outgoing' && body.content === REPLY;
};

describe('Chatwoot API inbox, guide flow with a console agent', () => {
  it('the backend owner makes a personal token on the profile page', async () => {
    const page = await openConsole(browser, server);
    await signIn(page, server.tenant.adminEmail, server.tenant.adminPassword);
    await page.getByTitle(/your profile and API token/).click();
    await page.getByRole('button', { name: 'Generate token' }).click();
    backend.token = await page.getByLabel('New personal access token').inputValue();
    const profile = (await (await fetch(`${server.baseUrl}/api/v1/profile`, { headers: { api_access_token: backend.token } })).json()) as { account_id: number };
    backend.accountId = profile.account_id;
    await page.getByText(String(backend.accountId), { exact: true }).waitFor();
    await page.context().close();
  });

  it('the agent is online in the console; the backend sets up an API inbox, a contact, a conversation and an incoming message', async () => {
    agentPage = await openConsole(browser, server);
    await signIn(agentPage, AGENT.email, AGENT.password);
    await agentPage.getByRole('radio', { name: 'Online' }).click();
    await expect.poll(() => agentPage.getByRole('radio', { name: 'Online' }).getAttribute('aria-checked')).toBe('true');

    const inbox = await chatwoot<{ id: number; inbox_identifier: string; webhook_url: string }>('POST', '/inboxes', {
      name: 'Shop backend',
      channel: { type: 'api', webhook_url: receiver.url },
    });
    expect(inbox.webhook_url).toBe(receiver.url);
    backend.inboxId = inbox.id;
    backend.inboxIdentifier = inbox.inbox_identifier;

    const agents = await chatwoot<Array<{ id: number; email: string }>>('GET', '/agents');
    const agentId = agents.find((agent) => agent.email === AGENT.email)!.id;
    const members = await chatwoot<{ payload: Array<{ id: number }> }>('POST', '/inbox_members', { inbox_id: backend.inboxId, user_ids: [agentId] });
    expect(members.payload.map((member) => member.id)).toEqual([agentId]);

    const contact = await chatwoot<{ payload: { contact: { id: number }; contact_inbox: { source_id: string } } }>('POST', '/contacts', {
      inbox_id: backend.inboxId,
      ...CONTACT,
    });
    backend.sourceId = contact.payload.contact_inbox.source_id;
    expect(backend.sourceId).toEqual(expect.any(String));

    const conversation = await chatwoot<{ id: number; inbox_id: number }>('POST', '/conversations', { source_id: backend.sourceId, inbox_id: backend.inboxId });
    expect(conversation.inbox_id).toBe(backend.inboxId);
    backend.conversationId = conversation.id;

    // The conversation reaches the console without a reload: the routing gives it to Ada, the inbox's only member online.
    await agentPage.getByRole('region', { name: 'My chats' }).getByRole('link', { name: new RegExp(CONTACT.name) }).click();
    const transcript = agentPage.getByRole('log', { name: 'Transcript' });
    await agentPage.getByText('No messages in this chat yet.').waitFor();
    await saveScreenshot(agentPage, 'chatwoot-console-conversation');

    // The incoming message appears live in the open chat.
    const message = await chatwoot<{ message_type: number; content: string }>('POST', `/conversations/${backend.conversationId}/messages`, {
      content: INCOMING,
      message_type: 'incoming',
    });
    expect(message).toMatchObject({ message_type: 0, content: INCOMING });
    await transcript.getByText(INCOMING).waitFor();
    await saveScreenshot(agentPage, 'chatwoot-console-incoming');
  });

  it('the agent replies in the console; the receiver gets a signed message_created and the API lists both messages', async () => {
    // Already hers: no Accept step, the reply box is open.
    const reply = agentPage.getByRole('textbox', { name: 'Reply' });
    await expect.poll(() => reply.isEnabled()).toBe(true);
    await reply.fill(REPLY);
    await reply.press('Enter');
    await agentPage.getByRole('log', { name: 'Transcript' }).getByText(REPLY).waitFor();
    await saveScreenshot(agentPage, 'chatwoot-console-reply');

    await receiver.waitFor((received) => received.some(isReply));
    const request = receiver.received.find(isReply)!;
    const body = bodyOf(request);
    expect(body).toMatchObject({
      event: 'message_created',
      message_type: 'outgoing',
      content: REPLY,
      sender: { type: 'user', name: AGENT.name, email: AGENT.email },
      conversation: { id: backend.conversationId },
      inbox: { id: backend.inboxId, inbox_identifier: backend.inboxIdentifier },
    });
    expect(body.created_at).toMatch(ISO_MS);

    // The inbox's signing secret, shown to administrators, verifies the signature.
    const { secret } = await chatwoot<{ secret: string }>('GET', `/inboxes/${backend.inboxId}`);
    expect(secret).toEqual(expect.any(String));
    const timestamp = request.headers['x-chatwoot-timestamp'] as string;
    expect(timestamp).toMatch(/^\d+$/);
    expect(request.headers['x-chatwoot-signature']).toBe(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`);

    // Over the API: the contact's message, then the agent's; activity messages (assignment notices) aside.
    const { payload } = await chatwoot<{ payload: Array<{ message_type: number; content: string }> }>('GET', `/conversations/${backend.conversationId}/messages`);
    const chat = payload.filter((m) => m.message_type !== 2).map((m) => [m.message_type, m.content]);
    expect(chat).toEqual([
      [0, INCOMING],
      [1, REPLY],
    ]);
  });
});
