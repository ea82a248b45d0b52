import { beforeAll, describe, expect, it } from 'vitest';
import { postAgentMessage, postVisitorMessage } from '../../core/commands/post-message.ts';
import { labelConversation } from '../../core/commands/label-conversation.ts';
import type { StoredEvent } from '../../core/events.ts';
import type { User, Widget } from '../../core/types.ts';
import { storedEvents } from '../../test/factories.ts';
import { VISITOR_EVENT_TYPES } from '../visibility.ts';
import { agentWithWidget, connectAgent, connectOnlineAgent, connectVisitor, type EventFrame, isEvent, startChat, useRealtimeServer } from './realtime-test-kit.ts';

/**
 * Reconnecting with `afterEventId`: exactly the missed events, in order, once,
 * then live events, with nothing lost or doubled when events keep arriving
 * while the replay is read.
 */

const { server, tenant, track } = useRealtimeServer();
let agent: User;
let cookie: string;
let widget: Widget;

beforeAll(async () => {
  ({ agent, widget, cookie } = await agentWithWidget(server, tenant.organizationId));
});

async function conversationEvents(conversationId: string): Promise<StoredEvent[]> {
  return (await storedEvents(server.t.core, tenant.organizationId)).filter((e) => e.conversationId === conversationId);
}

const visibleToVisitor = (event: StoredEvent) =>
  VISITOR_EVENT_TYPES.includes(event.type) && !(event.type === 'message.created' && (event as StoredEvent<'message.created'>).payload.message.private);

/** A visitor with an open chat assigned to `agent`, followed by one agent socket. */
async function openChat() {
  const agentSocket = track(await connectOnlineAgent(server, cookie));
  const { visitor, ready, conversationId } = await startChat(server, widget.id, { message: 'first question' });
  track(visitor);
  await visitor.next(isEvent('conversation.assigned', conversationId));
  return { agentSocket, visitor, visitorToken: ready.visitorToken, contactId: ready.contactId, conversationId };
}

describe('resuming after a disconnect', () => {
  it('gives a returning visitor exactly the visible events it missed, in order, once, then live events', async () => {
    const { visitor, visitorToken, conversationId } = await openChat();
    const lastSeen = visitor.events(conversationId).at(-1)!.eventId;
    await visitor.close();

    // While the visitor is away: a reply, an internal note, a label, another reply.
    await postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, 'reply one');
    await postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, 'secret note', { private: true });
    await labelConversation(server.t.core, tenant.organizationId, conversationId, 'Tier', 'gold');
    await postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, 'reply two');
    const missed = (await conversationEvents(conversationId)).filter((e) => e.id > lastSeen);
    expect(missed).toHaveLength(4);

    // Same visitor (token), new socket.
    const { client: back, ready } = await connectVisitor(server, widget.id, visitorToken);
    track(back);
    expect(ready.visitorToken).toBe(visitorToken);
    const ack = await back.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: lastSeen });
    expect(ack).toMatchObject({ replayed: 2, complete: true });
    expect(back.events(conversationId).map((e) => e.eventId)).toEqual(missed.filter(visibleToVisitor).map((e) => e.id));
    expect(back.events(conversationId).map((e) => (e.data as { message: { body: string } }).message.body)).toEqual(['reply one', 'reply two']);

    // Live events continue after the replay, without repeating it.
    await postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, 'reply three');
    await back.next((f) => isEvent('message.created', conversationId)(f) && JSON.stringify(f).includes('reply three'));
    const ids = back.events(conversationId).map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('gives a returning agent every missed event of the conversation, internal ones included', async () => {
    const { agentSocket, contactId, conversationId } = await openChat();
    await agentSocket.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });
    const lastSeen = agentSocket.events(conversationId).at(-1)!.eventId;
    await agentSocket.close();

    await postVisitorMessage(server.t.core, tenant.organizationId, conversationId, contactId, 'are you there?');
    await postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, 'note to self', { private: true });
    await labelConversation(server.t.core, tenant.organizationId, conversationId, 'Topic', 'billing');

    const back = track(await connectAgent(server, cookie));
    const ack = await back.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: lastSeen });
    expect(ack).toMatchObject({ replayed: 3, complete: true });
    const missed = (await conversationEvents(conversationId)).filter((e) => e.id > lastSeen);
    expect(back.events(conversationId).map((e) => [e.eventId, e.name])).toEqual(missed.map((e) => [e.id, e.type]));
  });

  it('loses and doubles nothing when messages keep arriving while the replay is read', async () => {
    const { visitor, visitorToken, conversationId } = await openChat();
    const lastSeen = visitor.events(conversationId).at(-1)!.eventId;
    await visitor.close();
    for (let i = 1; i <= 5; i++) await postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, `missed ${i}`);

    const { client: back } = await connectVisitor(server, widget.id, visitorToken);
    track(back);
    // Subscribe and keep writing until the ack arrives, then a few more: some of these commit before the
    // replay query, some while it runs and some after; each must reach the client exactly once, in order.
    back.send({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: lastSeen, requestId: 'resume' });
    let acked = false;
    void back.find((f) => f.requestId === 'resume').then(() => (acked = true));
    let written = 0;
    const write = () => postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, `during ${++written}`);
    // PGlite answers within microtasks, so yield to the event loop between writes or the socket is never read.
    // Bounded, so a gateway that never answers fails the test instead of hanging it.
    while (!acked && written < 200) {
      await Promise.all([write(), write()]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(acked).toBe(true);
    for (let i = 0; i < 3; i++) await write();
    await back.next((f) => isEvent('message.created', conversationId)(f) && JSON.stringify(f).includes(`during ${written}"`));

    const expected = (await conversationEvents(conversationId)).filter((e) => e.id > lastSeen && visibleToVisitor(e)).map((e) => e.id);
    expect(expected).toHaveLength(5 + written);
    expect(back.events(conversationId).map((e) => e.eventId)).toEqual(expected);
    const ackIndex = back.frames.findIndex((f) => f.requestId === 'resume');
    expect(back.frames[ackIndex]).toMatchObject({ type: 'ack', action: 'subscribe' });
    // Everything before the ack is replayed history, in order; live events follow the ack.
    const beforeAck = back.frames.slice(0, ackIndex).filter(isEvent()) as EventFrame[];
    expect(beforeAck.map((e) => e.eventId)).toEqual(expected.slice(0, beforeAck.length));
  });

  it('replays nothing and stays live when afterEventId is already the newest event', async () => {
    const { visitor, visitorToken, conversationId } = await openChat();
    const lastSeen = visitor.events(conversationId).at(-1)!.eventId;
    const { client: second } = await connectVisitor(server, widget.id, visitorToken);
    track(second);
    expect(await second.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: lastSeen })).toMatchObject({ replayed: 0 });
    await postAgentMessage(server.t.core, tenant.organizationId, conversationId, agent.id, 'to both tabs');
    for (const tab of [visitor, second]) await tab.next((f) => isEvent('message.created', conversationId)(f) && JSON.stringify(f).includes('to both tabs'));
    expect(second.events(conversationId)).toHaveLength(1);
  });
});
