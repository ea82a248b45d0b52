import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DomainError } from '../../core/errors.ts';
import { classifyError } from '../../http/errors.ts';
import { errorFrame } from '../../realtime/errors.ts';
import { hostAndPort, startTcpProxy, throughProxy, type TcpProxy } from '../../test/tcp-proxy.ts';
import { openDatabase, type DatabaseHandle } from '../client.ts';
import { isDatabaseUnavailable } from '../connection-errors.ts';
import { adminUrl, cloneDatabase, dropDatabase, withDatabase } from '../postgres-admin.ts';
import { openSessionTerminator, type SessionTerminator } from '../postgres-sessions.ts';
import { queryPrepared } from '../prepared.ts';

/**
 * A PostgreSQL connection that dies under the app (an administrator's pg_terminate_backend, a
 * restart, a network cut) costs the statement running on it, never the process, and never a slot
 * of the pool. An 'error' event nobody listens to would surface here as an unhandled error, which
 * vitest reports as a failure.
 */

const databaseUrl = process.env.DATABASE_URL;

describe.skipIf(!databaseUrl)('a lost PostgreSQL connection', () => {
  let name: string;
  let proxy: TcpProxy;
  let handle: DatabaseHandle;
  let sessions: SessionTerminator;
  /** One connection: a slot the pool failed to get back would leave the next statement waiting for it. */
  const pool = () => (handle.db as unknown as { $client: pg.Pool }).$client;

  beforeAll(async () => {
    name = await cloneDatabase(databaseUrl!, inject('postgresTemplate'));
    const url = withDatabase(databaseUrl!, name);
    proxy = await startTcpProxy(hostAndPort(url));
    handle = await openDatabase({ driver: 'postgres', url: throughProxy(url, proxy), poolSize: 1 });
    sessions = await openSessionTerminator(url);
  });
  afterAll(async () => {
    await handle?.close();
    await sessions?.close();
    await proxy?.close();
    if (name) await dropDatabase(adminUrl(databaseUrl!), name);
  });

  it('drops an idle pooled connection that was terminated, and the next query connects anew', async () => {
    await handle.ping();
    expect(pool().totalCount).toBe(1);
    expect(await sessions.terminate()).toBe(1);
    await vi.waitUntil(() => pool().totalCount === 0, { timeout: 10_000, interval: 10 });
    await handle.ping();
  });

  it('fails a transaction whose connection is terminated inside it as "database unavailable", and frees its slot', async () => {
    for (let round = 0; round < 3; round++) {
      const transaction = handle.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        expect(await sessions.terminate({ whileInTransaction: true })).toBe(1);
        // Checked out, not idle: the pool takes the dead connection back all the same.
        await vi.waitUntil(() => pool().totalCount === 0, { timeout: 10_000, interval: 10 });
        await tx.execute(sql`select 1`);
      });
      await expect(transaction).rejects.toSatisfy(isDatabaseUnavailable);
      await handle.ping();
    }
  });

  it('gives the connection back when the network is cut while BEGIN is on its way (drizzle releases only after BEGIN)', async () => {
    for (let round = 0; round < 3; round++) {
      pool().once('acquire', () => proxy.cut());
      await expect(handle.db.transaction(async () => {})).rejects.toSatisfy(isDatabaseUnavailable);
      await handle.ping();
    }
  });

  it('fails a statement whose connection is reset under it, then prepares its named statement again on the new connection', async () => {
    const statement = { name: 'connection_loss_probe', text: 'select $1::int as n' };
    expect(await queryPrepared(handle.db, statement, [1])).toEqual([{ n: 1 }]);
    pool().once('acquire', () => proxy.cut());
    await expect(queryPrepared(handle.db, statement, [2])).rejects.toSatisfy(isDatabaseUnavailable);
    expect(await queryPrepared(handle.db, statement, [3])).toEqual([{ n: 3 }]);
  });
});

describe('a database outage in each API', () => {
  const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

  it.each([
    ['admin_shutdown (57P01)', lost],
    ['cannot_connect_now (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a refused connection to every address', new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })])],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a closed connection', new Error('Connection terminated unexpectedly')],
    ['a query on a lost connection', new Error('Client has encountered a connection error and is not queryable')],
    ['a full pool that could not connect', new Error('timeout exceeded when trying to connect')],
    ['a driver error wrapped by drizzle', new Error('Failed query: select 1', { cause: lost })],
  ])('counts %s as the database being unavailable', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a domain error', new DomainError('conflict', 'closed')],
    ['a bug', new TypeError('x is undefined')],
    ['a non-error', '57P01'],
  ])('does not count %s', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('is a 503 "unavailable" for HTTP, which the native and SnapEngage handlers render in their shapes', () => {
    expect(classifyError(new Error('Failed query: select 1', { cause: lost }))).toEqual({
      status: 503,
      code: 'unavailable',
      message: 'the database is unavailable; retry shortly',
    });
  });

  it('is an "unavailable" error frame on the realtime gateway, not "internal"', () => {
    expect(errorFrame(lost, 'r1')).toEqual({ type: 'error', requestId: 'r1', code: 'unavailable', message: 'the database is unavailable; retry shortly' });
  });
});
