/**
 * HTTP throughput of the running server, against a raw node:http baseline measured in the same run.
 *   npx tsx bench/provisioning.ts            (embedded PGlite in a temp folder)
 *   DATABASE_URL=postgres://… npx tsx bench/provisioning.ts
 * Starts `switchboard start` as a separate process, then drives it with autocannon from this one
 * (both share the machine's cores, hence the baseline).
 */
import http from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, runCli } from '../server/test/cli-process.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function measure(name: string, url: string): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  return { name, requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

async function baseline(): Promise<Figures> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await measure('raw node:http (baseline)', `http://127.0.0.1:${port}/`);
  } finally {
    server.close();
  }
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-'));
const port = await freePort();
const server = runCli(['start'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '1000000', API_RATE_LIMIT_PER_MINUTE: '1000000', ...(process.env.DATABASE_URL && { DATABASE_URL: process.env.DATABASE_URL }) });
try {
  const banner = await server.waitFor('Widget snippet', 60_000);
  const apiKey = /API key:\s+(\S+)/.exec(banner)?.[1];
  if (!apiKey) throw new Error('bench needs a fresh database (no API key was printed); use an empty DATABASE_URL database');
  const base = `http://127.0.0.1:${port}`;
  const results = [
    await baseline(),
    await measure('GET /healthz', `${base}/healthz`),
    await measure('GET /api/v1/user.json (key check + 1 query)', `${base}/api/v1/user.json?api_key=${apiKey}&email=admin@example.com`),
    await measure('GET /api/v1/widget.json (key check + 3 queries)', `${base}/api/v1/widget.json?api_key=${apiKey}&email=admin@example.com&uuid=${/\/js\/([0-9a-f-]{36})\.js/.exec(banner)![1]}`),
  ];
  console.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ${CONNECTIONS} connections, ${DURATION_S} s each`);
  console.table(results);
  console.log(`server RSS after load: ${await rssOf(server.child.pid!)} MB`);
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  await rm(dataDir, { recursive: true, force: true });
}
