import { WebSocket } from 'ws';

/** The WebSocket half of bench/bad-input-sweep.ts: a visitor chat to aim at, and frames the gateway must survive. */

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
/** Just under the gateway's 64 KB frame limit, so it reaches the frame's validation. */
const FRAME_SIZED_TEXT = 'x'.repeat(60_000);

/** A visitor socket: its token, and the chat it starts (the conversation every other probe aims at). */
export async function startVisitorChat(base: string, widgetId: string): Promise<{ visitorToken: string; conversationId: string; contactId: string }> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/realtime`);
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const next = async (type: string) => {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const found = frames.find((frame) => frame.type === type);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${type} frame; got ${JSON.stringify(frames)}`);
  };
  socket.send(JSON.stringify({ type: 'auth', role: 'visitor', widgetId }));
  const ready = await next('ready');
  socket.send(JSON.stringify({ type: 'start_chat', message: 'Hello from the sweep', email: 'visitor@example.com', requestId: 's' }));
  const ack = (await next('ack')) as { conversation: { id: string } };
  socket.close();
  return { visitorToken: String(ready.visitorToken), conversationId: ack.conversation.id, contactId: String(ready.contactId) };
}

/** Frames a careless or hostile client might send; the gateway must answer or close, never crash. */
const BAD_FRAMES: Array<[string, string | Buffer]> = [
  ['not JSON', 'hello'],
  ['JSON null', 'null'],
  ['JSON array', '[1,2]'],
  ['type number', '{"type":123}'],
  ['unknown type', '{"type":"explode"}'],
  ['binary', Buffer.from([0, 1, 2, 255])],
  ['huge frame', JSON.stringify({ type: 'ping', pad: 'x'.repeat(2_000_000) })],
  ['auth wrong types', '{"type":"auth","role":["visitor"],"widgetId":{"a":1}}'],
  ['auth unknown widget', `{"type":"auth","role":"visitor","widgetId":"${UNKNOWN_UUID}"}`],
  ['auth bad uuid', '{"type":"auth","role":"visitor","widgetId":"not-a-uuid"}'],
  ['auth agent bad token', '{"type":"auth","role":"agent","token":12}'],
];

/** After a visitor `auth`: actions with wrong field types and edge values. */
function badActions(conversationId: string): string[] {
  const actions = [
    { type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 1e30 },
    { type: 'subscribe', topic: 'conversation', conversationId, afterEventId: -5 },
    { type: 'subscribe', topic: 'conversation', conversationId, afterEventId: 1.5 },
    { type: 'subscribe', topic: 'conversation', conversationId: 'not-a-uuid' },
    { type: 'subscribe', topic: 'conversation', conversationId: { a: 1 } },
    { type: 'subscribe', topic: 'nope' },
    { type: 'send_message', conversationId, body: FRAME_SIZED_TEXT },
    { type: 'send_message', conversationId, body: 'a\u0000b' },
    { type: 'send_message', conversationId, body: 'a\uD800b' },
    { type: 'send_message', conversationId: UNKNOWN_UUID, body: 'hi' },
    { type: 'send_message', conversationId: 'not-a-uuid', body: 'hi' },
    { type: 'send_message', conversationId, body: 42 },
    { type: 'typing', conversationId: [conversationId], isTyping: 'yes' },
    { type: 'typing', conversationId, isTyping: true, preview: 'a\u0000b' },
    { type: 'page_view', conversationId, url: { a: 1 } },
    { type: 'page_view', conversationId, url: 'https://example.com/a\u0000b', title: 'a\u0000b' },
    { type: 'start_chat', widgetId: 'not-a-uuid', message: 'hi' },
    { type: 'start_chat', customFields: { 'k\u0000': 'a\u0000b' }, message: 'a\u0000b', name: 'a\u0000b' },
    { type: 'start_chat', customFields: [1, 2], message: ['hi'] },
    { type: 'delivered', conversationId, upToSeq: 1e30 },
    { type: 'read', conversationId, upToSeq: 'not-a-number' },
    { type: 'delivered', conversationId: UNKNOWN_UUID, upToSeq: 1 },
    { type: 'rate', conversationId, rating: 1e300 },
    { type: 'rate', conversationId, rating: 5, comment: 'a\u0000b' },
    { type: 'close', conversationId: null },
  ];
  return actions.map((action, index) => JSON.stringify({ ...action, requestId: `bad-${index}` }));
}

export interface SocketOutcome {
  label: string;
  answer: string;
}

async function sendFrames(base: string, frames: Array<string | Buffer>, label: string): Promise<SocketOutcome> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/realtime`);
  const answers: string[] = [];
  socket.on('message', (data) => answers.push(String(data).slice(0, 200)));
  const closed = new Promise<string>((resolve) => socket.once('close', (code) => resolve(`closed ${code}`)));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('open', resolve).once('error', resolve));
  for (const frame of frames) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  const ending = await Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve('open'), 1_500))]);
  socket.terminate();
  return { label, answer: `${ending}; ${answers.length} frames: ${answers.join(' | ').slice(0, 400)}` };
}

/** Each bad frame on its own socket, first before auth, then after a visitor's auth aimed at their chat. */
export async function sweepRealtime(base: string, visitor: { widgetId: string; visitorToken: string; conversationId: string }): Promise<SocketOutcome[]> {
  const outcomes: SocketOutcome[] = [];
  for (const [label, frame] of BAD_FRAMES) outcomes.push(await sendFrames(base, [frame], `ws ${label}`));
  const auth = JSON.stringify({ type: 'auth', role: 'visitor', widgetId: visitor.widgetId, visitorToken: visitor.visitorToken });
  for (const action of badActions(visitor.conversationId)) {
    outcomes.push(await sendFrames(base, [auth, action], `ws ${action.slice(0, 90)}`));
  }
  return outcomes;
}

