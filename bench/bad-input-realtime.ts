import { WebSocket } from 'ws';

/** The WebSocket half of bench/bad-input-sweep.ts: a visitor chat to aim at, and frames the gateway must survive. */

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';
/** Just under the gateway's 64 KB frame limit, so it reaches the frame's validation. */
const FRAME_SIZED_TEXT = 'x'.repeat(60_000);

type Frame = Record<string, unknown>;

/** A socket that keeps what the server sent, to wait for the first frame of a type. */
async function openSocket(base: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/realtime`, { headers });
  const frames: Frame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const next = async (type: string): Promise<Frame> => {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const found = frames.find((frame) => frame.type === type);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${type} frame; got ${JSON.stringify(frames)}`);
  };
  const send = (frame: Frame) => socket.send(JSON.stringify(frame));
  return { socket, next, send };
}

/** A visitor socket: its token, and the chat it starts (the conversation every other probe aims at). */
export async function startVisitorChat(base: string, widgetId: string): Promise<{ visitorToken: string; conversationId: string; contactId: string }> {
  const { socket, next, send } = await openSocket(base);
  send({ type: 'auth', role: 'visitor', widgetId });
  const ready = await next('ready');
  send({ type: 'start_chat', message: 'Hello from the sweep', email: 'visitor@example.com', requestId: 's' });
  const ack = (await next('ack')) as { conversation: { id: string } };
  socket.close();
  return { visitorToken: String(ready.visitorToken), conversationId: ack.conversation.id, contactId: String(ready.contactId) };
}

/** The admin online on a socket of their own, so a new chat is routed to them and stays open. */
async function agentOnline(base: string, headers: Record<string, string>): Promise<WebSocket> {
  const { socket, next, send } = await openSocket(base, headers);
  send({ type: 'auth', role: 'agent' });
  await next('ready');
  send({ type: 'set_status', status: 'online', requestId: 'online' });
  await next('ack');
  return socket;
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

/**
 * One socket, the frames in turn; done when every frame has its answer (ready, ack or error),
 * the server closes, or 1.5 s pass.
 */
async function sendFrames(base: string, frames: Array<string | Buffer>, label: string, headers: Record<string, string> = {}): Promise<SocketOutcome> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/realtime`, { headers });
  const answers: string[] = [];
  let allAnswered: () => void = () => undefined;
  const answered = new Promise<string>((resolve) => (allAnswered = () => resolve('open')));
  socket.on('message', (data) => {
    answers.push(String(data).slice(0, 200));
    if (answers.length >= frames.length) allAnswered();
  });
  const closed = new Promise<string>((resolve) => socket.once('close', (code) => resolve(`closed ${code}`)));
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('open', resolve).once('error', resolve));
  for (const frame of frames) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
  const ending = await Promise.race([closed, answered, new Promise<string>((resolve) => setTimeout(() => resolve('open, unanswered'), 1_500))]);
  socket.terminate();
  return { label, answer: `${ending}; ${answers.length} frames: ${answers.join(' | ').slice(0, 400)}` };
}

/** After an agent's `auth` (session cookie): agent actions with wrong ids, types and edge values. */
function badAgentActions(conversationId: string): string[] {
  const actions = [
    { type: 'accept', conversationId: 'not-a-uuid' },
    { type: 'accept', conversationId: UNKNOWN_UUID },
    { type: 'send_message', conversationId, body: 'hi', private: 'yes' },
    { type: 'send_message', conversationId: UNKNOWN_UUID, body: 'hi' },
    { type: 'typing', conversationId: 'not-a-uuid', isTyping: true },
    { type: 'set_status', status: 'busy' },
    { type: 'set_status', status: 'pause', subStatus: 'a\u0000b' },
    { type: 'set_status', status: 'pause', subStatus: 'y'.repeat(201) },
    { type: 'transfer', conversationId, target: { kind: 'agent', userId: 'not-a-uuid' } },
    { type: 'transfer', conversationId, target: { kind: 'agent', userId: UNKNOWN_UUID } },
    { type: 'transfer', conversationId: 'not-a-uuid', target: { kind: 'widget', widgetId: 'not-a-uuid' } },
    { type: 'transfer', conversationId, target: { kind: 'tags', tags: Array.from({ length: 21 }, (_, index) => `t${index}`) } },
    { type: 'transfer', conversationId, target: { kind: 'tags', tags: ['nobody-has-this'] } },
    { type: 'label', conversationId, name: 'plan', value: 'z'.repeat(501) },
    { type: 'label', conversationId: UNKNOWN_UUID, name: 'plan', value: 'pro' },
    { type: 'unlabel', conversationId, name: 'never-set', value: 'x' },
    { type: 'ban', conversationId: 'not-a-uuid', kind: 'visitor' },
    { type: 'ban', conversationId, kind: 'everyone' },
    { type: 'subscribe', topic: 'queue', widgetId: 'not-a-uuid' },
    { type: 'subscribe', topic: 'queue', widgetId: UNKNOWN_UUID },
    { type: 'read', conversationId, upToSeq: Number.MAX_SAFE_INTEGER },
    { type: 'close', conversationId: UNKNOWN_UUID },
  ];
  return actions.map((action, index) => JSON.stringify({ ...action, requestId: `agent-${index}` }));
}

interface SweptChat {
  widgetId: string;
  visitorToken: string;
  conversationId: string;
  /** The admin's session cookie, for the agent frames. */
  cookie: string;
}

/** Each bad frame on its own socket: before auth, after a visitor's auth aimed at their chat, and after an agent's. */
export async function sweepRealtime(base: string, chat: SweptChat): Promise<SocketOutcome[]> {
  const outcomes: SocketOutcome[] = [];
  for (const [label, frame] of BAD_FRAMES) outcomes.push(await sendFrames(base, [frame], `ws ${label}`));
  const visitorAuth = JSON.stringify({ type: 'auth', role: 'visitor', widgetId: chat.widgetId, visitorToken: chat.visitorToken });
  for (const action of badActions(chat.conversationId)) {
    outcomes.push(await sendFrames(base, [visitorAuth, action], `ws visitor ${action.slice(0, 90)}`));
  }
  const agentAuth = JSON.stringify({ type: 'auth', role: 'agent' });
  const agentHeaders = { cookie: chat.cookie, origin: base };
  // The visitor's frames and the HTTP probes may have ended their chat; agents act on an open one, theirs.
  const online = await agentOnline(base, agentHeaders);
  const { conversationId: openChat } = await startVisitorChat(base, chat.widgetId);
  for (const action of badAgentActions(openChat)) {
    outcomes.push(await sendFrames(base, [agentAuth, action], `ws agent ${action.slice(0, 90)}`, agentHeaders));
  }
  online.close();
  return outcomes;
}
