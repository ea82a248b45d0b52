import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { verifyPassword } from '../../core/security/passwords.ts';
import { findApiCredentialByKeyId } from '../../db/repositories/api-credentials.ts';
import { findUserByEmailAnywhere } from '../../db/repositories/users.ts';
import { openConfiguredDatabase } from '../../runtime.ts';
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
  expect(output).not.toContain('[object Object]');
};

/** Creating an embedded database takes seconds, and many more on a loaded machine. */
const SLOW_START_MS = 240_000;

/** A fresh embedded-database folder, whatever database the suite runs on: these tests are about DATA_DIR. */
async function withDataDir(work: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-cli-datadir-'));
  try {
    await work(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('switchboard start', () => {
  it('starts, creates the first admin once, survives a restart with its data, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = { ...databaseEnv, PORT: String(port), HOST: '127.0.0.1' };
    const first = runCli(['start'], env);
    const banner = await first.waitFor('Widget snippet', SLOW_START_MS);
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
    const again = await second.waitFor('Widget snippet', SLOW_START_MS);
    expect(again).not.toContain('First start');
    expect(again).toContain(`/js/${widgetId}.js`);
    const read = await fetch(`http://127.0.0.1:${port}/api/v1/user.json?api_key=${apiKey}&email=kept@example.com`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ email: 'kept@example.com', name: 'Kept', phone: null, accountType: 'biz' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 3 * SLOW_START_MS);

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

describe('switchboard start on a data folder in use', () => {
  it('two starts at once on one new data folder: one runs, the other says in words that the folder is in use', async () => {
    await withDataDir(async (dataDir) => {
      const runs = await Promise.all([freePort(), freePort()]).then((ports) =>
        ports.map((port) => runCli(['start'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' })),
      );
      const loser = await Promise.race(runs.map((run, index) => run.exited.then(() => index)));
      const winner = runs[1 - loser]!;
      expect(await runs[loser]!.exited).toBe(1);
      oneLineFailure(runs[loser]!.output());
      expect(runs[loser]!.output()).toMatch(/another Switchboard process \(pid \d+\) is using /);
      await winner.waitFor('Switchboard is running', SLOW_START_MS);
      winner.child.kill('SIGTERM');
      expect(await winner.exited, winner.output()).toBe(0);
    });
  }, 2 * SLOW_START_MS);

  it('a failure of the embedded database, which throws no Error but { name: "ErrnoError", errno }, is printed in words', async () => {
    await withDataDir(async (dataDir) => {
      // A file where the database folder belongs makes PGlite's file layer fail the way a concurrent start did.
      await writeFile(path.join(dataDir, 'db'), '');
      const run = runCli(['start'], { DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' });
      expect(await run.exited).toBe(1);
      oneLineFailure(run.output());
      expect(run.output()).toMatch(/the embedded database in \S+ could not use its files \(E[A-Z]+: [a-z ]+\)/);
    });
  }, SLOW_START_MS);
});

describe('switchboard create-organization, and commands that name an organization', () => {
  let env: Record<string, string>;
  let cleanupOwn: () => Promise<void>;
  beforeAll(async () => {
    ({ env, cleanup: cleanupOwn } = await isolatedDatabaseEnv('cli-organizations'));
  });
  afterAll(async () => cleanupOwn?.());

  /** Runs one command to its end; returns its exit code and output. */
  const cli = async (args: string[]) => {
    const run = runCli(args, env);
    return { code: await run.exited, output: run.output() };
  };

  /** Reads what the commands wrote, once no command holds the database. */
  async function inDatabase<T>(read: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>['db']) => Promise<T>): Promise<T> {
    const database = await openConfiguredDatabase(loadConfig(env));
    try {
      return await read(database.db);
    } finally {
      await database.close();
    }
  }

  it('creates tenants with their first admin, refuses a taken e-mail, and makes create-admin/create-api-key say which tenant', async () => {
    const acme = await cli(['create-organization', '--name', 'Acme', '--admin-email', 'Boss@Acme.test']);
    expect(acme.code).toBe(0);
    const acmeId = /Organization id:\s+([0-9a-f-]{36})/.exec(acme.output)![1]!;
    const password = /Password:\s+(\S+)\s+\(shown only now/.exec(acme.output)![1]!;
    expect(acme.output).toContain('Admin e-mail:     boss@acme.test');

    const taken = await cli(['create-organization', '--name', 'Copycat', '--admin-email', 'boss@acme.test']);
    expect(taken.code).toBe(1);
    oneLineFailure(taken.output);
    expect(taken.output).toContain('email boss@acme.test');

    const beta = await cli(['create-organization', '--name', 'Beta', '--admin-email', 'lead@beta.test', '--admin-password', 'beta secret', '--admin-name', 'Lea']);
    expect(beta.code).toBe(0);
    expect(beta.output).not.toContain('beta secret');
    const betaId = /Organization id:\s+([0-9a-f-]{36})/.exec(beta.output)![1]!;

    const ambiguous = await cli(['create-admin', '--email', 'second@acme.test']);
    expect(ambiguous.code).toBe(1);
    oneLineFailure(ambiguous.output);
    expect(ambiguous.output).toContain('choose one with --organization ID');
    expect(ambiguous.output).toContain(`${acmeId} (Acme)`);
    expect(ambiguous.output).toContain(`${betaId} (Beta)`);

    expect((await cli(['create-admin', '--email', 'second@acme.test', '--organization', acmeId])).code).toBe(0);
    const key = await cli(['create-api-key', '--organization', betaId, '--scopes', 'chat']);
    expect(key.code).toBe(0);
    const keyId = /sbk_([0-9a-f]{12})_/.exec(key.output)![1]!;
    const unknown = await cli(['create-api-key', '--organization', 'not-an-id']);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('no organization with id not-an-id');

    await inDatabase(async (db) => {
      const boss = await findUserByEmailAnywhere(db, 'boss@acme.test');
      expect(boss).toMatchObject({ organizationId: acmeId, role: 'admin' });
      expect(await verifyPassword(password, boss!.passwordHash)).toBe(true);
      expect(await findUserByEmailAnywhere(db, 'lead@beta.test')).toMatchObject({ organizationId: betaId, role: 'admin', name: 'Lea' });
      expect(await findUserByEmailAnywhere(db, 'second@acme.test')).toMatchObject({ organizationId: acmeId, role: 'admin' });
      expect(await findApiCredentialByKeyId(db, keyId)).toMatchObject({ organizationId: betaId, scopes: ['chat'] });
    });
  }, 4 * SLOW_START_MS);
});

describe('switchboard failures', () => {
  it.each([
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [['frobnicate'], {}, 'unknown command "frobnicate"'],
    [['start'], { PORT: 'abc' }, 'PORT must be an integer'],
    [['start'], { DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL must start with postgres://'],
    [['start'], { DATABASE_URL: 'postgres://127.0.0.1:1/nowhere' }, 'cannot reach the database at 127.0.0.1:1/nowhere'],
    [['create-admin'], {}, '--email is required'],
    [['create-organization', '--admin-email', 'a@b.test'], {}, '--name is required'],
    [['create-organization', '--name', 'Acme'], {}, '--admin-email is required'],
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
    expect(run.output()).toContain('create-organization --name N --admin-email E');
    expect(run.output()).toContain('[--organization ID]');
  });
});
