import { beforeAll, describe, expect, it } from 'vitest';
import { type ChatwootAccount, expectUnixSeconds, NOT_FOUND, useChatwootAccounts } from './b-account-kit.ts';

const { accounts, call } = useChatwootAccounts();
let account: ChatwootAccount;
let otherAccount: ChatwootAccount;
beforeAll(() => ({ account, other: otherAccount } = accounts));

let contactCounter = 0;
/** A contact with a session in the API inbox, as the seed guide's first step makes it. */
async function apiContact() {
  const { body } = await call('POST', '/contacts', { body: { inbox_id: account.apiInbox.publicId, name: `Caller ${++contactCounter}`, email: `caller${contactCounter}@example.com` } });
  return { id: body.payload.contact.id as number, sourceId: body.payload.contact_inbox.source_id as string };
}

async function newConversation(content = 'Hello from the API') {
  const { sourceId } = await apiContact();
  const { status, body } = await call('POST', '/conversations', { body: { source_id: sourceId, message: { content } } });
  expect(status).toBe(200);
  return body;
}

const CONVERSATION_KEYS = [
  'account_id',
  'additional_attributes',
  'agent_last_seen_at',
  'assignee_last_seen_at',
  'can_reply',
  'contact_last_seen_at',
  'created_at',
  'custom_attributes',
  'first_reply_created_at',
  'id',
  'inbox_id',
  'labels',
  'last_activity_at',
  'last_non_activity_message',
  'messages',
  'meta',
  'muted',
  'priority',
  'sla_policy_id',
  'snoozed_until',
  'status',
  'timestamp',
  'unread_count',
  'updated_at',
  'uuid',
  'waiting_since',
];

describe('POST /conversations', () => {
  it('starts a conversation from a source_id with the first incoming message, routed to the online agent: the full conversation', async () => {
    const { sourceId, id: contactId } = await apiContact();
    const { status, body } = await call('POST', '/conversations', { body: { source_id: sourceId, message: { content: 'I need help' } } });
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(CONVERSATION_KEYS);
    expect(body).toMatchObject({
      account_id: account.accountId,
      inbox_id: account.apiInbox.publicId,
      status: 'open',
      labels: [],
      muted: false,
      can_reply: true,
      snoozed_until: null,
      priority: null,
      custom_attributes: {},
      unread_count: 1,
    });
    expect(Number.isInteger(body.id)).toBe(true);
    expectUnixSeconds(body.created_at);
    expectUnixSeconds(body.timestamp);
    expect(typeof body.updated_at).toBe('number');
    expect(body.meta).toMatchObject({ channel: 'Channel::Api', assignee_type: 'User', hmac_verified: false });
    expect(body.meta.sender).toMatchObject({ id: contactId, name: expect.stringMatching(/^Caller/) });
    expect(body.meta.assignee).toMatchObject({ id: account.agent.publicId, name: account.agent.name, role: 'agent', account_id: account.accountId });
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]).toMatchObject({
      content: 'I need help',
      message_type: 0,
      conversation_id: body.id,
      inbox_id: account.apiInbox.publicId,
      sender_type: 'Contact',
      sender: { id: contactId, type: 'contact' },
      conversation: { assignee_id: account.agent.publicId, unread_count: 1, contact_inbox: { source_id: sourceId } },
    });
    expect(body.last_non_activity_message.id).toBe(body.messages[0].id);
  });

  it('takes inbox_id + contact_id, custom_attributes, and an assignee', async () => {
    const { id: contactId } = await apiContact();
    const { status, body } = await call('POST', '/conversations', {
      body: { inbox_id: account.apiInbox.publicId, contact_id: contactId, assignee_id: account.admin.publicId, custom_attributes: { order: 42 }, message: { content: 'hi' } },
    });
    expect(status).toBe(200);
    expect(body.meta.assignee.id).toBe(account.admin.publicId);
    expect(body.custom_attributes).toEqual({ order: 42 });
  });

  it('refuses bad input: no source, unknown source_id or contact (404), pending status (422)', async () => {
    expect(await call('POST', '/conversations', { body: { message: { content: 'x' } } })).toEqual({
      status: 422,
      body: { error: 'source_id, or inbox_id and contact_id, are required' },
    });
    expect(await call('POST', '/conversations', { body: { source_id: 'nobody' } })).toEqual(NOT_FOUND);
    expect(await call('POST', '/conversations', { body: { inbox_id: account.apiInbox.publicId, contact_id: 999_999 } })).toEqual(NOT_FOUND);
    const { sourceId } = await apiContact();
    expect((await call('POST', '/conversations', { body: { source_id: sourceId, status: 'pending' } })).status).toBe(422);
    expect((await call('POST', '/conversations', { body: { source_id: sourceId, status: 'bogus' } })).status).toBe(422);
  });

  it("another account's source_id is not found", async () => {
    const { sourceId } = await apiContact();
    expect(await call('POST', '/conversations', { token: otherAccount.adminToken, accountId: otherAccount.accountId, body: { source_id: sourceId } })).toEqual(NOT_FOUND);
  });
});

describe('reading conversations', () => {
  it('GET /conversations/:id, 404 for unknown, malformed and other accounts\' ids, 401 without a token', async () => {
    const created = await newConversation();
    const { status, body } = await call('GET', `/conversations/${created.id}`);
    expect(status).toBe(200);
    expect(body.id).toBe(created.id);
    expect(await call('GET', '/conversations/999999')).toEqual(NOT_FOUND);
    expect(await call('GET', '/conversations/x1')).toEqual(NOT_FOUND);
    expect(await call('GET', `/conversations/${created.id + 1000}`, { token: otherAccount.adminToken, accountId: otherAccount.accountId })).toEqual(NOT_FOUND);
    expect((await call('GET', `/conversations/${created.id}`, { token: null })).status).toBe(401);
  });

  it('GET /conversations lists with meta counts, by assignee_type, status, inbox and labels', async () => {
    const mine = await newConversation('for the agent');
    const all = await call('GET', '/conversations?assignee_type=all&status=all');
    expect(all.status).toBe(200);
    const { meta, payload } = all.body.data;
    expect(Object.keys(meta).sort()).toEqual(['all_count', 'assigned_count', 'mine_count', 'unassigned_count']);
    expect(meta.all_count).toBe(meta.assigned_count + meta.unassigned_count);
    expect(payload.length).toBe(Math.min(meta.all_count, 25));
    const agentMine = await call('GET', '/conversations?assignee_type=me', { token: account.agentToken });
    expect(agentMine.body.data.payload.map((c: { id: number }) => c.id)).toContain(mine.id);
    expect(agentMine.body.data.payload.every((c: { meta: { assignee: { id: number } } }) => c.meta.assignee.id === account.agent.publicId)).toBe(true);
    const byInbox = await call('GET', `/conversations?inbox_id=${account.webInbox.publicId}`);
    expect(byInbox.body.data.payload).toEqual([]);
    const unknownInbox = await call('GET', '/conversations?inbox_id=424242');
    expect(unknownInbox.body.data.meta.all_count).toBe(0);
    await call('POST', `/conversations/${mine.id}/labels`, { body: { labels: ['vip'] } });
    const labelled = await call('GET', '/conversations?labels[]=vip');
    expect(labelled.body.data.payload.map((c: { id: number }) => c.id)).toEqual([mine.id]);
    const resolved = await call('GET', '/conversations?status=resolved');
    expect(resolved.body.data.payload.every((c: { status: string }) => c.status === 'resolved')).toBe(true);
    const meta2 = await call('GET', '/conversations/meta?status=all');
    expect(meta2.body.meta.all_count).toBe(meta.all_count);
  });

  it('q searches message content', async () => {
    const found = await newConversation('order number ZX-4711 is late');
    const { body } = await call('GET', '/conversations?q=zx-4711&status=all');
    expect(body.data.payload.map((c: { id: number }) => c.id)).toEqual([found.id]);
  });
});

describe('changing conversations', () => {
  it('toggle_status resolves and reopens, answering Chatwoot meta/payload; pending and snoozed are 422', async () => {
    const conversation = await newConversation();
    const resolved = await call('POST', `/conversations/${conversation.id}/toggle_status`, { body: { status: 'resolved' } });
    expect(resolved).toEqual({ status: 200, body: { meta: {}, payload: { success: true, conversation_id: conversation.id, current_status: 'resolved', snoozed_until: null } } });
    expect((await call('GET', `/conversations/${conversation.id}`)).body.status).toBe('resolved');
    // Without a status it toggles: resolved becomes open again, keeping its id.
    const reopened = await call('POST', `/conversations/${conversation.id}/toggle_status`, { body: {} });
    expect(reopened).toEqual({ status: 200, body: { meta: {}, payload: { success: true, conversation_id: conversation.id, current_status: 'open', snoozed_until: null } } });
    expect((await call('GET', `/conversations/${conversation.id}`)).body).toMatchObject({ id: conversation.id, status: 'open' });
    const open = await newConversation();
    expect((await call('POST', `/conversations/${open.id}/toggle_status`, { body: { status: 'snoozed' } })).status).toBe(422);
    expect((await call('POST', `/conversations/${open.id}/toggle_status`, { body: { status: 'pending' } })).status).toBe(422);
    const toggled = await call('POST', `/conversations/${open.id}/toggle_status`);
    expect(toggled.body.payload.current_status).toBe('resolved');
  });

  it('toggle_priority sets and clears priority', async () => {
    const conversation = await newConversation();
    expect((await call('POST', `/conversations/${conversation.id}/toggle_priority`, { body: { priority: 'urgent' } })).status).toBe(200);
    expect((await call('GET', `/conversations/${conversation.id}`)).body.priority).toBe('urgent');
    await call('POST', `/conversations/${conversation.id}/toggle_priority`, { body: { priority: 'none' } });
    expect((await call('GET', `/conversations/${conversation.id}`)).body.priority).toBeNull();
    expect((await call('POST', `/conversations/${conversation.id}/toggle_priority`, { body: { priority: 'whenever' } })).status).toBe(422);
  });

  it('assignments hands the conversation to an agent and answers the agent; null and unknown agents are refused', async () => {
    const conversation = await newConversation();
    const { status, body } = await call('POST', `/conversations/${conversation.id}/assignments`, { body: { assignee_id: account.admin.publicId } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: account.admin.publicId, email: account.admin.email, role: 'administrator', account_id: account.accountId, available_name: expect.any(String) });
    expect((await call('GET', `/conversations/${conversation.id}`)).body.meta.assignee.id).toBe(account.admin.publicId);
    expect(await call('POST', `/conversations/${conversation.id}/assignments`, { body: { assignee_id: null } })).toEqual({
      status: 422,
      body: { error: 'A conversation cannot be unassigned here: assign it to another agent' },
    });
    expect(await call('POST', `/conversations/${conversation.id}/assignments`, { body: { assignee_id: 999_999 } })).toEqual(NOT_FOUND);
    expect(await call('POST', `/conversations/${conversation.id}/assignments`, { body: { assignee_id: otherAccount.agent.publicId + 1000 } })).toEqual(NOT_FOUND);
  });

  it('labels: POST sets exactly the list, GET answers {payload}', async () => {
    const conversation = await newConversation();
    expect(await call('POST', `/conversations/${conversation.id}/labels`, { body: { labels: ['billing', 'vip'] } })).toEqual({ status: 200, body: { payload: ['billing', 'vip'] } });
    expect(await call('POST', `/conversations/${conversation.id}/labels`, { body: { labels: ['vip', 'refund'] } })).toEqual({ status: 200, body: { payload: ['vip', 'refund'] } });
    expect(await call('GET', `/conversations/${conversation.id}/labels`)).toEqual({ status: 200, body: { payload: ['vip', 'refund'] } });
    expect((await call('POST', `/conversations/${conversation.id}/labels`, { body: { labels: 'vip' } })).status).toBe(422);
  });

  it('custom_attributes replaces the set, from JSON or a JSON string', async () => {
    const conversation = await newConversation();
    expect(await call('POST', `/conversations/${conversation.id}/custom_attributes`, { body: { custom_attributes: { a: 1 } } })).toEqual({ status: 200, body: { custom_attributes: { a: 1 } } });
    expect(await call('POST', `/conversations/${conversation.id}/custom_attributes`, { body: { custom_attributes: '{"b":2}' } })).toEqual({ status: 200, body: { custom_attributes: { b: 2 } } });
    expect((await call('GET', `/conversations/${conversation.id}`)).body.custom_attributes).toEqual({ b: 2 });
    expect((await call('POST', `/conversations/${conversation.id}/custom_attributes`, { body: { custom_attributes: 'nope' } })).status).toBe(422);
  });

  it("GET /contacts/:id/conversations lists the contact's conversations", async () => {
    const { id, sourceId } = await apiContact();
    const created = await call('POST', '/conversations', { body: { source_id: sourceId, message: { content: 'one' } } });
    const { status, body } = await call('GET', `/contacts/${id}/conversations`);
    expect(status).toBe(200);
    expect(body.payload.map((c: { id: number }) => c.id)).toEqual([created.body.id]);
  });
});
