import { beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '../../db/repositories/messages.ts';
import type { Widget } from '../../core/types.ts';
import { createTenant } from '../../test/test-app.ts';
import {
  agentWithWidget,
  connectAgent,
  connectOnlineAgent,
  connectVisitor,
  createAgentWithPassword,
  type EventFrame,
  isEvent,
  logIn,
  startChat,
  type TestClient,
  useRealtimeServer,
} from './realtime-test-kit.ts';

/** Delivered and read receipts: stamped once on the other side's messages, announced once. */

const { server, tenant, track } = useRealtimeServer();
let widget: Widget;
let agent: TestClient;
let visitor: TestClient;
let conversationId: string;

const seqOf = (frame: EventFrame) => (frame.data as { message: { seq: number } }).message.seq;

beforeAll(async () => {
  const staffed = await agentWithWidget(server, tenant.organizationId);
  widget = staffed.widget;
  agent = track(await connectOnlineAgent(server, staffed.cookie));
  await agent.ack({ type: 'subscribe', topic: 'agent' });
  const chat = await startChat(server, widget.id, { message: 'first' });
  visitor = track(chat.visitor);
  conversationId = chat.conversationId;
  await agent.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });
});

describe('message receipts', () => {
  it('stamps the visitor messages the agent received, tells the visitor, and says nothing for a repeat', async () => {
    await visitor.ack({ type: 'send_message', conversationId, body: 'second' });
    const second = await agent.next<EventFrame>((f) => isEvent('message.created', conversationId)(f) && JSON.stringify(f).includes('second'));

    await agent.ack({ type: 'delivered', conversationId, upToSeq: seqOf(second) });
    const delivered = await visitor.next<EventFrame>(isEvent('messages.delivered', conversationId));
    expect(delivered.data).toEqual({ conversationId, recipient: 'agent', upToSeq: seqOf(second) });

    const stored = await listMessages(server.t.core.db, conversationId, { includePrivate: true });
    expect(stored.map((m) => [m.body, m.deliveredAt !== null, m.readAt])).toEqual([
      ['first', true, null],
      ['second', true, null],
    ]);

    // Nothing new to stamp: no second event (the read below is the next thing the visitor hears).
    await agent.ack({ type: 'delivered', conversationId, upToSeq: seqOf(second) });
    await agent.ack({ type: 'read', conversationId, upToSeq: seqOf(second) });
    const next = await visitor.next<EventFrame>((f) => f.type === 'event' && String(f.name).startsWith('messages.'));
    expect(next).toMatchObject({ name: 'messages.read', data: { conversationId, reader: 'agent', upToSeq: seqOf(second) } });
  });

  it('stamps only the other side: the visitor reading marks the agent reply, not its own messages', async () => {
    await agent.ack({ type: 'send_message', conversationId, body: 'reply' });
    const reply = await visitor.next<EventFrame>((f) => isEvent('message.created', conversationId)(f) && JSON.stringify(f).includes('reply'));
    await visitor.ack({ type: 'read', conversationId, upToSeq: seqOf(reply) });
    const read = await agent.next<EventFrame>((f) => isEvent('messages.read', conversationId)(f) && JSON.stringify(f).includes('"reader":"visitor"'));
    expect(read.data).toEqual({ conversationId, reader: 'visitor', upToSeq: seqOf(reply) });

    const stored = await listMessages(server.t.core.db, conversationId, { includePrivate: true });
    const byBody = Object.fromEntries(stored.map((m) => [m.body, m]));
    // Read implies delivered; the visitor's own messages keep the agent's stamps only.
    expect(byBody.reply).toMatchObject({ deliveredAt: expect.any(Date), readAt: expect.any(Date) });
    expect(byBody.second!.readAt).toEqual(expect.any(Date));
    expect(byBody.first!.readAt).toEqual(expect.any(Date));
  });

  it('refuses bad receipts: a zero or missing upToSeq, a foreign or malformed conversation', async () => {
    expect(await agent.request({ type: 'delivered', conversationId, upToSeq: 0 })).toMatchObject({ type: 'error', code: 'invalid', field: 'upToSeq' });
    expect(await agent.request({ type: 'delivered', conversationId })).toMatchObject({ type: 'error', code: 'invalid', field: 'upToSeq' });
    expect(await agent.request({ type: 'read', conversationId: 'nope', upToSeq: 1 })).toMatchObject({ type: 'error', code: 'not_found' });
    const other = await createTenant(server.t.core);
    const otherUser = await createAgentWithPassword(server.t.core, other.organizationId);
    const stranger = await connectAgent(server, await logIn(server, otherUser.email));
    expect(await stranger.request({ type: 'delivered', conversationId, upToSeq: 1 })).toMatchObject({ type: 'error', code: 'not_found' });
    await stranger.close();
    const otherVisitor = (await connectVisitor(server, widget.id)).client;
    expect(await otherVisitor.request({ type: 'delivered', conversationId, upToSeq: 1 })).toMatchObject({ type: 'error', code: 'not_found' });
    await otherVisitor.close();
  });
});
