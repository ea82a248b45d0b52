/**
 * Webhook delivery throughput of the running server, to a receiver in this process.
 *   npx tsx bench/webhooks.ts            (embedded PGlite in a temp folder)
 *   DATABASE_URL=postgres://… npx tsx bench/webhooks.ts
 *
 * Events are agent status changes (the SnapEngage Agent Status API), spread over BENCH_AGENTS
 * agents, so deliveries run in that many ordered lines side by side; the subscription uses the
 * native format; WEBHOOK_CONCURRENCY (256 here) requests may be in flight. Two figures:
 *  1. live: the receiver is up while BENCH_EVENTS events are produced; deliveries/s from the
 *     first to the last delivery (it cannot exceed the rate the events are produced at);
 *  2. backlog: the receiver is down while BENCH_EVENTS events are produced and retried, then it
 *     comes back; the drain time is from its return to the last delivery.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { rssMb, startBenchServer, type BenchServer } from './bench-server.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 200);
/** Parallel API calls producing the events. */
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 32);

/** A receiver that answers 204 at once and notes when each delivery id first arrived. */
function receiver() {
  const firstSeen = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['x-switchboard-delivery']);
      if (!firstSeen.has(id)) firstSeen.set(id, performance.now());
      response.writeHead(204).end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let port = 0;
  return {
    firstSeen,
    get url() {
      return `http://127.0.0.1:${port}/hook`;
    },
    listen: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function api(server: BenchServer, path: string, body: unknown, authorization = `Bearer ${server.apiKey}`) {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** `count` status changes round-robin over the agents, `PRODUCERS` at a time; resolves with the events per second. */
async function produce(server: BenchServer, run: string, count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      for (let step = next++; step < count; step = next++) {
        // Each change names a new reason, so none is a no-op the server would not record.
        await api(server, '/api/v2/agentstatus', { agent_id: `agent${step % AGENTS}@bench.test`, status: 'pause', sub_status: `${run} ${step}` }, server.apiKey);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

async function waitFor(check: () => boolean, label: string, timeoutMs = 600_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
const serverNodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ') ?? [];
const server = await startBenchServer({
  LOG_LEVEL: 'warn',
  // Retries due within a second of the receiver's return, as they would be late in a real outage's schedule.
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_RETRY_MAX_MS: '1000',
  WEBHOOK_POLL_MS: '100',
  WEBHOOK_CONCURRENCY: process.env.WEBHOOK_CONCURRENCY ?? '256',
  // The receiver below listens on 127.0.0.1.
  ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
}, serverNodeArgs);
const hook = receiver();
try {
  await hook.listen();
  for (let i = 0; i < AGENTS; i++) await api(server, '/native/v1/users', { email: `agent${i}@bench.test`, name: `Agent ${i}`, role: 'agent' });
  await api(server, '/native/v1/webhooks', { format: 'native', url: hook.url, events: ['agent.status_changed'] });

  // 1. Live.
  const liveRate = await produce(server, 'live', EVENTS);
  await waitFor(() => hook.firstSeen.size >= EVENTS, 'the live deliveries');
  const liveTimes = [...hook.firstSeen.values()];
  const liveSeconds = (Math.max(...liveTimes) - Math.min(...liveTimes)) / 1000;
  console.log(`live: ${EVENTS} events produced at ${Math.round(liveRate)}/s; delivered at ${Math.round(EVENTS / liveSeconds)}/s (${liveSeconds.toFixed(1)} s first to last)`);

  // 2. Backlog after an outage.
  hook.firstSeen.clear();
  await hook.close();
  const backlogRate = await produce(server, 'backlog', EVENTS);
  // Let every event become a delivery and fail at least once before the receiver returns.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const back = performance.now();
  await hook.listen();
  await waitFor(() => hook.firstSeen.size >= EVENTS, 'the backlog to drain');
  const drainSeconds = (Math.max(...hook.firstSeen.values()) - back) / 1000;
  console.log(`backlog: ${EVENTS} events produced at ${Math.round(backlogRate)}/s while the receiver was down; drained in ${drainSeconds.toFixed(1)} s after it came back (${Math.round(EVENTS / drainSeconds)} deliveries/s)`);
  console.log(`server RSS: ${await rssMb(server.process.child.pid!)} MB`);
} finally {
  await hook.close();
  await server.stop();
}
