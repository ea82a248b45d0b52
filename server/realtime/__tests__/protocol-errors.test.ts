import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Widget } from '../../core/types.ts';
import { storedEvents } from '../../test/factories.ts';
import { MAX_PAYLOAD_BYTES } from '../protocol.ts';
import { agentWithWidget, connectAgent, connectVisitor, startChat, TestClient, useRealtimeServer } from './realtime-test-kit.ts';

/** Frames the server cannot use get an error frame naming the problem (or, before auth, a close code); the server stays up. */

const { server, tenant, track } = useRealtimeServer();
let widget: Widget;
let cookie: string;

beforeAll(async () => {
  ({ widget, cookie } = await agentWithWidget(server, tenant.organizationId));
});

/** The socket still answers: bad frames did not break it. */
async function expectStillServing(client: TestClient) {
  client.send({ type: 'ping', requestId: 'alive?' });
  expect(await client.find((f) => f.requestId === 'alive?')).toEqual({ type: 'pong', requestId: 'alive?' });
}

describe('before authentication', () => {
  it('closes with 4401 when the first frame is an action, and nothing is done', async () => {
    const before = await storedEvents(server.t.core, tenant.organizationId);
    const client = await TestClient.connect(server.url, { headers: { cookie } });
    client.send({ type: 'start_chat', widgetId: widget.id, message: 'sneaky', requestId: 'r1' });
    expect(await client.closed).toEqual({ code: 4401, reason: 'authenticate first' });
    expect(client.frames).toEqual([
      { type: 'error', requestId: 'r1', code: 'unauthenticated', message: 'authenticate first: the first frame must be {"type":"auth"}' },
    ]);
    expect(await storedEvents(server.t.core, tenant.organizationId)).toEqual(before);
  });

  it('closes with 4400 for a first frame that is not JSON, or an auth frame with wrong fields', async () => {
    const cases: Array<[unknown, { code: string; message: string; field?: string }]> = [
      ['{not json', { code: 'invalid_json', message: 'frame is not valid JSON' }],
      [{ type: 'auth' }, { code: 'invalid', message: 'role is required', field: 'role' }],
      [{ type: 'auth', role: 'robot' }, { code: 'invalid', message: 'role must be one of: agent, visitor', field: 'role' }],
      [{ type: 'auth', role: 'visitor' }, { code: 'invalid', message: 'widgetId is required for visitors', field: 'widgetId' }],
      [{ type: 'auth', role: 'agent', password: 'x' }, { code: 'invalid', message: 'frame has an unknown property "password"' }],
    ];
    for (const [frame, error] of cases) {
      const client = await TestClient.connect(server.url);
      client.send(frame);
      expect(await client.closed).toEqual({ code: 4400, reason: error.message });
      expect(client.frames).toEqual([{ type: 'error', ...error }]);
    }
  });

  it('answers ping, then still expects auth', async () => {
    const client = track(await TestClient.connect(server.url));
    await expectStillServing(client);
    client.send({ type: 'auth', role: 'visitor', widgetId: widget.id });
    await client.next((f) => f.type === 'ready');
  });
});

describe('after authentication', () => {
  it('answers bad frames with error frames naming the problem and keeps the socket', async () => {
    const { client } = await connectVisitor(server, widget.id);
    track(client);
    const cases: Array<[unknown, Record<string, unknown>]> = [
      ['not json at all', { code: 'invalid_json', message: 'frame is not valid JSON' }],
      ['[1,2]', { code: 'invalid_frame', message: 'a frame must be a JSON object' }],
      [{ requestId: 'a' }, { requestId: 'a', code: 'invalid', field: 'type', message: 'type is required and must be a string' }],
      [{ type: 'dance', requestId: 'b' }, { requestId: 'b', code: 'unknown_type', field: 'type', message: 'unknown frame type "dance"' }],
      [{ type: 'send_message', requestId: 'c', body: 'hi' }, { requestId: 'c', code: 'invalid', field: 'conversationId', message: 'conversationId is required' }],
      [
        { type: 'send_message', requestId: 'd', conversationId: 'x', body: 42 },
        { requestId: 'd', code: 'invalid', field: 'body', message: 'body must be of type string' },
      ],
      [
        { type: 'rate', requestId: 'e', conversationId: 'x', rating: 11 },
        { requestId: 'e', code: 'invalid', field: 'rating', message: 'rating must be at most 10' },
      ],
      [
        { type: 'subscribe', requestId: 'f', topic: 'gossip' },
        { requestId: 'f', code: 'invalid', field: 'topic', message: 'topic must be one of: conversation, queue, agent' },
      ],
      [
        { type: 'subscribe', requestId: 'g', topic: 'conversation' },
        { requestId: 'g', code: 'invalid', field: 'conversationId', message: 'conversationId is required for topic conversation' },
      ],
      [
        { type: 'subscribe', requestId: 'h', topic: 'conversation', conversationId: 'x', afterEventId: -1 },
        { requestId: 'h', code: 'invalid', field: 'afterEventId', message: 'afterEventId must be at least 0' },
      ],
      // These reached SQL (a bigint overflow, text PostgreSQL cannot store) and were logged as errors.
      [
        { type: 'subscribe', requestId: 'h2', topic: 'conversation', conversationId: 'x', afterEventId: 1e30 },
        { requestId: 'h2', code: 'invalid', field: 'afterEventId', message: `afterEventId must be at most ${Number.MAX_SAFE_INTEGER}` },
      ],
      [
        { type: 'send_message', requestId: 'h3', conversationId: 'x', body: 'a\u0000b' },
        { requestId: 'h3', code: 'invalid', field: 'body', message: 'body must not contain NUL characters' },
      ],
      [
        { type: 'send_message', requestId: 'h5', conversationId: 'x', body: 'a\ud800b' },
        { requestId: 'h5', code: 'invalid', field: 'body', message: 'body must not contain unpaired UTF-16 surrogates' },
      ],
      [
        { type: 'rate', requestId: 'h4', conversationId: 'x', rating: 5, comment: 'a\u0000b' },
        { requestId: 'h4', code: 'invalid', field: 'comment', message: 'comment must not contain NUL characters' },
      ],
      [{ type: 'auth', role: 'visitor', widgetId: widget.id, requestId: 'i' }, { requestId: 'i', code: 'conflict', message: 'already authenticated' }],
    ];
    for (const [frame, error] of cases) {
      const before = client.frames.length;
      client.send(frame);
      const answer = await client.find((f) => client.frames.indexOf(f) >= before && f.type === 'error');
      expect(answer).toEqual({ type: 'error', ...error });
    }
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await client.find((f) => f.code === 'invalid_frame' && String(f.message).includes('binary'))).toEqual({
      type: 'error',
      code: 'invalid_frame',
      message: 'frames must be JSON text, not binary',
    });
    await expectStillServing(client);
  });

  it('names the missing field of a transfer target for its kind', async () => {
    const agent = track(await connectAgent(server, cookie));
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ kind: 'agent' }, 'target.userId', 'target.userId is required when target.kind is agent'],
      [{ kind: 'widget' }, 'target.widgetId', 'target.widgetId is required when target.kind is widget'],
      [{ kind: 'tags', widgetId: widget.id }, 'target.tags', 'target.tags is required when target.kind is tags'],
      [{ kind: 'moon' }, 'target.kind', 'target.kind must be one of: agent, widget, tags'],
    ];
    for (const [target, field, message] of cases) {
      expect(await agent.request({ type: 'transfer', conversationId: '00000000-0000-4000-8000-000000000000', target })).toMatchObject({
        type: 'error',
        code: 'invalid',
        field,
        message,
      });
    }
  });

  it('closes a socket that sends a frame over 64 KiB with 1009, and keeps serving others', async () => {
    const { client } = await connectVisitor(server, widget.id);
    client.send({ type: 'ping', padding: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expect((await client.closed).code).toBe(1009);

    const { client: next } = await connectVisitor(server, widget.id);
    track(next);
    await expectStillServing(next);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  });

  it('refuses upgrades for any other path with 404 and closes the socket itself, even if the client does not', async () => {
    await expect(TestClient.connect(server.url.replace('/realtime', '/nowhere'))).rejects.toThrow(/upgrade refused: 404/);
    for (const path of ['/healthz', '/native/v1/me', '/nowhere']) {
      const socket = connect(Number(new URL(server.base).port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.alloc(16).toString('base64')}\r\n\r\n`,
      );
      await new Promise((resolve) => socket.on('close', resolve));
      expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    }
  });
});

describe('per-socket budgets', () => {
  it('refuses the 21st typing frame within a second with rate_limited, and keeps the socket', async () => {
    const { visitor: client, conversationId } = await startChat(server, widget.id, { message: 'hi' });
    track(client);
    for (let i = 0; i < 20; i++) client.send({ type: 'typing', conversationId, isTyping: true, preview: `h${i}`, requestId: `t${i}` });
    const limited = await client.request({ type: 'typing', conversationId, isTyping: true, preview: 'again' });
    expect(limited).toMatchObject({ type: 'error', code: 'rate_limited', message: 'too many "typing" frames: at most 20 per second per connection' });
    await expectStillServing(client);
  });
});
