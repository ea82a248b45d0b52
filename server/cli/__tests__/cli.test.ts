import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCli } from '../../test/cli-process.ts';
import { isolatedDatabaseEnv } from '../../test/isolated-database-env.ts';

/** A server on its own database (see isolatedDatabaseEnv). */
let databaseEnv: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ env: databaseEnv, cleanup } = await isolatedDatabaseEnv('cli'));
});
afterAll(async () => cleanup?.());

const oneLineFailure = (output: string) => {
  const lines = output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^switchboard: /);
  expect(output).not.toMatch(/\n\s+at /);
};

describe('switchboard start', () => {
  it('starts, creates the first admin once, survives a restart with its data, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = { ...databaseEnv, PORT: String(port), HOST: '127.0.0.1' };
    const first = runCli(['start'], env);
    const banner = await first.waitFor('Widget snippet');
    expect(banner).toContain(`Console:    http://localhost:${port}/console`);
    expect(banner).toContain(`Demo page:  http://localhost:${port}/demo`);
    expect(banner).toContain('Admin e-mail:  admin@example.com');
    const apiKey = /API key:\s+(\S+)/.exec(banner)![1]!;
    const widgetId = /\/js\/([0-9a-f-]{36})\.js/.exec(banner)![1]!;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const created = await fetch(`http://127.0.0.1:${port}/api/v1/user.json?api_key=${apiKey}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kept@example.com', name: 'Kept', password: '12345', accountType: 'biz' }),
    });
    expect(created.status).toBe(201);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = runCli(['start'], env);
    const again = await second.waitFor('Widget snippet');
    expect(again).not.toContain('First start');
    expect(again).toContain(`/js/${widgetId}.js`);
    const read = await fetch(`http://127.0.0.1:${port}/api/v1/user.json?api_key=${apiKey}&email=kept@example.com`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ email: 'kept@example.com', name: 'Kept', phone: null, accountType: 'biz' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('refuses a port in use with one line and exit code 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    const run = runCli(['start'], { ...databaseEnv, PORT: String(port), HOST: '127.0.0.1' });
    expect(await run.exited).toBe(1);
    blocker.close();
    oneLineFailure(run.output());
    expect(run.output()).toContain(`port ${port} is already in use`);
  });
});

describe('switchboard failures', () => {
  it.each([
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [['frobnicate'], {}, 'unknown command "frobnicate"'],
    [['start'], { PORT: 'abc' }, 'PORT must be an integer'],
    [['start'], { DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL must start with postgres://'],
    [['start'], { DATABASE_URL: 'postgres://127.0.0.1:1/nowhere' }, 'cannot reach the database at 127.0.0.1:1/nowhere'],
    [['create-admin'], {}, '--email is required'],
  ])('switchboard %j with %j says "%s"', async (args, env, message) => {
    const run = runCli(args, { DATA_DIR: path.join(os.tmpdir(), 'switchboard-never-created'), ...env });
    expect(await run.exited).toBe(1);
    oneLineFailure(run.output());
    expect(run.output()).toContain(message);
  });

  it('prints help with exit code 0', async () => {
    const run = runCli(['--help'], {});
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Usage: switchboard <command>');
    expect(run.output()).toContain('create-api-key');
  });
});
