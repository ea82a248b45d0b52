import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Result } from 'autocannon';
import os from 'node:os';
import path from 'node:path';
import { freePort, runCli, type RunningCli } from '../server/test/cli-process.ts';

export interface BenchServer {
  process: RunningCli;
  port: number;
  /** The first-start API key (all scopes) and demo widget, read from the banner. */
  apiKey: string;
  widgetId: string;
  stop(): Promise<void>;
}

/**
 * `switchboard start` as its own process, on a fresh PGlite folder or the empty database of
 * DATABASE_URL, with rate limits out of the way. `nodeArgs` e.g. `--cpu-prof` profiles it.
 */
export async function startBenchServer(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-'));
  const port = await freePort();
  const server = runCli(
    ['start'],
    {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '1000000',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '1000000',
      ...(process.env.DATABASE_URL && { DATABASE_URL: process.env.DATABASE_URL }),
      ...env,
    },
    nodeArgs,
  );
  // Once only: a bench may stop the server before its `finally` does.
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    })());
  try {
    const banner = await server.waitFor('Widget snippet', 60_000);
    const apiKey = /API key:\s+(\S+)/.exec(banner)?.[1];
    if (!apiKey) throw new Error('the bench needs an empty database (no API key was printed); use an empty DATABASE_URL database');
    return { process: server, port, apiKey, widgetId: /\/js\/([0-9a-f-]{36})\.js/.exec(banner)![1]!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * For a second bench server in one run: with DATABASE_URL, a new empty database on the same
 * PostgreSQL server (a copy of template1, as any CREATE DATABASE makes), as `env` to pass to
 * startBenchServer, and `drop` to remove it once that server stopped. PGlite needs nothing: each
 * server has a folder of its own.
 */
export async function emptySiblingDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { env: {}, drop: async () => undefined };
  // Loaded only here: the database layer is heavy, and the other bench scripts never need it.
  const { adminUrl, cloneDatabase, dropDatabase, withDatabase } = await import('../server/db/postgres-admin.ts');
  const name = await cloneDatabase(url, 'template1');
  return { env: { DATABASE_URL: withDatabase(url, name) }, drop: () => dropDatabase(adminUrl(url), name) };
}

/**
 * Transactions committed so far in DATABASE_URL's database (PostgreSQL only; undefined on PGlite).
 * Read before a run and again after the server stopped (a backend reports its counts when idle
 * for a while or when it exits), the difference over the requests made is what one request costs
 * the database: a figure that, unlike requests per second, load on a shared machine does not move.
 */
export async function committedTransactions(): Promise<number | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('select xact_commit + xact_rollback as count from pg_stat_database where datname = current_database()');
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}

/** Resident memory of a process, in MB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** One autocannon run as the HTTP benches print it. */
export interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Answered requests in all. */
  requests: number;
}

export function figuresOf(name: string, result: Result): Figures {
  return { name, requestsPerSecond: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, requests: result.requests.total };
}
