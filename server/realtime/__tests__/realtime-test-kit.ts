import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { createUser } from '../../core/commands/create-user.ts';
import type { Core } from '../../core/context.ts';
import type { StoredEvent } from '../../core/events.ts';
import type { User, Widget } from '../../core/types.ts';
import { createWidgetWith } from '../../test/factories.ts';
import { useTestApp, type TestTenant, type UsedTestApp } from '../../test/test-app.ts';

/**
 * Real sockets against the real app listening on a free port: no mocks
 * between the `ws` client and the core commands.
 */

export interface Frame {
  type: string;
  requestId?: string;
  [field: string]: unknown;
}

export interface EventFrame extends Frame {
  type: 'event';
  eventId: number;
  name: string;
  conversationId?: string;
  data: Record<string, unknown>;
}

export const isEvent =
  (name?: string, conversationId?: string) =>
  (frame: Frame): frame is EventFrame =>
    frame.type === 'event' && (name === undefined || frame.name === name) && (conversationId === undefined || frame.conversationId === conversationId);

export const isSignal = (name: string) => (frame: Frame) => frame.type === 'signal' && frame.name === name;

export interface Server {
  /** The app, core and database (closing them is useRealtimeServer's job). */
  t: UsedTestApp['t'];
  /** ws://127.0.0.1:<port>/realtime */
  url: string;
  /** http://127.0.0.1:<port> */
  base: string;
}

export interface UseRealtimeServerOptions {
  /** Config overrides, as for createTestApp. */
  env?: Record<string, string>;
  /** How many organizations to create; one unless a file needs a second for isolation tests. */
  tenants?: number;
}

/** What useRealtimeServer returns: handles whose fields are only readable once its beforeAll has run, as with useTestApp. */
export interface UsedRealtimeServer {
  server: Server;
  /** The first organization: the one the tests act as. */
  tenant: TestTenant;
  /** The second organization, when `tenants: 2` was asked for. */
  other: TestTenant;
  /** Remembers a socket for the afterAll to close, and returns it: `const agent = track(await connectAgent(…))`. */
  track<T extends TestClient>(client: T): T;
}

/**
 * The setup every gateway test file shares: useTestApp's app and organizations, listening on a
 * free port, and an afterAll that closes the sockets handed to `track` before the app closes.
 */
export function useRealtimeServer(options: UseRealtimeServerOptions = {}): UsedRealtimeServer {
  const { t, tenant, other } = useTestApp({ env: options.env, tenants: options.tenants ?? 1 });
  const opened: TestClient[] = [];
  let port: number | undefined;

  // Registered after useTestApp's hooks: runs once the app exists, and (hooks stack) closes the sockets before the app.
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((client) => client.close()));
    port = undefined;
  });

  const listening = () => {
    if (port === undefined) throw new Error('useRealtimeServer: the server listens only between its beforeAll and afterAll');
    return port;
  };
  const server: Server = {
    t,
    get url() {
      return `ws://127.0.0.1:${listening()}/realtime`;
    },
    get base() {
      return `http://127.0.0.1:${listening()}`;
    },
  };
  const track = <T extends TestClient>(client: T): T => {
    opened.push(client);
    return client;
  };
  return { server, tenant, other, track };
}

let emailCounter = 0;
export const PASSWORD = 'a long enough password';

/** A console user with a password, made through the core (the gateway is what is under test). */
export async function createAgentWithPassword(core: Core, organizationId: string, role: 'agent' | 'admin' = 'agent'): Promise<User> {
  const email = `rt-agent${++emailCounter}-${process.pid}-${Date.now()}@example.com`;
  return createUser(core, organizationId, { email, name: `Agent ${emailCounter}`, role, password: PASSWORD });
}

/** Logs in over HTTP like the console does and returns the sb_session cookie header. */
export async function logIn(server: Server, email: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${server.base}/native/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sb_session='));
  if (!cookie) throw new Error('login set no sb_session cookie');
  return cookie.split(';')[0]!;
}

/** An agent of the organization, a widget that agent alone answers, and the agent's session cookie. */
export async function agentWithWidget(server: Server, organizationId: string): Promise<{ agent: User; widget: Widget; cookie: string }> {
  const agent = await createAgentWithPassword(server.t.core, organizationId);
  const widget = await createWidgetWith(server.t.core, organizationId, [{ userId: agent.id }]);
  return { agent, widget, cookie: await logIn(server, agent.email) };
}

const DEFAULT_WAIT_MS = 5_000;

/** A ws client that records every frame, so tests wait for frames instead of sleeping. */
export class TestClient {
  readonly frames: Frame[] = [];
  /** Resolves when the socket closes, with the code and reason the client saw. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private position = 0;
  private readonly listeners = new Set<() => void>();
  private requestCounter = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      this.frames.push(isBinary ? { type: '<binary>' } : (JSON.parse(data.toString()) as Frame));
      for (const listener of [...this.listeners]) listener();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(url, { perMessageDeflate: false, ...options });
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (request, response) => {
        // With this listener ws leaves the refused connection open; left open, it would hold up the server's close.
        request.destroy();
        reject(new Error(`upgrade refused: ${response.statusCode}`));
      });
    });
    return client;
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a frame with a fresh requestId and waits for its ack or error. */
  async request(frame: Record<string, unknown>): Promise<Frame> {
    const requestId = `r${++this.requestCounter}`;
    this.send({ ...frame, requestId });
    return this.find((f) => f.requestId === requestId && (f.type === 'ack' || f.type === 'error'));
  }

  /** Like request, but fails the test unless the answer is an ack. */
  async ack(frame: Record<string, unknown>): Promise<Frame> {
    const answer = await this.request(frame);
    if (answer.type !== 'ack') throw new Error(`expected an ack for ${JSON.stringify(frame)}, got ${JSON.stringify(answer)}`);
    return answer;
  }

  /**
   * The next frame, after the last one `next` returned, that matches. Frames
   * skipped on the way stay in `frames` for assertions that something did *not* arrive.
   */
  next<F extends Frame = Frame>(predicate: (frame: Frame) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<F> {
    return this.waitUntil(() => {
      const index = this.frames.findIndex((frame, i) => i >= this.position && predicate(frame));
      if (index === -1) return undefined;
      this.position = index + 1;
      return this.frames[index] as F;
    }, timeoutMs);
  }

  /** Any frame, received before or after this call, that matches; does not move the `next` cursor. */
  find<F extends Frame = Frame>(predicate: (frame: Frame) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<F> {
    return this.waitUntil(() => this.frames.find(predicate) as F | undefined, timeoutMs);
  }

  events(conversationId?: string): EventFrame[] {
    return this.frames.filter(isEvent(undefined, conversationId));
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }

  private waitUntil<T>(check: () => T | undefined, timeoutMs: number): Promise<T> {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching frame within ${timeoutMs} ms; received: ${JSON.stringify(this.frames.slice(-10))}`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }
}

/** An authenticated console socket. */
export async function connectAgent(server: Server, cookie: string): Promise<TestClient> {
  const client = await TestClient.connect(server.url, { headers: { cookie } });
  client.send({ type: 'auth', role: 'agent' });
  await client.next((f) => f.type === 'ready');
  return client;
}

/** An authenticated widget socket, with the ready frame's visitor details. */
export async function connectVisitor(server: Server, widgetId: string, visitorToken?: string, options: WebSocket.ClientOptions = {}) {
  const client = await TestClient.connect(server.url, options);
  client.send({ type: 'auth', role: 'visitor', widgetId, ...(visitorToken && { visitorToken }) });
  const ready = await client.next((f) => f.type === 'ready');
  return { client, ready: ready as Frame & { visitorToken: string; visitorId: string; contactId: string } };
}

/** A console socket of the session `cookie`, set online so routing gives it chats. */
export async function connectOnlineAgent(server: Server, cookie: string): Promise<TestClient> {
  const client = await connectAgent(server, cookie);
  await client.ack({ type: 'set_status', status: 'online' });
  return client;
}

export type StartChatFields = { message: string } & Record<string, unknown>;

/** A new visitor of the widget who starts a chat: its socket, its ready frame and the new conversation's id. */
export async function startChat(server: Server, widgetId: string, fields: StartChatFields) {
  const { client: visitor, ready } = await connectVisitor(server, widgetId);
  const started = await visitor.ack({ type: 'start_chat', ...fields });
  return { visitor, ready, conversationId: (started.conversation as { id: string }).id };
}

/** Resolves with the first bus event that matches, published after this call. */
export function nextBusEvent(core: Core, predicate: (event: StoredEvent) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<StoredEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = core.bus.subscribe((event) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}
