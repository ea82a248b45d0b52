import type WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../core/events.ts';
import type { User } from '../../core/types.ts';
import { Connection } from '../connection.ts';
import { Hub } from '../hub.ts';
import type { Identity } from '../identity.ts';

/**
 * The ordering rules of one socket, made deterministic: the end-to-end resume
 * tests cannot choose the instant an event commits relative to the replay
 * query, so here the test plays the bus and the replay itself. The socket is a
 * stand-in that records what would go on the wire.
 */

const ORG = '11111111-1111-4111-8111-111111111111';
const CONVERSATION = '22222222-2222-4222-8222-222222222222';
const OTHER_CONVERSATION = '33333333-3333-4333-8333-333333333333';

function recordingSocket() {
  const sent: Array<{ type: string; eventId?: number }> = [];
  const socket = { readyState: 1, bufferedAmount: 0, send: (text: string) => void sent.push(JSON.parse(text)) };
  return { socket: socket as unknown as WebSocket, sent };
}

const agent: Identity = { role: 'agent', organizationId: ORG, user: { id: 'u1' } as User, sessionToken: 't' };

function message(id: number, conversationId = CONVERSATION): StoredEvent {
  const view = { id: `m${id}`, seq: id, conversationId, senderType: 'agent', private: false };
  return { id, type: 'message.created', organizationId: ORG, conversationId, payload: { message: view } as never, occurredAt: new Date(0) };
}

function connected() {
  const { socket, sent } = recordingSocket();
  const connection = new Connection(socket, { ip: '127.0.0.1', userAgent: undefined, sessionCookie: undefined, origin: undefined, host: undefined });
  connection.identity = agent;
  const hub = new Hub();
  return { connection, hub, sent, eventIds: () => sent.filter((f) => f.type === 'event').map((f) => f.eventId) };
}

describe('delivery during a replay', () => {
  it('sends replayed events first, then live ones that arrived meanwhile, each once', () => {
    const { connection, hub, eventIds } = connected();
    connection.holdLiveEvents();
    hub.subscribe(connection, { topic: 'conversation', conversationId: CONVERSATION });
    // 12 and 13 commit while the replay query runs; the query saw 12 but not 13.
    hub.routeEvent(message(12));
    hub.routeEvent(message(13));
    expect(eventIds()).toEqual([]);
    for (const id of [10, 11, 12]) connection.sendReplayed(message(id));
    connection.releaseLiveEvents();
    expect(eventIds()).toEqual([10, 11, 12, 13]);
  });

  it('drops a live copy of a replayed event that is published late, after the replay ended', () => {
    const { connection, hub, eventIds } = connected();
    connection.holdLiveEvents();
    hub.subscribe(connection, { topic: 'conversation', conversationId: CONVERSATION });
    connection.sendReplayed(message(20));
    connection.releaseLiveEvents();
    hub.routeEvent(message(20));
    hub.routeEvent(message(21));
    expect(eventIds()).toEqual([20, 21]);
  });

  it('keeps a held live event whose id is lower than the replayed ones (another conversation committed out of id order)', () => {
    const { connection, hub, eventIds } = connected();
    hub.subscribe(connection, { topic: 'queue', widgetId: null });
    connection.holdLiveEvents();
    hub.subscribe(connection, { topic: 'conversation', conversationId: CONVERSATION });
    connection.sendReplayed(message(31));
    // A rule like "drop ids <= the last replayed" would lose this one: it was never replayed.
    hub.routeEvent({ ...message(30, OTHER_CONVERSATION), type: 'conversation.queued', payload: { conversationId: OTHER_CONVERSATION } as never });
    connection.releaseLiveEvents();
    expect(eventIds()).toEqual([31, 30]);
  });

  it('delivers an event reached through several subscriptions once, and nothing after unsubscribing', () => {
    const { connection, hub, eventIds } = connected();
    hub.subscribe(connection, { topic: 'queue', widgetId: null });
    hub.subscribe(connection, { topic: 'conversation', conversationId: CONVERSATION });
    const closed = { ...message(40), type: 'conversation.closed', payload: { conversationId: CONVERSATION } } as StoredEvent;
    hub.routeEvent(closed);
    expect(eventIds()).toEqual([40]);
    hub.unsubscribe(connection, { topic: 'conversation', conversationId: CONVERSATION });
    hub.routeEvent(message(41));
    expect(eventIds()).toEqual([40]);
  });

  it('leaves nothing in the index once the socket is removed', () => {
    const { connection, hub } = connected();
    hub.subscribe(connection, { topic: 'queue', widgetId: 'w1' });
    hub.subscribe(connection, { topic: 'queue', widgetId: 'w2' });
    hub.subscribe(connection, { topic: 'agent' });
    hub.subscribe(connection, { topic: 'conversation', conversationId: CONVERSATION });
    expect(hub.size).toBe(3);
    hub.unsubscribe(connection, { topic: 'queue', widgetId: 'w1' });
    expect(hub.size).toBe(3);
    hub.remove(connection);
    expect(hub.size).toBe(0);
  });
});
