import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { getTranscript } from '../../core/queries/conversations.ts';
import type { Core } from '../../core/context.ts';
import { findContact } from '../../db/repositories/contacts.ts';
import { contacts } from '../../db/schema/index.ts';
import { agentWithWidget, connectAgent, connectOnlineAgent, connectVisitor, startChat, TestClient, useRealtimeServer, type Server } from './realtime-test-kit.ts';

/**
 * One anonymous visitor must not flood: messages per visitor (every socket and HTTP entry point)
 * and per conversation, sockets per IP, and no contact row until the visitor starts a chat.
 */

const VISITOR_LIMIT = 5;
const CONVERSATION_LIMIT = 7;

async function visitorMessages(core: Core, organizationId: string, conversationId: string) {
  const transcript = await getTranscript(core, organizationId, conversationId, { includePrivate: true });
  return transcript!.filter((message) => message.senderType === 'visitor');
}

/** A widget whose agent is online, so chats open (an offline widget closes them as offline messages). */
async function staffedWidget(server: Server, organizationId: string, track: (client: TestClient) => TestClient) {
  const { widget, cookie } = await agentWithWidget(server, organizationId);
  track(await connectOnlineAgent(server, cookie));
  return widget;
}

async function contactsOf(core: Core, organizationId: string) {
  return (await core.db.select().from(contacts)).filter((contact) => contact.organizationId === organizationId);
}

describe('messages', () => {
  const { server, tenant, track } = useRealtimeServer({
    env: { VISITOR_MESSAGES_PER_MINUTE: String(VISITOR_LIMIT), CONVERSATION_MESSAGES_PER_MINUTE: String(CONVERSATION_LIMIT) },
  });

  it('refuses a visitor’s messages past the limit with rate_limited and retryAfter, on every socket of theirs, and stores none of them', async () => {
    const widget = await staffedWidget(server, tenant.organizationId, track);
    // The first message comes with the chat and counts too.
    const { visitor, ready, conversationId } = await startChat(server, widget.id, { message: 'hello' });
    track(visitor);
    for (let i = 1; i < VISITOR_LIMIT; i++) await visitor.ack({ type: 'send_message', conversationId, body: `message ${i}` });
    const refused = await visitor.request({ type: 'send_message', conversationId, body: 'one too many' });
    expect(refused).toMatchObject({ type: 'error', code: 'rate_limited', message: `too many messages: at most ${VISITOR_LIMIT} per minute per visitor` });
    expect(refused.retryAfter).toEqual(expect.any(Number));
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);

    // Another socket of the same visitor shares the allowance.
    const { client: second } = await connectVisitor(server, widget.id, ready.visitorToken);
    track(second);
    expect(await second.request({ type: 'send_message', conversationId, body: 'from another tab' })).toMatchObject({ type: 'error', code: 'rate_limited' });

    const stored = await visitorMessages(server.t.core, tenant.organizationId, conversationId);
    expect(stored.map((message) => message.body)).toEqual(['hello', 'message 1', 'message 2', 'message 3', 'message 4']);
    // The socket is still served: only the messages are refused.
    expect(await visitor.request({ type: 'typing', conversationId, isTyping: false })).toMatchObject({ type: 'ack' });
  });

  it('answers 429 with Retry-After on the widget’s HTTP notes past the visitor’s limit, shared with the socket, and stores nothing', async () => {
    const widget = await staffedWidget(server, tenant.organizationId, track);
    const { visitor, ready, conversationId } = await startChat(server, widget.id, { message: 'hello' });
    track(visitor);
    await visitor.ack({ type: 'send_message', conversationId, body: 'over the socket' });
    const note = (text: string) =>
      fetch(`${server.base}/native/v1/public/conversations/${conversationId}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-visitor-token': ready.visitorToken },
        body: JSON.stringify({ text }),
      });
    for (let i = 2; i < VISITOR_LIMIT; i++) expect((await note(`note ${i}`)).status).toBe(201);
    const refused = await note('one too many');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', message: `too many messages: at most ${VISITOR_LIMIT} per minute per visitor` } });

    const stored = await visitorMessages(server.t.core, tenant.organizationId, conversationId);
    expect(stored.map((message) => message.body)).toEqual(['hello', 'over the socket', 'note 2', 'note 3', 'note 4']);
  });

  it('limits the SnapEngage Visitor Chat API per conversation only: 429 in its shape past the conversation’s limit', async () => {
    const widget = await staffedWidget(server, tenant.organizationId, track);
    const chat = (method: string, query: Record<string, string>) =>
      fetch(`${server.base}/api/v1/chat?${new URLSearchParams(query)}`, { method, headers: { 'x-api-key': tenant.apiKey } });
    const started = await chat('POST', { widgetId: widget.id, visitorMessage: 'hello' });
    expect(started.status).toBe(200);
    const { caseId } = (await started.json()) as { caseId: string };
    // More than one visitor's allowance: a relay speaks for many visitors, each chat is its own.
    for (let i = 1; i <= CONVERSATION_LIMIT; i++) expect((await chat('PUT', { caseId, messageType: '1', messageBody: `message ${i}` })).status).toBe(200);
    const refused = await chat('PUT', { caseId, messageType: '1', messageBody: 'one too many' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ code: 429, message: `too many messages: at most ${CONVERSATION_LIMIT} per minute in one conversation` });

    const stored = await visitorMessages(server.t.core, tenant.organizationId, caseId);
    expect(stored).toHaveLength(1 + CONVERSATION_LIMIT);
  });
});

describe('contacts', () => {
  const { server, tenant, track } = useRealtimeServer();

  it('are not written when an anonymous visitor authenticates, nor when they come back with their token', async () => {
    const widget = await staffedWidget(server, tenant.organizationId, track);
    const before = await contactsOf(server.t.core, tenant.organizationId);
    const { client, ready } = await connectVisitor(server, widget.id);
    track(client);
    const { client: again, ready: readyAgain } = await connectVisitor(server, widget.id, ready.visitorToken);
    track(again);
    expect(readyAgain).toMatchObject({ contactId: ready.contactId, visitorId: ready.visitorId, visitorToken: ready.visitorToken });
    expect(await findContact(server.t.core.db, tenant.organizationId, ready.contactId)).toBeUndefined();
    expect(await contactsOf(server.t.core, tenant.organizationId)).toEqual(before);
  });

  it('are written when the visitor starts a chat, under the ids the ready frame named, and the token keeps finding them', async () => {
    const widget = await staffedWidget(server, tenant.organizationId, track);
    const { client, ready } = await connectVisitor(server, widget.id);
    track(client);
    const started = await client.ack({ type: 'start_chat', message: 'hello', name: 'Vera' });
    const conversationId = (started.conversation as { id: string }).id;
    expect(await findContact(server.t.core.db, tenant.organizationId, ready.contactId)).toMatchObject({ visitorId: ready.visitorId, name: 'Vera' });

    const { client: later, ready: readyLater } = await connectVisitor(server, widget.id, ready.visitorToken);
    track(later);
    expect(readyLater).toMatchObject({ contactId: ready.contactId, visitorId: ready.visitorId });
    expect(await later.request({ type: 'subscribe', topic: 'conversation', conversationId })).toMatchObject({ type: 'ack', subscribed: true });
    const note = await fetch(`${server.base}/native/v1/public/conversations/${conversationId}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-visitor-token': ready.visitorToken },
      body: JSON.stringify({ text: 'from the page' }),
    });
    expect(note.status).toBe(201);
  });
});

describe('sockets per IP', () => {
  const SOCKET_LIMIT = 3;
  const { server, tenant, track } = useRealtimeServer({ env: { WS_VISITOR_SOCKETS_PER_IP: String(SOCKET_LIMIT) } });

  /** Opens a socket, polling while the server has not yet seen a closed one go (its count drops when the TCP socket closes). */
  async function connectWhenFree(target: Server): Promise<TestClient> {
    for (;;) {
      try {
        return await TestClient.connect(target.url);
      } catch (error) {
        if (!String(error).includes('429')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  it('refuses the socket past the limit with 429, while agents of the same address still connect and do not count', async () => {
    const { widget, cookie } = await agentWithWidget(server, tenant.organizationId);
    // An agent who signed in first takes no visitor's slot.
    const earlyAgent = track(await connectAgent(server, cookie));
    const held: TestClient[] = [];
    for (let i = 0; i < SOCKET_LIMIT; i++) held.push(track((await connectVisitor(server, widget.id)).client));
    await expect(TestClient.connect(server.url)).rejects.toThrow('upgrade refused: 429');
    // An agent's console (session cookie) is let in even now, and authenticates.
    track(await connectAgent(server, cookie));
    expect(earlyAgent.socket.readyState).toBe(WebSocket.OPEN);

    // A closed socket frees its slot.
    await held[0]!.close();
    const next = track(await connectWhenFree(server));
    next.send({ type: 'auth', role: 'visitor', widgetId: widget.id });
    await next.next((frame) => frame.type === 'ready');
    await expect(TestClient.connect(server.url)).rejects.toThrow('upgrade refused: 429');
  });
});
