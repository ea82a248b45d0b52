import { describe, expect, it } from 'vitest';
import { updateUser } from '../../core/commands/update-user.ts';
import type { StoredEvent } from '../../core/events.ts';
import { getUser } from '../../core/queries/users.ts';
import { connectAgent, connectOnlineAgent, createAgentWithPassword, logIn, nextBusEvent, TestClient, useRealtimeServer } from './realtime-test-kit.ts';

/** Heartbeats, the auth deadline, the offline grace period and ended sessions, with tiny timers. */

/** Short, but long enough that the answering socket's pong is never late on a busy two-core CI machine. */
const HEARTBEAT_MS = 500;
const AUTH_TIMEOUT_MS = 200;
const GRACE_MS = 300;

const { server, tenant, track } = useRealtimeServer({
  env: {
    WS_HEARTBEAT_MS: String(HEARTBEAT_MS),
    WS_AUTH_TIMEOUT_MS: String(AUTH_TIMEOUT_MS),
    AGENT_OFFLINE_GRACE_MS: String(GRACE_MS),
  },
});

const wentOffline = (userId: string) => (event: StoredEvent) =>
  event.type === 'agent.status_changed' && event.userId === userId && (event as StoredEvent<'agent.status_changed'>).payload.status === 'offline';

async function onlineAgent() {
  const user = await createAgentWithPassword(server.t.core, tenant.organizationId);
  const cookie = await logIn(server, user.email);
  const socket = track(await connectOnlineAgent(server, cookie));
  return { user, cookie, socket };
}

/**
 * Proving that something did *not* happen takes waiting; this is the one
 * place the tests sleep, and always for several grace periods.
 */
const outlast = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('heartbeat', () => {
  it('terminates a socket that stops answering pings and keeps the ones that answer', async () => {
    const answering = (await onlineAgent()).socket;
    const silent = await TestClient.connect(server.url, { autoPong: false, headers: { cookie: (await onlineAgent()).cookie } });
    silent.send({ type: 'auth', role: 'agent' });
    await silent.next((f) => f.type === 'ready');

    const closed = await silent.closed;
    // Terminated without a close frame: the client sees an abnormal closure.
    expect(closed.code).toBe(1006);
    answering.send({ type: 'ping', requestId: 'still here' });
    expect(await answering.find((f) => f.requestId === 'still here')).toEqual({ type: 'pong', requestId: 'still here' });
  });
});

describe('authentication deadline', () => {
  it('closes a socket that sends no auth frame in time with 4401', async () => {
    const client = await TestClient.connect(server.url);
    const started = Date.now();
    expect(await client.closed).toEqual({ code: 4401, reason: 'authentication timed out' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS - 20);
  });
});

describe('agent presence when sockets close', () => {
  it('sets the agent offline once their last socket has been gone for the grace period', async () => {
    const { user, socket } = await onlineAgent();
    const offline = nextBusEvent(server.t.core, wentOffline(user.id));
    const closedAt = Date.now();
    await socket.close();
    const event = await offline;
    expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(closedAt + GRACE_MS - 50);
    expect(event.payload).toMatchObject({ status: 'offline', previous: 'online' });
    expect((await getUser(server.t.core, tenant.organizationId, user.id))!.presence).toBe('offline');
  });

  it('keeps the agent online while another socket is open, or when one returns within the grace period', async () => {
    const { user, cookie, socket: first } = await onlineAgent();
    const second = track(await connectAgent(server, cookie));
    const offlineEvents: StoredEvent[] = [];
    const stop = server.t.core.bus.subscribe((event) => void (wentOffline(user.id)(event) && offlineEvents.push(event)));
    try {
      await first.close();
      await outlast(GRACE_MS * 2);
      expect(offlineEvents).toEqual([]);

      await second.close();
      const third = track(await connectAgent(server, cookie));
      await outlast(GRACE_MS * 2);
      expect(offlineEvents).toEqual([]);
      expect((await getUser(server.t.core, tenant.organizationId, user.id))!.presence).toBe('online');

      const offline = nextBusEvent(server.t.core, wentOffline(user.id));
      await third.close();
      await offline;
      expect(offlineEvents).toHaveLength(1);
    } finally {
      stop();
    }
  });
});

describe('ended sessions', () => {
  it('closes an agent’s sockets with 4401 when they are disabled or their password changes, and not for other edits', async () => {
    const kept = await onlineAgent();
    const disabled = await onlineAgent();
    const newPassword = await onlineAgent();

    await updateUser(server.t.core, tenant.organizationId, kept.user.id, { name: 'Renamed', disabled: false });
    await updateUser(server.t.core, tenant.organizationId, disabled.user.id, { disabled: true });
    await updateUser(server.t.core, tenant.organizationId, newPassword.user.id, { password: 'another long password' });
    expect(await disabled.socket.closed).toEqual({ code: 4401, reason: 'session ended' });
    expect(await newPassword.socket.closed).toEqual({ code: 4401, reason: 'session ended' });

    kept.socket.send({ type: 'ping', requestId: 'kept?' });
    expect(await kept.socket.find((f) => f.requestId === 'kept?')).toEqual({ type: 'pong', requestId: 'kept?' });
  });
});
