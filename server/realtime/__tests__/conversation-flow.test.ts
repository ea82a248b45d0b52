import { beforeAll, describe, expect, it } from 'vitest';
import { getConversation, getTranscript } from '../../core/queries/conversations.ts';
import type { User, Widget } from '../../core/types.ts';
import { createWidgetWith, storedEvents } from '../../test/factories.ts';
import {
  connectAgent,
  connectVisitor,
  createAgentWithPassword,
  type EventFrame,
  type Frame,
  isEvent,
  isSignal,
  logIn,
  type TestClient,
  useRealtimeServer,
} from './realtime-test-kit.ts';

/**
 * One chat from start to end over real sockets: routing to an online agent,
 * replies both ways, typing previews, a private note, a transfer, the close,
 * and afterwards the core's own queries prove every step was stored.
 */

const { server, tenant, track } = useRealtimeServer();
let first: User;
let second: User;
let widget: Widget;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

beforeAll(async () => {
  first = await createAgentWithPassword(server.t.core, tenant.organizationId);
  second = await createAgentWithPassword(server.t.core, tenant.organizationId);
  widget = await createWidgetWith(server.t.core, tenant.organizationId, [{ userId: first.id }, { userId: second.id }]);
});

describe('a chat over the realtime gateway', () => {
  let firstAgent: TestClient;
  let secondAgent: TestClient;
  let visitor: TestClient;
  let contactId: string;
  let conversationId: string;
  /** Index in the first agent's frames of the ack of its conversation subscription. */
  let conversationSubscribedAt: number;

  it('routes a new chat to the agent who went online, who sees it start, get assigned, and its first message', async () => {
    firstAgent = track(await connectAgent(server, await logIn(server, first.email)));
    const status = await firstAgent.ack({ type: 'set_status', status: 'online' });
    expect(status).toMatchObject({ action: 'set_status', status: 'online', previous: 'offline', changed: true });
    await firstAgent.ack({ type: 'subscribe', topic: 'queue' });
    await firstAgent.ack({ type: 'subscribe', topic: 'agent' });

    const session = await connectVisitor(server, widget.id, undefined, { headers: { 'user-agent': BROWSER } });
    visitor = track(session.client);
    contactId = session.ready.contactId;
    expect(session.ready).toMatchObject({ role: 'visitor', widgetId: widget.id, visitorToken: expect.any(String), visitorId: expect.any(String) });

    const started = await visitor.ack({ type: 'start_chat', widgetId: widget.id, message: 'Hello, is anyone there?', name: 'Vera', pageUrl: 'https://shop.example.com/cart' });
    expect(started).toMatchObject({ action: 'start_chat', offline: false, conversation: { status: 'open', assignee: { type: 'user', id: first.id } } });
    expect(started.conversation).not.toHaveProperty('visitorContext');
    conversationId = (started.conversation as { id: string }).id;

    // The visitor's socket follows its new chat at once: its first events arrive right after the ack.
    await visitor.next(isEvent('conversation.started', conversationId));
    const firstMessage = await visitor.next<EventFrame>(isEvent('message.created', conversationId));
    expect(firstMessage.data).toMatchObject({ message: { body: 'Hello, is anyone there?', senderType: 'visitor' } });
    await visitor.next(isEvent('conversation.assigned', conversationId));

    // The queue shows conversation.* events; the agent topic shows the assignment to this agent.
    const startedInQueue = await firstAgent.next<EventFrame>(isEvent('conversation.started', conversationId));
    expect(startedInQueue).toMatchObject({ eventId: expect.any(Number), widgetId: widget.id, data: { contactId, source: 'manual' } });
    const assigned = await firstAgent.next<EventFrame>(isEvent('conversation.assigned', conversationId));
    expect(assigned.data).toMatchObject({ assignee: { type: 'user', id: first.id }, by: 'routing' });
    expect(firstAgent.events(conversationId).filter((e) => e.name === 'message.created')).toEqual([]);

    // Subscribing to the conversation from the beginning brings its messages.
    const subscribed = await firstAgent.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });
    conversationSubscribedAt = firstAgent.frames.indexOf(subscribed);
    expect(subscribed).toMatchObject({ topic: 'conversation', conversationId, subscribed: true, replayed: 3, complete: true });
    const replayed = firstAgent.events(conversationId).slice(-3);
    expect(replayed.map((e) => e.name)).toEqual(['conversation.started', 'message.created', 'conversation.assigned']);
    expect(replayed[1]!.data).toMatchObject({ message: { body: 'Hello, is anyone there?' } });
  });

  it('delivers the agent reply to the visitor and the visitor typing preview to the agent', async () => {
    const reply = await firstAgent.ack({ type: 'send_message', conversationId, body: 'Hi Vera, how can I help?' });
    expect(reply).toMatchObject({ message: { body: 'Hi Vera, how can I help?', senderType: 'agent', senderId: first.id } });
    const delivered = await visitor.next<EventFrame>(isEvent('message.created', conversationId));
    expect(delivered.data).toMatchObject({ message: { body: 'Hi Vera, how can I help?', senderName: first.name } });

    await visitor.ack({ type: 'typing', conversationId, isTyping: true, preview: 'My order never arr' });
    const preview = await firstAgent.next(isSignal('visitor.typing'));
    expect(preview).toEqual({ type: 'signal', name: 'visitor.typing', conversationId, data: { conversationId, isTyping: true, preview: 'My order never arr' } });
    expect(preview).not.toHaveProperty('eventId');

    await firstAgent.ack({ type: 'typing', conversationId, isTyping: true });
    const agentTyping = await visitor.next(isSignal('agent.typing'));
    expect(agentTyping).toEqual({ type: 'signal', name: 'agent.typing', conversationId, data: { conversationId, isTyping: true } });
    // Nobody hears their own typing.
    expect(firstAgent.frames.some(isSignal('agent.typing'))).toBe(false);
    expect(visitor.frames.some(isSignal('visitor.typing'))).toBe(false);
  });

  it('never sends a private note, a label or a page view to the visitor', async () => {
    await firstAgent.ack({ type: 'send_message', conversationId, body: 'internal: VIP customer', private: true });
    await firstAgent.next(isEvent('message.created', conversationId));
    await firstAgent.ack({ type: 'label', conversationId, name: 'Topic', value: 'shipping' });
    await visitor.ack({ type: 'page_view', conversationId, url: 'https://shop.example.com/orders', title: 'Orders' });
    const pageView = await firstAgent.next<EventFrame>(isEvent('visitor.page_viewed', conversationId));
    expect(pageView.data).toMatchObject({ url: 'https://shop.example.com/orders', title: 'Orders' });
    // A public message after them: once it arrives, everything before it has been delivered (one ordered stream).
    await firstAgent.ack({ type: 'send_message', conversationId, body: 'Let me check that for you.' });
    await visitor.next(isEvent('message.created', conversationId));

    const seenByVisitor = visitor.events(conversationId);
    expect(seenByVisitor.map((e) => (e.data as { message?: { body: string } }).message?.body).filter(Boolean)).toEqual([
      'Hello, is anyone there?',
      'Hi Vera, how can I help?',
      'Let me check that for you.',
    ]);
    expect(seenByVisitor.map((e) => e.name)).not.toContain('conversation.labeled');
    expect(seenByVisitor.map((e) => e.name)).not.toContain('visitor.page_viewed');
    expect(JSON.stringify(visitor.frames)).not.toContain('VIP');
  });

  it('transfers to a second agent, who is told on their agent topic; the visitor sees the new assignee but not the transfer', async () => {
    secondAgent = track(await connectAgent(server, await logIn(server, second.email)));
    await secondAgent.ack({ type: 'subscribe', topic: 'agent' });

    const transferred = await firstAgent.ack({ type: 'transfer', conversationId, target: { kind: 'agent', userId: second.id } });
    expect(transferred).toMatchObject({ conversation: { assignee: { type: 'user', id: second.id }, status: 'open' } });

    const transferEvent = await secondAgent.next<EventFrame>(isEvent('conversation.transferred', conversationId));
    expect(transferEvent.data).toMatchObject({ from: { type: 'user', id: first.id }, target: { kind: 'agent', userId: second.id } });
    const assignment = await secondAgent.next<EventFrame>(isEvent('conversation.assigned', conversationId));
    expect(assignment.data).toMatchObject({ assignee: { type: 'user', id: second.id }, by: 'transfer' });
    // The agent the chat was taken from hears of it on their own topic too.
    await firstAgent.next(isEvent('conversation.transferred', conversationId));

    const visitorAssignment = await visitor.next<EventFrame>(isEvent('conversation.assigned', conversationId));
    expect(visitorAssignment.data).toEqual({ conversationId, assignee: { type: 'user', id: second.id } });
    expect(visitor.events(conversationId).map((e) => e.name)).not.toContain('conversation.transferred');

    // The first agent may no longer reply; the second may.
    const refused = await firstAgent.request({ type: 'send_message', conversationId, body: 'still me?' });
    expect(refused).toMatchObject({ type: 'error', code: 'conflict', message: 'accept the conversation before replying' });
    await secondAgent.ack({ type: 'subscribe', topic: 'conversation', conversationId });
    await secondAgent.ack({ type: 'send_message', conversationId, body: 'Hi, I take over from here.' });
    await visitor.next<EventFrame>((f) => isEvent('message.created', conversationId)(f) && JSON.stringify(f).includes('I take over'));
  });

  it('reads and closes; every side sees conversation.closed, and the visitor can rate afterwards', async () => {
    const lastSeq = ((await secondAgent.next<EventFrame>(isEvent('message.created', conversationId))).data as { message: { seq: number } }).message.seq;
    await visitor.ack({ type: 'read', conversationId, upToSeq: lastSeq });
    const read = await secondAgent.next<EventFrame>(isEvent('messages.read', conversationId));
    expect(read.data).toEqual({ conversationId, reader: 'visitor', upToSeq: lastSeq });

    const closed = await secondAgent.ack({ type: 'close', conversationId });
    expect(closed).toMatchObject({ conversation: { status: 'closed', closedBy: 'agent' } });
    for (const client of [visitor, firstAgent, secondAgent]) {
      const event = await client.next<EventFrame>(isEvent('conversation.closed', conversationId));
      expect(event.data).toMatchObject({ conversationId, closedBy: 'agent' });
    }

    await visitor.ack({ type: 'rate', conversationId, rating: 9, comment: 'Quick and friendly' });
    const rated = await secondAgent.next<EventFrame>(isEvent('conversation.rated', conversationId));
    expect(rated.data).toEqual({ conversationId, rating: 9, comment: 'Quick and friendly' });
    const replyAfterClose = await visitor.request({ type: 'send_message', conversationId, body: 'one more thing' });
    expect(replyAfterClose).toMatchObject({ type: 'error', code: 'conflict', message: 'conversation is closed' });
  });

  it('stored every step: the core queries return the closed conversation, its context and the full transcript', async () => {
    const conversation = await getConversation(server.t.core, tenant.organizationId, conversationId);
    expect(conversation).toMatchObject({
      status: 'closed',
      closedBy: 'agent',
      contactId,
      assignee: { type: 'user', id: second.id },
      rating: 9,
      ratingComment: 'Quick and friendly',
      labels: [{ name: 'Topic', value: 'shipping' }],
      // IP and user agent come from the upgrade request; the page from start_chat, then the page view.
      visitorContext: { ip: '127.0.0.1', userAgent: BROWSER, browser: expect.stringMatching(/^Chrome/), pageUrl: 'https://shop.example.com/orders' },
    });
    expect(conversation!.firstResponseAt).toBeInstanceOf(Date);

    const everything = await getTranscript(server.t.core, tenant.organizationId, conversationId, { includePrivate: true });
    expect(everything!.map((m) => [m.senderType, m.body, m.private])).toEqual([
      ['visitor', 'Hello, is anyone there?', false],
      ['agent', 'Hi Vera, how can I help?', false],
      ['agent', 'internal: VIP customer', true],
      ['agent', 'Let me check that for you.', false],
      ['agent', 'Hi, I take over from here.', false],
    ]);
    const forVisitor = await getTranscript(server.t.core, tenant.organizationId, conversationId, { includePrivate: false });
    expect(forVisitor!.map((m) => m.body)).not.toContain('internal: VIP customer');

    // Every stored event of the chat that an agent subscribed from the start would see, the first agent saw, in order, once.
    const stored = (await storedEvents(server.t.core, tenant.organizationId)).filter((e) => e.conversationId === conversationId);
    expect(stored.map((e) => e.type)).toEqual([
      'conversation.started',
      'message.created',
      'conversation.assigned',
      'message.created',
      'message.created',
      'conversation.labeled',
      'visitor.page_viewed',
      'message.created',
      'conversation.transferred',
      'conversation.assigned',
      'message.created',
      'messages.read',
      'conversation.closed',
      'conversation.rated',
    ]);
    // The first agent's conversation subscription (3 replayed events, its ack, then live) saw every one, in order, once,
    // although its queue and agent topics matched some of them too.
    await firstAgent.next(isEvent('conversation.rated', conversationId));
    const fromReplay = firstAgent.frames.slice(conversationSubscribedAt - 3).filter(isEvent(undefined, conversationId));
    expect(fromReplay.map((e: Frame) => e.eventId)).toEqual(stored.map((e) => e.id));
  });
});
