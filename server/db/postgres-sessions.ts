import pg from 'pg';
import { adminUrl } from './postgres-admin.ts';

/** Ends a database's sessions the way an administrator, a restart or a failover does; used by the connection-loss tests. */
export interface SessionTerminator {
  /**
   * Terminates every session on the database (but its own) and answers how many. With
   * `whileInTransaction`, only at a moment when one of them sits inside a transaction, else none.
   */
  terminate(options?: { whileInTransaction?: boolean }): Promise<number>;
  close(): Promise<void>;
}

export async function openSessionTerminator(databaseUrl: string): Promise<SessionTerminator> {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  // From the maintenance database, so terminating the target's sessions never ends this one.
  const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await client.connect();
  return {
    async terminate({ whileInTransaction = false } = {}) {
      const result = await client.query<{ terminated: number }>(
        `select count(*) filter (where pg_terminate_backend(pid))::int as terminated
           from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()
            and (not $2 or exists (select 1 from pg_stat_activity where datname = $1 and state = 'idle in transaction'))`,
        [database, whileInTransaction],
      );
      return result.rows[0]!.terminated;
    },
    close: () => client.end(),
  };
}
