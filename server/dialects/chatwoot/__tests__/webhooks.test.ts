import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeConversation } from '../../../core/commands/close-conversation.ts';
import { createWidget } from '../../../core/commands/create-widget.ts';
import { issueAccessToken } from '../../../core/commands/issue-access-token.ts';
import { labelConversation } from '../../../core/commands/label-conversation.ts';
import { postAgentMessage } from '../../../core/commands/post-message.ts';
import { startConversation } from '../../../core/commands/start-conversation.ts';
import { transferConversation } from '../../../core/commands/transfer-conversation.ts';
import { rememberExternalReference } from '../../../core/external-references.ts';
import { getContactRecord } from '../../../core/queries/contacts.ts';
import { getChannelCallbackSecret } from '../../../core/queries/channel-callback-secret.ts';
import { getOrganization } from '../../../core/queries/organizations.ts';
import { getUserByEmail } from '../../../core/queries/users.ts';
import type { Widget } from '../../../core/types.ts';
import { startReceiver, type Received, type TestReceiver } from '../../../integrations/__tests__/receiver.ts';
import { LOCAL_RECEIVERS, useWebhookDelivery } from '../../../integrations/__tests__/webhook-test-kit.ts';
import { createAgent } from '../../../test/factories.ts';
import { useTestApp } from '../../../test/test-app.ts';
import { ISO_MS } from './b-account-kit.ts';

/** Chatwoot's `Webhook::ALLOWED_WEBHOOK_EVENTS`, in its order. */
const ALL_EVENTS = ['conversation_status_changed', 'conversation_updated', 'conversation_created', 'contact_created', 'contact_updated', 'message_created']
  .concat(['message_updated', 'webwidget_triggered', 'inbox_created', 'inbox_updated', 'conversation_typing_on', 'conversation_typing_off']);
/** A webhook body, as far as the tests read it beyond toMatchObject. */
interface Body {
  event: string;
  id: number;
  created_at: unknown;
  changed_attributes?: unknown;
  conversation: { contact_inbox: unknown };
  [field: string]: unknown;
}

const { t, tenant, other } = useTestApp({ tenants: 2, env: LOCAL_RECEIVERS });
const startDelivery = useWebhookDelivery(t, LOCAL_RECEIVERS);
let receiver: TestReceiver;
let callback: TestReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
  callback = await startReceiver();
});
afterAll(() => Promise.all([receiver.close(), callback.close()]));

/** An account's admin token and number, as a Chatwoot client holds them. */
async function accountOf(index = 0) {
  const { organizationId, adminEmail } = index === 0 ? tenant : other;
  const admin = (await getUserByEmail(t.core, organizationId, adminEmail))!;
  const { token } = await issueAccessToken(t.core, organizationId, admin.id, 'personal');
  const account = (await getOrganization(t.core, organizationId))!;
  return { organizationId, token, number: account.accountNumber, name: account.name };
}

type Account = Awaited<ReturnType<typeof accountOf>>;

function cw(account: Account, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options: { token?: string | null; payload?: unknown; form?: string } = {}) {
  const token = options.token === undefined ? account.token : options.token;
  return t.app.inject({
    method,
    url: `/api/v1/accounts/${account.number}${path}`,
    headers: {
      ...(token !== null && { api_access_token: token }),
      ...(options.form !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(options.payload !== undefined && { payload: options.payload as Record<string, unknown> }),
    ...(options.form !== undefined && { payload: options.form }),
  });
}

async function createAccountWebhook(account: Account, subscriptions: string[], url = receiver.url) {
  const response = await cw(account, 'POST', '/webhooks', { payload: { webhook: { url, subscriptions, name: 'CRM' } } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().payload.webhook as { id: number; secret: string };
}

afterEach(async () => {
  for (const index of [0, 1]) {
    const account = await accountOf(index);
    const { payload } = (await cw(account, 'GET', '/webhooks')).json();
    for (const webhook of payload.webhooks) await cw(account, 'DELETE', `/webhooks/${webhook.id}`);
  }
  for (const r of [receiver, callback]) r.respond(() => undefined);
  for (const r of [receiver, callback]) r.received.length = 0;
});

const bodiesOf = (r: TestReceiver) => r.processed().map((request) => JSON.parse(request.body) as Body);
const eventsOf = (r: TestReceiver) => bodiesOf(r).map((body) => body.event);

/** An API inbox answered by one online agent; with a callback URL when given. */
async function apiInbox(callbackUrl: string | null = null) {
  const agent = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
  const inbox = await createWidget(
    t.core,
    tenant.organizationId,
    { name: 'Support API', members: [{ userId: agent.id, alias: agent.name }], channel: { type: 'api', callbackFormat: 'chatwoot', callbackUrl } },
    { allowPrivateTargets: true },
  );
  return { agent, inbox };
}

/** A contact's conversation in the inbox, with the contact's source_id there (as Chatwoot's API makes it). */
async function converse(inbox: Widget, message = 'Hello, I need help') {
  const { conversation } = await startConversation(t.core, tenant.organizationId, {
    widgetId: inbox.id,
    visitor: { name: 'Jane Doe', email: `jane${Date.now()}@example.com` },
    message,
  });
  await rememberExternalReference(t.core, tenant.organizationId, { dialect: 'chatwoot', kind: 'source_id', scope: inbox.id, value: `src-${conversation.id}` }, conversation.contactId);
  return conversation;
}

function verifyChatwootSignature(request: Received, secret: string) {
  const timestamp = request.headers['x-chatwoot-timestamp'] as string;
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return request.headers['x-chatwoot-signature'] === expected;
}

describe('account webhooks CRUD', () => {
  it('creates, lists, updates (PATCH and PUT) and deletes in Chatwoot shapes', async () => {
    const account = await accountOf();
    const created = await cw(account, 'POST', '/webhooks', { payload: { url: receiver.url, subscriptions: ['message_created', 'conversation_created'], name: 'CRM' } });
    expect(created.statusCode, created.body).toBe(200);
    const webhook = created.json().payload.webhook;
    expect(webhook).toEqual({
      id: expect.any(Number),
      name: 'CRM',
      url: receiver.url,
      account_id: account.number,
      subscriptions: ['message_created', 'conversation_created'],
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(Number.isInteger(webhook.id)).toBe(true);

    const listed = await cw(account, 'GET', '/webhooks');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ payload: { webhooks: [{ id: webhook.id, name: 'CRM', url: receiver.url, account_id: account.number, subscriptions: ['message_created', 'conversation_created'] }] } });

    const patched = await cw(account, 'PATCH', `/webhooks/${webhook.id}`, { payload: { webhook: { subscriptions: ['conversation_status_changed'], name: 'Renamed' } } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toEqual({ payload: { webhook: { id: webhook.id, name: 'Renamed', url: receiver.url, account_id: account.number, subscriptions: ['conversation_status_changed'] } } });

    const put = await cw(account, 'PUT', `/webhooks/${webhook.id}`, { payload: { url: `${receiver.url}?v=2` } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().payload.webhook).toMatchObject({ id: webhook.id, name: 'Renamed', url: `${receiver.url}?v=2`, subscriptions: ['conversation_status_changed'] });

    const deleted = await cw(account, 'DELETE', `/webhooks/${webhook.id}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.body).toBe('');
    expect((await cw(account, 'GET', '/webhooks')).json()).toEqual({ payload: { webhooks: [] } });
    expect((await cw(account, 'PATCH', `/webhooks/${webhook.id}`, { payload: { name: 'x' } })).statusCode).toBe(404);
  });

  it('numbers webhooks per account and reads form bodies as Rails nests them', async () => {
    const account = await accountOf();
    const first = await createAccountWebhook(account, ['message_created'], `${receiver.url}/a`);
    const form = `webhook[url]=${encodeURIComponent(`${receiver.url}/b`)}&webhook[subscriptions][]=message_created&webhook[subscriptions][]=message_updated`;
    const second = await cw(account, 'POST', '/webhooks', { form });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().payload.webhook).toMatchObject({ id: first.id + 1, name: null, subscriptions: ['message_created', 'message_updated'] });
  });

  it('refuses bad input with 422 in Chatwoot shapes', async () => {
    const account = await accountOf();
    const cases: Array<[unknown, string]> = [
      [{ url: receiver.url }, 'subscriptions'],
      [{ url: receiver.url, subscriptions: [] }, 'subscriptions'],
      [{ url: receiver.url, subscriptions: ['message_created', 'message_deleted'] }, 'subscriptions'],
      [{ url: receiver.url, subscriptions: 5 }, 'subscriptions'],
      [{ url: receiver.url, subscriptions: [7] }, 'subscriptions'],
      [{ subscriptions: ['message_created'] }, 'url'],
      [{ url: 42, subscriptions: ['message_created'] }, 'url'],
      [{ url: 'ftp://example.com/hook', subscriptions: ['message_created'] }, 'url'],
      [{ url: 'not a url', subscriptions: ['message_created'] }, 'url'],
      [{ url: receiver.url, subscriptions: ['message_created'], name: 'x'.repeat(256) }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const response = await cw(account, 'POST', '/webhooks', { payload });
      expect(response.statusCode, `${JSON.stringify(payload)}: ${response.body}`).toBe(422);
      expect(response.json()).toEqual({ message: expect.any(String), attributes: [field] });
    }
    await createAccountWebhook(account, ['message_created']);
    const taken = await cw(account, 'POST', '/webhooks', { payload: { url: receiver.url, subscriptions: ['message_updated'] } });
    expect(taken.statusCode).toBe(422);
    expect(taken.json()).toEqual({ message: 'Url has already been taken', attributes: ['url'] });
    expect((await cw(account, 'GET', '/webhooks')).json().payload.webhooks).toHaveLength(1);
  });

  it('answers 404 for unknown ids and 422 for bad updates', async () => {
    const account = await accountOf();
    const { id } = await createAccountWebhook(account, ['message_created']);
    for (const unknown of ['999999', 'abc', '-1', '1.5']) {
      expect((await cw(account, 'PATCH', `/webhooks/${unknown}`, { payload: { name: 'x' } })).json()).toEqual({ error: 'Resource could not be found' });
      expect((await cw(account, 'DELETE', `/webhooks/${unknown}`)).statusCode).toBe(404);
    }
    const bad = await cw(account, 'PATCH', `/webhooks/${id}`, { payload: { subscriptions: ['nope'] } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().attributes).toEqual(['subscriptions']);
  });

  it("keeps accounts apart: another account's webhook is not found, and its URL path is 401", async () => {
    const [mine, other] = [await accountOf(0), await accountOf(1)];
    const theirs = await createAccountWebhook(other, ['message_created']);
    await createAccountWebhook(other, ['message_created'], `${receiver.url}/2`);
    // Tenant 1 has no webhook numbered like tenant 2's second one.
    expect((await cw(mine, 'PATCH', `/webhooks/${theirs.id + 1}`, { payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await cw(mine, 'DELETE', `/webhooks/${theirs.id + 1}`)).statusCode).toBe(404);
    const crossing = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${other.number}/webhooks`, headers: { api_access_token: mine.token } });
    expect(crossing.statusCode).toBe(401);
    expect((await cw(other, 'GET', '/webhooks')).json().payload.webhooks).toHaveLength(2);
  });

  it('is for administrators: no token, a wrong token or an agent is 401', async () => {
    const account = await accountOf();
    expect((await cw(account, 'GET', '/webhooks', { token: null })).json()).toEqual({ error: 'Invalid Access Token' });
    expect((await cw(account, 'GET', '/webhooks', { token: 'sbt_wrong' })).statusCode).toBe(401);
    const agent = await createAgent(t.core, account.organizationId);
    const { token } = await issueAccessToken(t.core, account.organizationId, agent.id, 'personal');
    for (const [method, path] of [['GET', '/webhooks'], ['POST', '/webhooks'], ['PATCH', '/webhooks/1'], ['DELETE', '/webhooks/1']] as const) {
      const response = await cw(account, method, path, { token, payload: method === 'GET' || method === 'DELETE' ? undefined : { url: receiver.url, subscriptions: ['message_created'] } });
      expect(response.statusCode, `${method} ${path}`).toBe(401);
      expect(response.json()).toEqual({ error: expect.any(String) });
    }
  });
});

describe('account webhooks without private targets allowed', () => {
  const strict = useTestApp({ tenants: 1 });

  it('refuses loopback and private URLs with 422', async () => {
    const { organizationId, adminEmail } = strict.tenant;
    const admin = (await getUserByEmail(strict.t.core, organizationId, adminEmail))!;
    const { token } = await issueAccessToken(strict.t.core, organizationId, admin.id, 'personal');
    const number = (await getOrganization(strict.t.core, organizationId))!.accountNumber;
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.0.0.8/hook', 'http://169.254.169.254/latest']) {
      const response = await strict.t.app.inject({ method: 'POST', url: `/api/v1/accounts/${number}/webhooks`, headers: { api_access_token: token }, payload: { url, subscriptions: ['message_created'] } });
      expect(response.statusCode, url).toBe(422);
      expect(response.json().attributes).toEqual(['url']);
    }
  });
});

describe('account webhook deliveries', () => {
  it('sends message_created (incoming and outgoing), conversation_created and conversation_status_changed with exact fields and types', async () => {
    const account = await accountOf();
    const { secret } = await createAccountWebhook(account, ['message_created', 'conversation_created', 'conversation_status_changed']);
    const { agent, inbox } = await apiInbox();
    const delivery = startDelivery();
    const conversation = await converse(inbox);
    await postAgentMessage(t.core, tenant.organizationId, conversation.id, agent.id, 'Sure, what is it?');
    await closeConversation(t.core, tenant.organizationId, conversation.id, 'agent');
    await receiver.waitFor(() => eventsOf(receiver).includes('conversation_status_changed'));
    await delivery.drained();

    const contact = (await getContactRecord(t.core, tenant.organizationId, conversation.contactId))!;
    const bodies = bodiesOf(receiver);
    // The contact's source_id was remembered after the conversation started; later bodies carry it.
    expect(bodies.map((b) => b.event)).toEqual(['conversation_created', 'message_created', 'message_created', 'conversation_status_changed']);
    const [created, incoming, outgoing, resolved] = bodies as [Body, Body, Body, Body];
    const accountData = { id: account.number, name: account.name };
    const inboxData = { id: inbox.publicId, name: 'Support API', inbox_identifier: (inbox.channel as { identifier: string }).identifier };

    expect(incoming).toMatchObject({
      event: 'message_created',
      id: expect.any(Number),
      content: 'Hello, I need help',
      message_type: 'incoming',
      content_type: 'text',
      content_attributes: {},
      additional_attributes: {},
      private: false,
      source_id: null,
      created_at: expect.stringMatching(ISO_MS),
      account: accountData,
      inbox: inboxData,
    });
    const contactFields = { id: contact.publicId, name: 'Jane Doe', email: contact.email, phone_number: null, identifier: null, blocked: false, type: 'contact' };
    expect(incoming.sender).toEqual({ ...contactFields, account: accountData, additional_attributes: {}, custom_attributes: {}, avatar: '', thumbnail: '' });
    expect(incoming.conversation).toMatchObject({
      id: conversation.number,
      inbox_id: inbox.publicId,
      channel: 'Channel::Api',
      status: 'open',
      can_reply: true,
      labels: [],
      meta: { sender: { id: contact.publicId, type: 'contact' }, hmac_verified: false },
      contact_inbox: { source_id: `src-${conversation.id}`, contact_id: contact.publicId, inbox_id: inbox.publicId },
      created_at: expect.any(Number),
      timestamp: expect.any(Number),
    });
    expect(incoming.conversation.contact_inbox).not.toHaveProperty('pubsub_token');
    expect(Number.isInteger(incoming.id)).toBe(true);

    expect(outgoing).toMatchObject({
      event: 'message_created',
      content: 'Sure, what is it?',
      message_type: 'outgoing',
      private: false,
      created_at: expect.stringMatching(ISO_MS),
      account: accountData,
      inbox: inboxData,
      sender: { id: agent.publicId, name: agent.name, email: agent.email, type: 'user' },
      conversation: { id: conversation.number, status: 'open', meta: { assignee: { id: agent.publicId, type: 'user' }, assignee_type: 'User' } },
    });
    expect(outgoing.id).toBeGreaterThan(incoming.id);

    expect(created).toMatchObject({
      event: 'conversation_created',
      id: conversation.number,
      inbox_id: inbox.publicId,
      status: 'open',
      channel: 'Channel::Api',
      account: accountData,
      meta: { sender: { id: contact.publicId, name: 'Jane Doe', type: 'contact' } },
      created_at: expect.any(Number),
      messages: expect.any(Array),
    });
    expect(Number.isInteger(created.created_at)).toBe(true);

    expect(resolved).toMatchObject({
      event: 'conversation_status_changed',
      id: conversation.number,
      status: 'resolved',
      account: accountData,
      changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
    });

    // Chatwoot's signature over "<timestamp>.<body>", with its timestamp and our delivery id.
    for (const request of receiver.accepted()) {
      expect(verifyChatwootSignature(request, secret)).toBe(true);
      expect(Math.abs(Number(request.headers['x-chatwoot-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(request.headers['x-chatwoot-delivery']).toBe(request.headers['x-switchboard-delivery']);
      expect(request.headers['x-switchboard-signature']).toMatch(/^v1=/);
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(verifyChatwootSignature({ ...receiver.accepted()[0]!, body: `${receiver.accepted()[0]!.body} ` }, secret)).toBe(false);
  });

  it('sends conversation_updated for assignment and labels, only when Chatwoot would see a change, once per change', async () => {
    const account = await accountOf();
    await createAccountWebhook(account, ['conversation_updated']);
    const { agent, inbox } = await apiInbox();
    const colleague = await createAgent(t.core, tenant.organizationId, { presence: 'online' });
    const delivery = startDelivery();
    const conversation = await converse(inbox);
    await labelConversation(t.core, tenant.organizationId, conversation.id, 'vip', '');
    await transferConversation(t.core, tenant.organizationId, conversation.id, { kind: 'agent', userId: colleague.id });
    await receiver.waitFor(() => bodiesOf(receiver).length >= 3);
    await delivery.drained();

    const changes = bodiesOf(receiver).map((b) => [b.event, b.changed_attributes]);
    expect(changes).toEqual([
      ['conversation_updated', [{ assignee_id: { previous_value: null, current_value: agent.publicId } }]],
      ['conversation_updated', [{ label_list: { previous_value: [], current_value: ['vip'] } }]],
      ['conversation_updated', [{ assignee_id: { previous_value: agent.publicId, current_value: colleague.publicId } }]],
    ]);
    expect(bodiesOf(receiver)[0]).toMatchObject({ id: conversation.number, account: { id: account.number } });
    // One delivery per change, whatever the retries: every delivery id is distinct and was sent once.
    const ids = receiver.received.map((r) => r.headers['x-chatwoot-delivery']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('retries a 5xx with the same delivery id and the same body', async () => {
    const account = await accountOf();
    const { secret } = await createAccountWebhook(account, ['conversation_created']);
    const { inbox } = await apiInbox();
    receiver.respond((_request, index) => (index === 0 ? { status: 500 } : undefined));
    const delivery = startDelivery();
    await converse(inbox);
    await receiver.waitFor(() => receiver.accepted().length === 1);
    await delivery.drained();

    const [failed, retried] = receiver.received as [Received, Received];
    expect(receiver.received).toHaveLength(2);
    expect(failed.status).toBe(500);
    expect(retried.status).toBe(200);
    expect(retried.headers['x-chatwoot-delivery']).toBe(failed.headers['x-chatwoot-delivery']);
    expect(retried.body).toBe(failed.body);
    expect(verifyChatwootSignature(failed, secret)).toBe(true);
    expect(verifyChatwootSignature(retried, secret)).toBe(true);
  });

  it('sends only what the subscription chose, and contact_updated / inbox events to account webhooks', async () => {
    const account = await accountOf();
    await createAccountWebhook(account, ['message_created', 'inbox_created']);
    const delivery = startDelivery();
    const { agent, inbox } = await apiInbox();
    const conversation = await converse(inbox);
    await postAgentMessage(t.core, tenant.organizationId, conversation.id, agent.id, 'Hi');
    await receiver.waitFor(() => eventsOf(receiver).filter((e) => e === 'message_created').length === 2);
    await delivery.drained();
    // The inbox's line and the conversation's are ordered each on its own.
    expect(eventsOf(receiver).sort()).toEqual(['inbox_created', 'message_created', 'message_created']);
    const created = bodiesOf(receiver).find((body) => body.event === 'inbox_created');
    expect(created).toMatchObject({ id: inbox.publicId, name: 'Support API', channel_type: 'Channel::Api', account: { id: account.number } });
    expect(created).not.toHaveProperty('hmac_token');
  });

  it('accepts every Chatwoot event name; a subscription to events never sent receives nothing', async () => {
    const account = await accountOf();
    const all = await cw(account, 'POST', '/webhooks', { payload: { url: receiver.url, subscriptions: ALL_EVENTS } });
    expect(all.statusCode).toBe(200);
    expect(all.json().payload.webhook.subscriptions).toEqual(ALL_EVENTS);
    const never = await createAccountWebhook(account, ['conversation_typing_on', 'webwidget_triggered'], callback.url);
    const listed = (await cw(account, 'GET', '/webhooks')).json().payload.webhooks;
    expect(listed.find((webhook: { id: number }) => webhook.id === never.id).subscriptions).toEqual(['conversation_typing_on', 'webwidget_triggered']);
    const delivery = startDelivery();
    const { inbox } = await apiInbox();
    await converse(inbox);
    await receiver.waitFor(() => eventsOf(receiver).includes('message_created'));
    await delivery.drained();
    expect(eventsOf(receiver).filter((event) => event !== 'inbox_created')).toEqual(['conversation_created', 'message_created', 'conversation_updated']);
    expect(eventsOf(receiver)).toContain('inbox_created');
    expect(callback.received).toEqual([]);
  });
});

describe("an API inbox's callback", () => {
  it("receives the agent's reply as message_created (outgoing), every inbox event, and no account-only event", async () => {
    const { agent, inbox } = await apiInbox(callback.url);
    const delivery = startDelivery();
    const conversation = await converse(inbox);
    await postAgentMessage(t.core, tenant.organizationId, conversation.id, agent.id, 'We are on it');
    await postAgentMessage(t.core, tenant.organizationId, conversation.id, agent.id, 'Internal: check billing', { private: true });
    await callback.waitFor(() => bodiesOf(callback).filter((b) => b.event === 'message_created').length === 3);
    await delivery.drained();

    const events = eventsOf(callback);
    expect(events).toEqual(['conversation_created', 'message_created', 'conversation_updated', 'message_created', 'message_created']);
    const reply = bodiesOf(callback)[3]!;
    expect(reply).toMatchObject({
      event: 'message_created',
      message_type: 'outgoing',
      content: 'We are on it',
      private: false,
      created_at: expect.stringMatching(ISO_MS),
      sender: { id: agent.publicId, type: 'user' },
      inbox: { id: inbox.publicId, inbox_identifier: (inbox.channel as { identifier: string }).identifier },
      conversation: { id: conversation.number, contact_inbox: { source_id: `src-${conversation.id}` } },
    });
    // Chatwoot sends private notes to webhooks too, flagged: receivers must not relay them.
    expect(bodiesOf(callback)[4]).toMatchObject({ message_type: 'outgoing', private: true, content: 'Internal: check billing' });
    const secret = (await getChannelCallbackSecret(t.core, tenant.organizationId, inbox.id))!; // what the inbox shows its administrators
    for (const request of callback.accepted()) {
      expect(verifyChatwootSignature(request, secret)).toBe(true);
      expect(request.headers['x-chatwoot-delivery']).toBe(request.headers['x-switchboard-delivery']);
    }
    expect(new Set(callback.received.map((r) => r.headers['x-chatwoot-delivery'])).size).toBe(callback.received.length);
  });
});
