/**
 * HTTP throughput of the running server, against a raw node:http baseline measured in the same run.
 *   npx tsx bench/provisioning.ts            (embedded PGlite in a temp folder)
 *   DATABASE_URL=postgres://… npx tsx bench/provisioning.ts
 * Starts `switchboard start` as a separate process, then drives it with autocannon from this one
 * (both share the machine's cores, hence the baseline).
 */
import http from 'node:http';
import autocannon from 'autocannon';
import { figuresOf, rssMb, startBenchServer, type Figures } from './bench-server.ts';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function measure(name: string, url: string): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  return figuresOf(name, result);
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

const server = await startBenchServer();
try {
  const base = `http://127.0.0.1:${server.port}`;
  const { apiKey } = server;
  const results = [
    await baseline(),
    await measure('GET /healthz', `${base}/healthz`),
    await measure('GET /api/v1/user.json (key check + 1 query)', `${base}/api/v1/user.json?api_key=${apiKey}&email=admin@example.com`),
    await measure('GET /api/v1/widget.json (key check + 3 queries)', `${base}/api/v1/widget.json?api_key=${apiKey}&email=admin@example.com&uuid=${server.widgetId}`),
  ];
  console.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; ${CONNECTIONS} connections, ${DURATION_S} s each`);
  console.table(results);
  console.log(`server RSS after load: ${await rssMb(server.process.child.pid!)} MB`);
} finally {
  await server.stop();
}
