/**
 * The baselines of bench/realtime-load.ts, in their own process as the server is: a bare `ws`
 * server that relays each visitor frame to one agent socket, round robin. With RELAY_DATABASE_URL
 * it first stores the frame with one INSERT on a pg pool (commit per message, as a chat server
 * must) and answers the visitor: the least a chat server on PostgreSQL can do per message.
 *   RELAY_PORT=… [RELAY_DATABASE_URL=…] node --import tsx bench/baseline-relay.ts
 */
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';

const databaseUrl = process.env.RELAY_DATABASE_URL;
const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 10 }) : undefined;
await pool?.query('create table if not exists bench_relay (id bigserial primary key, body text not null, at timestamptz not null default now())');

const agents: WebSocket[] = [];
let next = 0;
const server = new WebSocketServer({ port: Number(process.env.RELAY_PORT), host: '127.0.0.1', perMessageDeflate: false });
server.on('connection', (socket, request) => {
  if (new URL(request.url ?? '/', 'http://relay').searchParams.get('role') === 'agent') {
    agents.push(socket);
    return;
  }
  socket.on('message', async (data) => {
    const body = String(data);
    const stored = pool && (await pool.query<{ id: string }>('insert into bench_relay (body) values ($1) returning id', [body])).rows[0];
    agents[next++ % agents.length]?.send(body);
    if (stored) socket.send(JSON.stringify({ ack: stored.id }));
  });
});
server.on('listening', () => console.log('ready'));
process.once('SIGTERM', async () => {
  await pool?.query('drop table bench_relay');
  process.exit(0);
});
