import { beforeAll, describe, expect, it } from 'vitest';
import { postAgentMessage } from '../../../core/commands/post-message.ts';
import { startConversation } from '../../../core/commands/start-conversation.ts';
import { getConversation } from '../../../core/queries/conversations.ts';
import { insertVisitorConversation, storedEvents } from '../../../test/factories.ts';
import { type ChatwootAccount, expectUnixSeconds, multipart, NOT_FOUND, useChatwootAccounts } from './b-account-kit.ts';

const { t, tenant, accounts, call } = useChatwootAccounts();
let account: ChatwootAccount;
let otherAccount: ChatwootAccount;
beforeAll(() => ({ account, other: otherAccount } = accounts));

let counter = 0;
/** The seed guide's first two steps: a contact in the API inbox, then a conversation from its source_id. */
async function apiConversation(firstMessage?: string) {
  const contact = await call('POST', '/contacts', { body: { inbox_id: account.apiInbox.publicId, name: `Writer ${++counter}`, email: `writer${counter}@example.com` } });
  const sourceId = contact.body.payload.contact_inbox.source_id as string;
  const created = await call('POST', '/conversations', { body: { source_id: sourceId, ...(firstMessage && { message: { content: firstMessage } }) } });
  expect(created.status).toBe(200);
  return { id: created.body.id as number, uuid: created.body.uuid as string, contactId: contact.body.payload.contact.id as number, sourceId };
}

const MESSAGE_KEYS = ['content', 'content_attributes', 'content_type', 'conversation_id', 'created_at', 'id', 'inbox_id', 'message_type', 'private', 'sender', 'source_id', 'status'];

describe('the seed guide flow', () => {
  it('contact with inbox_id → conversation with source_id → incoming message → an agent reply via core appears in GET messages, in order', async () => {
    const conversation = await apiConversation();
    const incoming = await call('POST', `/conversations/${conversation.id}/messages`, { body: { content: 'Hi, my order is late', message_type: 'incoming' } });
    expect(incoming.status).toBe(200);
    expect(Object.keys(incoming.body).sort()).toEqual(MESSAGE_KEYS);
    expect(incoming.body).toMatchObject({
      content: 'Hi, my order is late',
      message_type: 0,
      content_type: 'text',
      content_attributes: {},
      conversation_id: conversation.id,
      inbox_id: account.apiInbox.publicId,
      private: false,
      status: 'sent',
      source_id: null,
      sender: { id: conversation.contactId, type: 'contact', name: expect.stringMatching(/^Writer/) },
    });
    expect(Number.isInteger(incoming.body.id)).toBe(true);
    expectUnixSeconds(incoming.body.created_at);

    const stored = await getConversation(t.core, tenant.organizationId, conversation.uuid);
    expect(stored?.assignee).toEqual({ type: 'user', id: account.agent.id });
    await postAgentMessage(t.core, tenant.organizationId, conversation.uuid, account.agent.id, 'We are on it');

    const { status, body } = await call('GET', `/conversations/${conversation.id}/messages`);
    expect(status).toBe(200);
    expect(body.meta).toMatchObject({ labels: [], additional_attributes: {}, contact: { id: conversation.contactId, type: 'contact' }, assignee: { id: account.agent.publicId, type: 'user' } });
    expect(body.payload.map((m: { content: string; message_type: number }) => [m.content, m.message_type])).toEqual([
      ['Hi, my order is late', 0],
      ['We are on it', 1],
    ]);
    expect(body.payload[1].sender).toEqual({
      id: account.agent.publicId,
      name: account.agent.name,
      available_name: expect.any(String),
      avatar_url: '',
      type: 'user',
      availability_status: 'online',
      thumbnail: '',
    });
    expect(body.payload[0].id).toBeLessThan(body.payload[1].id);
  });
});

describe('POST /conversations/:id/messages', () => {
  it('an outgoing message by the assignee (the default type), with echo_id and content_attributes kept and in the event', async () => {
    const conversation = await apiConversation('hello');
    const { status, body } = await call('POST', `/conversations/${conversation.id}/messages`, {
      token: account.agentToken,
      body: { content: 'Reply', echo_id: 'client-42', content_attributes: { in_reply_to: 7 } },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ content: 'Reply', message_type: 1, echo_id: 'client-42', content_attributes: { in_reply_to: 7 }, sender: { id: account.agent.publicId, type: 'user' } });
    const events = await storedEvents(t.core, tenant.organizationId);
    const created = events.filter((e) => e.type === 'message.created').at(-1) as { payload: { message: { content: Record<string, unknown> } } };
    expect(created.payload.message.content).toEqual({ echoId: 'client-42', attributes: { in_reply_to: 7 } });
  });

  it('multipart/form-data as codegen clients send it: string fields, content_attributes as JSON text, a file as attachments[]', async () => {
    const conversation = await apiConversation('hello');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const text = await call('POST', `/conversations/${conversation.id}/messages`, {
      token: account.agentToken,
      raw: multipart({ content: 'From a form', message_type: 'outgoing', private: 'false', content_attributes: '{"a":1}', echo_id: 'mp-1' }),
    });
    expect(text.status).toBe(200);
    expect(text.body).toMatchObject({ content: 'From a form', message_type: 1, private: false, content_attributes: { a: 1 }, echo_id: 'mp-1' });
    const file = await call('POST', `/conversations/${conversation.id}/messages`, {
      token: account.agentToken,
      raw: multipart({ message_type: 'outgoing', private: 'false' }, [{ name: 'shot.png', type: 'image/png', data: png }]),
    });
    expect(file.status).toBe(200);
    expect(file.body.attachments).toEqual([
      {
        id: file.body.id,
        message_id: file.body.id,
        file_type: 'image',
        account_id: account.accountId,
        extension: 'png',
        data_url: expect.stringMatching(/\/native\/v1\/attachments\/[0-9a-f-]{36}$/),
        thumb_url: expect.stringMatching(/\/native\/v1\/attachments\//),
        file_size: png.length,
        width: null,
        height: null,
      },
    ]);
  });

  it('urlencoded bodies, and private notes (any agent may write one)', async () => {
    const conversation = await apiConversation('hello');
    const { status, body } = await call('POST', `/conversations/${conversation.id}/messages`, {
      raw: { payload: 'content=Internal+note&private=true&message_type=outgoing', contentType: 'application/x-www-form-urlencoded' },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ content: 'Internal note', private: true, message_type: 1, sender: { id: account.admin.publicId } });
    // The note did not take the conversation from its assignee.
    expect((await getConversation(t.core, tenant.organizationId, conversation.uuid))?.assignee).toEqual({ type: 'user', id: account.agent.id });
  });

  it('an agent who is not the assignee is refused; an administrator takes the conversation over', async () => {
    const conversation = await apiConversation('hello');
    await call('POST', `/conversations/${conversation.id}/assignments`, { body: { assignee_id: account.admin.publicId } });
    expect(await call('POST', `/conversations/${conversation.id}/messages`, { token: account.agentToken, body: { content: 'mine?' } })).toEqual({
      status: 422,
      body: { error: 'This conversation is assigned to another agent' },
    });
    await call('POST', `/conversations/${conversation.id}/assignments`, { body: { assignee_id: account.agent.publicId } });
    const admin = await call('POST', `/conversations/${conversation.id}/messages`, { body: { content: 'Admin here' } });
    expect(admin.status).toBe(200);
    expect((await getConversation(t.core, tenant.organizationId, conversation.uuid))?.assignee).toEqual({ type: 'user', id: account.admin.id });
  });

  it('an unassigned (queued) conversation is taken by the agent who replies', async () => {
    const queued = await insertVisitorConversation(t.core, { organizationId: tenant.organizationId, widgetId: account.webInbox.id, assignee: null, status: 'queued' });
    const number = (await getConversation(t.core, tenant.organizationId, queued.conversationId))!.number;
    const { status, body } = await call('POST', `/conversations/${number}/messages`, { token: account.agentToken, body: { content: 'I am here' } });
    expect(status).toBe(200);
    expect(body.sender.id).toBe(account.agent.publicId);
    expect((await getConversation(t.core, tenant.organizationId, queued.conversationId))?.assignee).toEqual({ type: 'user', id: account.agent.id });
  });

  it('incoming messages only in API inboxes; blank content, bad content_attributes and bad types are 422', async () => {
    const web = await startConversation(t.core, tenant.organizationId, { widgetId: account.webInbox.id, message: 'web chat' });
    expect(await call('POST', `/conversations/${web.conversation.number}/messages`, { body: { content: 'x', message_type: 'incoming' } })).toEqual({
      status: 422,
      body: { error: 'Incoming messages are only allowed in Api inboxes' },
    });
    const conversation = await apiConversation('hello');
    const path = `/conversations/${conversation.id}/messages`;
    expect(await call('POST', path, { body: { content: '  ' } })).toEqual({ status: 422, body: { message: "Content can't be blank", attributes: ['content'] } });
    expect((await call('POST', path, { body: { content: 'x', content_attributes: '{oops' } })).body).toEqual({
      message: 'content_attributes must be an object or a JSON object string',
      attributes: ['content_attributes'],
    });
    expect((await call('POST', path, { body: { content: 'x', message_type: 'activity' } })).status).toBe(422);
    expect((await call('POST', path, { body: { content: 'x', private: 'maybe' } })).status).toBe(422);
  });

  it('an incoming message reopens a resolved conversation (same id, routed again); an outgoing one is 422', async () => {
    const conversation = await apiConversation('hello');
    await call('POST', `/conversations/${conversation.id}/toggle_status`, { body: { status: 'resolved' } });
    expect(await call('POST', `/conversations/${conversation.id}/messages`, { body: { content: 'late reply', message_type: 'outgoing' } })).toEqual({
      status: 422,
      body: { error: 'conversation is closed' },
    });
    const late = await call('POST', `/conversations/${conversation.id}/messages`, { body: { content: 'back again', message_type: 'incoming' } });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ content: 'back again', message_type: 0, conversation_id: conversation.id });
    const now = await call('GET', `/conversations/${conversation.id}`);
    expect(now.body).toMatchObject({ id: conversation.id, status: 'open' });
    const messages = await call('GET', `/conversations/${conversation.id}/messages`);
    expect(messages.body.payload.map((message: { content: string }) => message.content)).toEqual(expect.arrayContaining(['hello', 'back again']));
  });

  it("404 for unknown and other accounts' conversations, 401 without a token", async () => {
    expect(await call('POST', '/conversations/999999/messages', { body: { content: 'x' } })).toEqual(NOT_FOUND);
    const conversation = await apiConversation('hello');
    expect(await call('GET', `/conversations/${conversation.id}/messages`, { token: otherAccount.adminToken, accountId: otherAccount.accountId })).toEqual(NOT_FOUND);
    expect((await call('POST', `/conversations/${conversation.id}/messages`, { token: null, body: { content: 'x' } })).status).toBe(401);
  });
});

describe('GET /conversations/:id/messages windows', () => {
  it('the newest 20, before (20 older) and after (newer), oldest first', async () => {
    const conversation = await apiConversation();
    for (let i = 1; i <= 25; i++) await call('POST', `/conversations/${conversation.id}/messages`, { body: { content: `m${i}`, message_type: 'incoming' } });
    const latest = await call('GET', `/conversations/${conversation.id}/messages`);
    const contents = (page: { body: { payload: Array<{ content: string }> } }) => page.body.payload.map((m) => m.content);
    expect(contents(latest)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 6}`));
    const firstId = latest.body.payload[0].id;
    const older = await call('GET', `/conversations/${conversation.id}/messages?before=${firstId}`);
    expect(contents(older)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    const newer = await call('GET', `/conversations/${conversation.id}/messages?after=${older.body.payload[2].id}`);
    expect(contents(newer).slice(0, 3)).toEqual(['m4', 'm5', 'm6']);
    expect(newer.body.payload).toHaveLength(22);
    const between = await call('GET', `/conversations/${conversation.id}/messages?after=${older.body.payload[0].id}&before=${older.body.payload[4].id}`);
    expect(contents(between)).toEqual(['m2', 'm3', 'm4']);
    expect((await call('GET', `/conversations/${conversation.id}/messages?before=abc`)).status).toBe(422);
  });
});

describe('changing messages', () => {
  it('DELETE withdraws a message: "This message was deleted", content_attributes.deleted', async () => {
    const conversation = await apiConversation();
    const posted = await call('POST', `/conversations/${conversation.id}/messages`, { body: { content: 'oops', message_type: 'incoming', echo_id: 'e1' } });
    const { status, body } = await call('DELETE', `/conversations/${conversation.id}/messages/${posted.body.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: posted.body.id, content: 'This message was deleted', content_attributes: { deleted: true }, echo_id: 'e1' });
    const listed = await call('GET', `/conversations/${conversation.id}/messages`);
    expect(listed.body.payload.at(-1)).toMatchObject({ id: posted.body.id, content: 'This message was deleted' });
    expect(await call('DELETE', `/conversations/${conversation.id}/messages/999999999`)).toEqual(NOT_FOUND);
  });

  it('PATCH status marks an outgoing message delivered / read (API inboxes only)', async () => {
    const conversation = await apiConversation('hello');
    const reply = await call('POST', `/conversations/${conversation.id}/messages`, { token: account.agentToken, body: { content: 'answer' } });
    const path = `/conversations/${conversation.id}/messages/${reply.body.id}`;
    expect((await call('PATCH', path, { body: { status: 'delivered' } })).body.status).toBe('delivered');
    expect((await call('PATCH', path, { body: { status: 'read' } })).body.status).toBe('read');
    expect((await call('PATCH', path, { body: { status: 'lost' } })).status).toBe(422);
    const web = await startConversation(t.core, tenant.organizationId, { widgetId: account.webInbox.id, message: 'web chat' });
    const webMessages = await call('GET', `/conversations/${web.conversation.number}/messages`);
    expect(await call('PATCH', `/conversations/${web.conversation.number}/messages/${webMessages.body.payload[0].id}`, { body: { status: 'read' } })).toEqual({
      status: 403,
      body: { error: 'Message status update is only allowed for API inboxes' },
    });
  });
});
