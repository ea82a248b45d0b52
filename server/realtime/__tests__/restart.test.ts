import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, runCli, type RunningCli } from '../../test/cli-process.ts';
import { isolatedDatabaseEnv } from '../../test/isolated-database-env.ts';
import { connectAgent, connectOnlineAgent, connectVisitor, isEvent, isSignal, logIn, startChat, type EventFrame, type Server } from './realtime-test-kit.ts';

/**
 * The whole path as users run it: `switchboard start` as its own process, an agent and a visitor on
 * real WebSockets, then a restart of the process, after which every step is still there.
 */
const PASSWORD = 'restart-test-password';
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const port = await freePort();
  const database = await isolatedDatabaseEnv('restart');
  env = { PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', ...database.env };
  cleanup = database.cleanup;
});
afterAll(async () => cleanup?.());

async function start(): Promise<{ process: RunningCli; banner: string; server: Server }> {
  const process = runCli(['start'], env);
  const banner = await process.waitFor('Widget snippet', 120_000);
  return { process, banner, server: { t: undefined as never, url: `ws://127.0.0.1:${env.PORT}/realtime`, base: `http://127.0.0.1:${env.PORT}` } };
}

async function stop(running: RunningCli) {
  running.child.kill('SIGTERM');
  expect(await running.exited).toBe(0);
}

// Two real process starts (migrations, PGlite initdb) on a busy CI machine: give it room.
it('runs start → assign → messages both ways → typing → transfer → close, and all of it survives a restart', { timeout: 300_000 }, async () => {
  const first = await start();
  const apiKey = /API key:\s+(\S+)/.exec(first.banner)![1]!;
  const widgetId = /\/js\/([0-9a-f-]{36})\.js/.exec(first.banner)![1]!;
  const native = async (method: string, url: string, body: unknown) => {
    const response = await fetch(`${first.server.base}/native/v1${url}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
    return (await response.json()) as { user: { id: string } };
  };
  const ann = (await native('POST', '/users', { email: 'ann@restart.test', name: 'Ann', role: 'agent', password: PASSWORD })).user;
  const bob = (await native('POST', '/users', { email: 'bob@restart.test', name: 'Bob', role: 'agent', password: PASSWORD })).user;
  await native('PATCH', `/widgets/${widgetId}`, { members: [{ userId: ann.id, alias: 'Ann' }, { userId: bob.id, alias: 'Bob' }] });

  const annSocket = await connectOnlineAgent(first.server, await logIn(first.server, 'ann@restart.test', PASSWORD));
  const bobSocket = await connectOnlineAgent(first.server, await logIn(first.server, 'bob@restart.test', PASSWORD));
  for (const agent of [annSocket, bobSocket]) await agent.ack({ type: 'subscribe', topic: 'agent' });

  const { visitor, ready, conversationId } = await startChat(first.server, widgetId, { message: 'Hello, my parcel is late', name: 'Vera' });
  await annSocket.next(isEvent('conversation.assigned', conversationId));
  await annSocket.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });

  await annSocket.ack({ type: 'send_message', conversationId, body: 'Hi Vera, let me check' });
  await visitor.next((f) => isEvent('message.created', conversationId)(f) && (f.data as { message: { body: string } }).message.body === 'Hi Vera, let me check');
  visitor.send({ type: 'typing', conversationId, isTyping: true, preview: 'Order 42' });
  const typing = await annSocket.next(isSignal('visitor.typing'));
  expect(typing.data).toMatchObject({ isTyping: true, preview: 'Order 42' });
  await visitor.ack({ type: 'send_message', conversationId, body: 'Order 42' });
  await annSocket.next((f) => isEvent('message.created', conversationId)(f) && (f.data as { message: { body: string } }).message.body === 'Order 42');

  await annSocket.ack({ type: 'transfer', conversationId, target: { kind: 'agent', userId: bob.id } });
  await bobSocket.next(isEvent('conversation.assigned', conversationId));
  await bobSocket.ack({ type: 'subscribe', topic: 'conversation', conversationId });
  await bobSocket.ack({ type: 'send_message', conversationId, body: 'Bob here, it ships today' });
  await bobSocket.ack({ type: 'close', conversationId });
  await visitor.next(isEvent('conversation.closed', conversationId));
  // A socket may see an event twice (live on one topic, replayed on another); clients dedupe by eventId.
  const before = [...new Set(annSocket.events(conversationId).map((e) => e.eventId))].sort((a, b) => a - b);
  await stop(first.process);

  const second = await start();
  expect(second.banner).not.toContain('First start');
  const bobAgain = await connectAgent(second.server, await logIn(second.server, 'bob@restart.test', PASSWORD));
  const replay = await bobAgain.ack({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 0 });
  expect(replay).toMatchObject({ complete: true });
  const events = bobAgain.events(conversationId);
  expect(events.map((e) => e.name)).toEqual([
    'conversation.started',
    'message.created',
    'conversation.assigned',
    'message.created',
    'message.created',
    'conversation.transferred',
    'conversation.assigned',
    'message.created',
    'conversation.closed',
  ]);
  expect(events.map((e) => e.eventId)).toEqual(before);
  const bodies = events.filter((e) => e.name === 'message.created').map((e) => (e.data as { message: { senderType: string; body: string } }).message);
  expect(bodies.map((m) => [m.senderType, m.body])).toEqual([
    ['visitor', 'Hello, my parcel is late'],
    ['agent', 'Hi Vera, let me check'],
    ['visitor', 'Order 42'],
    ['agent', 'Bob here, it ships today'],
  ]);
  const closed = events.at(-1) as EventFrame;
  expect(closed.data).toMatchObject({ closedBy: 'agent' });

  // The visitor comes back with the token the widget kept and is still the same visitor.
  const { ready: readyAgain } = await connectVisitor(second.server, widgetId, ready.visitorToken);
  expect(readyAgain.contactId).toBe(ready.contactId);
  await stop(second.process);
});
