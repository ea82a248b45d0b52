import { beforeAll, describe, expect, it } from 'vitest';
import { logIn as logInCommand } from '../../core/commands/log-in.ts';
import { startConversation } from '../../core/commands/start-conversation.ts';
import { postAgentMessage } from '../../core/commands/post-message.ts';
import { setAgentPresence } from '../../core/commands/set-agent-presence.ts';
import type { User, Widget } from '../../core/types.ts';
import { createWidgetWith, storedEvents } from '../../test/factories.ts';
import {
  agentWithWidget,
  connectAgent,
  connectVisitor,
  createAgentWithPassword,
  type EventFrame,
  isEvent,
  logIn,
  PASSWORD,
  TestClient,
  useRealtimeServer,
} from './realtime-test-kit.ts';

/** Who may listen to and act on what: visitors only on their own chats, agents only in their organization. */

const { server, tenant, other: otherTenant, track } = useRealtimeServer({ tenants: 2 });
let agent: User;
let widget: Widget;
let otherWidget: Widget;
/** A chat of another visitor of the same organization, and one of another organization. */
let neighbourConversationId: string;
let foreignConversationId: string;

beforeAll(async () => {
  const { core } = server.t;
  ({ agent, widget } = await agentWithWidget(server, tenant.organizationId));
  otherWidget = await createWidgetWith(core, otherTenant.organizationId, []);
  neighbourConversationId = (await startConversation(core, tenant.organizationId, { widgetId: widget.id, message: 'my own chat' })).conversation.id;
  foreignConversationId = (await startConversation(core, otherTenant.organizationId, { widgetId: otherWidget.id, message: 'elsewhere' })).conversation.id;
});

const NOT_FOUND = { type: 'error', code: 'not_found', message: 'conversation not found' };

describe('visitors', () => {
  it('cannot subscribe to, write to, type into, read, rate or close another visitor’s conversation, of this organization or another', async () => {
    const { client: visitor } = await connectVisitor(server, widget.id);
    track(visitor);
    for (const conversationId of [neighbourConversationId, foreignConversationId, 'not-a-uuid']) {
      expect(await visitor.request({ type: 'subscribe', topic: 'conversation', conversationId })).toMatchObject(NOT_FOUND);
      expect(await visitor.request({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 })).toMatchObject(NOT_FOUND);
      expect(await visitor.request({ type: 'send_message', conversationId, body: 'hi' })).toMatchObject(NOT_FOUND);
      expect(await visitor.request({ type: 'typing', conversationId, isTyping: true, preview: 'x' })).toMatchObject(NOT_FOUND);
      expect(await visitor.request({ type: 'read', conversationId, upToSeq: 1 })).toMatchObject(NOT_FOUND);
      expect(await visitor.request({ type: 'rate', conversationId, rating: 1 })).toMatchObject(NOT_FOUND);
      expect(await visitor.request({ type: 'close', conversationId })).toMatchObject(NOT_FOUND);
      expect(await visitor.request({ type: 'page_view', conversationId, url: 'https://a.example/' })).toMatchObject(NOT_FOUND);
    }
    // Nothing of those chats leaked onto the socket, and the neighbour's chat is still open.
    expect(visitor.frames.filter((f) => f.type === 'event' || f.type === 'signal')).toEqual([]);
    expect(visitor.frames.filter((f) => f.type === 'ack')).toEqual([]);
  });

  it('may not use the queue or agent topics, nor agent actions', async () => {
    const { client: visitor } = await connectVisitor(server, widget.id);
    track(visitor);
    expect(await visitor.request({ type: 'subscribe', topic: 'queue' })).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await visitor.request({ type: 'subscribe', topic: 'agent' })).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await visitor.request({ type: 'accept', conversationId: neighbourConversationId })).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'visitors cannot send "accept"',
    });
    expect(await visitor.request({ type: 'set_status', status: 'online' })).toMatchObject({ type: 'error', code: 'forbidden' });
  });

  it('stays the same visitor with its token, and a token of another organization’s widget makes a new visitor', async () => {
    const { client: first, ready } = await connectVisitor(server, widget.id);
    track(first);
    const { client: again, ready: readyAgain } = await connectVisitor(server, widget.id, ready.visitorToken);
    track(again);
    expect(readyAgain).toMatchObject({ contactId: ready.contactId, visitorId: ready.visitorId });
    const { client: elsewhere, ready: readyElsewhere } = await connectVisitor(server, otherWidget.id, ready.visitorToken);
    track(elsewhere);
    expect(readyElsewhere.contactId).not.toBe(ready.contactId);
    expect(readyElsewhere.visitorToken).not.toBe(ready.visitorToken);
  });

  it('is refused with 4401 for an unknown widget', async () => {
    const client = await TestClient.connect(server.url);
    client.send({ type: 'auth', role: 'visitor', widgetId: '00000000-0000-4000-8000-000000000000' });
    expect(await client.closed).toEqual({ code: 4401, reason: 'widget not found' });
    expect(client.frames).toEqual([{ type: 'error', code: 'unauthorized', message: 'widget not found' }]);
  });
});

describe('agents', () => {
  it('cannot subscribe to or act on another organization’s conversation', async () => {
    const socket = track(await connectAgent(server, await logIn(server, agent.email)));
    expect(await socket.request({ type: 'subscribe', topic: 'conversation', conversationId: foreignConversationId })).toMatchObject(NOT_FOUND);
    expect(await socket.request({ type: 'typing', conversationId: foreignConversationId, isTyping: true })).toMatchObject(NOT_FOUND);
    for (const frame of [
      { type: 'accept', conversationId: foreignConversationId },
      { type: 'send_message', conversationId: foreignConversationId, body: 'x', private: true },
      { type: 'label', conversationId: foreignConversationId, name: 'a', value: 'b' },
      { type: 'close', conversationId: foreignConversationId },
      { type: 'ban', conversationId: foreignConversationId, kind: 'visitor' },
    ]) {
      expect(await socket.request(frame)).toMatchObject({ type: 'error', code: 'not_found' });
    }
    expect(await socket.request({ type: 'subscribe', topic: 'queue', widgetId: otherWidget.id })).toMatchObject({ type: 'error', code: 'not_found', message: 'widget not found' });
  });

  it('hear only their organization on the queue topic, optionally narrowed to one widget, and never messages there', async () => {
    const { core } = server.t;
    const secondWidget = await createWidgetWith(core, tenant.organizationId, []);
    const all = track(await connectAgent(server, await logIn(server, agent.email)));
    await all.ack({ type: 'subscribe', topic: 'queue' });
    const narrowed = track(await connectAgent(server, await logIn(server, agent.email)));
    expect(await narrowed.ack({ type: 'subscribe', topic: 'queue', widgetId: secondWidget.id })).toMatchObject({ topic: 'queue', widgetId: secondWidget.id });

    await startConversation(core, otherTenant.organizationId, { widgetId: otherWidget.id, message: 'foreign' });
    const onFirst = await startConversation(core, tenant.organizationId, { widgetId: widget.id, message: 'to the first widget' });
    const onSecond = await startConversation(core, tenant.organizationId, { widgetId: secondWidget.id, message: 'to the second widget' });
    await all.next(isEvent('conversation.closed', onSecond.conversation.id));
    await narrowed.next(isEvent('conversation.closed', onSecond.conversation.id));

    const conversationsOf = (client: TestClient) => new Set(client.events().map((e) => e.conversationId));
    expect(conversationsOf(all)).toEqual(new Set([onFirst.conversation.id, onSecond.conversation.id]));
    expect(conversationsOf(narrowed)).toEqual(new Set([onSecond.conversation.id]));
    expect(all.events().every((e) => e.name.startsWith('conversation.'))).toBe(true);

    await narrowed.ack({ type: 'unsubscribe', topic: 'queue', widgetId: secondWidget.id });
    const later = await startConversation(core, tenant.organizationId, { widgetId: secondWidget.id, message: 'after unsubscribing' });
    await all.next(isEvent('conversation.closed', later.conversation.id));
    expect(narrowed.events(later.conversation.id)).toEqual([]);
  });

  it('authenticate with a session token instead of the cookie', async () => {
    const { token } = await logInCommand(server.t.core, agent.email, PASSWORD);
    const client = track(await TestClient.connect(server.url));
    client.send({ type: 'auth', role: 'agent', token, requestId: 'hello' });
    expect(await client.next((f) => f.type === 'ready')).toMatchObject({
      type: 'ready',
      role: 'agent',
      requestId: 'hello',
      user: { id: agent.id, email: agent.email, organizationId: tenant.organizationId },
    });
    expect(JSON.stringify(client.frames)).not.toContain(token);
  });

  it('are refused with 4401 without a session, with an ended one, or with a cookie sent from a foreign page', async () => {
    const cookie = await logIn(server, agent.email);
    const attempts: Array<[TestClient, string]> = [
      [await TestClient.connect(server.url), 'no credentials: log in first, or send a session token'],
      [await TestClient.connect(server.url, { headers: { cookie: 'sb_session=forged' } }), 'session has expired or ended; log in again'],
      [await TestClient.connect(server.url, { headers: { cookie }, origin: 'https://evil.example' }), 'cookie sign-in is not accepted from this origin'],
    ];
    for (const [client, reason] of attempts) {
      client.send({ type: 'auth', role: 'agent' });
      expect(await client.closed).toEqual({ code: 4401, reason });
    }
    // The same cookie from our own origin is fine.
    const ours = track(await TestClient.connect(server.url, { headers: { cookie }, origin: server.base }));
    ours.send({ type: 'auth', role: 'agent' });
    await ours.next((f) => f.type === 'ready');
  });

  it('see private notes that visitors never get', async () => {
    const { core } = server.t;
    const noteTaker = await createAgentWithPassword(core, tenant.organizationId);
    await setAgentPresence(core, tenant.organizationId, noteTaker.id, 'online');
    const noteWidget = await createWidgetWith(core, tenant.organizationId, [{ userId: noteTaker.id }]);
    const socket = track(await connectAgent(server, await logIn(server, noteTaker.email)));
    const { conversation } = await startConversation(core, tenant.organizationId, { widgetId: noteWidget.id, message: 'x' });
    await socket.ack({ type: 'subscribe', topic: 'conversation', conversationId: conversation.id });
    await postAgentMessage(core, tenant.organizationId, conversation.id, noteTaker.id, 'a note', { private: true });
    const note = await socket.next<EventFrame>(isEvent('message.created', conversation.id));
    expect(note.data).toMatchObject({ message: { body: 'a note', private: true, kind: 'note' } });
  });
});

describe('widgets limited to some domains (allowedDomains)', () => {
  it('accepts visitors from those sites, apps without an Origin and this server itself; refuses other sites with 4401', async () => {
    const agent = await createAgentWithPassword(server.t.core, tenant.organizationId);
    const limited = await createWidgetWith(server.t.core, tenant.organizationId, [{ userId: agent.id }], { allowedDomains: ['shop.example.com'] });
    const auth = { type: 'auth', role: 'visitor', widgetId: limited.id, requestId: 'a' };

    for (const origin of ['https://shop.example.com', 'https://www.shop.example.com', server.base, undefined]) {
      const client = await TestClient.connect(server.url, { headers: origin ? { origin } : {} });
      client.send(auth);
      expect(await client.find((f) => f.requestId === 'a')).toMatchObject({ type: 'ready', role: 'visitor', widgetId: limited.id });
      await client.close();
    }

    const before = await storedEvents(server.t.core, tenant.organizationId);
    for (const origin of ['https://evil.example', 'https://shop.example.com.evil.example', 'null']) {
      const client = await TestClient.connect(server.url, { headers: { origin } });
      client.send(auth);
      expect(await client.closed).toEqual({ code: 4401, reason: 'this widget may not be used on this site' });
    }
    // Refused before a visitor was made: nothing was stored.
    expect(await storedEvents(server.t.core, tenant.organizationId)).toEqual(before);
  });
});
