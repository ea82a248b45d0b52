import { beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../../../core/commands/create-contact.ts';
import { markMessages } from '../../../../core/commands/mark-messages.ts';
import { postAgentMessage, postVisitorMessage } from '../../../../core/commands/post-message.ts';
import { setAgentPresence } from '../../../../core/commands/set-agent-presence.ts';
import { startConversation } from '../../../../core/commands/start-conversation.ts';
import { recordPageView } from '../../../../core/commands/visitor-activity.ts';
import { createAgent, createWidgetWith } from '../../../../test/factories.ts';
import { bearer, call, createMember, expectError, sessionFor, UNKNOWN_IDS, useAdminApi, type Credentials } from './native-test-kit.ts';

const { t, tenant, other, admin } = useAdminApi();

/** Two chats of one visitor on an online agent's widget, the first with many messages, plus one of another organization. */
const world = { agentId: '', agentSession: {} as Credentials, widgetId: '', contactId: '', first: '', second: '', foreign: '' };

beforeAll(async () => {
  const member = await createMember(t.core, tenant.organizationId, 'agent');
  world.agentId = member.user.id;
  world.agentSession = await sessionFor(t.app, member.email, member.password);
  await setAgentPresence(t.core, tenant.organizationId, member.user.id, 'online');
  const widget = await createWidgetWith(t.core, tenant.organizationId, [{ userId: member.user.id }]);
  world.widgetId = widget.id;
  const started = await startConversation(t.core, tenant.organizationId, {
    widgetId: widget.id,
    visitor: { name: 'Vera Visitor', email: 'vera@shop.test' },
    context: { pageUrl: 'https://shop.test/cart', browser: 'Chrome 130', customFields: { plan: 'pro' } },
    message: 'My parcel 50% late, order A-1234',
  });
  world.first = started.conversation.id;
  world.contactId = started.conversation.contactId;
  for (let i = 1; i <= 12; i++) await postVisitorMessage(t.core, tenant.organizationId, world.first, world.contactId, `line ${i}`);
  await postAgentMessage(t.core, tenant.organizationId, world.first, member.user.id, 'checking the warehouse', { private: true });
  const again = await startConversation(t.core, tenant.organizationId, { widgetId: widget.id, contactId: world.contactId, message: 'Hello again' });
  world.second = again.conversation.id;

  const foreignAgent = await createAgent(t.core, other.organizationId, { presence: 'online' });
  const foreignWidget = await createWidgetWith(t.core, other.organizationId, [{ userId: foreignAgent.id }]);
  world.foreign = (await startConversation(t.core, other.organizationId, { widgetId: foreignWidget.id, message: 'secret order A-1234' })).conversation.id;
});

describe('GET /conversations', () => {
  it('lists the organization’s conversations with contact and newest message, filtered', async () => {
    const response = await call(t.app, 'GET', '/conversations?status=open&order=oldest', { credentials: admin });
    expect(response.statusCode, response.body).toBe(200);
    const { conversations } = response.json();
    expect(conversations.map((c: { conversation: { id: string } }) => c.conversation.id)).toEqual([world.first, world.second]);
    expect(conversations[0].contact).toMatchObject({ name: 'Vera Visitor', email: 'vera@shop.test' });
    expect(conversations[0].lastMessage).toMatchObject({ body: 'checking the warehouse', private: true });
    expect(conversations[0].conversation.visitorContext).toMatchObject({ pageUrl: 'https://shop.test/cart', customFields: { plan: 'pro' } });
  });

  it('counts the visitor messages no agent has read, until a read receipt covers them', async () => {
    const unreadOf = async () => {
      const { conversations } = (await call(t.app, 'GET', '/conversations?status=open&order=oldest', { credentials: admin })).json();
      return conversations.map((c: { unreadCount: number }) => c.unreadCount);
    };
    // The first message and twelve lines; the agent's note does not count.
    expect(await unreadOf()).toEqual([13, 1]);
    const { json } = await call(t.app, 'GET', `/conversations/${world.first}/messages?limit=50`, { credentials: admin });
    const seqOf = (body: string) => (json().messages as Array<{ body: string; seq: number }>).find((m) => m.body === body)!.seq;
    await markMessages(t.core, tenant.organizationId, world.first, 'agent', 'read', seqOf('line 10'));
    expect(await unreadOf()).toEqual([2, 1]);
    await markMessages(t.core, tenant.organizationId, world.first, 'agent', 'read', seqOf('checking the warehouse'));
    expect(await unreadOf()).toEqual([0, 1]);
  });

  it('takes assignee=me for the logged-in agent, and several statuses', async () => {
    const mine = await call(t.app, 'GET', '/conversations?assignee=me&status=open&status=queued', { credentials: world.agentSession });
    expect(mine.json().conversations).toHaveLength(2);
    const nobody = await call(t.app, 'GET', `/conversations?assignee=${world.agentId}&status=closed`, { credentials: admin });
    expect(nobody.json().conversations).toEqual([]);
  });

  it('pages newest first with before and limit', async () => {
    const page = await call(t.app, 'GET', '/conversations?limit=1', { credentials: admin });
    const [newest] = page.json().conversations;
    expect(newest.conversation.id).toBe(world.second);
    const next = await call(t.app, 'GET', `/conversations?limit=1&before=${encodeURIComponent(newest.conversation.createdAt)}`, { credentials: admin });
    expect(next.json().conversations[0].conversation.id).toBe(world.first);
  });

  it('refuses bad filters with the field named', async () => {
    expectError(await call(t.app, 'GET', '/conversations?status=pending', { credentials: admin }), { status: 400, code: 'invalid', message: /status\[0\] must be one of/, field: 'status[0]' });
    expectError(await call(t.app, 'GET', '/conversations?limit=0', { credentials: admin }), { status: 400, code: 'invalid', message: /limit/, field: 'limit' });
    expectError(await call(t.app, 'GET', '/conversations?before=yesterday', { credentials: admin }), { status: 400, code: 'invalid', message: /before/, field: 'before' });
    expect((await call(t.app, 'GET', '/conversations?cache=123', { credentials: admin })).statusCode).toBe(200);
  });

  it('has no "me" for an API key, and an unknown widget or user id is an empty list', async () => {
    expectError(await call(t.app, 'GET', '/conversations?assignee=me', { credentials: bearer(tenant.apiKey) }), { status: 400, code: 'invalid', message: /assignee "me"/, field: 'assignee' });
    for (const id of UNKNOWN_IDS) {
      expect((await call(t.app, 'GET', `/conversations?widgetId=${id}`, { credentials: admin })).json().conversations).toEqual([]);
    }
  });

  it('never shows another organization’s conversations, and needs credentials', async () => {
    const foreign = await call(t.app, 'GET', '/conversations', { credentials: bearer(other.apiKey) });
    expect(foreign.json().conversations.map((c: { conversation: { id: string } }) => c.conversation.id)).toEqual([world.foreign]);
    expectError(await call(t.app, 'GET', '/conversations'), { status: 401, code: 'unauthorized', message: /authentication required/ });
  });
});

describe('GET /conversations/{id}', () => {
  it('gives the visitor, page history and the contact’s other conversations', async () => {
    await recordPageView(t.core, tenant.organizationId, world.first, world.contactId, 'https://shop.test/orders', 'Orders');
    const response = await call(t.app, 'GET', `/conversations/${world.first}`, { credentials: world.agentSession });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail.conversation.visitorContext.pageUrl).toBe('https://shop.test/orders');
    expect(detail.pageHistory).toEqual([{ url: 'https://shop.test/orders', title: 'Orders', viewedAt: expect.any(String) }]);
    expect(detail.previousConversations.map((c: { conversation: { id: string } }) => c.conversation.id)).toEqual([world.second]);
  });

  it('gives the channel type of every widget and the identifier of an API channel’s contact, for the console', async () => {
    const inbox = await createWidgetWith(t.core, tenant.organizationId, [{ userId: world.agentId }], { channel: { type: 'api', callbackFormat: 'chatwoot' } });
    const contact = await createContact(t.core, tenant.organizationId, { name: 'Jane Backend', identifier: 'crm-42' });
    const started = await startConversation(t.core, tenant.organizationId, { widgetId: inbox.id, contactId: contact.id, message: 'From the backend' });

    const { widgets } = (await call(t.app, 'GET', '/widgets', { credentials: world.agentSession })).json();
    const typeOf = (id: string) => widgets.find((w: { id: string }) => w.id === id)?.channelType;
    expect([typeOf(world.widgetId), typeOf(inbox.id)]).toEqual(['web_widget', 'api']);
    const detail = (await call(t.app, 'GET', `/conversations/${started.conversation.id}`, { credentials: world.agentSession })).json();
    expect(detail.contact).toStrictEqual({ id: contact.id, name: 'Jane Backend', email: null, phone: null, identifier: 'crm-42', createdAt: expect.any(String), lastSeenAt: null });
    const visitor = (await call(t.app, 'GET', `/conversations/${world.first}`, { credentials: world.agentSession })).json();
    expect(visitor.contact.identifier).toBeNull();
  });

  it('is 404 for unknown, malformed and foreign ids', async () => {
    for (const id of [...UNKNOWN_IDS, world.foreign]) {
      expectError(await call(t.app, 'GET', `/conversations/${id}`, { credentials: admin }), { status: 404, code: 'not_found', message: 'conversation not found' });
    }
  });
});

describe('GET /conversations/{id}/messages', () => {
  it('pages from the newest, oldest first within a page, notes included', async () => {
    const newest = (await call(t.app, 'GET', `/conversations/${world.first}/messages?limit=5`, { credentials: admin })).json();
    expect(newest.hasMore).toBe(true);
    expect(newest.messages.map((m: { body: string }) => m.body)).toEqual(['line 9', 'line 10', 'line 11', 'line 12', 'checking the warehouse']);
    const older = (await call(t.app, 'GET', `/conversations/${world.first}/messages?limit=100&beforeSeq=${newest.messages[0].seq}`, { credentials: admin })).json();
    expect(older.hasMore).toBe(false);
    expect(older.messages).toHaveLength(9);
    expect(older.messages[0].body).toBe('My parcel 50% late, order A-1234');
  });

  it('refuses wrong types and unknown conversations', async () => {
    expectError(await call(t.app, 'GET', `/conversations/${world.first}/messages?beforeSeq=abc`, { credentials: admin }), { status: 400, code: 'invalid', message: /beforeSeq/, field: 'beforeSeq' });
    expectError(await call(t.app, 'GET', `/conversations/${world.first}/messages?limit=501`, { credentials: admin }), { status: 400, code: 'invalid', message: /limit/, field: 'limit' });
    expectError(await call(t.app, 'GET', `/conversations/${world.foreign}/messages`, { credentials: admin }), { status: 404, code: 'not_found', message: 'conversation not found' });
  });
});

describe('GET /conversations/search', () => {
  const search = async (q: string, credentials: Credentials = admin) =>
    (await call(t.app, 'GET', `/conversations/search?q=${encodeURIComponent(q)}`, { credentials })).json().conversations as Array<{ conversation: { id: string }; match: string | null }>;

  it('finds words, fragments, literal wildcards, names and e-mails, within the organization only', async () => {
    expect((await search('parcel late')).map((c) => c.conversation.id)).toEqual([world.first]);
    expect((await search('A-12')).map((c) => c.match)).toEqual(['My parcel 50% late, order A-1234']);
    expect((await search('50%')).map((c) => c.conversation.id)).toEqual([world.first]);
    expect((await search('0%')).map((c) => c.conversation.id)).toEqual([world.first]);
    expect(await search('__')).toEqual([]);
    expect((await search('vera@shop')).map((c) => c.conversation.id).sort()).toEqual([world.first, world.second].sort());
    expect((await search('A-1234', bearer(other.apiKey))).map((c) => c.conversation.id)).toEqual([world.foreign]);
  });

  it('needs a query of two characters or more', async () => {
    expectError(await call(t.app, 'GET', '/conversations/search', { credentials: admin }), { status: 400, code: 'invalid', message: /q/, field: 'q' });
    expectError(await call(t.app, 'GET', '/conversations/search?q=a', { credentials: admin }), { status: 400, code: 'invalid', message: /q/, field: 'q' });
    expectError(await call(t.app, 'GET', '/conversations/search?q=%20%20%20', { credentials: admin }), { status: 400, code: 'invalid', message: /at least 2 characters/, field: 'q' });
  });
});
