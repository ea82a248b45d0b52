import type { Database } from './client.ts';

/** A statement with `$1…$n` placeholders and a name unique among the prepared statements. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/** What the two drivers under drizzle expose as `$client`: node-postgres's pool, or PGlite. */
type DriverClient =
  | { totalCount: number; query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> }
  | { query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * Runs one of the hottest statements without drizzle's query building, and on PostgreSQL as a
 * named prepared statement: each pooled connection parses and plans it once instead of on every
 * call (a third of the database's time for the message append; docs/benchmarks.md). PGlite runs
 * it as an ordinary parameterized query. On `db` itself only, not inside a transaction.
 */
export async function queryPrepared<Row>(db: Database, statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  const client = (db as unknown as { $client: DriverClient }).$client;
  const result = 'totalCount' in client ? await client.query({ ...statement, values }) : await client.query(statement.text, values);
  return result.rows as Row[];
}
