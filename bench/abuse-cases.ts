/**
 * The abuse half of bench/bad-input-sweep.ts: the attacks of issue 11 (docs/security.md), each
 * replayed against a real `switchboard start` whose limits are tight enough to reach in a few
 * requests. Every case reports what it expected, what it saw, and whether that holds.
 *
 * The server's limiters count per client IP and all bench traffic is local, so each case speaks
 * from a loopback address of its own (127.0.0.N; Linux routes all of 127/8 to lo), the way the
 * server's tests give each case its own `remoteAddress`: one case's flood never refuses another.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import { CSRF_HEADER } from '../server/http/plugins/native-auth.ts';
import type { BenchServer } from './bench-server.ts';

/** Tight, so each case reaches its limit in a few requests. */
const LIMITS = {
  /** The anonymous allowance per client IP. */
  requestsPerMinute: 30,
  loginAttemptsPerIpPerMinute: 20,
  visitorSocketsPerIp: 5,
  requestTimeoutMs: 2_000,
  visitorMessagesPerMinute: 10,
};

/** What to start the abuse server with (besides its ADMIN_PASSWORD); it overrides the bench server's generous defaults. */
export const ABUSE_SERVER_ENV: Record<string, string> = {
  // The redaction case reads the request URLs the server logs at info.
  LOG_LEVEL: 'info',
  RATE_LIMIT_PER_MINUTE: String(LIMITS.requestsPerMinute),
  API_RATE_LIMIT_PER_MINUTE: '1000000',
  LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: String(LIMITS.loginAttemptsPerIpPerMinute),
  WS_VISITOR_SOCKETS_PER_IP: String(LIMITS.visitorSocketsPerIp),
  REQUEST_TIMEOUT_MS: String(LIMITS.requestTimeoutMs),
  VISITOR_MESSAGES_PER_MINUTE: String(LIMITS.visitorMessagesPerMinute),
  // No lower than the visitor's, whose limit the flood case expects to meet.
  CONVERSATION_MESSAGES_PER_MINUTE: String(LIMITS.visitorMessagesPerMinute),
};

export interface AbuseRow {
  name: string;
  expected: string;
  observed: string;
  ok: boolean;
}

type Verdict = Omit<AbuseRow, 'name'>;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface RequestOptions {
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A client at one loopback address. */
interface Client {
  ip: string;
  send(method: string, path: string, options?: RequestOptions): Promise<Reply>;
}

interface AbuseContext {
  server: BenchServer;
  adminPassword: string;
  /** The admin's session cookie and the CSRF header: what the console sends. */
  admin: Record<string, string>;
  client: Client;
}

type Frame = Record<string, unknown>;

const ADMIN_EMAIL = 'admin@example.com';
/** Answers arrive in milliseconds; this only bounds a server that stopped answering. */
const ANSWER_DEADLINE_MS = 10_000;

function clientAt(port: number, ip: string): Client {
  const send = (method: string, path: string, { headers = {}, body }: RequestOptions = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, localAddress: ip, method, path, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      });
      request.setTimeout(ANSWER_DEADLINE_MS, () => request.destroy(new Error(`${method} ${path}: no answer within ${ANSWER_DEADLINE_MS} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  return { ip, send };
}

const json = (value: unknown, headers: Record<string, string> = {}): RequestOptions => ({
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/** `status code/field` of a native error answer, e.g. `400 invalid/url`, to show why a request was refused. */
function answerOf(reply: Reply): string {
  try {
    const { error } = JSON.parse(reply.body) as { error?: { code?: string; field?: string } };
    return error ? `${reply.status} ${error.code}${error.field ? `/${error.field}` : ''}` : String(reply.status);
  } catch {
    return String(reply.status);
  }
}

/** The 1-based number of the first 429 in `statuses`, or undefined. */
function firstRefusal(statuses: number[]): number | undefined {
  const index = statuses.indexOf(429);
  return index === -1 ? undefined : index + 1;
}

async function logIn(client: Client, password: string, email = ADMIN_EMAIL): Promise<Reply> {
  return client.send('POST', '/native/v1/auth/login', json({ email, password }));
}

async function createKey(context: AbuseContext, name: string, scopes: string[]): Promise<string> {
  const reply = await context.client.send('POST', '/native/v1/api-keys', json({ name, scopes }, context.admin));
  if (reply.status !== 201) throw new Error(`creating an API key answered ${answerOf(reply)}`);
  return (JSON.parse(reply.body) as { secret: string }).secret;
}

// ---------------------------------------------------------------- realtime sockets

type Upgrade = { socket: WebSocket } | { refusedWith: number };

/** A realtime upgrade: the open socket, or the HTTP status it was refused with. */
function upgrade(port: number, ip: string, headers: Record<string, string> = {}): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/realtime`, { headers, localAddress: ip, handshakeTimeout: ANSWER_DEADLINE_MS });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (request, response) => {
      request.destroy();
      resolve({ refusedWith: response.statusCode! });
    });
    // Errors after the socket opened have nobody to tell; the promise has settled by then.
    socket.on('error', reject);
  });
}

/** The answer the server gives to the frame with `requestId` (ack, ready or error). */
function answerTo(socket: WebSocket, requestId: string): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: unknown) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.requestId !== requestId) return;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(frame);
    };
    const timer = setTimeout(() => {
      socket.off('message', onMessage);
      reject(new Error(`no answer to realtime request ${requestId} within ${ANSWER_DEADLINE_MS} ms`));
    }, ANSWER_DEADLINE_MS);
    socket.on('message', onMessage);
  });
}

interface RealtimeSession {
  request(frame: Frame): Promise<Frame>;
  close(): void;
}

async function openSession(port: number, ip: string, headers: Record<string, string> = {}): Promise<RealtimeSession> {
  const opened = await upgrade(port, ip, headers);
  if (!('socket' in opened)) throw new Error(`realtime upgrade refused with ${opened.refusedWith}`);
  const { socket } = opened;
  let counter = 0;
  const request = (frame: Frame) => {
    const requestId = `abuse-${++counter}`;
    const answer = answerTo(socket, requestId);
    socket.send(JSON.stringify({ ...frame, requestId }));
    return answer;
  };
  return { request, close: () => socket.terminate() };
}

/** Sends a frame that must succeed (ack, or ready for auth); anything else is a broken probe, not a finding. */
async function expectAck(session: RealtimeSession, frame: Frame): Promise<Frame> {
  const answer = await session.request(frame);
  if (answer.type !== 'ack' && answer.type !== 'ready') throw new Error(`${String(frame.type)} answered ${JSON.stringify(answer)}`);
  return answer;
}

/** The admin online on a console socket, so the widget's new chats are routed to them and stay open. */
async function adminOnline(server: BenchServer, ip: string, cookie: string): Promise<RealtimeSession> {
  const session = await openSession(server.port, ip, { cookie, origin: `http://127.0.0.1:${server.port}` });
  await expectAck(session, { type: 'auth', role: 'agent' });
  await expectAck(session, { type: 'set_status', status: 'online' });
  return session;
}

interface VisitorChat {
  session: RealtimeSession;
  visitorToken: string;
  conversationId: string;
}

/** A visitor of the demo widget who starts a chat, giving `email` for it; the opening message counts as their first. */
async function startChat(context: AbuseContext, email?: string): Promise<VisitorChat> {
  const session = await openSession(context.server.port, context.client.ip);
  const ready = await expectAck(session, { type: 'auth', role: 'visitor', widgetId: context.server.widgetId });
  const started = await expectAck(session, { type: 'start_chat', message: 'message 1', ...(email && { email }) });
  return { session, visitorToken: String(ready.visitorToken), conversationId: (started.conversation as { id: string }).id };
}

// ---------------------------------------------------------------- the cases

async function provisioningKeyVsAdmin(context: AbuseContext): Promise<Verdict> {
  const key = await createKey(context, 'abuse provisioning', ['provisioning']);
  const { client } = context;
  const takenOver = 'taken-over-123';
  const setPassword = await client.send('POST', `/api/v1/user.json?api_key=${key}`, json({ email: ADMIN_EMAIL, name: 'Admin', password: takenOver }));
  const remove = await client.send('DELETE', `/api/v1/user.json?api_key=${key}&email=${encodeURIComponent(ADMIN_EMAIL)}`);
  const newPassword = await logIn(client, takenOver);
  const oldPassword = await logIn(client, context.adminPassword);
  return {
    expected: 'set password 403, delete 403, new password refused, old still signs in',
    observed: `set password ${setPassword.status}, delete ${remove.status}, new password ${newPassword.status}, old ${oldPassword.status}`,
    ok: setPassword.status === 403 && remove.status === 403 && newPassword.status === 401 && oldPassword.status === 200,
  };
}

async function loginSpraying(context: AbuseContext): Promise<Verdict> {
  const attempts = LIMITS.loginAttemptsPerIpPerMinute + 1;
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    statuses.push((await logIn(context.client, 'not-the-password', `spray${attempt}@example.com`)).status);
  }
  const refusedAt = firstRefusal(statuses);
  return {
    expected: `401s, then 429 by attempt ${attempts}`,
    observed: `${statuses.filter((status) => status === 401).length}× 401, first 429 at ${refusedAt ?? 'none'}`,
    ok: refusedAt !== undefined && statuses.slice(0, refusedAt - 1).every((status) => status === 401),
  };
}

async function transcriptToStranger(context: AbuseContext): Promise<Verdict> {
  const chat = await startChat(context, 'visitor@example.com');
  try {
    const reply = await context.client.send(
      'POST',
      `/native/v1/public/conversations/${chat.conversationId}/transcript`,
      json({ email: 'stranger@example.com' }, { 'x-visitor-token': chat.visitorToken }),
    );
    return { expected: '403 forbidden/email', observed: answerOf(reply), ok: answerOf(reply) === '403 forbidden/email' };
  } finally {
    chat.session.close();
  }
}

/** Sends the visitor's messages numbered `first` to `last`, one at a time, and returns the answers. */
async function sendMessages(chat: VisitorChat, first: number, last: number): Promise<Frame[]> {
  const answers: Frame[] = [];
  for (let number = first; number <= last; number++) {
    answers.push(await chat.session.request({ type: 'send_message', conversationId: chat.conversationId, body: `message ${number}` }));
  }
  return answers;
}

async function storedVisitorMessages(context: AbuseContext, conversationId: string): Promise<number> {
  const reply = await context.client.send('GET', `/native/v1/conversations/${conversationId}/messages`, { headers: context.admin });
  if (reply.status !== 200) throw new Error(`listing messages answered ${answerOf(reply)}`);
  const { messages } = JSON.parse(reply.body) as { messages: Array<{ senderType: string }> };
  return messages.filter((message) => message.senderType === 'visitor').length;
}

async function visitorMessageFlood(context: AbuseContext): Promise<Verdict> {
  const allowed = LIMITS.visitorMessagesPerMinute;
  const extras = 5;
  const chat = await startChat(context);
  try {
    const answers = await sendMessages(chat, 2, allowed + extras);
    const accepted = 1 + answers.filter((answer) => answer.type === 'ack').length;
    const refused = answers.filter((answer) => answer.code === 'rate_limited' && typeof answer.retryAfter === 'number');
    const stored = await storedVisitorMessages(context, chat.conversationId);
    return {
      expected: `${allowed} accepted, ${extras} rate_limited with retryAfter, ${allowed} stored`,
      observed: `${accepted} accepted, ${refused.length} rate_limited (retryAfter ${String(refused[0]?.retryAfter)} s), ${stored} stored`,
      ok: accepted === allowed && refused.length === extras && stored === allowed,
    };
  } finally {
    chat.session.close();
  }
}

async function socketsPerIp(context: AbuseContext): Promise<Verdict> {
  const limit = LIMITS.visitorSocketsPerIp;
  const upgrades: Upgrade[] = [];
  try {
    for (let number = 1; number <= limit + 1; number++) upgrades.push(await upgrade(context.server.port, context.client.ip));
    const opened = upgrades.filter((result) => 'socket' in result).length;
    const last = upgrades.at(-1)!;
    const lastOutcome = 'refusedWith' in last ? `HTTP ${last.refusedWith}` : 'open';
    return {
      expected: `${limit} open, upgrade ${limit + 1} refused with HTTP 429`,
      observed: `${opened} open, upgrade ${limit + 1}: ${lastOutcome}`,
      ok: opened === limit && lastOutcome === 'HTTP 429',
    };
  } finally {
    for (const result of upgrades) if ('socket' in result) result.socket.terminate();
  }
}

const EXECUTABLE_NAMES = ['invoice.js', 'run.bat', 'report.hta', 'photo\u202Egpj.js'];

async function executableAttachments(context: AbuseContext): Promise<Verdict> {
  const chat = await startChat(context);
  try {
    const upload = async (fileName: string) =>
      answerOf(
        await context.client.send('POST', `/native/v1/public/conversations/${chat.conversationId}/attachments?fileName=${encodeURIComponent(fileName)}`, {
          headers: { 'content-type': 'text/plain', 'x-visitor-token': chat.visitorToken },
          body: 'just text\n',
        }),
      );
    const refusals: string[] = [];
    for (const name of EXECUTABLE_NAMES) refusals.push(await upload(name));
    // The same upload under a harmless name is stored: the refusals are the names', not the route's.
    const control = await upload('notes.txt');
    return {
      expected: `400 invalid/fileName ×${EXECUTABLE_NAMES.length}; notes.txt 201`,
      observed: `${refusals.join(', ')}; notes.txt ${control}`,
      ok: refusals.every((refusal) => refusal === '400 invalid/fileName') && control === '201',
    };
  } finally {
    chat.session.close();
  }
}

const PRIVATE_TARGETS = ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://2130706433/x', 'http://0.0.0.0/x', 'http://169.254.169.254/latest'];

async function privateWebhookTargets(context: AbuseContext): Promise<Verdict> {
  const answers: string[] = [];
  for (const url of PRIVATE_TARGETS) answers.push(answerOf(await context.client.send('POST', '/native/v1/webhooks', json({ format: 'native', url }, context.admin))));
  return {
    expected: `400 invalid/url ×${PRIVATE_TARGETS.length}`,
    observed: answers.join(', '),
    ok: answers.every((answer) => answer === '400 invalid/url'),
  };
}

async function crossSiteCookieRequests(context: AbuseContext): Promise<Verdict> {
  const hook = { format: 'native', url: 'https://example.com/csrf' };
  const { [CSRF_HEADER]: _header, ...cookieOnly } = context.admin;
  const withoutHeader = answerOf(await context.client.send('POST', '/native/v1/webhooks', json(hook, cookieOnly)));
  // Another port of the same host is the same site to a browser, but another origin.
  const otherPort = { ...context.admin, origin: 'http://127.0.0.1:1' };
  const fromOtherPort = answerOf(await context.client.send('POST', '/native/v1/webhooks', json(hook, otherPort)));
  return {
    expected: 'no x-requested-with 403 forbidden, other-port Origin 403 forbidden',
    observed: `no x-requested-with ${withoutHeader}, other-port Origin ${fromOtherPort}`,
    ok: withoutHeader === '403 forbidden' && fromOtherPort === '403 forbidden',
  };
}

/** Sends the headers and 1 byte of a 100-byte body, then waits for the server to give up on it. */
function trickleOneByte(context: AbuseContext, deadlineMs: number): Promise<{ answer: string; seconds: number; closed: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port: context.server.port, localAddress: context.client.ip });
    let received = '';
    const end = (closed: boolean) => {
      clearTimeout(deadline);
      socket.destroy();
      resolve({ answer: received.split('\r\n')[0] ?? '', seconds: (Date.now() - started) / 1000, closed });
    };
    const deadline = setTimeout(() => end(false), deadlineMs);
    socket.on('connect', () => {
      socket.write(`POST /native/v1/auth/login HTTP/1.1\r\nhost: 127.0.0.1:${context.server.port}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`);
    });
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => end(true));
  });
}

async function slowBody(context: AbuseContext): Promise<Verdict> {
  const deadlineMs = LIMITS.requestTimeoutMs + 6_000;
  const { answer, seconds, closed } = await trickleOneByte(context, deadlineMs);
  const answered408 = answer.startsWith('HTTP/1.1 408');
  return {
    expected: `408 and/or closed within ${deadlineMs / 1000} s`,
    observed: `${answer || 'no answer'}, ${closed ? 'closed' : 'still open'} after ${seconds.toFixed(1)} s`,
    ok: closed && (answered408 || answer === ''),
  };
}

/** Waits until the server's output names `requestId`: its log reaches us through a pipe, a little after the answer. */
async function untilLogged(server: BenchServer, requestId: string): Promise<void> {
  const deadline = Date.now() + ANSWER_DEADLINE_MS;
  while (!server.process.output().includes(requestId)) {
    if (Date.now() > deadline) throw new Error(`request ${requestId} never appeared in the server log`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function keyRedaction(context: AbuseContext): Promise<Verdict> {
  const key = await createKey(context, 'abuse redaction', ['provisioning']);
  const spellings = ['api%5Fkey', 'API-Key', 'access_token'];
  const requestIds: string[] = [];
  for (const name of spellings) {
    const reply = await context.client.send('GET', `/api/v1/user.json?${name}=${key}&email=x%40example.com`);
    requestIds.push(String(reply.headers['x-request-id']));
  }
  // The log is in order: once a later request shows, every line of the three above is there too.
  const marker = await context.client.send('GET', '/api/v1/user.json?email=marker%40example.com');
  await untilLogged(context.server, String(marker.headers['x-request-id']));
  const output = context.server.process.output();
  const urlLines = output.split('\n').filter((line) => line.includes('"url"') && requestIds.some((id) => line.includes(id)));
  const redacted = urlLines.filter((line) => line.includes('=[redacted]&')).length;
  // The random tail alone would be a leak too, so look for it rather than the whole key.
  const leaks = output.split(key.slice(-43)).length - 1;
  return {
    expected: `${spellings.join(', ')}: URL logged with [redacted], secret nowhere in the output`,
    observed: `${redacted} of ${spellings.length} logged URLs with [redacted]; secret found ${leaks} times`,
    ok: leaks === 0 && redacted === spellings.length,
  };
}

async function claimedCredential(context: AbuseContext): Promise<Verdict> {
  const requests = LIMITS.requestsPerMinute + 1;
  const statusesWith = async (authorization: string) => {
    const statuses: number[] = [];
    for (let number = 1; number <= requests; number++) statuses.push((await context.client.send('GET', '/console', { headers: { authorization } })).status);
    return statuses;
  };
  const claimedRefusedAt = firstRefusal(await statusesWith('x'));
  // From the same address, now over the anonymous allowance: a verified key still earns the larger one.
  const verifiedRefusedAt = firstRefusal(await statusesWith(`Bearer ${context.server.apiKey}`));
  return {
    expected: `"Authorization: x" 429 by request ${requests}; real key no 429 in ${requests}`,
    observed: `"Authorization: x" first 429 at ${claimedRefusedAt ?? 'none'}; real key first 429 at ${verifiedRefusedAt ?? 'none'}`,
    ok: claimedRefusedAt !== undefined && claimedRefusedAt <= requests && verifiedRefusedAt === undefined,
  };
}

/** Run in this order; the claimed-credential flood goes last, although its own address already keeps it from starving the others. */
const CASES: Array<{ name: string; run: (context: AbuseContext) => Promise<Verdict> }> = [
  { name: 'provisioning key vs admin', run: provisioningKeyVsAdmin },
  { name: 'login spraying (unknown e-mails)', run: loginSpraying },
  { name: 'transcript to another address', run: transcriptToStranger },
  { name: 'visitor message flood', run: visitorMessageFlood },
  { name: 'realtime sockets per IP', run: socketsPerIp },
  { name: 'executable attachment names', run: executableAttachments },
  { name: 'webhooks to internal addresses (SSRF)', run: privateWebhookTargets },
  { name: 'cookie requests from other pages (CSRF)', run: crossSiteCookieRequests },
  { name: 'slow request body', run: slowBody },
  { name: 'API key in query redacted from the log', run: keyRedaction },
  { name: 'credential that only looks like one', run: claimedCredential },
];

/** A case that could not run (its setup failed) is a failed row, so the others still report. */
async function runCase({ name, run }: (typeof CASES)[number], context: AbuseContext): Promise<AbuseRow> {
  try {
    return { name, ...(await run(context)) };
  } catch (error) {
    return { name, expected: '(the case to run)', observed: `error: ${String(error).slice(0, 200)}`, ok: false };
  }
}

/**
 * Against a server started with ABUSE_SERVER_ENV and `adminPassword`: signs in as the admin (from
 * an address no case uses), puts them online, and runs every case from an address of its own.
 */
export async function runAbuseCases(server: BenchServer, adminPassword: string): Promise<AbuseRow[]> {
  const setup = clientAt(server.port, '127.0.0.2');
  const login = await logIn(setup, adminPassword);
  if (login.status !== 200) throw new Error(`admin login answered ${answerOf(login)}`);
  const cookie = (login.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
  const admin = { cookie, [CSRF_HEADER]: 'abuse-cases' };
  const online = await adminOnline(server, setup.ip, cookie);
  try {
    const rows: AbuseRow[] = [];
    for (const [index, abuseCase] of CASES.entries()) {
      rows.push(await runCase(abuseCase, { server, adminPassword, admin, client: clientAt(server.port, `127.0.0.${10 + index}`) }));
    }
    return rows;
  } finally {
    online.close();
  }
}
