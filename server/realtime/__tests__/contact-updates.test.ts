import { beforeAll, describe, expect, it } from 'vitest';
import {
  agentWithWidget,
  connectOnlineAgent,
  type EventFrame,
  isEvent,
  startChat,
  type TestClient,
  useRealtimeServer,
} from './realtime-test-kit.ts';

/** A slash command's contact change reaches every agent watching the chat, live, and never the visitor. */

const { server, tenant, track } = useRealtimeServer();
let cookie: string;
let watcher: TestClient;
let visitor: TestClient;
let conversationId: string;

beforeAll(async () => {
  const staffed = await agentWithWidget(server, tenant.organizationId);
  cookie = staffed.cookie;
  watcher = track(await connectOnlineAgent(server, staffed.cookie));
  const chat = await startChat(server, staffed.widget.id, { message: 'hello' });
  visitor = track(chat.visitor);
  conversationId = chat.conversationId;
  await watcher.ack({ type: 'subscribe', topic: 'conversation', conversationId });
});

describe('contact changes', () => {
  it('pushes contact.updated to the agents subscribed to the chat, not to the visitor', async () => {
    const accepted = await watcher.ack({ type: 'accept', conversationId });
    const { contactId } = accepted.conversation as { contactId: string };
    const response = await server.t.app.inject({ method: 'PATCH', url: `/native/v1/contacts/${contactId}`, headers: { cookie, 'x-requested-with': 'XMLHttpRequest' }, payload: { name: 'Noor' } });
    expect(response.statusCode, response.body).toBe(200);

    const event = await watcher.next<EventFrame>(isEvent('contact.updated', conversationId));
    expect(event.data).toEqual({ contactId, changes: ['name'] });

    // Something the visitor does see, sent after the change: by the time it arrives, the change would have too.
    await watcher.ack({ type: 'send_message', conversationId, body: 'Thanks, Noor' });
    await visitor.next(isEvent('message.created', conversationId));
    expect(visitor.frames.filter((frame) => frame.name === 'contact.updated')).toEqual([]);
  });
});
