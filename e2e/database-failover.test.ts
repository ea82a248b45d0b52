import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSessionTerminator, type SessionTerminator } from '../server/db/postgres-sessions.ts';
import { connectOnlineAgent, connectVisitor, logIn, type Frame, type Server, type TestClient } from '../server/realtime/__tests__/realtime-test-kit.ts';
import { freePort, runCli, type RunningCli } from '../server/test/cli-process.ts';
import { isolatedDatabaseEnv } from '../server/test/isolated-database-env.ts';
import { hostAndPort, startTcpProxy, throughProxy, type TcpProxy } from '../server/test/tcp-proxy.ts';

/**
 * `switchboard start` as its own process on PostgreSQL, with visitors chatting over the SnapEngage
 * Visitor Chat API and the realtime gateway and an integration reading the native API, while the
 * database ends every session again and again (pg_terminate_backend, as an administrator, a
 * restart or a failover does) and, once, becomes unreachable altogether. The process must live
 * through it: requests that meet the outage fail with a 503 in their API's shape (never a 500,
 * never a dropped connection), /readyz says so, and afterwards everything works again and every
 * message that was acknowledged is stored.
 */

const PASSWORD = 'failover-test-password';
const UNAVAILABLE = 'the database is unavailable; retry shortly';
const TERMINATION_ROUNDS = 5;
const SNAPENGAGE_VISITORS = 4;
/** Messages per Visitor Chat case before its visitor starts the next one: starting runs a transaction, the kind a lost connection crashed. */
const MESSAGES_PER_CASE = 3;

describe.skipIf(!process.env.DATABASE_URL)('a PostgreSQL outage under load', () => {
  let cleanup: (() => Promise<void>) | undefined;
  let proxy: TcpProxy;
  let sessions: SessionTerminator;
  let switchboard: RunningCli;
  let server: Server;
  let apiKey: string;
  let widgetId: string;

  beforeAll(async () => {
    const database = await isolatedDatabaseEnv('failover');
    cleanup = database.cleanup;
    const databaseUrl = database.env.DATABASE_URL!;
    proxy = await startTcpProxy(hostAndPort(databaseUrl));
    sessions = await openSessionTerminator(databaseUrl);
    const port = await freePort();
    switchboard = runCli(['start'], {
      PORT: String(port),
      HOST: '127.0.0.1',
      // Through the proxy, so the test can also make the database unreachable.
      DATABASE_URL: throughProxy(databaseUrl, proxy),
      ADMIN_PASSWORD: PASSWORD,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      VISITOR_MESSAGES_PER_MINUTE: '1000000',
      CONVERSATION_MESSAGES_PER_MINUTE: '1000000',
    });
    const banner = await switchboard.waitFor('Widget snippet');
    apiKey = /API key:\s+(\S+)/.exec(banner)![1]!;
    widgetId = /\/js\/([0-9a-f-]{36})\.js/.exec(banner)![1]!;
    server = { t: undefined as never, url: `ws://127.0.0.1:${port}/realtime`, base: `http://127.0.0.1:${port}` };
  });

  afterAll(async () => {
    if (switchboard?.child.exitCode === null) {
      switchboard.child.kill('SIGTERM');
      await switchboard.exited;
    }
    await sessions?.close();
    await proxy?.close();
    await cleanup?.();
  });

  /** What the clients saw: acknowledged messages by conversation, 503s by API, and anything that should not happen. */
  const seen = {
    acknowledged: new Map<string, string[]>(),
    successes: { snapengage: 0, native: 0, realtime: 0 },
    unavailable: { snapengage: 0, native: 0, realtime: 0 },
    faults: [] as string[],
  };
  let stopped = false;
  const acknowledge = (conversationId: string, body: string) => {
    const bodies = seen.acknowledged.get(conversationId) ?? [];
    seen.acknowledged.set(conversationId, [...bodies, body]);
  };
  /** Clients back off a little after a failure instead of spinning while the database is away. */
  const backOff = () => new Promise((resolve) => setTimeout(resolve, 20));

  /** One request; the answer's body when it succeeded, undefined after a 503 in the API's shape (or a fault, recorded). */
  async function request<T>(api: 'snapengage' | 'native', method: string, path: string, headers: Record<string, string>): Promise<T | undefined> {
    let response: Response;
    try {
      response = await fetch(`${server.base}${path}`, { method, headers });
    } catch (error) {
      seen.faults.push(`${method} ${path}: connection failed: ${String((error as Error).cause ?? error)}`);
      return undefined;
    }
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (response.status === 200) {
      seen.successes[api] += 1;
      return body as T;
    }
    const expected = api === 'snapengage' ? { code: 503, message: UNAVAILABLE } : { error: { code: 'unavailable', message: UNAVAILABLE, requestId: response.headers.get('x-request-id') } };
    if (response.status === 503 && JSON.stringify(body) === JSON.stringify(expected)) seen.unavailable[api] += 1;
    else seen.faults.push(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
    await backOff();
    return undefined;
  }

  /** A visitor of the Visitor Chat API: starts a case, sends a few messages, starts the next. */
  async function snapEngageVisitor(visitor: number) {
    const headers = { 'x-api-key': apiKey };
    for (let round = 0; !stopped; round++) {
      const first = `visitor ${visitor} case ${round}`;
      const started = await request<{ caseId: string }>('snapengage', 'POST', `/api/v1/chat?widgetId=${widgetId}&visitorMessage=${encodeURIComponent(first)}`, headers);
      if (!started) continue;
      acknowledge(started.caseId, first);
      for (let i = 0; i < MESSAGES_PER_CASE && !stopped; i++) {
        const body = `${first} message ${i}`;
        const query = `caseId=${started.caseId}&messageType=1&messageBody=${encodeURIComponent(body)}`;
        if (await request('snapengage', 'PUT', `/api/v1/chat?${query}`, headers)) acknowledge(started.caseId, body);
      }
    }
  }

  /** An integration reading conversations over the native API. */
  async function nativeReader() {
    while (!stopped) await request('native', 'GET', '/native/v1/conversations?limit=5', { authorization: `Bearer ${apiKey}` });
  }

  /** A widget visitor sending messages over the realtime gateway; its socket must stay open throughout. */
  async function realtimeVisitor(visitor: TestClient, conversationId: string) {
    for (let i = 0; !stopped; i++) {
      const body = `realtime message ${i}`;
      const answer: Frame = await visitor.request({ type: 'send_message', conversationId, body }).catch((error: Error) => ({ type: 'no answer', message: error.message }));
      if (answer.type === 'ack') {
        seen.successes.realtime += 1;
        acknowledge(conversationId, body);
        continue;
      }
      if (answer.type === 'error' && answer.code === 'unavailable' && answer.message === UNAVAILABLE) seen.unavailable.realtime += 1;
      else seen.faults.push(`realtime send_message: ${JSON.stringify(answer)}`);
      await backOff();
    }
  }

  /** Waits for a condition, failing at once (with the server's output) if the server process has ended. */
  function until(condition: () => boolean | Promise<boolean>, timeout = 20_000) {
    return vi.waitUntil(
      async () => {
        if (switchboard.child.exitCode !== null) throw new Error(`the server exited (${switchboard.child.exitCode}):\n${switchboard.output().slice(-3_000)}`);
        return condition();
      },
      { timeout, interval: 10 },
    );
  }
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  /** Every client got through again since `before`. */
  const everyClientSucceededSince = (before: typeof seen.successes) => () =>
    seen.successes.snapengage > before.snapengage && seen.successes.native > before.native && seen.successes.realtime > before.realtime;
  const readiness = async () => {
    const response = await fetch(`${server.base}/readyz`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('keeps serving through repeated session terminations and an unreachable database, storing every acknowledged message', { timeout: 240_000 }, async () => {
    const native = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.base}/native/v1/users`, {
      method: 'POST',
      headers: native,
      body: JSON.stringify({ email: 'ann@failover.test', name: 'Ann', role: 'agent', password: PASSWORD }),
    });
    const ann = ((await created.json()) as { user: { id: string } }).user;
    await fetch(`${server.base}/native/v1/widgets/${widgetId}`, { method: 'PATCH', headers: native, body: JSON.stringify({ members: [{ userId: ann.id, alias: 'Ann' }] }) });
    const agent = await connectOnlineAgent(server, await logIn(server, 'ann@failover.test', PASSWORD));
    const { client: visitor } = await connectVisitor(server, widgetId);
    const chat = await visitor.ack({ type: 'start_chat', message: 'realtime visitor here' });
    const realtimeConversation = (chat.conversation as { id: string }).id;
    acknowledge(realtimeConversation, 'realtime visitor here');

    const clients = [
      ...Array.from({ length: SNAPENGAGE_VISITORS }, (_, n) => snapEngageVisitor(n)),
      nativeReader(),
      realtimeVisitor(visitor, realtimeConversation),
    ];
    await until(everyClientSucceededSince({ snapengage: 0, native: 0, realtime: 0 }));

    for (let round = 0; round < TERMINATION_ROUNDS; round++) {
      // Strike while some request is inside a transaction: a checked-out connection dying is what crashed the process.
      await until(async () => (await sessions.terminate({ whileInTransaction: true })) > 0);
      await until(everyClientSucceededSince({ ...seen.successes }));
    }

    proxy.setDown(true);
    const beforeOutage = { ...seen.unavailable };
    await until(async () => {
      const ready = await readiness();
      return ready.status === 503 && JSON.stringify(ready.body) === JSON.stringify({ status: 'database_unavailable' });
    });
    await until(() => Object.entries(seen.unavailable).every(([api, count]) => count > beforeOutage[api as keyof typeof beforeOutage]));
    proxy.setDown(false);
    await until(async () => (await readiness()).status === 200);
    await until(everyClientSucceededSince({ ...seen.successes }));

    stopped = true;
    await Promise.all(clients);
    expect(switchboard.child.exitCode).toBeNull();
    expect(seen.faults).toEqual([]);
    expect(total(seen.unavailable)).toBeGreaterThan(0);
    expect(visitor.socket.readyState).toBe(visitor.socket.OPEN);
    expect(agent.socket.readyState).toBe(agent.socket.OPEN);

    for (const [conversationId, bodies] of seen.acknowledged) {
      const response = await fetch(`${server.base}/native/v1/conversations/${conversationId}/messages?limit=500`, { headers: native });
      expect(response.status).toBe(200);
      const stored = ((await response.json()) as { messages: Array<{ body: string }> }).messages.map((message) => message.body);
      expect(stored).toEqual(expect.arrayContaining(bodies));
    }
    await Promise.all([visitor.close(), agent.close()]);
    switchboard.child.kill('SIGTERM');
    expect(await switchboard.exited).toBe(0);
  });
});
