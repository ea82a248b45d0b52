import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

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
 * it as an ordinary parameterized query. Inside a transaction (which has no `$client` of its own)
 * it runs on the transaction's connection as an ordinary parameterized query too.
 */
export async function queryPrepared<Row>(db: Executor, statement: PreparedStatement, values: unknown[]): Promise<Row[]> {
  if (!('$client' in db)) return ((await db.execute(withValues(statement, values))) as unknown as { rows: Row[] }).rows;
  const client = (db as unknown as { $client: DriverClient }).$client;
  const result = 'totalCount' in client ? await client.query({ ...statement, values }) : await client.query(statement.text, values);
  return result.rows as Row[];
}

/** The statement as drizzle SQL, each `$n` bound to `values[n - 1]`. */
function withValues(statement: PreparedStatement, values: unknown[]): SQL {
  // split with a capture group: even pieces are SQL text, odd pieces the numbers of the placeholders.
  const pieces = statement.text.split(/\$(\d+)/);
  return sql.join(pieces.map((piece, index) => (index % 2 === 0 ? sql.raw(piece) : sql`${values[Number(piece) - 1]}`)));
}
