/**
 * Visitors and agents on real WebSockets against a running server, with baselines measured in the
 * same run (the load generator shares the machine's cores with the server): a raw `ws` relay, and
 * on PostgreSQL the same relay storing each message with one INSERT (bench/baseline-relay.ts).
 *   npx tsx bench/realtime-load.ts                       (embedded PGlite in a temp folder)
 *   DATABASE_URL=postgres://…/empty_db npx tsx bench/realtime-load.ts
 * Knobs: BENCH_VISITORS (200), BENCH_AGENTS (20), BENCH_RATE visitor messages/s (1000),
 * BENCH_SECONDS (10) measured after BENCH_WARMUP (3) seconds at the same rate, BENCH_IDLE idle visitor sockets for the memory figure (0 = skip).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { freePort } from '../server/test/cli-process.ts';
import { rssMb, startBenchServer } from './bench-server.ts';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 200);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const IDLE = Number(process.env.BENCH_IDLE ?? 0);
const PASSWORD = 'bench-password-1';

type Frame = Record<string, unknown> & { type: string };

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends a frame and resolves with the first answer frame of the given type. */
function request(socket: WebSocket, frame: Frame, answer: string): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(String(data)) as Frame;
      if (parsed.type === answer || parsed.type === 'error') {
        socket.off('message', onMessage);
        if (parsed.type === 'error') reject(new Error(JSON.stringify(parsed)));
        else resolve(parsed);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify(frame));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function cpuSeconds(pid: number): Promise<number> {
  // utime and stime, in clock ticks (100 per second on Linux).
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Sends `t:<send time>` from visitors at RATE/s for `seconds`; answers how many it sent. */
async function pace(visitorSend: Array<(body: string) => void>, seconds: number): Promise<number> {
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * RATE);
    for (; sent < due; sent++) visitorSend[sent % visitorSend.length]!(`t:${performance.now()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return sent;
}

async function delivered(received: number[], count: number): Promise<void> {
  const deadline = performance.now() + 5000;
  while (received.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/**
 * WARMUP seconds at the full rate first, not counted (JIT, connection pools and caches settle, as
 * they have on a server that has been up a while), then SECONDS measured; returns the measured
 * latencies the agents saw and the CPU seconds the server process `pid` used meanwhile.
 */
async function drive(visitorSend: Array<(body: string) => void>, received: number[], pid: number): Promise<{ sent: number; seconds: number; cpu: number }> {
  await delivered(received, await pace(visitorSend, WARMUP));
  received.length = 0;
  const cpuBefore = await cpuSeconds(pid);
  const started = performance.now();
  const sent = await pace(visitorSend, SECONDS);
  await delivered(received, sent);
  return { sent, seconds: (performance.now() - started) / 1000, cpu: (await cpuSeconds(pid)) - cpuBefore };
}

function report(name: string, sent: number, latencies: number[], seconds: number, cpu?: number, rss?: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    sent,
    delivered: latencies.length,
    'msgs/s': Math.round(latencies.length / seconds),
    'p50 ms': Number(percentile(sorted, 50).toFixed(2)),
    'p99 ms': Number(percentile(sorted, 99).toFixed(2)),
    'server CPU %': cpu === undefined ? '' : Math.round((cpu / seconds) * 100),
    'server RSS MB': rss ?? '',
  };
}

/** A baseline relay (bench/baseline-relay.ts) under the same sockets and rate; with `databaseUrl` it stores each message first. */
async function baseline(name: string, databaseUrl?: string) {
  const port = await freePort();
  const relay = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-relay.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, RELAY_PORT: String(port), ...(databaseUrl && { RELAY_DATABASE_URL: databaseUrl }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => relay.stdout!.once('data', resolve));
  const latencies: number[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const agent = await open(`ws://127.0.0.1:${port}/?role=agent`);
    agent.on('message', (data) => latencies.push(performance.now() - Number(String(data).slice(2))));
  }
  const visitors = await Promise.all(Array.from({ length: VISITORS }, () => open(`ws://127.0.0.1:${port}/?role=visitor`)));
  // Visitors read their acks as the Switchboard run's visitors do.
  for (const visitor of visitors) visitor.on('message', (data) => JSON.parse(String(data)));
  const { sent, seconds, cpu } = await drive(visitors.map((v) => (body: string) => v.send(body)), latencies, relay.pid!);
  const row = report(name, sent, latencies, seconds, cpu, await rssMb(relay.pid!));
  relay.kill();
  return row;
}

async function switchboard() {
  // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
  // Every simulated visitor comes from this one address, each sending far more than a person would.
  const unlimited = { WS_VISITOR_SOCKETS_PER_IP: '10000000', VISITOR_MESSAGES_PER_MINUTE: '10000000', CONVERSATION_MESSAGES_PER_MINUTE: '10000000' };
  const server = await startBenchServer({ ADMIN_PASSWORD: PASSWORD, ...unlimited }, process.env.BENCH_SERVER_NODE_ARGS?.split(' ') ?? []);
  const { apiKey, widgetId, port } = server;
  const sockets: WebSocket[] = [];
  try {
    const base = `http://127.0.0.1:${port}`;
    const native = async (method: string, url: string, body: unknown) => {
      const response = await fetch(`${base}/native/v1${url}`, { method, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<{ user: { id: string } }>;
    };
    const agentEmails = Array.from({ length: AGENTS }, (_, i) => `agent${i}@bench.test`);
    const userIds: string[] = [];
    for (const email of agentEmails) {
      userIds.push((await native('POST', '/users', { email, name: email, role: 'agent', password: PASSWORD, maxConcurrentChats: 1000 })).user.id);
    }
    await native('PATCH', `/widgets/${widgetId}`, { members: userIds.map((userId, i) => ({ userId, alias: `Agent ${i}` })) });

    const latencies: number[] = [];
    for (const email of agentEmails) {
      const login = await fetch(`${base}/native/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const agent = await open(`ws://127.0.0.1:${port}/realtime`, { cookie });
      sockets.push(agent);
      await request(agent, { type: 'auth', role: 'agent' }, 'ready');
      await request(agent, { type: 'set_status', status: 'online' }, 'ack');
      await request(agent, { type: 'subscribe', topic: 'agent' }, 'ack');
      agent.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Frame & { data?: { message?: { senderType: string; body: string } } };
        if (frame.type !== 'event') return;
        if (frame.name === 'conversation.assigned') agent.send(JSON.stringify({ type: 'subscribe', topic: 'conversation', conversationId: frame.conversationId }));
        const message = frame.name === 'message.created' ? frame.data?.message : undefined;
        if (message?.senderType === 'visitor' && String(message.body).startsWith('t:')) latencies.push(performance.now() - Number(String(message.body).slice(2)));
      });
    }

    const senders: Array<(body: string) => void> = [];
    for (let i = 0; i < VISITORS; i++) {
      const visitor = await open(`ws://127.0.0.1:${port}/realtime`);
      sockets.push(visitor);
      await request(visitor, { type: 'auth', role: 'visitor', widgetId }, 'ready');
      const ack = await request(visitor, { type: 'start_chat', message: 'hello' }, 'ack');
      const conversationId = (ack.conversation as { id: string }).id;
      senders.push((body) => visitor.send(JSON.stringify({ type: 'send_message', conversationId, body })));
    }
    await new Promise((r) => setTimeout(r, 1000)); // let the agents' conversation subscriptions land

    const pid = server.process.child.pid!;
    const { sent, seconds, cpu } = await drive(senders, latencies, pid);
    const row = report(`Switchboard (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, sent, latencies, seconds, cpu, await rssMb(pid));

    let idle: string | undefined;
    if (IDLE > 0) {
      const before = await rssMb(pid);
      for (let i = 0; i < IDLE; i++) {
        const socket = await open(`ws://127.0.0.1:${port}/realtime`);
        sockets.push(socket);
        await request(socket, { type: 'auth', role: 'visitor', widgetId }, 'ready');
      }
      idle = `${IDLE} idle visitor sockets: server RSS ${before} MB -> ${await rssMb(pid)} MB`;
    }
    return { row, idle };
  } finally {
    for (const socket of sockets) socket.terminate();
    await server.stop();
  }
}

const baselines = [await baseline('raw ws relay (baseline)')];
if (process.env.DATABASE_URL) baselines.push(await baseline('ws relay + one INSERT per message (baseline)', process.env.DATABASE_URL));
const { row, idle } = await switchboard();
console.log(`${VISITORS} visitors, ${AGENTS} agents, target ${RATE} visitor messages/s for ${SECONDS} s; machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}`);
console.table([...baselines, row]);
if (idle) console.log(idle);
