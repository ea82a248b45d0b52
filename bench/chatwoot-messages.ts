/**
 * Chatwoot Application API: `POST /api/v1/accounts/{id}/conversations/{id}/messages` (JSON, an
 * incoming message as an API-channel backend posts it), against a raw node:http baseline that
 * reads a JSON body and answers JSON, measured in the same run.
 *   npx tsx bench/chatwoot-messages.ts                 (embedded PGlite in a temp folder)
 *   DATABASE_URL=postgres://…/empty_db npx tsx bench/chatwoot-messages.ts
 * The server runs as its own process (`switchboard start`), set up through the API itself as a
 * Chatwoot user would: sign in, an API inbox, contacts, conversations. Messages rotate over
 * CONVERSATIONS conversations, as a backend serving many visitors does (one conversation's messages
 * are appended in turn, so a single conversation measures that queue rather than the server).
 */
import http from 'node:http';
import autocannon from 'autocannon';
import { committedTransactions, figuresOf, rssMb, startBenchServer, type Figures } from './bench-server.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200);
const ADMIN_PASSWORD = 'bench password for chatwoot';
const MESSAGE = JSON.stringify({ content: 'Where is my order #1234?', message_type: 'incoming' });

async function measure(name: string, url: string, headers: Record<string, string>, paths: string[]): Promise<Figures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: MESSAGE,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
  return figuresOf(name, result);
}

/** What any JSON API does at least: read the body, parse it, answer JSON. */
async function baseline(): Promise<Figures> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      const { content } = JSON.parse(body) as { content: string };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 1, content, message_type: 0 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await measure('raw node:http, JSON in and out (baseline)', `http://127.0.0.1:${port}`, {}, ['/']);
  } finally {
    server.close();
  }
}

async function call<T>(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs in, makes an API inbox and CONVERSATIONS conversations; answers the token and the message paths. */
async function setUp(base: string): Promise<{ token: string; paths: string[] }> {
  const { data } = await call<{ data: { access_token: string; account_id: number } }>(base, 'POST', '/auth/sign_in', {}, { email: 'admin@example.com', password: ADMIN_PASSWORD });
  const auth = { api_access_token: data.access_token };
  const account = `/api/v1/accounts/${data.account_id}`;
  const inbox = await call<{ id: number }>(base, 'POST', `${account}/inboxes`, auth, { name: 'Bench backend', channel: { type: 'api' } });
  const paths: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { payload } = await call<{ payload: { contact_inbox: { source_id: string } } }>(base, 'POST', `${account}/contacts`, auth, {
      inbox_id: inbox.id,
      name: `Visitor ${i}`,
      email: `visitor${i}@bench.test`,
    });
    const conversation = await call<{ id: number }>(base, 'POST', `${account}/conversations`, auth, { inbox_id: inbox.id, source_id: payload.contact_inbox.source_id });
    paths.push(`${account}/conversations/${conversation.id}/messages`);
  }
  return { token: data.access_token, paths };
}

// BENCH_PROFILE=dir writes the server's CPU profile there (open it in Chrome's DevTools).
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const server = await startBenchServer({ ADMIN_PASSWORD, VISITOR_MESSAGES_PER_MINUTE: '10000000', CONVERSATION_MESSAGES_PER_MINUTE: '10000000' }, profile);
try {
  const base = `http://127.0.0.1:${server.port}`;
  const { token, paths } = await setUp(base);
  const raw = await baseline();
  // The baseline's seconds let the set-up's counts reach the statistics before this reading.
  const transactionsBefore = await committedTransactions();
  const chatwoot = await measure(`Chatwoot message create (JSON, ${CONVERSATIONS} conversations)`, base, { api_access_token: token }, paths);
  console.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ${CONNECTIONS} connections, ${DURATION_S} s each`);
  console.table([raw, chatwoot]);
  console.log(`message create reaches ${Math.round((100 * chatwoot.requestsPerSecond) / raw.requestsPerSecond)}% of the baseline`);
  console.log(`server RSS after load: ${await rssMb(server.process.child.pid!)} MB`);
  await server.stop();
  const transactionsAfter = await committedTransactions();
  if (transactionsBefore !== undefined && transactionsAfter !== undefined) {
    console.log(`database transactions per message: ${((transactionsAfter - transactionsBefore) / chatwoot.requests).toFixed(2)}`);
  }
} finally {
  await server.stop();
}
