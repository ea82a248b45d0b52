import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/context.ts';
import type { StoredEvent } from '../../core/events.ts';
import { getUser } from '../../core/queries/users.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { freePort, runCli, type RunningCli } from '../../test/cli-process.ts';
import { createWidgetWith, storedEvents } from '../../test/factories.ts';
import { isolatedDatabaseEnv } from '../../test/isolated-database-env.ts';
import { createTenant, createTestApp, type TestApp, type TestTenant } from '../../test/test-app.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { connectAgent, connectOnlineAgent, connectVisitor, createAgentWithPassword, logIn, type Server, type TestClient } from './realtime-test-kit.ts';

/**
 * An agent is online while a console of theirs is open on some server, and goes offline once
 * none has been for the grace period, whichever server stopped, crashed or was started again:
 * a server's memory is not where that truth lives.
 */

/** Proving that something did *not* happen takes waiting; always several grace periods. */
const outlast = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an agent whose server stops, and who never reconnects', () => {
  const GRACE_MS = 500;
  const PASSWORD = 'presence-restart-password';
  const AGENT_EMAIL = 'ann@presence.test';
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let running: RunningCli | undefined;
  let apiKey: string;
  let widgetId: string;
  let agentId: string;
  const server: Server = {
    t: undefined as never,
    get url() {
      return `ws://127.0.0.1:${env.PORT}/realtime`;
    },
    get base() {
      return `http://127.0.0.1:${env.PORT}`;
    },
  };

  async function start(): Promise<string> {
    running = runCli(['start'], env);
    return running.waitFor('Widget snippet', 180_000);
  }

  async function native<T>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.base}/native/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.ok, await response.clone().text()).toBe(true);
    return (await response.json()) as T;
  }

  const presence = async () => (await native<{ users: Array<{ id: string; presence: string }> }>('GET', '/users')).users.find((u) => u.id === agentId)?.presence;

  beforeAll(async () => {
    const database = await isolatedDatabaseEnv('presence-restart');
    cleanup = database.cleanup;
    env = { PORT: String(await freePort()), HOST: '127.0.0.1', ADMIN_PASSWORD: PASSWORD, AGENT_OFFLINE_GRACE_MS: String(GRACE_MS), ...database.env };
    const banner = await start();
    apiKey = /API key:\s+(\S+)/.exec(banner)![1]!;
    widgetId = /\/js\/([0-9a-f-]{36})\.js/.exec(banner)![1]!;
    agentId = (await native<{ user: { id: string } }>('POST', '/users', { email: AGENT_EMAIL, name: 'Ann', role: 'agent', password: PASSWORD })).user.id;
    await native('PATCH', `/widgets/${widgetId}`, { members: [{ userId: agentId, alias: 'Ann' }] });
  }, 240_000);
  afterAll(async () => {
    running?.child.kill('SIGTERM');
    await running?.exited;
    await cleanup?.();
  });

  // A real process start in each (migrations, PGlite recovery after a kill), on a machine that may be busy: give them room.
  it.each(['SIGTERM', 'SIGKILL'] as const)('is set offline by the next server after %s, so the widget is offline and chats are not assigned to them', { timeout: 420_000 }, async (signal) => {
    const agent = await connectOnlineAgent(server, await logIn(server, AGENT_EMAIL, PASSWORD));
    expect(await presence()).toBe('online');

    running!.child.kill(signal);
    expect(await running!.exited).toBe(signal === 'SIGTERM' ? 0 : null);
    await agent.closed;
    await start();

    await expect.poll(presence, { timeout: 30_000, interval: 100 }).toBe('offline');
    const availability = await fetch(`${server.base}/public/api/v2/chat/${widgetId}`);
    expect(((await availability.json()) as { data: { online: string } }).data.online).toBe('false');
    const { client: visitor } = await connectVisitor(server, widgetId);
    expect(await visitor.ack({ type: 'start_chat', message: 'Anyone there?' })).toMatchObject({ offline: true, conversation: { assignee: null } });
    await visitor.close();
  });
});

describe('two nodes on one database', () => {
  /** Long enough for a reconnect on a loaded machine; a node beats every third of it. */
  const GRACE_MS = 3_000;
  let database: DatabaseHandle;
  let nodeA: Node;
  let nodeB: Node;
  let tenant: TestTenant;
  const opened: TestClient[] = [];

  interface Node extends TestApp {
    server: Server;
  }

  /** Another server process in all but the process: its own app, bus and node id, on the shared database. */
  async function startNode(): Promise<Node> {
    const t = await createTestApp({ AGENT_OFFLINE_GRACE_MS: String(GRACE_MS) }, database);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    return { ...t, server: { t, url: `ws://127.0.0.1:${port}/realtime`, base: `http://127.0.0.1:${port}` } };
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    nodeA = await startNode();
    nodeB = await startNode();
    tenant = await createTenant(nodeA.core);
  });
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((client) => client.close()));
    await nodeA?.close();
    await nodeB?.close();
    await database?.close();
  });

  async function agentOn(node: Node, online = true) {
    const user = await createAgentWithPassword(node.core, tenant.organizationId);
    const cookie = await logIn(node.server, user.email);
    const socket = await (online ? connectOnlineAgent : connectAgent)(node.server, cookie);
    opened.push(socket);
    return { user, cookie, socket };
  }

  const presenceOf = async (core: Core, userId: string) => (await getUser(core, tenant.organizationId, userId))!.presence;
  /** Read from the event table: a node publishes its events on its own bus only. */
  const offlineEventsOf = async (core: Core, userId: string) =>
    (await storedEvents(core, tenant.organizationId)).filter(
      (e) => e.type === 'agent.status_changed' && e.userId === userId && (e as StoredEvent<'agent.status_changed'>).payload.status === 'offline',
    );

  it('keeps an agent online who leaves node A and comes back on node B within the grace period', { timeout: 60_000 }, async () => {
    const { user, cookie, socket } = await agentOn(nodeA);
    await socket.close();
    opened.push(await connectAgent(nodeB.server, cookie));

    await outlast(GRACE_MS * 3);
    expect(await presenceOf(nodeA.core, user.id)).toBe('online');
    expect(await offlineEventsOf(nodeA.core, user.id)).toEqual([]);
  });

  it('sets offline the agent of a restarted node B who does not come back, and keeps the agent of node A online', { timeout: 60_000 }, async () => {
    const onA = await agentOn(nodeA);
    const onB = await agentOn(nodeB);
    const widget = await createWidgetWith(nodeA.core, tenant.organizationId, [{ userId: onB.user.id }, { userId: onA.user.id }]);

    await nodeB.close();
    await onB.socket.closed;
    nodeB = await startNode();

    await expect.poll(() => presenceOf(nodeA.core, onB.user.id), { timeout: 30_000, interval: 100 }).toBe('offline');
    const [offline] = await offlineEventsOf(nodeA.core, onB.user.id);
    expect(offline!.payload).toMatchObject({ status: 'offline', previous: 'online' });
    await outlast(GRACE_MS);
    expect(await presenceOf(nodeA.core, onA.user.id)).toBe('online');
    expect(await offlineEventsOf(nodeA.core, onA.user.id)).toEqual([]);

    // The agent of node B came first in the widget's order; the chat goes to the one still present.
    const { client: visitor } = await connectVisitor(nodeB.server, widget.id);
    opened.push(visitor);
    expect(await visitor.ack({ type: 'start_chat', message: 'Hello' })).toMatchObject({ offline: false, conversation: { assignee: { type: 'user', id: onA.user.id } } });
  });
});
